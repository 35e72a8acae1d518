# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Webitel (POLICIES.md §5) billed from the shipped vendor pack alone.

Checks 7 policy numbers: support priced as a percentage of the yearly
licence value (a plan field; the pack ships the PLACEHOLDER 20 %, the page
gives no number), invoiced yearly (2); Advanced: 30 consultation requests a
month, change requests included, a request beyond them flagged and billed
(3); Pro: unlimited requests (1); a defect caused by the customer, a third
party or their hardware or software billed at the time spent (1; the hourly
rate is the PLACEHOLDER 1000 UAH).
"""

from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon

PORTAL = "helpdesk_mgmt.helpdesk_ticket_channel_web"


@tagged("post_install", "-at_install")
class TestVendorWebitel(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs(["webitel"])
        cls.setup_billing()
        cls.uah = cls.env.ref("base.UAH")
        cls.advanced = cls.env.ref("halo_support.plan_webitel_advanced")
        cls.pro = cls.env.ref("halo_support.plan_webitel_pro")
        cls.licence_product = cls.env["product.product"].create(
            {
                "name": "Webitel licence (test)",
                "categ_id": cls.env.ref("halo_support.categ_webitel").id,
            }
        )

    def contract(self, plan, *licence_values):
        partner, contact = self.make_customer(
            f"{plan.name} customer (test)", "Authorised (test)"
        )
        return self.make_contract(
            plan,
            partner=partner,
            contact=contact,
            line_ids=[
                Command.create(
                    {
                        "product_id": self.licence_product.id,
                        "serial": f"WBT-{partner.id}-{index}",
                        "purchase_date": self.today - timedelta(days=30),
                        "licence_value": value,
                    }
                )
                for index, value in enumerate(licence_values or (60000,))
            ],
        )

    def ticket(self, contract, category, **vals):
        ticket = self.make_ticket(
            contract,
            category,
            support_product_line_id=contract.line_ids[:1].id,
            channel_id=self.env.ref(PORTAL).id,
            **vals,
        )
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        return ticket

    def test_share_of_the_yearly_licence_value(self):
        for plan in self.advanced | self.pro:
            with self.subTest(plan=plan.name):
                # PLACEHOLDER: the vendor's page omits the percentage
                self.assertEqual(plan.licence_share_percent, 20.0)
                contract = self.contract(plan, 300000, 60000)
                self.assertEqual(contract.recurring_fee_amount, 72000.0)
                oca = contract.recurring_contract_id
                self.assertEqual(
                    (
                        oca.contract_line_ids.price_unit,
                        oca.contract_line_ids.recurring_rule_type,
                    ),
                    (72000.0, "yearly"),
                )
                invoice = oca._recurring_create_invoice(self.today)
                self.assertEqual(
                    (invoice.amount_untaxed, invoice.currency_id), (72000.0, self.uah)
                )
        # the share follows the field
        self.pro.licence_share_percent = 15.0
        self.assertEqual(self.contract(self.pro, 360000).recurring_fee_amount, 54000.0)

    def test_advanced_30_requests_a_month_changes_included(self):
        contract = self.contract(self.advanced)
        wallet = contract._support_wallet("request")
        self.assertEqual((wallet.unit, wallet.period_amount), ("request", 30.0))
        tickets = self.env["helpdesk.ticket"]
        for index in range(30):
            tickets |= self.ticket(
                contract, "change" if index % 3 == 0 else "service_request"
            )
        self.assertEqual(set(tickets.mapped("support_quota_state")), {"counted"})
        self.assertEqual(self.balance(wallet), 0)
        counted = self.log(tickets[0], 90)
        self.assertEqual(
            (counted.support_verdict, counted.support_amount), ("wallet", 0)
        )
        # the 31st request is flagged and its time billed (placeholder rate)
        extra = self.ticket(contract, "change")
        self.assertEqual(extra.support_quota_state, "exceeded")
        line = self.log(extra, 30)
        self.assertEqual(
            (line.support_verdict, line.support_amount), ("billable", 500.0)
        )
        # incidents are not counted
        incident = self.ticket(contract, "incident")
        self.assertEqual(incident.support_quota_state, "none")
        self.assertEqual(self.log(incident, 60).support_amount, 0.0)

    def test_pro_unlimited_requests(self):
        contract = self.contract(self.pro)
        self.assertFalse(contract._support_wallet("request"))
        tickets = self.env["helpdesk.ticket"]
        for index in range(31):
            tickets |= self.ticket(
                contract, "change" if index % 2 else "service_request"
            )
        self.assertEqual(set(tickets.mapped("support_quota_state")), {"none"})
        line = self.log(tickets[-1], 45)
        self.assertEqual((line.support_verdict, line.support_amount), ("free", 0.0))

    def test_customer_caused_defect_billed_at_time_spent(self):
        for plan in self.advanced | self.pro:
            contract = self.contract(plan)
            for cause in ("customer", "third_party", "customer_hardware"):
                with self.subTest(plan=plan.name, cause=cause):
                    ticket = self.ticket(contract, "incident", support_cause=cause)
                    line = self.log(ticket, 37)
                    # 37 minutes at 1000 UAH an hour (placeholder), no rounding
                    self.assertEqual(line.support_billable_minutes, 37)
                    self.assertAlmostEqual(line.support_amount, 616.67, places=2)
                    ticket.support_cause = "product"
                    line.invalidate_recordset()
                    self.assertEqual(line.support_amount, 0.0)
