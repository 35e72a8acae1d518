# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Webitel's contract rules (docs/vendors/webitel.md), halo_support layer.

Configuration by Webitel's engineers only for Cloud customers on Advanced;
the additional functional blocks a contract chooses for the priority-1 terms
(1 on Advanced, 2 on Pro); support not cancelled before the licence period
ends; 24/7/365 a plan of its own.
"""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import format_date

from .vendor_common import VendorPackCase

BLOCKS = (
    "functional_block_webitel_statistics",
    "functional_block_webitel_autodialer",
    "functional_block_webitel_autodialer_data",
    "functional_block_webitel_api",
    "functional_block_webitel_reporting",
)


@tagged("post_install", "-at_install")
class TestVendorWebitelRules(VendorPackCase):
    vendor = "webitel"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.licence = cls.product("categ_webitel", "Webitel licence (test)")
        cls.advanced = cls.contract(
            "plan_webitel_advanced", [cls.line(cls.licence, "WBT-ADV", months=3)]
        )
        cls.pro_customer = cls.customer.copy({"name": "Pro customer (test)"})
        cls.pro_contact = cls.contact.copy({"parent_id": cls.pro_customer.id})
        cls.pro = cls.contract(
            "plan_webitel_pro",
            [cls.line(cls.licence, "WBT-PRO", months=3)],
            contacts=[cls.pro_contact],
            customer=cls.pro_customer,
        )
        cls.blocks = [cls.pack_ref(b) for b in BLOCKS]

    def test_configuration_by_engineers_for_cloud_customers_only(self):
        self.advanced.deployment = "on_premises"
        ticket = self.ticket(kind="ticket_type_configuration", channel="portal")
        self.assertVerdict(ticket, "excluded", "only for Cloud customers")
        self.assertEqual(ticket.entitlement_reason_code, "configuration_not_cloud")
        self.assertIn("On-premises", ticket.entitlement_reason)
        # Other work of an on-premises customer stays covered.
        self.assertVerdict(
            self.ticket(kind="ticket_type_change", channel="portal"), "covered"
        )
        # Unknown deployment: not Cloud.
        self.advanced.deployment = False
        self.assertVerdict(ticket, "excluded", "(not set)")
        # Moving to Cloud judges the open tickets again.
        self.advanced.deployment = "cloud"
        self.assertVerdict(ticket, "covered")
        # Pro includes configuration for every deployment.
        self.pro.deployment = "on_premises"
        pro_ticket = self.ticket(
            self.pro_contact, kind="ticket_type_configuration", channel="portal"
        )
        self.assertVerdict(pro_ticket, "covered")

    def test_priority_1_blocks_one_on_advanced_two_on_pro(self):
        advanced = self.pack_ref("plan_webitel_advanced")
        pro = self.pack_ref("plan_webitel_pro")
        self.assertEqual(advanced.max_critical_blocks, 1)
        self.assertEqual(pro.max_critical_blocks, 2)
        self.assertEqual(len(advanced.functional_block_ids), 5)
        self.advanced.critical_block_ids = [(6, 0, [self.blocks[1].id])]
        with self.assertRaisesRegex(
            ValidationError, "Blocks under priority 1.*allows 1"
        ):
            self.advanced.critical_block_ids = [
                (6, 0, [self.blocks[1].id, self.blocks[3].id])
            ]
        self.pro.critical_block_ids = [(6, 0, [self.blocks[1].id, self.blocks[3].id])]
        with self.assertRaisesRegex(
            ValidationError, "Blocks under priority 1.*allows 2"
        ):
            self.pro.critical_block_ids = [(6, 0, [b.id for b in self.blocks[:3]])]
        other = self.env["support.functional.block"].create({"name": "Other (test)"})
        with self.assertRaisesRegex(ValidationError, "offers no block Other"):
            self.pro.critical_block_ids = [(6, 0, other.ids)]

    def test_support_not_cancelled_before_the_licence_period_ends(self):
        self.assertTrue(self.pack_ref("plan_webitel_advanced").licence_bound)
        end = self.today + timedelta(days=200)
        self.advanced.licence_date_end = end
        with self.assertRaisesRegex(UserError, "Licence period ends") as caught:
            self.advanced.action_cancel()
        self.assertIn(format_date(self.env, end), str(caught.exception))
        self.assertEqual(self.advanced.state, "active")
        # Pro is bound the same way.
        self.pro.licence_date_end = end
        with self.assertRaisesRegex(UserError, "Licence period ends"):
            self.pro.action_cancel()
        # An unknown licence end is not held against the customer.
        self.pro.licence_date_end = False
        self.pro.action_cancel()
        self.assertEqual(self.pro.state, "cancelled")
        # Once the licence period ended, support may be cancelled.
        self.advanced.licence_date_end = self.today - timedelta(days=1)
        self.advanced.action_cancel()
        self.assertEqual(self.advanced.state, "cancelled")

    def test_24_7_plan_priced_individually(self):
        plan = self.pack_ref("plan_webitel_24_7")
        self.assertEqual(plan.code, "WEBITEL-24-7")
        self.assertEqual(plan.vendor_partner_id, self.vendor_partner)
        self.assertEqual(plan.currency_id.name, "UAH")
        self.assertTrue(plan.licence_bound)
        self.assertIn("priced individually", plan.description)

    def test_contract_terms_are_written_by_managers_only(self):
        user = self.env["res.users"].create(
            {
                "name": "Support agent (webitel rules test)",
                "login": "webitel_rules_agent",
                "groups_id": [
                    (6, 0, [self.env.ref("halo_support.group_support_user").id])
                ],
            }
        )
        contract = self.advanced.with_user(user)
        for vals in (
            {"deployment": "cloud"},
            {"licence_date_end": self.today},
            {"critical_block_ids": [(6, 0, [self.blocks[0].id])]},
            {"offer_date": self.today},
        ):
            with self.subTest(field=next(iter(vals))), self.assertRaises(AccessError):
                contract.write(vals)
