# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Webitel's 24/7/365 support (docs/vendors/webitel.md), support_billing
layer: a plan priced individually, the fee set on each contract."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestVendorWebitelRules(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs(["webitel"])
        cls.setup_billing()
        cls.plan = cls.env.ref("halo_support.plan_webitel_24_7")
        cls.licence_product = cls.env["product.product"].create(
            {
                "name": "Webitel licence (24/7 test)",
                "categ_id": cls.env.ref("halo_support.categ_webitel").id,
            }
        )

    def test_24_7_priced_individually_on_the_contract(self):
        self.assertEqual(self.plan.recurring_fee_type, "individual")
        self.assertFalse(self.plan.recurring_fee)
        partner, contact = self.make_customer("Round the clock (test)")
        contract = self.make_contract(
            self.plan,
            partner=partner,
            contact=contact,
            activate=False,
            line_ids=[
                Command.create(
                    {
                        "product_id": self.licence_product.id,
                        "serial": "WBT-247",
                        "purchase_date": self.today - timedelta(days=30),
                        "licence_value": 600000,
                    }
                )
            ],
        )
        with self.assertRaisesRegex(UserError, "Individual fee"):
            contract.action_activate()
        self.assertEqual(contract.state, "draft")
        # The price is a manager's: an agent's write is refused.
        agent = self.env["res.users"].create(
            {
                "name": "Agent (24/7 test)",
                "login": "webitel_247_agent",
                "groups_id": [
                    Command.set([self.env.ref("halo_support.group_support_user").id])
                ],
            }
        )
        with self.assertRaises(AccessError):
            contract.with_user(agent).write({"individual_fee": 1})
        contract.individual_fee = 250000
        self.assertEqual(contract.recurring_fee_amount, 250000.0)
        contract.action_activate()
        self.assertEqual(contract.state, "active")
        line = contract.recurring_contract_id.contract_line_ids
        self.assertEqual(
            (line.price_unit, line.recurring_rule_type), (250000.0, "yearly")
        )
