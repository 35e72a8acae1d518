# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from .common import SupportCommon


@tagged("post_install", "-at_install")
class TestEntitlement(SupportCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_support()

    def test_h2s_free_bought_two_months_ago_is_covered(self):
        self.make_contract(
            self.customer_a,
            self.plan_free,
            contacts=[self.alice],
            lines=[
                {
                    "product_id": self.card.id,
                    "serial": "SN-1",
                    "purchase_date": self.months_ago(2),
                    "bought_from_us": True,
                }
            ],
        )
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
