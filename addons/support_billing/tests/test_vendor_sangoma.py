# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sangoma (docs/vendors/sangoma.md, Billing) billed from the shipped vendor pack alone.

Checks 10 policy numbers: 1 credit = 1 minute of professional services; packs
of 2, 5 and 10 hours give 120, 300 and 600 credits (3); bug escalation and
resolution never consume credits; a bug or an incident solved by standard
configuration does; minor configuration assistance (consultation, change)
is paid in credits; credits of a case escalated to R&D are refunded when it ends in a
patch or a software update; hardware defect evaluation consumes no credits.
"""

from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestVendorSangoma(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs(["sangoma"])
        cls.setup_billing()
        cls.plan = cls.env.ref("halo_support.plan_sangoma_support")
        cls.usd = cls.env.ref("base.USD")
        gateway = cls.env["product.product"].create(
            {
                "name": "Vega gateway (Sangoma test)",
                "categ_id": cls.env.ref("halo_support.categ_sangoma_hardware").id,
            }
        )
        cls.sangoma_contract = cls.make_contract(
            cls.plan,
            line_ids=[
                Command.create(
                    {
                        "product_id": gateway.id,
                        "serial": "VEGA-TEST-1",
                        "purchase_date": cls.today - timedelta(days=200),
                    }
                )
            ],
        )
        cls.wallet = cls.sangoma_contract._support_wallet("time")

    def buy(self, hours):
        pack = self.env.ref(f"support_billing.product_support_pack_{hours}h")
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "currency_id": self.usd.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": pack.id, "quantity": 1, "price_unit": 100}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def ticket(self, category):
        ticket = self.make_ticket(
            self.sangoma_contract,
            category,
            support_product_line_id=self.sangoma_contract.line_ids.id,
        )
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        return ticket

    def verdict(self, line):
        line.invalidate_recordset()
        return (line.support_verdict, line.support_wallet_minutes, line.support_amount)

    def test_credits_are_minutes(self):
        self.assertEqual(self.plan.currency_id, self.usd)
        self.assertEqual(self.wallet.unit, "minute")
        self.assertEqual(self.wallet.period_amount, 0.0)  # credits come in packs
        self.buy(2)
        line = self.log(self.ticket("configuration"), 45)
        self.assertEqual(self.verdict(line), ("wallet", 45, 0.0))
        self.assertEqual(self.balance(self.wallet), 75)
        self.assertEqual(self.ledger_sum(self.wallet), 75)

    def test_packs_of_2_5_and_10_hours(self):
        total = 0
        for hours, credits in ((2, 120), (5, 300), (10, 600)):
            with self.subTest(pack=hours):
                self.buy(hours)
                total += credits
                self.assertEqual(self.balance(self.wallet), total)
        self.assertEqual(total, 1020)

    def test_bug_work_never_consumes_credits(self):
        self.buy(5)
        ticket = self.ticket("bug")
        line = self.log(ticket, 90)
        self.assertEqual(self.verdict(line), ("not_billable", 0, 0.0))
        self.assertEqual(self.balance(self.wallet), 300)
        ticket.support_rnd_escalated = True
        self.log(ticket, 120)
        self.assertEqual(self.balance(self.wallet), 300)

    def test_bug_solved_by_configuration_uses_credits(self):
        self.buy(5)
        ticket = self.ticket("bug")
        line = self.log(ticket, 90)
        ticket.support_outcome = "configuration"
        self.assertEqual(self.verdict(line), ("wallet", 90, 0.0))
        self.assertEqual(self.balance(self.wallet), 210)

    def test_incident_solved_by_configuration_uses_credits(self):
        self.buy(2)
        ticket = self.ticket("incident")
        line = self.log(ticket, 30)
        self.assertEqual(self.verdict(line), ("free", 0, 0.0))
        ticket.support_outcome = "configuration"
        self.assertEqual(self.verdict(line), ("wallet", 30, 0.0))
        self.assertEqual(self.balance(self.wallet), 90)

    def test_minor_configuration_assistance_uses_credits(self):
        # consultation and change tickets are professional services: covered
        # by the plan and paid in credits, not a quote without a rate
        self.buy(2)
        for category, minutes, left in (("consultation", 20, 100), ("change", 25, 75)):
            with self.subTest(category=category):
                line = self.log(self.ticket(category), minutes)
                self.assertEqual(self.verdict(line), ("wallet", minutes, 0.0))
                self.assertEqual(self.balance(self.wallet), left)

    def test_rnd_patch_or_update_refunds_credits(self):
        self.buy(5)
        for outcome in ("patch", "update"):
            with self.subTest(outcome=outcome):
                ticket = self.ticket("configuration")
                line = self.log(ticket, 45)
                self.assertEqual(self.balance(self.wallet), 255)
                ticket.write(
                    {"support_rnd_escalated": True, "support_outcome": outcome}
                )
                self.assertEqual(self.verdict(line), ("free", 0, 0.0))
                self.assertEqual(self.balance(self.wallet), 300)
        kinds = self.wallet.entry_ids.sorted("id").mapped("kind")
        self.assertEqual(kinds.count("refund"), 2)
        self.assertEqual(self.ledger_sum(self.wallet), 300)

    def test_hardware_evaluation_uses_no_credits(self):
        self.buy(2)
        line = self.log(self.ticket("hardware_rma"), 60)
        self.assertEqual(self.verdict(line), ("free", 0, 0.0))
        self.assertEqual(self.balance(self.wallet), 120)

    def test_empty_wallet_asks_for_a_pack(self):
        self.buy(2)
        ticket = self.ticket("configuration")
        line = self.log(ticket, 150)
        # 120 credits cover 120 minutes; the rest waits for a new pack
        self.assertEqual(self.verdict(line), ("not_billable", 120, 0.0))
        self.assertEqual(self.balance(self.wallet), 0)

    def test_billing_run_time_not_a_whole_hour_from_credits(self):
        # Sangoma bills no time: professional services come from the credits
        self.buy(2)
        ticket = self.ticket("configuration")
        lines = self.log(ticket, 37) | self.log(ticket, 67)
        self.assertEqual(set(lines.mapped("support_verdict")), {"wallet"})
        self.assertFalse(self.bill_and_post(self.sangoma_contract))
        self.assertEqual(self.balance(self.wallet), 120 - 104)
