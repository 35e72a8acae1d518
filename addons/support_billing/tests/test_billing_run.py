# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
from datetime import datetime, timedelta

import openpyxl
from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestBillingRun(BillingCommon, TransactionCase):
    """Billable time, success fees, onsite days and travel into draft
    invoices, one per contract and period, each source billed once."""

    @classmethod
    def setUpClass(cls):
        # Over 60 lines on purpose: the fixture of the billing-run tests, one record per
        # statement.
        super().setUpClass()
        cls.setup_billing()
        # infotel: 40 min of configuration (1 h, 45 EUR) and a 55-minute
        # troubleshooting of the customer's router (15 free + 40 paid: 45 EUR)
        cls.infotel = cls.plan_infotel()
        cls.c_infotel = cls.make_contract(cls.infotel)
        cls.t_config = cls.make_ticket(
            cls.c_infotel, "configuration", name="PBX dial plan"
        )
        cls.t_router = cls.make_ticket(
            cls.c_infotel, "incident", name="Router", support_cause="customer"
        )
        for ticket in cls.t_config | cls.t_router:
            ticket._support_record_agreement("email", day=cls.month_start)
        cls.l_config = cls.log(cls.t_config, 40)
        cls.l_router = cls.log(cls.t_router, 55)
        # H2S Flexible: refused after 5 h (400) and solved after 3 h (480)
        cls.flexible = cls.plan_h2s_flexible()
        cls.c_flex = cls.make_contract(cls.flexible, partner=cls.customer2)
        cls.t_refused = cls.make_ticket(cls.c_flex, "incident", name="Echo")
        cls.t_solved = cls.make_ticket(cls.c_flex, "incident", name="One-way audio")
        for ticket in cls.t_refused | cls.t_solved:
            ticket._support_record_agreement("portal", day=cls.month_start)
            ticket.action_success_fee_accept_order()
        cls.log(cls.t_refused, 300)
        cls.t_refused.success_fee_report_id = cls.env["ir.attachment"].create(
            {"name": "report.pdf", "datas": base64.b64encode(b"%PDF")}
        )
        cls.t_refused.action_success_fee_send_report()
        cls.t_refused.action_success_fee_customer_refuse()
        cls.log(cls.t_solved, 180)
        cls.t_solved.action_success_fee_solve()
        # H2S Onsite: two days in Łódzkie (2 x 1280 + 300 travel)
        cls.onsite = cls.plan_onsite()
        customer3 = cls.env["res.partner"].create(
            {"name": "Onsite customer (test)", "is_company": True}
        )
        contact3 = cls.env["res.partner"].create(
            {"name": "Olga", "parent_id": customer3.id}
        )
        cls.c_onsite = cls.make_contract(
            cls.onsite, partner=customer3, contact=contact3
        )
        cls.t_onsite = cls.make_ticket(cls.c_onsite, "incident", name="Rack install")
        location = cls.env["fsm.location"].create(
            {
                "name": "Łódź site (test)",
                "owner_id": customer3.id,
                "country_id": cls.poland.id,
                "state_id": cls.env.ref("l10n_pl.state_pl_ld").id,
            }
        )
        start = datetime.combine(cls.today, datetime.min.time()) + timedelta(hours=8)
        cls.order = cls.env["fsm.order"].create(
            {
                "ticket_id": cls.t_onsite.id,
                "location_id": location.id,
                "scheduled_date_start": start,
                "scheduled_date_end": start + timedelta(days=1, hours=8),
                "date_start": start,
                "date_end": start + timedelta(days=1, hours=8),
            }
        )
        cls.order.action_complete()
        cls.contracts = cls.c_infotel | cls.c_flex | cls.c_onsite

    def make_run(self, start=None, end=None):
        return self.env["support.billing.run"].create(
            {"date_from": start or self.month_start, "date_to": end or self.month_end}
        )

    def invoice_of(self, contracts):
        """The invoices in force (not cancelled, not fully credited)."""
        return self.env["account.move"].search(
            [
                ("support_contract_id", "in", contracts.ids),
                ("state", "!=", "cancel"),
                ("support_credited", "=", False),
            ]
        )

    def snapshot(self):
        """What the invoices say: per contract, (name, qty, price) per line."""
        result = {}
        for contract in self.contracts:
            move = self.invoice_of(contract)
            result[contract.name] = sorted(
                (line.name, line.quantity, line.price_unit)
                for line in move.invoice_line_ids
            )
        return result

    def assertExpectedInvoices(self):
        infotel = self.invoice_of(self.c_infotel)
        flex = self.invoice_of(self.c_flex)
        onsite = self.invoice_of(self.c_onsite)
        self.assertEqual(len(infotel | flex | onsite), 3)
        self.assertEqual(infotel.amount_untaxed, 90.0)
        self.assertEqual(infotel.currency_id, self.eur)
        self.assertEqual(flex.amount_untaxed, 880.0)
        self.assertEqual(onsite.amount_untaxed, 2860.0)
        self.assertEqual(
            sorted(onsite.invoice_line_ids.mapped("price_subtotal")), [300.0, 2560.0]
        )
        for move in infotel | flex | onsite:
            self.assertEqual(move.state, "draft")
            self.assertEqual(move.move_type, "out_invoice")
            self.assertEqual(move.support_period_start, self.month_start)

    def test_run_bills_every_source_once(self):
        run = self.make_run()
        run.action_run()
        self.assertEqual(run.state, "done")
        self.assertExpectedInvoices()
        infotel = self.invoice_of(self.c_infotel)
        lines = infotel.invoice_line_ids
        self.assertEqual(self.l_config.support_invoice_line_id.move_id, infotel)
        self.assertEqual(self.l_router.support_invoice_line_id.move_id, infotel)
        config_line = self.l_config.support_invoice_line_id
        # each line says ticket, date and hours
        self.assertIn(self.t_config.number, config_line.name)
        self.assertIn(str(self.today), config_line.name)
        self.assertIn("1.00 h", config_line.name)
        self.assertEqual((config_line.quantity, config_line.price_unit), (1.0, 45.0))
        self.assertEqual(len(lines), 2)
        flex = self.invoice_of(self.c_flex)
        self.assertEqual(self.t_refused.success_fee_invoice_line_id.move_id, flex)
        self.assertEqual(self.t_refused.success_fee_invoice_line_id.price_unit, 400.0)
        solved_line = self.t_solved.timesheet_ids.support_invoice_line_id
        self.assertEqual(solved_line.price_subtotal, 480.0)
        onsite = self.invoice_of(self.c_onsite)
        self.assertEqual(self.order.support_invoice_line_id.move_id, onsite)
        self.assertEqual(self.order.support_invoice_line_id.quantity, 2.0)
        self.assertIn("2 day(s)", self.order.support_invoice_line_id.name)
        self.assertEqual(len(self.order.invoice_lines), 2)
        self.assertEqual(onsite.fsm_order_ids, self.order)

    def test_rerun_adds_nothing(self):
        run = self.make_run()
        run.action_run()
        before = self.snapshot()
        count = self.env["account.move.line"].search_count([])
        run.action_run()
        run.action_run()
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.env["account.move.line"].search_count([]), count)

    def test_interrupted_run_then_rerun_gives_the_same_invoices(self):
        run = self.make_run()
        done, remaining = run._run(limit=1)
        self.assertEqual((done, remaining), (1, 2))
        self.assertEqual(run.state, "running")
        self.assertEqual(len(run.move_ids), 1)
        run._run()
        self.assertEqual(run.state, "done")
        self.assertExpectedInvoices()
        before = self.snapshot()
        run._run()
        self.assertEqual(self.snapshot(), before)

    def test_failure_half_way_writes_nothing_for_that_contract(self):
        self.flexible.success_fee_product_id = False
        run = self.make_run()
        run.action_run()
        # the contract whose fee cannot be invoiced has no invoice at all
        self.assertFalse(self.invoice_of(self.c_flex))
        self.assertFalse(self.t_solved.timesheet_ids.support_invoice_line_id)
        self.assertIn(self.c_flex.name, run.error_message)
        self.assertIn("Success fee", run.error_message)
        self.assertNotEqual(run.state, "done")
        # the others are billed; fixed, a rerun completes the period
        self.assertTrue(self.invoice_of(self.c_infotel))
        self.flexible.success_fee_product_id = self.env.ref(
            "support_billing.product_support_success_fee"
        )
        run.action_run()
        self.assertEqual(run.state, "done")
        self.assertFalse(run.error_message)
        self.assertExpectedInvoices()

    def test_billing_a_period_twice_is_refused(self):
        self.make_run().action_run()
        with self.assertRaises(ValidationError) as err:
            self.make_run()
        self.assertIn("already billed", str(err.exception))
        with self.assertRaises(ValidationError):
            self.make_run(
                self.month_start + timedelta(days=3), self.month_end + timedelta(days=3)
            )
        with self.assertRaises(ValidationError):
            self.make_run(self.month_end, self.month_start)

    def test_moving_a_run_onto_another_period_is_refused(self):
        self.make_run()
        next_start = self.month_end + timedelta(days=1)
        later = self.make_run(next_start, next_start + relativedelta(months=1, days=-1))
        with self.assertRaises(ValidationError) as err:
            later.date_from = self.month_end
        self.assertIn("already billed", str(err.exception))
        later.invalidate_recordset()
        self.assertEqual(later.date_from, next_start)
        # and in the database, whatever the Python check sees
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE support_billing_run SET date_from = %s WHERE id = %s",
                [self.month_end, later.id],
            )

    def test_one_invoice_per_contract_and_period_in_the_database(self):
        self.make_run().action_run()
        infotel = self.invoice_of(self.c_infotel)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            infotel.copy(
                {
                    "support_contract_id": self.c_infotel.id,
                    "support_period_start": self.month_start,
                }
            ).flush_recordset()

    def test_invoiced_time_cannot_change(self):
        self.make_run().action_run()
        with self.assertRaises(UserError):
            self.l_config.unit_amount = 2.0
        with self.assertRaises(UserError):
            self.l_config.unlink()
        # a new line after the run goes to the same draft invoice on rerun
        extra = self.log(self.t_config, 30)
        run = self.env["support.billing.run"].search([], limit=1)
        run.action_run()
        self.assertEqual(
            extra.support_invoice_line_id.move_id, self.invoice_of(self.c_infotel)
        )
        self.assertEqual(self.invoice_of(self.c_infotel).amount_untaxed, 112.5)

    def test_ticket_with_invoiced_time_is_locked(self):
        self.make_run().action_run()
        ticket = self.t_config
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            ticket.unlink()
        other = self.make_contract(self.infotel)
        # assertRaises (not ...Regex) rolls the refused write back.
        with self.assertRaises(ValidationError) as err:
            ticket.support_contract_id = other
        self.assertRegex(str(err.exception), "Support contract: .* is invoiced on ")
        self.assertEqual(ticket.support_contract_id, self.c_infotel)
        # The contract's customer is locked too: it has invoices.
        with self.assertRaisesRegex(ValidationError, r"Customer: .*invoices \(1\)"):
            self.c_infotel.partner_id = self.customer2
        # Once the invoice is gone, the ticket may move.
        self.invoice_of(self.c_infotel).unlink()
        ticket.support_contract_id = other
        self.assertEqual(ticket.support_contract_id, other)

    def test_ticket_with_invoiced_time_keeps_its_customer(self):
        self.make_run().action_run()
        with self.assertRaisesRegex(ValidationError, " is invoiced on "):
            self.t_config.partner_id = self.contact2

    def test_deleted_or_cancelled_invoice_frees_its_sources(self):
        run = self.make_run()
        run.action_run()
        before = self.snapshot()
        infotel = self.invoice_of(self.c_infotel)
        infotel.unlink()
        self.assertFalse(self.l_config.support_invoice_line_id)
        onsite = self.invoice_of(self.c_onsite)
        onsite.button_cancel()
        self.assertFalse(self.order.support_invoice_line_id)
        self.assertFalse(self.order.invoice_lines)
        run.action_run()
        self.assertEqual(self.snapshot(), before)

    def credit(self, invoice, post=True):
        """A credit note of ``invoice`` through the reversal wizard, as an
        accountant issues it (draft until ``post``)."""
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"reason": "Credit (test)", "journal_id": invoice.journal_id.id})
        )
        refund = self.env["account.move"].browse(wizard.refund_moves()["res_id"])
        self.assertEqual(refund.reversed_entry_id, invoice)
        if post:
            refund.action_post()
        return refund

    def test_full_credit_note_releases_sources_for_rebilling(self):
        run = self.make_run()
        run.action_run()
        before = self.snapshot()
        invoices = self.invoice_of(self.contracts)
        invoices.action_post()
        refunds = self.env["account.move"]
        for invoice in invoices:
            refunds |= self.credit(invoice)
        self.assertEqual(set(invoices.mapped("payment_state")), {"reversed"})
        self.assertTrue(all(invoices.mapped("support_credited")))
        # time, success fee and onsite visit are free to be billed again
        self.assertFalse(self.l_config.support_invoice_line_id)
        self.assertFalse(self.t_refused.success_fee_invoice_line_id)
        self.assertFalse(self.order.support_invoice_line_id)
        self.assertFalse(self.order.invoice_lines)
        # the time can be corrected now, as the error message says
        self.l_router.unit_amount = 55 / 60
        run.action_run()
        self.assertEqual(run.state, "done")
        self.assertEqual(self.snapshot(), before)
        new = self.invoice_of(self.contracts)
        self.assertEqual(len(new), 3)
        self.assertFalse(new & invoices)
        self.assertEqual(
            self.l_config.support_invoice_line_id.move_id,
            self.invoice_of(self.c_infotel),
        )
        self.assertEqual(
            self.t_refused.success_fee_invoice_line_id.move_id,
            self.invoice_of(self.c_flex),
        )
        self.assertEqual(
            self.order.support_invoice_line_id.move_id, self.invoice_of(self.c_onsite)
        )
        self.assertEqual(set(new.mapped("state")), {"draft"})
        self.assertEqual(
            sorted(new.mapped("amount_untaxed")),
            sorted(invoices.mapped("amount_untaxed")),
        )
        # rebilled once: a further run adds nothing
        count = self.env["account.move.line"].search_count([])
        run.action_run()
        self.assertEqual(self.env["account.move.line"].search_count([]), count)
        # the credit cannot be undone, nor the credited invoice revived
        with self.assertRaises(UserError) as err:
            refunds[:1].button_draft()
        self.assertIn("fully credited", str(err.exception))
        with self.assertRaises(UserError):
            invoices[:1].button_draft()
        with self.assertRaises(UserError):
            refunds[:1].button_cancel()

    def test_partial_credit_note_releases_nothing(self):
        run = self.make_run()
        run.action_run()
        before = self.snapshot()
        infotel = self.invoice_of(self.c_infotel)
        infotel.action_post()
        refund = self.credit(infotel, post=False)
        # a goodwill credit of half of one line
        first, second = refund.invoice_line_ids
        refund.write(
            {
                "invoice_line_ids": [
                    (1, first.id, {"price_unit": 22.5}),
                    (2, second.id),
                ]
            }
        )
        refund.action_post()
        self.assertEqual(refund.amount_untaxed, 22.5)
        self.assertFalse(infotel.support_credited)
        self.assertEqual(infotel.payment_state, "partial")
        self.assertEqual(self.l_config.support_invoice_line_id.move_id, infotel)
        self.assertEqual(self.l_router.support_invoice_line_id.move_id, infotel)
        with self.assertRaises(UserError):
            self.l_config.unit_amount = 2.0
        count = self.env["account.move.line"].search_count([])
        run.action_run()
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.env["account.move.line"].search_count([]), count)
        # a second credit note for the rest (22.5 + 45) completes the reversal
        rest = self.credit(infotel, post=False)
        rest.write(
            {
                "invoice_line_ids": [
                    (1, rest.invoice_line_ids[:1].id, {"price_unit": 22.5})
                ]
            }
        )
        rest.action_post()
        self.assertTrue(infotel.support_credited)
        self.assertFalse(self.l_config.support_invoice_line_id)

    def test_posted_invoice_keeps_late_time_for_next_period(self):
        run = self.make_run()
        run.action_run()
        infotel = self.invoice_of(self.c_infotel)
        infotel.action_post()
        self.assertEqual(infotel.state, "posted")
        late = self.log(self.t_config, 30)
        run.action_run()
        self.assertFalse(late.support_invoice_line_id)
        next_start = self.month_end + timedelta(days=1)
        next_run = self.make_run(
            next_start, next_start + relativedelta(months=1, days=-1)
        )
        next_run.action_run()
        self.assertEqual(
            late.support_invoice_line_id.move_id.support_period_start, next_start
        )

    def test_cron_bills_last_month(self):
        last_month = self.month_start - relativedelta(months=1)
        contract = self.make_contract(
            self.plan_infotel(name="infotel cron"),
            partner=self.customer2,
            date_start=last_month,
        )
        ticket = self.make_ticket(contract, "configuration")
        ticket._support_record_agreement("email", day=last_month)
        line = self.log(ticket, 30, day=last_month + timedelta(days=2))
        self.env["support.billing.run"]._cron_billing_run()
        run = self.env["support.billing.run"].search([("date_from", "=", last_month)])
        self.assertEqual(run.state, "done")
        self.assertEqual(line.support_invoice_line_id.move_id.amount_untaxed, 22.5)
        # this month's usage waits for next month's run
        self.assertFalse(self.l_config.support_invoice_line_id)
        self.env["support.billing.run"]._cron_billing_run()
        self.assertEqual(
            self.env["support.billing.run"].search_count(
                [("date_from", "=", last_month)]
            ),
            1,
        )

    def test_accountant_posts_the_draft(self):
        self.make_run().action_run()
        invoice = self.invoice_of(self.c_onsite)
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.amount_untaxed, 2860.0)

    def odd_minutes_contract(self):
        """45 EUR an hour to the minute, lines of odd lengths up to 6 h 41."""
        plan = self.plan_infotel(name="infotel to the minute", rounding_step=1)
        contract = self.make_contract(plan, partner=self.customer2)
        ticket = self.make_ticket(contract, "configuration", name="Odd minutes")
        self.agree(ticket)
        lines = self.env["account.analytic.line"]
        for minutes in (7, 13, 37, 67, 101, 143, 211, 401):
            lines |= self.log(ticket, minutes)
        return contract, lines

    def test_time_to_the_minute_rounded_globally_totals_the_verdicts(self):
        self.env.company.tax_calculation_rounding_method = "round_globally"
        tax = self.env["account.tax"].create(
            {"name": "VAT 23 % (test)", "amount": 23.0, "type_tax_use": "sale"}
        )
        self.env.ref("support_billing.product_support_hour").taxes_id = tax
        contract, lines = self.odd_minutes_contract()
        self.make_run().action_run()
        move = self.invoice_of(contract)
        move.action_post()
        expected = sum(lines.mapped("support_amount"))
        self.assertAlmostEqual(expected, 735.0, places=2)
        self.assertEqual(
            move.currency_id.compare_amounts(move.amount_untaxed, expected), 0
        )
        for line in lines:
            invoiced = line.support_invoice_line_id
            self.assertEqual(
                invoiced.product_uom_id, self.env.ref("uom.product_uom_hour")
            )
            self.assertEqual(invoiced.quantity, round(line.unit_amount, 2))
            self.assertEqual(
                move.currency_id.compare_amounts(
                    invoiced.price_subtotal, line.support_amount
                ),
                0,
            )
        self.assertEqual(move.currency_id.compare_amounts(move.amount_tax, 169.05), 0)

    def test_too_few_price_decimals_is_a_clear_problem(self):
        contract, lines = self.odd_minutes_contract()
        self.env.ref("product.decimal_price").digits = 2
        run = self.make_run()
        run.action_run()
        self.assertFalse(self.invoice_of(contract))
        self.assertFalse(lines.support_invoice_line_id)
        self.assertIn(contract.name, run.error_message)
        self.assertIn("Product Price", run.error_message)
        self.assertIn("2.38 h", run.error_message)
        self.assertNotEqual(run.state, "done")
        # the other contracts are billed; with 4 decimals, so is this one
        self.assertTrue(self.invoice_of(self.c_infotel))
        self.env.ref("product.decimal_price").digits = 4
        run.action_run()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(lines.support_invoice_line_id.move_id), 1)

    def test_statement_xlsx(self):
        self.make_run().action_run()
        report = self.env.ref("support_billing.action_report_support_statement")
        content, report_type = self.env["ir.actions.report"]._render_xlsx(
            report.report_name,
            self.c_flex.ids,
            {"date_from": str(self.month_start), "date_to": str(self.month_end)},
        )
        self.assertEqual(report_type, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(
            book.sheetnames, ["Summary", "Time", "Credits", "Quota", "Fees"]
        )
        summary = list(book["Summary"].iter_rows(values_only=True))
        self.assertEqual(summary[1][0], self.c_flex.name)
        self.assertEqual(summary[1][5], 480.0)  # billable time
        self.assertEqual(summary[1][7], 400.0)  # success fees
        fees = list(book["Fees"].iter_rows(values_only=True))
        self.assertEqual(len(fees), 2)
        self.assertEqual(fees[1][5], 400.0)
        time_rows = list(book["Time"].iter_rows(values_only=True))
        self.assertEqual(sorted(row[11] for row in time_rows[1:]), [0.0, 480.0])

    def test_statement_xlsx_writes_customer_text_as_text(self):
        formula = '=HYPERLINK("http://evil.test","x")'
        self.t_solved.name = formula
        self.customer2.name = "=1+2"
        self.make_run().action_run()
        report = self.env.ref("support_billing.action_report_support_statement")
        content, _report_type = self.env["ir.actions.report"]._render_xlsx(
            report.report_name,
            self.c_flex.ids,
            {"date_from": str(self.month_start), "date_to": str(self.month_end)},
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str) and cell.value.startswith("=")
        ]
        self.assertEqual(
            sorted({cell.value for cell in cells}), sorted({formula, "=1+2"})
        )
        # text cells ('s'), not formulas ('f'), and no hyperlink anywhere
        self.assertEqual({cell.data_type for cell in cells}, {"s"})
        self.assertFalse(
            [
                cell
                for sheet in book.worksheets
                for row in sheet.iter_rows()
                for cell in row
                if cell.hyperlink
            ]
        )
        self.assertIn(formula, [cell.value for cell in book["Time"]["C"]])

    def test_statement_wizard(self):
        wizard = self.env["support.billing.statement.wizard"].create(
            {"contract_id": self.c_infotel.id}
        )
        action = wizard.action_print()
        self.assertEqual(action["report_type"], "xlsx")
        wizard.date_to = wizard.date_from - timedelta(days=1)
        with self.assertRaises(UserError):
            wizard.action_print()
