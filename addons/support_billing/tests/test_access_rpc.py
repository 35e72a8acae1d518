# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Billing fields refused over JSON-RPC to the users who would forge them."""

from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.halo_support.tests.common import RpcMixin

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestBillingAccessRpc(RpcMixin, BillingCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.agent = new_test_user(
            cls.env,
            login="billing-rpc-agent",
            password="billing-rpc-agent-pw",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user,"
            "hr_timesheet.group_hr_timesheet_user",
        )
        cls.support_user = new_test_user(
            cls.env,
            login="billing-rpc-support",
            password="billing-rpc-support-pw",
            groups="base.group_user,halo_support.group_support_user,"
            "hr_timesheet.group_hr_timesheet_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="billing-rpc-manager",
            password="billing-rpc-manager-pw",
            groups="base.group_user,halo_support.group_support_manager",
        )
        cls.accountant = new_test_user(
            cls.env,
            login="billing-rpc-accountant",
            password="billing-rpc-accountant-pw",
            groups="base.group_user,account.group_account_invoice",
        )
        cls.portal = new_test_user(
            cls.env,
            login="billing-rpc-portal",
            password="billing-rpc-portal-pw",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.infotel = cls.plan_infotel()
        cls.contract = cls.make_contract(cls.infotel)
        cls.ticket = cls.make_ticket(cls.contract, "configuration", name="Dial plan")
        cls.ticket._support_record_agreement("email", day=cls.month_start)
        agent_employee = cls.env["hr.employee"].create(
            {"name": "Agent (rpc test)", "user_id": cls.agent.id}
        )
        cls.line = cls.log(cls.ticket, 40, employee_id=agent_employee.id)
        cls.flexible = cls.plan_h2s_flexible()
        cls.c_flex = cls.make_contract(cls.flexible, partner=cls.customer2)
        cls.t_flex = cls.make_ticket(cls.c_flex, "incident", name="Echo")

    def test_timesheet_user_cannot_forge_a_verdict(self):
        self.assertEqual(self.line.support_verdict, "billable")
        self.assertEqual(self.line.support_amount, 45.0)
        self.authenticate("billing-rpc-agent", "billing-rpc-agent-pw")
        invoice_line = self.env["account.move.line"].search([], limit=1)
        for vals in (
            {"support_amount": 0.0},
            {"support_billable_minutes": 0},
            {"support_verdict": "free"},
            {"support_rate": 1.0},
            {"support_wallet_minutes": 40},
            {"support_wallet_date": "2026-01-01"},
            {"support_invoice_line_id": invoice_line.id},
        ):
            with self.subTest(vals=vals):
                self.assertRpcRefused(
                    "account.analytic.line", "write", [[self.line.id], vals]
                )
        self.line.invalidate_recordset()
        self.assertEqual(self.line.support_amount, 45.0)
        self.assertEqual(self.line.support_verdict, "billable")
        self.assertFalse(self.line.support_invoice_line_id)
        # A line created "already invoiced" is refused too.
        self.assertRpcRefused(
            "account.analytic.line",
            "create",
            [
                [
                    {
                        "name": "Forged",
                        "ticket_id": self.ticket.id,
                        "project_id": self.ticket.project_id.id,
                        "unit_amount": 1.0,
                        "support_invoice_line_id": invoice_line.id,
                    }
                ]
            ],
        )
        # Their own time they still log and correct; the verdict follows.
        self.call_kw(
            "account.analytic.line", "write", [[self.line.id], {"unit_amount": 1.5}]
        )
        self.line.invalidate_recordset()
        self.assertEqual(self.line.support_billable_minutes, 90)
        self.assertEqual(self.line.support_amount, 67.5)

    def test_agent_cannot_move_the_success_fee_or_the_quota(self):
        self.authenticate("billing-rpc-agent", "billing-rpc-agent-pw")
        self.assertEqual(self.t_flex.success_fee_state, "none")
        for vals in (
            {"success_fee_state": "fee_accepted"},
            {"success_fee_date": "2026-01-01"},
            {"support_quota_state": "counted"},
            {"support_quota_wallet_id": False},
            {"support_quota_date": "2026-01-01"},
        ):
            with self.subTest(vals=vals):
                self.assertRpcRefused(
                    "helpdesk.ticket", "write", [[self.t_flex.id], vals]
                )
        self.t_flex.invalidate_recordset()
        self.assertEqual(self.t_flex.success_fee_state, "none")
        self.assertFalse(self.t_flex.success_fee_amount)

    def test_success_fee_moves_through_its_actions(self):
        self.t_flex._support_record_agreement("email", day=self.month_start)
        self.authenticate("billing-rpc-agent", "billing-rpc-agent-pw")
        self.call_kw(
            "helpdesk.ticket", "action_success_fee_accept_order", [[self.t_flex.id]]
        )
        self.t_flex.invalidate_recordset()
        self.assertEqual(self.t_flex.success_fee_state, "hourly")
        # Skipping the customer's decision stays refused.
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.call_kw(
                "helpdesk.ticket",
                "action_success_fee_customer_accept",
                [[self.t_flex.id]],
            )
        self.t_flex.invalidate_recordset()
        self.assertEqual(self.t_flex.success_fee_state, "hourly")

    def test_price_level_is_the_managers(self):
        self.authenticate("billing-rpc-support", "billing-rpc-support-pw")
        self.assertRpcRefused(
            "support.contract", "write", [[self.contract.id], {"price_level": 0.5}]
        )
        self.assertEqual(self.contract.price_level, 1.0)
        self.authenticate("billing-rpc-manager", "billing-rpc-manager-pw")
        self.call_kw(
            "support.contract", "write", [[self.contract.id], {"price_level": 0.9}]
        )
        self.assertEqual(self.contract.price_level, 0.9)

    def test_wallet_balance_and_run_state_are_the_systems(self):
        partner, contact = self.make_customer("Pro customer (rpc test)")
        contract = self.make_contract(
            self.plan_h2s_pro(), partner=partner, contact=contact
        )
        wallet = contract._support_wallet("time")
        self.assertTrue(wallet)
        self.authenticate("billing-rpc-manager", "billing-rpc-manager-pw")
        self.assertRpcRefused(
            "support.wallet",
            "write",
            [[wallet.id], {"balance": 6000}],
            error="AccessError|UserError",
        )
        # The context flag that used to open the balance is no key any more.
        self.assertRpcRefused(
            "support.wallet",
            "write",
            [[wallet.id], {"balance": 6000}],
            {"context": {"support_wallet_ledger": True}},
            error="AccessError|UserError",
        )
        run = self.env["support.billing.run"].create(
            {"date_from": "2001-01-01", "date_to": "2001-01-31"}
        )
        self.authenticate("billing-rpc-accountant", "billing-rpc-accountant-pw")
        self.assertRpcRefused(
            "support.billing.run", "write", [[run.id], {"state": "done"}]
        )
        self.assertEqual(run.state, "draft")

    def test_accountant_cannot_forge_what_a_run_bills_again(self):
        run = self.env["support.billing.run"].create(
            {"date_from": self.month_start, "date_to": self.month_end}
        )
        run.action_run()
        invoice = self.env["account.move"].search(
            [("support_billing_run_id", "=", run.id)]
        )
        self.assertEqual(len(invoice), 1)
        self.authenticate("billing-rpc-accountant", "billing-rpc-accountant-pw")
        for vals in (
            {"support_credited": True},
            {"support_period_start": "2001-01-01"},
            {"support_billing_run_id": False},
        ):
            with self.subTest(vals=vals):
                self.assertRpcRefused("account.move", "write", [invoice.ids, vals])
        invoice.invalidate_recordset()
        self.assertFalse(invoice.support_credited)
        self.assertEqual(invoice.support_period_start, self.month_start)
        # the accountant still edits the invoice itself
        self.call_kw("account.move", "write", [invoice.ids, {"ref": "Checked"}])
        self.assertEqual(invoice.ref, "Checked")

    def test_portal_cannot_read_the_price_level(self):
        self.authenticate("billing-rpc-portal", "billing-rpc-portal-pw")
        self.assertRpcRefused(
            "support.contract", "read", [[self.contract.id], ["price_level"]]
        )
        [values] = self.call_kw(
            "support.contract", "read", [[self.contract.id], ["name"]]
        )
        self.assertEqual(values["name"], self.contract.name)

    def test_dispatcher_cannot_price_a_visit(self):
        new_test_user(
            self.env,
            login="billing-rpc-dispatcher",
            password="billing-rpc-dispatcher-pw",
            groups="base.group_user,fieldservice.group_fsm_dispatcher",
        )
        partner, contact = self.make_customer("Onsite customer (rpc test)")
        contract = self.make_contract(
            self.plan_onsite(), partner=partner, contact=contact
        )
        location = self.env["fsm.location"].create(
            {
                "name": "Site in Łódzkie (rpc test)",
                "owner_id": partner.id,
                "country_id": self.poland.id,
                "state_id": self.env.ref("l10n_pl.state_pl_ld").id,
            }
        )
        order = self.env["fsm.order"].create(
            {
                "ticket_id": self.make_ticket(contract, "incident").id,
                "location_id": location.id,
            }
        )
        self.assertEqual(order.support_travel_amount, 300.0)
        self.authenticate("billing-rpc-dispatcher", "billing-rpc-dispatcher-pw")
        for vals in (
            {"support_travel_amount": 0.0},
            {"support_onsite_amount": 1.0},
            {"support_billable": True},
        ):
            with self.subTest(vals=vals):
                self.assertRpcRefused("fsm.order", "write", [[order.id], vals])
        order.invalidate_recordset()
        self.assertEqual(order.support_travel_amount, 300.0)
