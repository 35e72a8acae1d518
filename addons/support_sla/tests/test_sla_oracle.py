# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The engine against Odoo's own arithmetic, on random cases.

``resource.calendar.plan_hours(compute_leaves=True)`` and
``get_work_hours_count`` are the oracle.  Where the two must agree, they
agree to the millisecond.  Where Odoo is wrong the test says so and checks
the exact size of Odoo's error:

* Odoo reads an attendance ending at 24:00 as 23:59:59.999999, so a
  round-the-clock calendar loses one microsecond at every midnight (hence
  the millisecond tolerance: at most a few hundred midnights per case).
* A holiday entered as Odoo's forms do (00:00 to 23:59:59) leaves its last
  second as working time on a calendar that works at midnight: Odoo counts
  one second of work at 23:59:59 on every holiday.  The engine reads
  23:59:59 as the end of the day; the case "24/7 with Polish holidays"
  checks that the difference is exactly one second per holiday crossed.
"""

import random
from datetime import datetime, timedelta

import pytz

from odoo.tests import TransactionCase, tagged

from .common import SlaCommon

CASES = 10_000
TOLERANCE = timedelta(milliseconds=1)
# Weeks with a daylight-saving change in the calendars' zones.
DST_WEEKS = [
    datetime(2026, 3, 23),
    datetime(2026, 10, 19),
    datetime(2027, 3, 22),
    datetime(2027, 10, 25),
]


@tagged("post_install", "-at_install")
class TestSlaOracle(SlaCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_sla()
        cls.cal_247_pl = cls.cal_247.copy(
            {"name": "24/7 with Polish holidays (SLA test)"}
        )
        cls.cal_247_pl.holiday_country_id = cls.env.ref("base.pl")
        cls.cal_247_pl._sync_public_holidays([2026, 2027])
        cls.calendars = (
            cls.cal_warsaw
            | cls.cal_247
            | cls.cal_bratislava
            | cls.cal_v3
            | cls.cal_kyiv_7d
            | cls.cal_kyiv_wd
            | cls.cal_prague
            | cls.cal_247_pl
        )

    def random_start(self, rng, calendar):
        """Anywhere in 2026-2027; often in a DST week, on a holiday or on a
        window's edge.
        """
        draw = rng.random()
        if draw < 0.3:
            base = rng.choice(DST_WEEKS)
            return base + timedelta(minutes=rng.randrange(7 * 1440))
        if draw < 0.4:
            holidays = calendar.leave_ids.filtered("holiday_date")
            if holidays:
                leave = rng.choice(holidays)
                return leave.date_from + timedelta(minutes=rng.randrange(-600, 1440))
        if draw < 0.55:
            # On a window edge (local wall-clock time of an attendance).
            attendance = rng.choice(calendar.attendance_ids)
            day = datetime(2026, 1, 5) + timedelta(days=rng.randrange(700))
            day += timedelta(days=(int(attendance.dayofweek) - day.weekday()) % 7)
            hour = rng.choice([attendance.hour_from, min(attendance.hour_to, 23.99)])
            local = pytz.timezone(calendar.tz).localize(
                day + timedelta(minutes=round(hour * 60)), is_dst=False
            )
            return local.astimezone(pytz.utc).replace(tzinfo=None)
        return datetime(2026, 1, 1) + timedelta(minutes=rng.randrange(700 * 1440))

    def holiday_seconds(self, calendar, start, end):
        """Odoo's extra working second per holiday end inside [start, end)."""
        if calendar != self.cal_247_pl:
            return timedelta(0)
        ends = calendar.leave_ids.filtered("holiday_date").mapped("date_to")
        return timedelta(seconds=sum(1 for e in ends if start <= e < end))

    def test_engine_matches_odoo_on_random_cases(self):
        rng = random.Random(20261113)
        compared = {"plan_hours": 0, "work_hours": 0, "odoo_off": 0, "dst": 0}
        engines = {}
        for case in range(CASES):
            calendar = self.calendars[case % len(self.calendars)]
            start = self.random_start(rng, calendar)
            key = (calendar.id, start.year)
            if key not in engines:
                engines[key] = calendar._sla_engine(start.year)
            engine = engines[key]
            if any(week <= start < week + timedelta(days=7) for week in DST_WEEKS):
                compared["dst"] += 1
            minutes = rng.choice([rng.randrange(1, 600), rng.randrange(1, 4000)])
            if case % 2:
                expected = calendar.plan_hours(minutes / 60, start, compute_leaves=True)
                ours = engine.add(start, timedelta(minutes=minutes))
                ours = ours.astimezone(pytz.utc).replace(tzinfo=None)
                extra = self.holiday_seconds(calendar, start, ours)
                compared["odoo_off"] += bool(extra)
                with self.subTest(calendar=calendar.name, start=start, minutes=minutes):
                    self.assertLessEqual(abs(ours - expected - extra), TOLERANCE)
                compared["plan_hours"] += 1
            else:
                end = start + timedelta(minutes=minutes * rng.choice([1, 3, 10]))
                expected = calendar.get_work_hours_count(
                    pytz.utc.localize(start),
                    pytz.utc.localize(end),
                    compute_leaves=True,
                )
                ours = engine.work_time(start, end)
                extra = self.holiday_seconds(calendar, start, end)
                compared["odoo_off"] += bool(extra)
                with self.subTest(calendar=calendar.name, start=start, end=end):
                    self.assertLessEqual(
                        abs(timedelta(hours=expected) - ours - extra), TOLERANCE
                    )
                compared["work_hours"] += 1
        self.assertEqual(compared["plan_hours"] + compared["work_hours"], CASES)
        # The sample covers what it claims to cover.
        self.assertGreater(compared["dst"], CASES // 5)
        self.assertGreater(compared["odoo_off"], 10)
