# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import html

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import format_amount

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestSuccessFee(BillingCommon, TransactionCase):
    """H2S Flexible: 160 zł an hour up to 5 h, then 1500 zł solved / 400 zł
    not solved or refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.flexible = cls.plan_h2s_flexible()
        cls.contract = cls.make_contract(cls.flexible)

    def new_case(self):
        ticket = self.make_ticket(self.contract, "incident")
        self.agree(ticket, channel="portal")
        ticket.action_success_fee_accept_order()
        return ticket

    def attach_report(self, ticket):
        ticket.success_fee_report_id = self.env["ir.attachment"].create(
            {
                "name": "preliminary-report.pdf",
                "datas": base64.b64encode(b"%PDF report"),
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            }
        )

    def billable(self, ticket):
        ticket.timesheet_ids.invalidate_recordset()
        return sum(ticket.timesheet_ids.mapped("support_amount"))

    def test_solved_after_3_hours_is_480(self):
        ticket = self.new_case()
        self.log(ticket, 120)
        self.log(ticket, 60)
        # while the case runs nothing is billable yet
        self.assertEqual(
            set(ticket.timesheet_ids.mapped("support_verdict")), {"pending"}
        )
        ticket.action_success_fee_solve()
        self.assertEqual(ticket.success_fee_state, "solved_hourly")
        self.assertEqual(self.billable(ticket), 480.0)
        self.assertEqual(ticket.success_fee_amount, 0.0)

    def test_refused_after_5_hours_is_400(self):
        ticket = self.new_case()
        self.log(ticket, 300)
        self.attach_report(ticket)
        ticket.action_success_fee_send_report()
        self.assertEqual(ticket.success_fee_state, "report_sent")
        ticket.action_success_fee_customer_refuse()
        self.assertEqual(ticket.success_fee_state, "refused")
        self.assertEqual(ticket.success_fee_amount, 400.0)
        self.assertEqual(self.billable(ticket), 0.0)
        self.assertEqual(ticket.success_fee_date, self.today)

    def test_accepted_and_solved_is_1500(self):
        ticket = self.new_case()
        self.log(ticket, 300)
        self.attach_report(ticket)
        ticket.action_success_fee_send_report()
        ticket.action_success_fee_customer_accept()
        self.log(ticket, 240)
        ticket.action_success_fee_solve()
        self.assertEqual(ticket.success_fee_amount, 1500.0)
        self.assertEqual(self.billable(ticket), 0.0)
        self.assertEqual(
            set(ticket.timesheet_ids.mapped("support_verdict")), {"not_billable"}
        )

    def test_exact_diagnosis_counts_as_solved(self):
        ticket = self.new_case()
        self.log(ticket, 300)
        self.attach_report(ticket)
        ticket.action_success_fee_send_report()
        ticket.action_success_fee_customer_accept()
        ticket.action_success_fee_diagnosis()
        self.assertEqual(ticket.success_fee_state, "solved")
        self.assertEqual(ticket.support_outcome, "diagnosis")
        self.assertEqual(ticket.success_fee_amount, 1500.0)

    def test_accepted_not_solved_is_400(self):
        ticket = self.new_case()
        self.log(ticket, 310)
        self.attach_report(ticket)
        ticket.action_success_fee_send_report()
        ticket.action_success_fee_customer_accept()
        ticket.action_success_fee_fail()
        self.assertEqual(ticket.success_fee_amount, 400.0)

    def test_hourly_billing_capped_at_threshold(self):
        ticket = self.new_case()
        self.log(ticket, 280)
        self.log(ticket, 60)
        ticket.action_success_fee_solve()
        self.assertEqual(self.billable(ticket), 800.0)

    def test_order_needs_accepted_terms(self):
        ticket = self.make_ticket(self.contract, "incident")
        with self.assertRaises(UserError) as err:
            ticket.action_success_fee_accept_order()
        self.assertIn("terms", str(err.exception))
        self.assertEqual(ticket.success_fee_state, "none")
        # work before the order is accepted is held, not billed
        line = self.log(ticket, 30)
        self.assertEqual(line.support_verdict, "pending")

    def test_report_needs_threshold_and_attachment(self):
        ticket = self.new_case()
        self.log(ticket, 120)
        self.attach_report(ticket)
        with self.assertRaises(UserError) as err:
            ticket.action_success_fee_send_report()
        self.assertIn("threshold", str(err.exception))
        self.log(ticket, 180)
        ticket.success_fee_report_id = False
        with self.assertRaises(UserError) as err:
            ticket.action_success_fee_send_report()
        self.assertIn("Preliminary report", str(err.exception))
        self.assertEqual(ticket.success_fee_state, "hourly")

    def test_decision_twice_or_out_of_order(self):
        ticket = self.new_case()
        # out of order: the customer decides before the report
        with self.assertRaises(UserError) as err:
            ticket.action_success_fee_customer_accept()
        self.assertIn("Hourly work", str(err.exception))
        self.log(ticket, 300)
        self.attach_report(ticket)
        ticket.action_success_fee_send_report()
        ticket.action_success_fee_customer_refuse()
        messages = len(ticket.message_ids)
        # twice: a second decision is rejected and nothing changes
        for action in (
            ticket.action_success_fee_customer_accept,
            ticket.action_success_fee_customer_refuse,
            ticket.action_success_fee_solve,
        ):
            with self.assertRaises(UserError) as err:
                action()
            self.assertIn("closed", str(err.exception))
        self.assertEqual(ticket.success_fee_state, "refused")
        self.assertEqual(len(ticket.message_ids), messages)

    def test_every_transition_is_logged(self):
        ticket = self.new_case()
        self.log(ticket, 300)
        self.attach_report(ticket)
        ticket.action_success_fee_send_report()
        ticket.action_success_fee_customer_accept()
        ticket.action_success_fee_solve()
        bodies = ticket.message_ids.mapped("body")
        for text in (
            "Order accepted",
            "Preliminary report sent",
            "Customer accepts the success fee",
            "Solved (success fee)",
        ):
            self.assertTrue(any(text in body for body in bodies), text)
        report_message = ticket.message_ids.filtered(
            lambda m: ticket.success_fee_report_id in m.attachment_ids
        )
        self.assertTrue(report_message)
        # the fees are written as money of the plan's currency, not as floats
        currency = ticket.support_contract_id.plan_id.currency_id
        body = html.unescape(str(report_message.body))
        for amount in (1500, 400):
            self.assertIn(format_amount(self.env, amount, currency), body)
        self.assertNotIn("1500.0", body)

    def test_not_a_success_fee_plan(self):
        plan = self.plan_infotel()
        ticket = self.make_ticket(self.make_contract(plan, partner=self.customer2))
        with self.assertRaises(UserError):
            ticket._success_fee_do("accept_order")
