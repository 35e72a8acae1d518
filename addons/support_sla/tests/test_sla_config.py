# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calendars and holidays, bad input, query counts, the compliance report."""

import base64
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import CRITICAL, NORMAL, WARSAW, SlaCommon, utc


@tagged("post_install", "-at_install")
class TestSlaConfig(SlaCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_sla()

    # -- calendars and public holidays -----------------------------------

    def holidays(self, calendar, year):
        return calendar.leave_ids.filtered(
            lambda leave: leave.holiday_date and leave.holiday_date.year == year
        )

    def test_the_seven_calendars_are_shipped(self):
        hours = {
            "calendar_warsaw_8_18": 50,
            "calendar_24_7": 168,
            "calendar_bratislava_8_30_17": 42.5,
            "calendar_bratislava_weekdays_24h_weekend_9_18": 138,
            "calendar_kyiv_9_18_7d": 63,
            "calendar_kyiv_9_20_weekdays": 55,
            "calendar_prague_9_18": 45,
        }
        for xmlid, weekly in hours.items():
            calendar = self.env.ref(f"support_sla.{xmlid}")
            total = sum(a.hour_to - a.hour_from for a in calendar.attendance_ids)
            self.assertAlmostEqual(total, weekly, msg=xmlid)
        self.assertEqual(self.cal_warsaw.holiday_country_id.code, "PL")
        self.assertEqual(self.cal_prague.tz, "Europe/Prague")

    def test_holidays_come_from_the_library(self):
        polish = self.holidays(self.cal_warsaw, 2026)
        days = set(polish.mapped("holiday_date"))
        self.assertIn(date(2026, 11, 11), days)
        self.assertIn(date(2026, 12, 24), days)  # a holiday by law since 2025
        eleventh = polish.filtered(lambda h: h.holiday_date == date(2026, 11, 11))
        # The whole local day, as Odoo's own forms write it.
        self.assertEqual(eleventh.date_from, utc(WARSAW, 2026, 11, 11, 0, 0))
        self.assertEqual(eleventh.date_to, utc(WARSAW, 2026, 11, 11, 23, 59, 59))
        # Synchronising again changes nothing.
        self.cal_warsaw._sync_public_holidays([2026, 2027])
        self.assertEqual(self.holidays(self.cal_warsaw, 2026), polish)

    def test_dropped_holiday_stays_dropped_and_closures_count(self):
        eleventh = self.cal_warsaw.leave_ids.filtered(
            lambda h: h.holiday_date == date(2026, 11, 11)
        )
        eleventh.unlink()
        drop = self.cal_warsaw.holiday_drop_ids
        self.assertEqual(drop.date, date(2026, 11, 11))
        self.cal_warsaw._sync_public_holidays([2026, 2027])
        self.assertFalse(
            self.cal_warsaw.leave_ids.filtered(
                lambda h: h.holiday_date == date(2026, 11, 11)
            )
        )
        # The vendor works on 11 Nov: Tue 16:00 + 4 h is Wed 10:00.
        ticket = self.make_ticket(
            "pro", utc(WARSAW, 2026, 11, 10, 16, 0), self.kind_incident, CRITICAL
        )
        self.assertEqual(
            self.clock(ticket, "reaction").deadline, utc(WARSAW, 2026, 11, 11, 10, 0)
        )
        # A company closure on Monday 16 Nov moves Friday's deadline.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Company closure",
                "calendar_id": self.cal_warsaw.id,
                "date_from": utc(WARSAW, 2026, 11, 16, 0, 0),
                "date_to": utc(WARSAW, 2026, 11, 16, 23, 59, 59),
            }
        )
        ticket = self.make_ticket(
            "pro", utc(WARSAW, 2026, 11, 13, 17, 30), self.kind_incident, CRITICAL
        )
        self.assertEqual(
            self.clock(ticket, "reaction").deadline, utc(WARSAW, 2026, 11, 17, 11, 30)
        )
        # Restoring the dropped holiday: delete the drop, synchronise.
        drop.unlink()
        self.cal_warsaw._sync_public_holidays([2026, 2027])
        self.assertTrue(
            self.cal_warsaw.leave_ids.filtered(
                lambda h: h.holiday_date == date(2026, 11, 11)
            )
        )

    def test_country_change_syncs_and_the_cron_runs(self):
        calendar = self.cal_kyiv_wd.copy({"name": "Kyiv copy (SLA test)"})
        calendar.write(
            {
                "holiday_country_id": self.env.ref("base.de").id,
                "holiday_subdivision": "BY",
            }
        )
        this_year = date.today().year
        self.assertIn(
            date(this_year, 1, 6),
            self.holidays(calendar, this_year).mapped("holiday_date"),
        )
        calendar.holiday_subdivision = "BE"
        self.assertNotIn(
            date(this_year, 1, 6),
            self.holidays(calendar, this_year).mapped("holiday_date"),
        )
        self.env["resource.calendar"]._cron_sync_public_holidays()
        self.assertTrue(calendar.holiday_last_sync)
        # No country, no generated holidays; time off entered by hand stays.
        closure = self.env["resource.calendar.leaves"].create(
            {
                "name": "Closure",
                "calendar_id": calendar.id,
                "date_from": utc(WARSAW, this_year, 12, 31, 0, 0),
                "date_to": utc(WARSAW, this_year, 12, 31, 23, 59, 59),
            }
        )
        calendar.holiday_country_id = False
        self.assertFalse(self.holidays(calendar, this_year))
        self.assertTrue(closure.exists())

    # -- bad input -------------------------------------------------------

    def test_unknown_country_and_region_are_refused(self):
        calendar = self.cal_kyiv_wd.copy({"name": "Kyiv copy (SLA test)"})
        # The library knows every country Odoo ships; a country added by hand
        # may be unknown to it.
        atlantis = self.env["res.country"].create({"name": "Atlantis", "code": "XA"})
        with self.assertRaisesRegex(ValidationError, "Public holidays of"):
            calendar.holiday_country_id = atlantis
        with self.assertRaisesRegex(ValidationError, "Region: .* no region XX"):
            calendar.write(
                {
                    "holiday_country_id": self.env.ref("base.pl").id,
                    "holiday_subdivision": "XX",
                }
            )
        with self.assertRaisesRegex(ValidationError, "names a region but no country"):
            calendar.write({"holiday_country_id": False, "holiday_subdivision": "BY"})

    def test_zero_or_negative_terms_are_refused(self):
        policy = (
            self.plans["pro"]
            .env["support.sla.policy"]
            .search([("plan_id", "=", self.plans["pro"].id)])
        )
        for amount in (0, -4):
            with self.assertRaisesRegex(ValidationError, "Amount: .* positive"):
                policy.target_ids[0].amount = amount
        with self.assertRaisesRegex(ValidationError, "whole number"):
            self.env["support.sla.target"].create(
                {
                    "policy_id": policy.id,
                    "metric": "resolution",
                    "amount": 1.5,
                    "unit": "business_days",
                }
            )

    def test_calendar_without_working_time_is_refused(self):
        empty = self.env["resource.calendar"].create(
            {
                "name": "No working time (SLA test)",
                "tz": "Europe/Warsaw",
                "attendance_ids": [(5, 0, 0)],
            }
        )
        with self.assertRaisesRegex(ValidationError, "no working window"):
            self.make_policy(
                self.plans["free"],
                empty,
                [("resolution", (), None, 4, "business_hours")],
            )
        # ...and a calendar in use keeps its working time.
        used = self.cal_prague.copy({"name": "Prague copy (SLA test)"})
        self.make_policy(
            self.plans["free"], used, [("resolution", (), None, 4, "business_hours")]
        )
        with self.assertRaisesRegex(ValidationError, "SLA targets count on"):
            used.attendance_ids = [(5, 0, 0)]

    def test_overlapping_windows_are_refused(self):
        with self.assertRaises(ValidationError):
            self.env["resource.calendar"].create(
                {
                    "name": "Overlap (SLA test)",
                    "tz": "Europe/Warsaw",
                    "attendance_ids": [
                        (5, 0, 0),
                        (
                            0,
                            0,
                            {
                                "name": "a",
                                "dayofweek": "0",
                                "hour_from": 8,
                                "hour_to": 12,
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "name": "b",
                                "dayofweek": "0",
                                "hour_from": 11,
                                "hour_to": 14,
                            },
                        ),
                    ],
                }
            )

    def test_no_window_in_the_next_year_gives_no_deadline(self):
        ended = self.env["resource.calendar"].create(
            {
                "name": "Ended (SLA test)",
                "tz": "Europe/Warsaw",
                "attendance_ids": [
                    (5, 0, 0),
                    (
                        0,
                        0,
                        {
                            "name": "Monday",
                            "dayofweek": "0",
                            "hour_from": 8,
                            "hour_to": 16,
                            "date_to": date(2024, 12, 31),
                        },
                    ),
                ],
            }
        )
        self.make_policy(
            self.plans["oktell"], ended, [("resolution", (), None, 4, "business_hours")]
        )
        ticket = self.make_ticket(
            "oktell", utc(WARSAW, 2026, 11, 16, 10, 0), self.kind_incident, NORMAL
        )
        clock = self.clock(ticket, "resolution")
        self.assertEqual(clock.state, "no_deadline")
        self.assertFalse(clock.deadline)
        self.assertIn("no working time", clock.no_deadline_reason)
        self.assertEqual(ticket.sla_status, "no_deadline")
        # The sweep and a stop work on it too.
        with freeze_time(utc(WARSAW, 2026, 11, 20, 10, 0)):
            self.env["support.ticket.sla"]._cron_sla_sweep()
            ticket.stage_id = self.stage_done
        self.assertEqual(clock.state, "met")

    def test_warn_share_out_of_range(self):
        policy = self.env["support.sla.policy"].search(
            [("plan_id", "=", self.plans["pro"].id)]
        )
        with self.assertRaisesRegex(ValidationError, "Warn at"):
            policy.warn_percent = 120

    def test_extension_needs_a_reason(self):
        ticket = self.make_ticket(
            "pro", utc(WARSAW, 2026, 11, 13, 17, 30), self.kind_incident, CRITICAL
        )
        wizard = self.env["support.sla.extend.wizard"].create(
            {"ticket_ids": [(6, 0, ticket.ids)], "reason": "   "}
        )
        with self.assertRaisesRegex(UserError, "Reason"):
            wizard.action_confirm()

    # -- constant queries at ticket creation -----------------------------

    def test_ticket_creation_queries_do_not_depend_on_the_targets(self):
        one = self.make_plan("one", "One target")
        self.make_policy(
            one, self.cal_warsaw, [("reaction", (), None, 4, "business_hours")]
        )
        many = self.make_plan("many", "Nine targets")
        self.make_policy(
            many,
            self.cal_warsaw,
            [
                ("reaction", (), None, 4, "business_hours"),
                ("restore", (), None, 8, "business_hours"),
                ("resolution", (), None, 3, "business_days"),
                ("replacement_shipped", (), None, 1, "next_business_day"),
                ("technician_onsite", (), None, 2, "business_days"),
                ("final_resolution", (), None, 14, "days"),
                ("complaint_answered", (), None, 10, "days"),
                ("answer_or_new_term", (), None, 30, "minutes"),
            ],
        )
        self.make_policy(
            many,
            self.cal_247,
            [
                (
                    "configuration_restored",
                    (),
                    None,
                    24,
                    "hours",
                    {"start_event": "ticket_created"},
                )
            ],
        )
        received = utc(WARSAW, 2026, 11, 16, 9, 0)
        # Warm the caches (targets index, calendar engines, sequences).
        for key in ("one", "many", "one", "many"):
            self.make_ticket(key, received)
        # Each ticket in a transaction of its own: flushing the cursor (as a
        # commit does, and assertQueryCount below) ends what the transaction
        # remembers of the SLA caches' versions.
        self.env.flush_all()
        self.env.cr.flush()
        start = self.env.cr.sql_log_count
        first = self.make_ticket("one", received)
        self.env.flush_all()
        queries = self.env.cr.sql_log_count - start
        self.assertEqual(len(first.sla_ids), 1)
        with self.assertQueryCount(queries):
            ticket = self.make_ticket("many", received)
            self.env.flush_all()
        self.assertEqual(len(ticket.sla_ids), 9)

    # -- the compliance report and its XLSX ------------------------------

    def test_compliance_xlsx_writes_names_as_text(self):
        formula = '=HYPERLINK("http://evil.test","x")'
        self.team.name = formula
        ticket = self.make_ticket(
            "pro",
            utc(WARSAW, 2026, 11, 13, 17, 30),
            self.kind_incident,
            CRITICAL,
            team_id=self.team.id,
        )
        ticket._sla_record_event(
            "confirmation_sent", when=utc(WARSAW, 2026, 11, 16, 9, 0)
        )
        wizard = self.env["support.sla.report.export"].create(
            {
                "plan_ids": [(6, 0, self.plans["pro"].ids)],
                "date_from": date(2026, 11, 1),
            }
        )
        wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value == formula
        ]
        # the team's name in the summary and in the clocks' sheet, as text
        self.assertEqual(
            sorted({cell.parent.title for cell in cells}), ["Clocks", "Compliance"]
        )
        self.assertEqual({cell.data_type for cell in cells}, {"s"})
        self.assertFalse([cell for cell in cells if cell.hyperlink])

    def test_compliance_report_and_xlsx(self):
        met = self.make_ticket(
            "pro", utc(WARSAW, 2026, 11, 13, 17, 30), self.kind_incident, CRITICAL
        )
        late = self.make_ticket(
            "pro", utc(WARSAW, 2026, 11, 10, 16, 0), self.kind_incident, CRITICAL
        )
        met._sla_record_event("confirmation_sent", when=utc(WARSAW, 2026, 11, 16, 9, 0))
        late._sla_record_event(
            "confirmation_sent", when=utc(WARSAW, 2026, 11, 12, 11, 0)
        )
        Report = self.env["support.sla.report"]
        plan = self.plans["pro"]
        groups = Report._read_group(
            [("plan_id", "=", plan.id), ("state", "in", ("met", "breached"))],
            ["metric"],
            ["compliance:avg", "met_count:sum", "breached_count:sum"],
        )
        self.assertEqual(groups, [("reaction", 50.0, 1, 1)])
        wizard = self.env["support.sla.report.export"].create(
            {"plan_ids": [(6, 0, plan.ids)], "date_from": date(2026, 11, 1)}
        )
        action = wizard.action_export()
        self.assertIn("download=true", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        rows = list(book["Compliance"].iter_rows(values_only=True))
        self.assertEqual(rows[0][:4], ("Support plan", "Team", "Metric", "Month"))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][0], plan.display_name)
        self.assertEqual(rows[1][3:], ("2026-11", 2, 1, 1, 50))
        self.assertEqual(book["Clocks"].max_row, 3)
