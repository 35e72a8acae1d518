# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import new_test_user, tagged

from odoo.addons.halo_support.tests.tour_common import (
    SUPPORT_AGENT_GROUPS,
    HaloTourCase,
    fsm_groups,
)

from .common import SangomaRmaCase


@tagged("post_install", "-at_install", "halo_tour")
class TestTourRma(SangomaRmaCase, HaloTourCase):
    """Hardware returns in Chromium: the agent's analysis and decision in the
    back office, the customer following its RMA on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit.purchase_date = date(2025, 3, 10)
        cls.tour_ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Tour: the gateway is dead",
                "description": "<p>No power since the storm</p>",
                "partner_id": cls.contact.id,
                "type_id": cls.pack_ref("ticket_type_hardware_rma").id,
                "support_serial": "SNG-VEGA-1",
                "support_request_date": date(2026, 11, 16),
            }
        )

    def test_agent_records_the_analysis_and_authorises(self):
        new_test_user(
            self.env,
            login="tour_rma_agent",
            password="tour_rma_agent",
            groups=SUPPORT_AGENT_GROUPS + fsm_groups(self.env),
        )
        self.start_tour("/odoo", "support_rma_agent_authorise", login="tour_rma_agent")
        analysis = self.tour_ticket.support_analysis_ids
        self.assertEqual(analysis.decision, "authorised")
        self.assertEqual(self.tour_ticket.support_rma_ids, analysis.rma_id)
        self.assertEqual(analysis.rma_id.product_id, self.vega)

    def test_customer_follows_the_rma_on_the_portal(self):
        new_test_user(
            self.env,
            login="tour_rma_customer",
            password="tour_rma_customer",
            groups="base.group_portal",
            partner_id=self.contact.id,
        )
        analysis = self.env["support.failure.analysis"].create(
            {
                "ticket_id": self.tour_ticket.id,
                "line_id": self.unit.id,
                "report_date": date(2026, 11, 16),
                "symptoms": "No power",
                "tests_done": "Power supply swapped",
                "result": "confirmed",
                "cause": "product_fault",
            }
        )
        analysis.action_done()
        analysis.action_decide()
        self.start_tour("/my", "support_rma_portal_follow", login="tour_rma_customer")
