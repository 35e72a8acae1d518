# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestSanityLimits(BillingCommon, TransactionCase):
    """Absurd input is refused with an error that names the field and the
    fix, instead of being billed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.plan = cls.plan_h2s_flexible()
        cls.contract = cls.make_contract(
            cls.plan,
            date_start=cls.month_start,
            date_end=cls.month_end,
        )
        cls.ticket = cls.make_ticket(cls.contract, "incident", name="Echo")

    def assertRefused(self, func, *words):
        with self.assertRaises(ValidationError) as err:
            func()
        for word in words:
            self.assertIn(word, str(err.exception))

    # -- timesheet lines ---------------------------------------------------

    def test_a_line_longer_than_a_day_is_refused(self):
        self.assertRefused(
            lambda: self.log(self.ticket, 25 * 60), "Duration", "longer than a day"
        )
        self.assertRefused(
            lambda: self.log(self.ticket, 10000 * 60), "Duration", "10000"
        )
        line = self.log(self.ticket, 24 * 60)
        self.assertEqual(line.unit_amount, 24.0)
        self.assertRefused(lambda: line.write({"unit_amount": 24.5}), "Duration")

    def test_time_outside_the_contract_dates_is_refused(self):
        before = self.month_start - timedelta(days=1)
        after = self.month_end + timedelta(days=1)
        for day in (date(1900, 1, 1), before, after):
            with self.subTest(day=day):
                self.assertRefused(
                    lambda day=day: self.log(self.ticket, 30, day=day),
                    "Date",
                    str(day),
                    self.contract.name,
                )
        first = self.log(self.ticket, 30, day=self.month_start)
        last = self.log(self.ticket, 30, day=self.month_end)
        self.assertEqual(first.support_contract_id, self.contract)
        self.assertRefused(lambda: last.write({"date": after}), "Date", str(after))

    def test_absurd_date_without_a_contract_is_refused(self):
        stranger = self.env["res.partner"].create({"name": "No contract (test)"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Without contract",
                "description": "<p>x</p>",
                "partner_id": stranger.id,
                "team_id": self.team.id,
                "project_id": self.project.id,
            }
        )
        self.assertFalse(ticket.support_contract_id)
        self.assertRefused(
            lambda: self.log(ticket, 30, day=date(1900, 1, 1)), "Date", "1900-01-01"
        )
        self.assertTrue(self.log(ticket, 30))

    # -- prices and fees ---------------------------------------------------

    def test_negative_success_fees_are_refused(self):
        for field, label in (
            ("success_fee_solved", "Fee if solved"),
            ("success_fee_not_solved", "Fee if not solved"),
            ("success_fee_refused", "Fee if refused"),
        ):
            with self.subTest(field=field):
                self.assertRefused(
                    lambda field=field: self.plan.write({field: -1500.0}),
                    label,
                    "cannot be negative",
                )
        self.plan.success_fee_solved = 0.0
        self.assertEqual(self.plan.success_fee_solved, 0.0)

    def test_negative_rates_and_prices_are_refused(self):
        self.assertRefused(
            lambda: self.plan.write({"hourly_rate": -160.0}), "Hourly Rate"
        )
        self.assertRefused(
            lambda: self.zones[:1].write({"amount": -1.0}), "Travel cost"
        )
        self.assertRefused(
            lambda: self.plan.write(
                {"tier_ids": [Command.create({"name": "Small", "amount": -5.0})]}
            ),
            "Tier",
        )
        self.assertRefused(
            lambda: self.contract.write(
                {
                    "line_ids": [
                        Command.create(
                            {"product_id": self.licence.id, "licence_value": -100.0}
                        )
                    ]
                }
            ),
            "Licence value",
            "Enter 0 or more",
        )

    # -- onsite visits -----------------------------------------------------

    def test_a_visit_that_ends_before_it_starts_is_refused(self):
        onsite = self.make_contract(self.plan_onsite(), partner=self.customer2)
        ticket = self.make_ticket(onsite, "incident", name="Rack")
        location = self.env["fsm.location"].create(
            {
                "name": "Warsaw site (test)",
                "owner_id": self.customer2.id,
                "country_id": self.poland.id,
                "state_id": self.env.ref("l10n_pl.state_pl_mz").id,
            }
        )
        start = datetime.combine(self.today, datetime.min.time()) + timedelta(hours=8)
        vals = {
            "ticket_id": ticket.id,
            "location_id": location.id,
            "scheduled_date_start": start,
            "scheduled_date_end": start + timedelta(hours=8),
        }
        self.assertRefused(
            lambda: self.env["fsm.order"].create(
                dict(vals, date_start=start, date_end=start - timedelta(days=2))
            ),
            "Actual End",
            "before it starts",
        )
        self.assertRefused(
            lambda: self.env["fsm.order"].create(
                dict(vals, scheduled_date_end=start - timedelta(hours=1))
            ),
            "Scheduled End",
        )
        order = self.env["fsm.order"].create(
            dict(vals, date_start=start, date_end=start + timedelta(days=1))
        )
        self.assertEqual(order.support_days, 2)
        self.assertRefused(
            lambda: order.write({"date_end": start - timedelta(days=1)}), "Actual End"
        )
