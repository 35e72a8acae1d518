# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from .tour_common import (
    SUPPORT_AGENT_GROUPS,
    HaloTourCase,
    fsm_groups,
)
from .vendor_common import HELPDESK_CHANNELS, VendorPackCase


@tagged("post_install", "-at_install", "halo_tour")
class TestTourComplaint(VendorPackCase, HaloTourCase):
    """Oktell: the head decides a complaint in the back office."""

    vendor = "oktell"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        licence = cls.product("categ_oktell", "Oktell licence (tour)")
        cls.contract(
            "plan_oktell_l1",
            [cls.line(licence, "OKT-TOUR", months=6, licence_registered=True)],
        )
        cls.head = new_test_user(
            cls.env,
            login="tour_complaint_head",
            password="tour_complaint_head",
            name="Head of sipnet",
            groups=SUPPORT_AGENT_GROUPS + fsm_groups(cls.env),
        )
        cls.pack_ref("plan_oktell_l1").complaint_user_id = cls.head
        cls.complaint = cls.env["helpdesk.ticket"].create(
            {
                "name": "Tour: nobody answered for a week",
                "description": "<p>Our question of the 1st is unanswered.</p>",
                "partner_id": cls.contact.id,
                "type_id": cls.pack_ref("ticket_type_complaint").id,
                "channel_id": cls.env.ref(HELPDESK_CHANNELS["email"]).id,
            }
        )

    def test_head_decides_the_complaint(self):
        self.assertEqual(self.complaint.entitlement, "covered")
        self.assertEqual(self.complaint.activity_ids.user_id, self.head)
        self.start_tour(
            "/odoo", "halo_support_head_decides_complaint", login="tour_complaint_head"
        )
        self.assertEqual(self.complaint.complaint_decision, "rejected")
        self.assertIn("within the term", self.complaint.complaint_reasoning)
        self.assertEqual(self.complaint.complaint_decided_by_id, self.head)
        told = self.complaint.message_ids.filtered(
            lambda m: self.contact in m.partner_ids and m.message_type == "comment"
        )
        self.assertIn("Decision on your complaint: Rejected.", told.body)
