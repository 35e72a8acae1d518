# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""infotel's commercial rules (docs/vendors/infotel.md), support_billing layer.

A repeated question after the customer's warning is paid service (45 EUR an
hour, agreed in writing); a customer using paid service more than once in
half a year gets an activity for the account manager to offer an SLA
package and a training, once.
"""

from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestVendorInfotelRules(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs(["infotel"])
        cls.setup_billing()
        cls.pbx = cls.env["product.product"].create(
            {
                "name": "PBX (infotel rules test)",
                "categ_id": cls.env.ref("halo_support.categ_infotel_pbx").id,
            }
        )
        cls.manager = cls.env["res.users"].create(
            {"name": "Account manager (billing test)", "login": "infotel_billing_am"}
        )

    def contract(self, code):
        partner, contact = self.make_customer(f"infotel {code} customer (rules)")
        contract = self.make_contract(
            self.env.ref(f"halo_support.plan_infotel_{code}"),
            partner=partner,
            contact=contact,
            line_ids=[
                Command.create(
                    {
                        "product_id": self.pbx.id,
                        "serial": f"PBX-R-{code}",
                        "purchase_date": self.today - timedelta(days=100),
                    }
                )
            ],
        )
        contract.user_id = self.manager
        return contract

    def ticket(self, contract, category, **vals):
        ticket = self.make_ticket(
            contract, category, support_product_line_id=contract.line_ids.id, **vals
        )
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        return ticket

    def verdict(self, line):
        line.invalidate_recordset()
        return (
            line.support_verdict,
            line.support_billable_minutes,
            line.support_amount,
        )

    def test_repeated_question_after_the_warning_is_paid(self):
        contract = self.contract("free")
        first = self.ticket(contract, "consultation")
        self.assertEqual(self.verdict(self.log(first, 50)), ("free", 0, 0))
        warned = self.ticket(contract, "consultation")
        self.assertEqual(warned.support_repeat_state, "warned")
        self.assertEqual(self.verdict(self.log(warned, 50)), ("free", 0, 0))
        paid = self.ticket(contract, "consultation")
        self.assertEqual(paid.support_repeat_state, "paid")
        line = self.log(paid, 40)
        # Paid work needs the customer's written agreement first.
        self.assertEqual(self.verdict(line)[0], "not_billable")
        self.agree(paid)
        self.assertEqual(self.verdict(line), ("billable", 60, 45.0))
        self.assertIn("repeated question", line.support_verdict_reason)

    def test_paid_service_more_than_once_in_half_a_year_offers_sla(self):
        contract = self.contract("paid")
        plan = contract.plan_id
        self.assertEqual((plan.offer_paid_count, plan.offer_months), (1, 6))
        first = self.ticket(contract, "configuration")
        self.agree(first)
        self.log(first, 40)
        self.assertTrue(first.support_paid_service)
        self.assertFalse(contract.activity_ids)
        second = self.ticket(contract, "configuration")
        self.agree(second)
        self.log(second, 40)
        activity = contract.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn("paid service 2 times within 6 months", activity.note)
        self.assertIn("Zvolen", activity.note)
        # Once per half-year, not on every paid ticket.
        third = self.ticket(contract, "configuration")
        self.agree(third)
        self.log(third, 40)
        self.assertEqual(len(contract.activity_ids), 1)
