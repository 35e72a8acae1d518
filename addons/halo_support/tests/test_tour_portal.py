# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from .common import SupportCommon
from .tour_common import HaloTourCase


@tagged("post_install", "-at_install", "halo_tour")
class TestTourPortal(SupportCommon, HaloTourCase):
    """Portal journeys in Chromium: submitting a request under a contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_support()
        cls.plan_free.name = "Tour Free"
        cls.user_alice = cls._portal_user("tour_alice", cls.alice, "Alice Tour")
        cls.user_adam = cls._portal_user("tour_adam", cls.adam, "Adam Tour")
        cls.contract = cls.make_contract(
            cls.customer_a,
            cls.plan_free,
            contacts=[cls.alice],
            name="SUP-TOUR-A",
            lines=[
                {
                    "product_id": cls.card.id,
                    "serial": "TOUR-CARD-1",
                    "purchase_date": cls.months_ago(1),
                    "bought_from_us": True,
                }
            ],
        )

    @classmethod
    def _portal_user(cls, login, partner, name):
        partner.name = name
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            partner_id=partner.id,
            name=name,
            email=partner.email,
            password=login,
        )

    def _tickets_of(self, partner):
        return self.env["helpdesk.ticket"].search([("partner_id", "=", partner.id)])

    def test_authorised_contact_submits_against_contract_and_product(self):
        self.assertFalse(self._tickets_of(self.alice))
        self.start_tour("/my", "halo_support_portal_submit", login="tour_alice")
        ticket = self._tickets_of(self.alice)
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "Tour: no dial tone on the card")
        self.assertEqual(ticket.support_contract_id, self.contract)
        self.assertEqual(ticket.support_product_line_id, self.contract.line_ids)
        self.assertEqual(ticket.support_serial, "TOUR-CARD-1")
        self.assertEqual(ticket.entitlement, "covered")
        self.assertFalse(ticket.support_flagged)

    def test_unauthorised_contact_is_told_why(self):
        self.start_tour("/my", "halo_support_portal_unauthorised", login="tour_adam")
        ticket = self._tickets_of(self.adam)
        self.assertEqual(len(ticket), 1, "the request is kept")
        self.assertEqual(ticket.support_contract_id, self.contract)
        self.assertEqual(ticket.entitlement, "not_authorised")
        self.assertTrue(ticket.support_flagged)
        self.assertIn("Alice Tour", ticket.entitlement_reason)
