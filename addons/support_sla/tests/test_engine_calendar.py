"""Table-driven tests of the SLA engine's business calendar (no Odoo, no DB)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from odoo.tests import BaseCase, tagged

from odoo.addons.support_sla import engine

WARSAW = ZoneInfo("Europe/Warsaw")
KYIV = ZoneInfo("Europe/Kyiv")
BRATISLAVA = ZoneInfo("Europe/Bratislava")
PRAGUE = ZoneInfo("Europe/Prague")
SPAN = {"first_day": date(2025, 1, 1), "last_day": date(2028, 12, 31)}
WEEKDAYS = range(5)
ALL_DAYS = range(7)


def holiday_leaves(country, zone, years=(2025, 2026, 2027, 2028)):
    """Whole local days of the library's public holidays."""
    result = []
    for day, _name in engine.public_holidays(country, years):
        start = datetime(day.year, day.month, day.day, tzinfo=zone)
        result.append((start, start + timedelta(days=1)))
    return result


# The seven calendars the vendors need (issue #4, item 1).
CALENDARS = {
    "warsaw_8_18": ([(d, 480, 1080) for d in WEEKDAYS], "Europe/Warsaw", "PL"),
    "24_7": ([(d, 0, 1440) for d in ALL_DAYS], "Europe/Warsaw", None),
    "bratislava_8_30_17": (
        [(d, 510, 1020) for d in WEEKDAYS],
        "Europe/Bratislava",
        "SK",
    ),
    "bratislava_weekdays_24h_weekend_9_18": (
        [(d, 0, 1440) for d in WEEKDAYS] + [(d, 540, 1080) for d in (5, 6)],
        "Europe/Bratislava",
        None,
    ),
    "kyiv_9_18_7d": ([(d, 540, 1080) for d in ALL_DAYS], "Europe/Kyiv", None),
    "kyiv_9_20_wd": ([(d, 540, 1200) for d in WEEKDAYS], "Europe/Kyiv", None),
    "prague_9_18": ([(d, 540, 1080) for d in WEEKDAYS], "Europe/Prague", "CZ"),
}


def calendar(key, **extra):
    windows, tz, country = CALENDARS[key]
    zone = ZoneInfo(tz)
    leaves = holiday_leaves(country, zone) if country else []
    return engine.BusinessCalendar(windows, tz, leaves, **{**SPAN, **extra})


def build_cals():
    return {key: calendar(key) for key in CALENDARS}


def local(zone, *args):
    return datetime(*args, tzinfo=zone)


# (calendar, start (local), business minutes, expected (local))
ADD_CASES = [
    # H2S Pro critical: 4 business hours on Mon-Fri 08:00-18:00 Warsaw.
    ("warsaw_8_18", (2026, 11, 13, 17, 30), 240, (2026, 11, 16, 11, 30)),
    # 11 Nov 2026 (Wednesday) is Independence Day in Poland.
    ("warsaw_8_18", (2026, 11, 10, 16, 0), 240, (2026, 11, 12, 10, 0)),
    # Starts before opening count from 08:00; a deadline on a window's end
    # stays at the end (18:00), as Odoo's plan_hours answers.
    ("warsaw_8_18", (2026, 11, 16, 6, 0), 600, (2026, 11, 16, 18, 0)),
    ("warsaw_8_18", (2026, 11, 14, 12, 0), 1, (2026, 11, 16, 8, 1)),
    # Christmas Eve is a Polish public holiday from 2025 on: 23 Dec 17:00
    # + 2 h runs 1 h on the 23rd, then 24, 25, 26 (Sat) 27 (Sun) are off.
    ("warsaw_8_18", (2026, 12, 23, 17, 0), 120, (2026, 12, 28, 9, 0)),
    # Webitel Pro critical reaction: 30 business minutes, Mon-Sun 09-18 Kyiv.
    ("kyiv_9_18_7d", (2026, 11, 15, 17, 50), 30, (2026, 11, 16, 9, 20)),
    ("kyiv_9_18_7d", (2026, 11, 15, 20, 0), 60, (2026, 11, 16, 10, 0)),
    # Service requests: Mon-Fri 09:00-20:00 Kyiv, 5 business hours.
    ("kyiv_9_20_wd", (2026, 11, 13, 18, 0), 300, (2026, 11, 16, 12, 0)),
    # 24/7 calendar: business time is wall-clock time, across a DST change
    # (Warsaw springs forward at 02:00 on 29 Mar 2026: 4 h from 00:00 is
    # 05:00 local).
    ("24_7", (2026, 3, 29, 0, 0), 240, (2026, 3, 29, 5, 0)),
    ("24_7", (2026, 10, 25, 0, 0), 240, (2026, 10, 25, 3, 0)),
    # infotel variant 1: Mon-Fri 08:30-17:00 Bratislava.  29 Aug 2025
    # (Friday) is the Slovak National Uprising day; 1 Sep is no longer a day
    # off since 2024.
    ("bratislava_8_30_17", (2025, 8, 28, 16, 0), 240, (2025, 9, 1, 11, 30)),
    ("bratislava_8_30_17", (2026, 8, 31, 16, 0), 240, (2026, 9, 1, 11, 30)),
    # Slovak law changed between the years: 8 May is a day off in 2025 (the
    # 7th is a Wednesday), a working day in 2026 (the 7th is a Thursday) --
    # the library knows, the code lists nothing.
    ("bratislava_8_30_17", (2025, 5, 7, 16, 0), 240, (2025, 5, 9, 11, 30)),
    ("bratislava_8_30_17", (2026, 5, 7, 16, 0), 240, (2026, 5, 8, 11, 30)),
    # Variant 3: weekdays all day, weekends 09-18.
    (
        "bratislava_weekdays_24h_weekend_9_18",
        (2026, 11, 13, 23, 0),
        120,
        (2026, 11, 14, 10, 0),
    ),
    (
        "bratislava_weekdays_24h_weekend_9_18",
        (2026, 11, 15, 17, 0),
        120,
        (2026, 11, 16, 1, 0),
    ),
    # Oktell: working days 09-18 Prague; 17 Nov 2026 is a Czech holiday.
    ("prague_9_18", (2026, 11, 16, 17, 0), 120, (2026, 11, 18, 10, 0)),
]


# (calendar, a, b, expected business minutes)
BETWEEN_CASES = [
    ("warsaw_8_18", (2026, 11, 13, 17, 30), (2026, 11, 16, 11, 30), 240),
    ("warsaw_8_18", (2026, 11, 9, 0, 0), (2026, 11, 16, 0, 0), 4 * 600),
    ("warsaw_8_18", (2026, 11, 14, 0, 0), (2026, 11, 16, 0, 0), 0),
    ("24_7", (2026, 3, 28, 12, 0), (2026, 3, 29, 12, 0), 23 * 60),
    ("24_7", (2026, 10, 24, 12, 0), (2026, 10, 25, 12, 0), 25 * 60),
    ("kyiv_9_18_7d", (2026, 3, 28, 0, 0), (2026, 3, 30, 0, 0), 2 * 540),
    ("prague_9_18", (2026, 12, 21, 0, 0), (2026, 12, 28, 0, 0), 3 * 540),
]


# (calendar, start, business days, expected)
BUSINESS_DAY_CASES = [
    ("warsaw_8_18", (2026, 11, 13, 10, 0), 1, (2026, 11, 16, 10, 0)),
    ("warsaw_8_18", (2026, 11, 10, 10, 0), 1, (2026, 11, 12, 10, 0)),
    # Outside working time: from the close of the last working day.
    ("warsaw_8_18", (2026, 11, 14, 10, 0), 1, (2026, 11, 16, 18, 0)),
    ("warsaw_8_18", (2026, 11, 16, 7, 0), 1, (2026, 11, 16, 18, 0)),
    ("warsaw_8_18", (2026, 11, 16, 19, 0), 3, (2026, 11, 19, 18, 0)),
    ("bratislava_8_30_17", (2026, 11, 16, 9, 0), 3, (2026, 11, 19, 9, 0)),
    # 17 Nov is a Slovak holiday until 2024, a working day in 2025 and 2026.
    ("bratislava_8_30_17", (2026, 11, 16, 9, 0), 2, (2026, 11, 18, 9, 0)),
    # 17 Nov is a Czech holiday.  A start on a window's opening is the same
    # business instant as the previous close, so two days later is the close
    # of Wednesday (equal in business time to Thursday 09:00).
    ("prague_9_18", (2026, 11, 16, 9, 0), 2, (2026, 11, 18, 18, 0)),
    ("prague_9_18", (2026, 11, 16, 9, 30), 2, (2026, 11, 19, 9, 30)),
    # A longer day then a shorter one: the close of the shorter day.
    (
        "bratislava_weekdays_24h_weekend_9_18",
        (2026, 11, 13, 20, 0),
        1,
        (2026, 11, 14, 18, 0),
    ),
]


# (calendar, start, count, expected end of that business day)
NEXT_DAY_CASES = [
    ("warsaw_8_18", (2026, 11, 13, 10, 0), 1, (2026, 11, 16, 18, 0)),
    ("warsaw_8_18", (2026, 11, 10, 23, 0), 1, (2026, 11, 12, 18, 0)),
    ("warsaw_8_18", (2026, 11, 14, 3, 0), 1, (2026, 11, 16, 18, 0)),
    ("warsaw_8_18", (2026, 11, 13, 10, 0), 2, (2026, 11, 17, 18, 0)),
    # 24/7: the next day ends at the following midnight.
    ("24_7", (2026, 11, 13, 10, 0), 1, (2026, 11, 15, 0, 0)),
    ("kyiv_9_20_wd", (2026, 11, 13, 19, 59), 1, (2026, 11, 16, 20, 0)),
]


# -- bad input ---------------------------------------------------------------

BAD_CALENDARS = [
    ([], "Europe/Warsaw", engine.NoWorkingTimeError, "no working window"),
    (
        [(0, 480, 600), (0, 540, 700)],
        "Europe/Warsaw",
        engine.OverlappingWindowsError,
        "overlap",
    ),
    (
        [(0, 600, 480)],
        "Europe/Warsaw",
        engine.CalendarError,
        "must start before it ends",
    ),
    ([(7, 480, 600)], "Europe/Warsaw", engine.CalendarError, "Weekday 7"),
    ([(0, 0, 1500)], "Europe/Warsaw", engine.CalendarError, "00:00-24:00"),
    ([(0, 480, 600)], "Europe/Atlantis", engine.TimeZoneError, "Unknown time zone"),
    ([(0, 480, 600)], "", engine.TimeZoneError, "needs a time zone"),
    ([(0, 480, 600)], None, engine.TimeZoneError, "needs a time zone"),
]


@tagged("post_install", "-at_install")
class TestEngineCalendar(BaseCase):
    """The business calendar of the pure SLA engine (no database)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cals = build_cals()

    def test_add_business_minutes(self):
        cals = self.cals
        for key, start, minutes, expected in ADD_CASES:
            with self.subTest(key=key, start=start, minutes=minutes, expected=expected):
                cal = cals[key]
                zone = ZoneInfo(cal.tz)
                result = cal.add_minutes(local(zone, *start), minutes)
                self.assertEqual(result, local(zone, *expected))
                # and the way back: the business time between start and result
                self.assertEqual(
                    cal.work_time(local(zone, *start), result),
                    timedelta(minutes=minutes),
                )

    def test_work_time(self):
        cals = self.cals
        for key, a, b, minutes in BETWEEN_CASES:
            with self.subTest(key=key, a=a, b=b, minutes=minutes):
                cal = cals[key]
                zone = ZoneInfo(cal.tz)
                self.assertEqual(
                    cal.work_time(local(zone, *a), local(zone, *b)),
                    timedelta(minutes=minutes),
                )
                self.assertEqual(
                    cal.work_time(local(zone, *b), local(zone, *a)),
                    -timedelta(minutes=minutes),
                )

    def test_add_business_days(self):
        cals = self.cals
        for key, start, days, expected in BUSINESS_DAY_CASES:
            with self.subTest(key=key, start=start, days=days, expected=expected):
                cal = cals[key]
                zone = ZoneInfo(cal.tz)
                self.assertEqual(
                    cal.add_business_days(local(zone, *start), days),
                    local(zone, *expected),
                )

    def test_next_business_day(self):
        cals = self.cals
        for key, start, count, expected in NEXT_DAY_CASES:
            with self.subTest(key=key, start=start, count=count, expected=expected):
                cal = cals[key]
                zone = ZoneInfo(cal.tz)
                self.assertEqual(
                    cal.next_business_day(local(zone, *start), count),
                    local(zone, *expected),
                )

    def test_holidays_are_not_business_days(self):
        cals = self.cals
        cal = cals["warsaw_8_18"]
        self.assertFalse(cal.is_business_day(date(2026, 11, 11)))
        self.assertFalse(cal.is_business_day(date(2026, 12, 24)))
        self.assertFalse(cal.is_business_day(date(2026, 11, 14)))
        self.assertTrue(cal.is_business_day(date(2026, 11, 12)))
        # 2026 has 251 working days in Poland Mon-Fri minus holidays on weekdays.
        days_2026 = [d for d in cal.business_days() if d.year == 2026]
        weekday_holidays = [
            d for d, _n in engine.public_holidays("PL", [2026]) if d.weekday() < 5
        ]
        weekdays = sum(
            1
            for n in range(365)
            if (date(2026, 1, 1) + timedelta(days=n)).weekday() < 5
        )
        self.assertEqual(len(days_2026), weekdays - len(weekday_holidays))

    def test_next_open_and_intervals(self):
        cals = self.cals
        cal = cals["warsaw_8_18"]
        saturday = local(WARSAW, 2026, 11, 14, 12, 0)
        self.assertEqual(cal.next_open(saturday), local(WARSAW, 2026, 11, 16, 8, 0))
        inside = local(WARSAW, 2026, 11, 16, 9, 15)
        self.assertEqual(cal.next_open(inside), inside)
        week = cal.intervals(
            local(WARSAW, 2026, 11, 9, 0, 0), local(WARSAW, 2026, 11, 16, 0, 0)
        )
        self.assertEqual(
            [(a.astimezone(WARSAW).day, b.astimezone(WARSAW).hour) for a, b in week],
            [
                (9, 18),
                (10, 18),
                (12, 18),
                (13, 18),
            ],
        )

    def test_naive_datetimes_are_utc(self):
        cals = self.cals
        cal = cals["warsaw_8_18"]
        # 16:30 UTC on Friday 13 Nov 2026 is 17:30 in Warsaw (UTC+1).
        result = cal.add(datetime(2026, 11, 13, 16, 30), timedelta(hours=4))
        self.assertEqual(result, datetime(2026, 11, 16, 10, 30, tzinfo=engine.UTC))

    def test_24h_windows_merge_into_one_interval(self):
        cals = self.cals
        cal = cals["24_7"]
        self.assertEqual(len(cal.intervals()), 1)
        self.assertEqual(
            cal.work_time(
                local(WARSAW, 2026, 1, 1, 0, 0), local(WARSAW, 2027, 1, 1, 0, 0)
            ),
            timedelta(days=365),
        )

    def test_ambiguous_and_missing_wall_clock_times_read_as_standard_time(self):
        # A window that starts at 02:30 exists twice on 25 Oct 2026 in Warsaw and
        # not at all on 29 Mar 2026: Odoo's pytz localize(is_dst=False) reads it
        # in standard time (UTC+1), so does the engine.
        cal = engine.BusinessCalendar(
            [(6, 150, 240)],
            "Europe/Warsaw",
            first_day=date(2026, 3, 1),
            last_day=date(2026, 10, 31),
        )
        utc = engine.UTC
        october = cal.intervals(
            datetime(2026, 10, 24, tzinfo=utc), datetime(2026, 10, 26, tzinfo=utc)
        )
        self.assertEqual(
            october,
            [
                (
                    datetime(2026, 10, 25, 1, 30, tzinfo=utc),
                    datetime(2026, 10, 25, 3, 0, tzinfo=utc),
                )
            ],
        )
        march = cal.intervals(
            datetime(2026, 3, 28, tzinfo=utc), datetime(2026, 3, 30, tzinfo=utc)
        )
        # 02:30 does not exist: standard time gives 01:30 UTC; 04:00 is CEST.
        self.assertEqual(
            march,
            [
                (
                    datetime(2026, 3, 29, 1, 30, tzinfo=utc),
                    datetime(2026, 3, 29, 2, 0, tzinfo=utc),
                )
            ],
        )

    def test_dated_and_two_week_windows(self):
        windows = [
            engine.Window(0, 480, 960, date_to=date(2026, 6, 30)),
            engine.Window(0, 600, 1080, date_from=date(2026, 7, 1)),
            engine.Window(2, 480, 600, week_type=0),
            engine.Window(2, 600, 720, week_type=1),
        ]
        cal = engine.BusinessCalendar(
            windows, "UTC", first_day=date(2026, 6, 1), last_day=date(2026, 7, 31)
        )
        utc = engine.UTC
        june = cal.intervals(
            datetime(2026, 6, 29, tzinfo=utc), datetime(2026, 6, 30, tzinfo=utc)
        )
        july = cal.intervals(
            datetime(2026, 7, 6, tzinfo=utc), datetime(2026, 7, 7, tzinfo=utc)
        )
        self.assertTrue(june[0][0].hour == 8 and july[0][0].hour == 10)
        wednesdays = [
            cal.intervals(
                datetime(2026, 7, d, tzinfo=utc), datetime(2026, 7, d, 23, tzinfo=utc)
            )
            for d in (1, 8)
        ]
        starts = sorted(w[0][0].hour for w in wednesdays)
        self.assertEqual(starts, [8, 10])
        self.assertNotEqual(
            engine.week_type(date(2026, 7, 1)), engine.week_type(date(2026, 7, 8))
        )

    def test_hours_to_minutes_reads_odoo_floats(self):
        self.assertEqual(engine.hours_to_minutes(8.5), 510)
        self.assertEqual(engine.hours_to_minutes(17.0), 1020)
        self.assertEqual(engine.hours_to_minutes(24.0), 1440)
        self.assertEqual(engine.hours_to_minutes(8.3333333), 500)

    def test_bad_calendars_raise_clear_errors(self):
        for windows, tz, error, message in BAD_CALENDARS:
            with (
                self.subTest(windows=windows, tz=tz, error=error, message=message),
                self.assertRaisesRegex(error, message),
            ):
                engine.BusinessCalendar(windows, tz, **SPAN)

    def test_touching_windows_and_other_weeks_do_not_overlap(self):
        engine.check_windows([(0, 480, 720), (0, 720, 1080)])
        engine.check_windows(
            [
                engine.Window(0, 480, 720, week_type=0),
                engine.Window(0, 600, 800, week_type=1),
            ]
        )
        engine.check_windows(
            [
                engine.Window(0, 480, 720, date_to=date(2026, 1, 31)),
                engine.Window(0, 600, 800, date_from=date(2026, 2, 1)),
            ]
        )
        with self.assertRaises(engine.OverlappingWindowsError):
            engine.check_windows(
                [
                    engine.Window(0, 480, 720, date_to=date(2026, 2, 28)),
                    engine.Window(0, 600, 800, date_from=date(2026, 2, 1)),
                ]
            )

    def test_leave_ending_before_it_starts_is_refused(self):
        with self.assertRaisesRegex(engine.CalendarError, "ends before it starts"):
            engine.BusinessCalendar(
                [(0, 480, 600)],
                "UTC",
                leaves=[(datetime(2026, 1, 2), datetime(2026, 1, 1))],
                **SPAN,
            )

    def test_queries_outside_the_span_are_refused(self):
        cals = self.cals
        cal = cals["warsaw_8_18"]
        with self.assertRaisesRegex(engine.HorizonError, "outside the loaded span"):
            cal.add(local(WARSAW, 2030, 1, 1, 0, 0), timedelta(hours=1))
        with self.assertRaises(engine.HorizonError):
            cal.work_time(
                local(WARSAW, 2020, 1, 1, 0, 0), local(WARSAW, 2026, 1, 1, 0, 0)
            )

    def test_no_window_left_gives_no_deadline(self):
        # Windows that stopped applying, and a closure over the rest of the span.
        ended = engine.BusinessCalendar(
            [engine.Window(0, 480, 600, date_to=date(2026, 1, 31))],
            "UTC",
            first_day=date(2026, 1, 1),
            last_day=date(2027, 12, 31),
        )
        start = datetime(2026, 3, 1, tzinfo=engine.UTC)
        self.assertIsNone(ended.add(start, timedelta(minutes=1)))
        self.assertIsNone(ended.add_business_days(start, 1))
        self.assertIsNone(ended.next_business_day(start))
        self.assertIsNone(ended.next_open(start))
        closed = engine.BusinessCalendar(
            [(d, 480, 1080) for d in WEEKDAYS],
            "Europe/Warsaw",
            leaves=[(datetime(2026, 2, 1), datetime(2028, 1, 1))],
            first_day=date(2026, 1, 1),
            last_day=date(2027, 12, 31),
        )
        self.assertIsNone(closed.add(start, timedelta(hours=4)))
        self.assertFalse(
            engine.BusinessCalendar(
                [(0, 480, 600)],
                "UTC",
                leaves=[(datetime(2025, 1, 1), datetime(2029, 1, 1))],
                **SPAN,
            ).has_working_time
        )

    def test_negative_durations_are_refused(self):
        cals = self.cals
        with self.assertRaisesRegex(ValueError, "negative"):
            cals["warsaw_8_18"].add(
                local(WARSAW, 2026, 1, 5, 9, 0), timedelta(minutes=-1)
            )
        with self.assertRaisesRegex(ValueError, "whole positive"):
            cals["warsaw_8_18"].add_business_days(local(WARSAW, 2026, 1, 5, 9, 0), 1.5)

    def test_elapsed_calendar_counts_wall_clock_time(self):
        cal = engine.ElapsedCalendar("Europe/Warsaw")
        start = local(WARSAW, 2026, 3, 28, 12, 0)
        self.assertEqual(
            cal.add(start, timedelta(hours=24)), local(WARSAW, 2026, 3, 29, 13, 0)
        )
        self.assertEqual(
            cal.add_calendar_days(start, 1), local(WARSAW, 2026, 3, 29, 12, 0)
        )
        self.assertEqual(
            cal.add_calendar_days(start, 14), local(WARSAW, 2026, 4, 11, 12, 0)
        )
        self.assertEqual(
            cal.work_time(start, local(WARSAW, 2026, 3, 29, 12, 0)), timedelta(hours=23)
        )
        self.assertEqual(cal.next_business_day(start), local(WARSAW, 2026, 3, 30, 0, 0))
