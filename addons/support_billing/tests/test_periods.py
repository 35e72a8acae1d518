# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time belongs to the period of its date (issue 10, point 2).

H2S Pro: 2 included hours a month (120 minutes, no rollover), 160 PLN an
hour beyond them, by the minute.  November's time is logged on time and
late; December's grant never pays for November's work.
"""

from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from .common import BillingCommon

NOV_1 = date(2026, 11, 1)
NOV_27 = date(2026, 11, 27)
NOV_30 = date(2026, 11, 30)
DEC_1 = date(2026, 12, 1)
DEC_3 = date(2026, 12, 3)
DEC_31 = date(2026, 12, 31)


@tagged("post_install", "-at_install")
class TestPeriods(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.plan = cls.plan_h2s_pro(name="H2S Pro periods")
        with freeze_time("2026-11-02"):
            cls.contract = cls.make_contract(cls.plan, date_start=NOV_1)
            cls.other = cls.make_contract(
                cls.plan, partner=cls.customer2, date_start=NOV_1
            )
            cls.wallet = cls.contract._support_wallet("time")
            cls.other_wallet = cls.other._support_wallet("time")
            cls.ticket = cls.make_ticket(cls.contract, "incident")
            cls.other_ticket = cls.make_ticket(cls.other, "incident")

    def new_month(self):
        """The daily cron of 2 December: November's rest expires, December
        is granted."""
        self.env["support.wallet"]._cron_wallet_periods()

    def verdict(self, line):
        line.invalidate_recordset()
        return (
            line.support_verdict,
            line.support_wallet_minutes,
            line.support_billable_minutes,
            line.support_amount,
        )

    def test_late_line_draws_on_its_own_month(self):
        with freeze_time("2026-11-27"):
            on_time = self.log(self.ticket, 90, day=NOV_27)
        self.assertEqual(self.verdict(on_time), ("wallet", 90, 0, 0.0))
        self.assertEqual(self.balance(self.wallet), 30)
        with freeze_time("2026-12-02"):
            self.new_month()
            self.assertEqual(self.balance(self.wallet), 120)
            # 60 minutes worked on 30 November, typed on 2 December: the 30
            # minutes November had left (reopened), 30 billable; December's
            # 120 minutes untouched
            late = self.log(self.ticket, 60, day=NOV_30)
        self.assertEqual(self.verdict(late), ("billable", 30, 30, 80.0))
        self.assertEqual(late.support_wallet_date, NOV_30)
        self.assertEqual(self.balance(self.wallet), 120)
        self.assertEqual(self.ledger_sum(self.wallet), 120)
        reopen = self.wallet.entry_ids.filtered(lambda e: e.kind == "reopen")
        self.assertEqual((reopen.amount, reopen.lot_id.period_start), (30, NOV_1))
        taken = self.wallet.entry_ids.filtered(
            lambda e: e.kind == "consumption" and e.timesheet_id == late
        )
        self.assertEqual((taken.amount, taken.date), (-30, NOV_30))
        # December's own work draws on December
        with freeze_time("2026-12-03"):
            december = self.log(self.ticket, 45, day=DEC_3)
        self.assertEqual(self.verdict(december), ("wallet", 45, 0, 0.0))
        self.assertEqual(self.balance(self.wallet), 75)

    def test_moved_line_rejudges_both_months(self):
        with freeze_time("2026-11-27"):
            self.log(self.ticket, 90, day=NOV_27)
        with freeze_time("2026-12-02"):
            self.new_month()
            line = self.log(self.ticket, 60, day=NOV_30)
            self.assertEqual(self.verdict(line), ("billable", 30, 30, 80.0))
            # to 3 December: November gets its 30 minutes back (and they
            # expire with the month), December pays the hour
            line.date = DEC_3
            self.assertEqual(self.verdict(line), ("wallet", 60, 0, 0.0))
            self.assertEqual(self.balance(self.wallet), 60)
            self.assertEqual(self.ledger_sum(self.wallet), 60)
            refund = self.wallet.entry_ids.filtered(
                lambda e: e.kind == "refund" and e.timesheet_id == line
            )
            self.assertEqual((refund.amount, refund.date), (30, NOV_30))
            # and back to 30 November: December gets its hour back
            line.date = NOV_30
            self.assertEqual(self.verdict(line), ("billable", 30, 30, 80.0))
            self.assertEqual(self.balance(self.wallet), 120)
            # to another customer's ticket: this contract's November gets
            # the time back, the other contract's November pays it
            line.ticket_id = self.other_ticket
            self.assertEqual(self.verdict(line), ("wallet", 60, 0, 0.0))
            self.assertEqual(line.support_wallet_id, self.other_wallet)
            self.assertEqual(self.balance(self.wallet), 120)
            self.assertEqual(self.balance(self.other_wallet), 120)
            self.assertEqual(self.ledger_sum(self.other_wallet), 120)
            consumed = self.other_wallet.entry_ids.filtered(
                lambda e: e.kind == "consumption"
            )
            self.assertEqual((consumed.amount, consumed.date), (-60, NOV_30))
            # deleting the line gives November its time back, not December
            line.unlink()
            self.new_month()
            self.assertEqual(self.balance(self.other_wallet), 120)
            self.assertEqual(self.ledger_sum(self.other_wallet), 120)

    def test_late_line_in_an_invoiced_month_is_billed_once_by_the_next_run(self):
        Run = self.env["support.billing.run"]
        with freeze_time("2026-11-27"):
            november_line = self.log(self.ticket, 150, day=NOV_27)
        self.assertEqual(self.verdict(november_line), ("billable", 120, 30, 80.0))
        with freeze_time("2026-12-01"):
            self.new_month()
            november = Run.create({"date_from": NOV_1, "date_to": NOV_30})
            november.action_run()
            invoice = november.move_ids.filtered(
                lambda m: m.support_contract_id == self.contract
            )
            self.assertEqual(invoice.amount_untaxed, 80.0)
            invoice.action_post()
        with freeze_time("2026-12-02"):
            # November is invoiced: the late hour is not taken from
            # December, it is billed as an adjustment
            late = self.log(self.ticket, 60, day=NOV_30)
            self.assertEqual(self.verdict(late), ("billable", 0, 60, 160.0))
            self.assertEqual(self.balance(self.wallet), 120)
            november.action_run()
            self.assertFalse(late.support_invoice_line_id)
            self.assertEqual(invoice.amount_untaxed, 80.0)
        with freeze_time("2027-01-02"):
            december = Run.create({"date_from": DEC_1, "date_to": DEC_31})
            for _attempt in range(2):
                december.action_run()
                adjustment = december.move_ids.filtered(
                    lambda m: m.support_contract_id == self.contract
                )
                self.assertEqual(len(adjustment.invoice_line_ids), 1)
                self.assertEqual(adjustment.amount_untaxed, 160.0)
                self.assertEqual(
                    late.support_invoice_line_id, adjustment.invoice_line_ids
                )
                self.assertIn("adjustment", adjustment.invoice_line_ids.name)
            self.assertEqual(
                self.env["account.move.line"].search_count(
                    [("support_timesheet_ids", "in", late.ids)]
                ),
                1,
            )
            self.assertEqual(invoice.amount_untaxed, 80.0)
