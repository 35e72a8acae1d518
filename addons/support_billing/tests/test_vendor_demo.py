# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The billing demo on the vendor packs: wallets part-used, a success fee
awaiting the customer, an onsite visit planned, a draft invoice of a run."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestVendorDemo(TransactionCase):
    def ref(self, xmlid):
        return self.env.ref(xmlid if "." in xmlid else f"halo_support.{xmlid}")

    def test_demo_contracts_have_wallets_and_fees(self):
        pro = self.ref("demo_contract_halo_kwadrat_2")
        self.assertEqual(pro.plan_id, self.ref("plan_h2s_pro"))
        self.assertEqual(pro.recurring_contract_id.contract_line_ids.price_unit, 750)
        wallet = pro._support_wallet("time", create=False)
        self.assertEqual((wallet.unit, wallet.balance), ("hour", 75))
        sangoma = self.ref("demo_contract_sangoma_1")
        credits = sangoma._support_wallet("time", create=False)
        self.assertEqual((credits.unit, credits.balance), ("minute", 255))
        oktell = self.ref("demo_contract_oktell_1")
        self.assertEqual(oktell.recurring_fee_amount, 46000)

    def test_success_fee_offered(self):
        ticket = self.ref("demo_ticket_halo_kwadrat_flexible_covered")
        self.assertEqual(ticket.success_fee_state, "report_sent")
        self.assertTrue(ticket.success_fee_report_id)
        # 5 hours at 160 zł, billable as hourly work until the decision
        self.assertEqual(sum(ticket.timesheet_ids.mapped("unit_amount")), 5.0)

    def test_infotel_v3_allowances_part_used(self):
        contract = self.ref("demo_contract_infotel_5")
        check = self.ref("demo_ticket_infotel_v3_pbx_check")
        self.assertEqual(check.support_quota_state, "counted")
        left = {
            wallet.allowance_id.name: wallet.balance
            for wallet in contract.wallet_ids.filtered("allowance_id")
        }
        self.assertEqual(left, {"Onsite work": 30, "Regular PBX checks": 1})

    def test_portal_user_has_a_success_fee_to_decide(self):
        portal = self.env.ref("base.demo_user0")
        ticket = self.ref("demo_ticket_halo_kwadrat_portal_flexible")
        Ticket = self.env["helpdesk.ticket"].with_user(portal)
        self.assertEqual(Ticket.search([("id", "=", ticket.id)]), ticket)
        self.assertEqual(
            (ticket.success_fee_state, ticket.support_agreement_channel),
            ("report_sent", "portal"),
        )
        self.assertTrue(ticket.success_fee_report_id)

    def test_onsite_visit_planned(self):
        order = self.env.ref("support_billing.demo_fsm_order_silesia")
        self.assertEqual(order.support_plan_id, self.ref("plan_h2s_onsite"))
        self.assertEqual(
            (order.support_onsite_amount, order.support_travel_amount),
            (1280.0, 300.0),
        )

    def test_draft_invoice_of_the_demo_run(self):
        run = self.env.ref("support_billing.demo_billing_run")
        self.assertEqual(run.state, "done")
        invoice = self.env["account.move"].search(
            [("support_contract_id", "=", self.ref("demo_contract_infotel_2").id)]
        )
        self.assertEqual(len(invoice), 1)
        self.assertEqual(
            (invoice.state, invoice.amount_untaxed, invoice.currency_id.name),
            ("draft", 45.0, "EUR"),
        )
        self.assertEqual(invoice.support_billing_run_id, run)
