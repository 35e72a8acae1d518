"""SLA terms, clocks with pauses, and public holidays (pure engine)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from odoo.tests import BaseCase, tagged

from odoo.addons.support_sla import engine

WARSAW = ZoneInfo("Europe/Warsaw")
KYIV = ZoneInfo("Europe/Kyiv")
SPAN = {"first_day": date(2025, 1, 1), "last_day": date(2027, 12, 31)}


def warsaw_calendar():
    leaves = []
    for day, _name in engine.public_holidays("PL", [2025, 2026, 2027]):
        start = datetime(day.year, day.month, day.day, tzinfo=WARSAW)
        leaves.append((start, start + timedelta(days=1)))
    return engine.BusinessCalendar(
        [(d, 480, 1080) for d in range(5)], "Europe/Warsaw", leaves, **SPAN
    )


def build_warsaw():
    return warsaw_calendar()


def w(*args):
    return datetime(*args, tzinfo=WARSAW)


# (start, amount, unit, expected deadline) on Mon-Fri 08:00-18:00 Warsaw
TERM_CASES = [
    (w(2026, 11, 13, 17, 30), 4, "business_hours", w(2026, 11, 16, 11, 30)),
    (w(2026, 11, 13, 17, 30), 240, "business_minutes", w(2026, 11, 16, 11, 30)),
    (w(2026, 11, 13, 17, 30), 1, "next_business_day", w(2026, 11, 16, 18, 0)),
    (w(2026, 11, 10, 9, 0), 1, "next_business_day", w(2026, 11, 12, 18, 0)),
    (w(2026, 11, 13, 17, 30), 3, "business_days", w(2026, 11, 18, 17, 30)),
    (w(2026, 11, 13, 17, 30), 4, "hours", w(2026, 11, 13, 21, 30)),
    (w(2026, 11, 13, 17, 30), 30, "minutes", w(2026, 11, 13, 18, 0)),
    # "final resolution within 2 weeks", "complaints within 10 days":
    # calendar days, same wall-clock time (exact across the DST change).
    (w(2026, 10, 20, 12, 0), 14, "days", w(2026, 11, 3, 12, 0)),
    (w(2026, 3, 20, 12, 0), 10, "days", w(2026, 3, 30, 12, 0)),
    (w(2026, 11, 13, 17, 30), 1.5, "business_hours", w(2026, 11, 16, 9, 0)),
]


BAD_TERMS = [
    (0, "business_hours", "must be positive"),
    (-4, "business_hours", "must be positive"),
    (float("nan"), "hours", "must be positive"),
    ("4", "hours", "must be positive"),
    (4, "fortnights", "Unknown unit"),
    (1.5, "business_days", "whole number"),
    (2.5, "next_business_day", "whole number"),
]


# -- which targets apply -------------------------------------------------------


def _t(id_, metric, categories=(), priority=None, sequence=10, start="ticket_created"):
    return engine.TargetSpec(
        id_, metric, frozenset(categories), priority, sequence, start
    )


H2S_PRO = [
    _t(1, "reaction", priority="3"),
    _t(2, "reaction"),
    _t(3, "resolution", categories=("incident",)),
]
WEBITEL = [
    _t(10, "reaction", ("incident",), "3"),
    _t(11, "reaction", ("incident",), "2"),
    _t(12, "reaction", ("incident",), "1"),
    _t(13, "restore", ("incident",), "3"),
    _t(14, "restore", ("incident",), "2"),
    _t(15, "restore", ("incident",), "1"),
    _t(16, "reaction", ("service_request", "change")),
    _t(17, "resolution", ("service_request",)),
    _t(18, "resolution", ("change",), sequence=5),
    _t(19, "configuration_restored", start="replacement_delivered"),
]

SELECTION_CASES = [
    (H2S_PRO, "incident", "3", None, [1, 3]),
    (H2S_PRO, "incident", "1", None, [2, 3]),
    (H2S_PRO, "consultation", "0", None, [2]),
    (WEBITEL, "incident", "3", "ticket_created", [10, 13]),
    (WEBITEL, "incident", "2", "ticket_created", [11, 14]),
    (WEBITEL, "incident", "0", "ticket_created", []),
    (WEBITEL, "change", "3", "ticket_created", [16, 18]),
    (WEBITEL, "service_request", "1", "ticket_created", [16, 17]),
    (WEBITEL, "incident", "3", "replacement_delivered", [19]),
    (WEBITEL, "incident", "3", None, [19, 10, 13]),
    ([], "incident", "3", None, []),
]


UNKNOWN_COUNTRY_OR_SUBDIVISION_CASES = [
    ("XX", None, "knows no country 'XX'"),
    ("", None, "knows no country"),
    (None, None, "knows no country"),
    ("DE", "ZZ", "no subdivision 'ZZ'"),
]


@tagged("post_install", "-at_install")
class TestEngineClock(BaseCase):
    """SLA terms, clocks with pauses and public holidays of the pure engine."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warsaw = build_warsaw()

    def test_term_deadline(self):
        warsaw = self.warsaw
        for start, amount, unit, expected in TERM_CASES:
            with self.subTest(start=start, amount=amount, unit=unit, expected=expected):
                counting = engine.counting_calendar(unit, warsaw, "Europe/Warsaw")
                self.assertEqual(
                    engine.term_deadline(counting, start, amount, unit), expected
                )

    def test_bad_terms_are_refused(self):
        for amount, unit, message in BAD_TERMS:
            with (
                self.subTest(amount=amount, unit=unit, message=message),
                self.assertRaisesRegex(engine.TermError, message),
            ):
                engine.check_term(amount, unit)

    def test_clock_with_a_pause_over_the_weekend(self):
        warsaw = self.warsaw
        # H2S Pro critical, 4 business hours from Friday 13 Nov 2026 17:30.
        start = w(2026, 11, 13, 17, 30)
        plan = engine.plan_clock(warsaw, start, 4, "business_hours")
        self.assertEqual(plan.deadline, w(2026, 11, 16, 11, 30))
        self.assertEqual(plan.term, timedelta(hours=4))
        # 75 % of 4 h = 3 h: 30 min on Friday, 2.5 h on Monday.
        self.assertEqual(plan.warn_at, w(2026, 11, 16, 10, 30))
        # Waiting for the customer from Friday 17:45 to Monday 09:00: the pause
        # swallowed 15 min on Friday and 1 h on Monday.
        paused = engine.add_pause(
            warsaw, timedelta(0), w(2026, 11, 13, 17, 45), w(2026, 11, 16, 9, 0)
        )
        self.assertEqual(paused, timedelta(minutes=75))
        shifted = engine.replan(warsaw, start, plan.base_deadline, paused)
        self.assertEqual(shifted.deadline, w(2026, 11, 16, 12, 45))
        self.assertEqual(shifted.warn_at, w(2026, 11, 16, 11, 45))
        # At 12:00 the clock used 15 min Friday + 3 h Monday (09:00-12:00).
        used = engine.used_time(warsaw, start, w(2026, 11, 16, 12, 0), paused)
        self.assertEqual(used, timedelta(hours=3, minutes=15))
        # While paused (since 11:00), the used time stays frozen.
        frozen = engine.used_time(
            warsaw, start, w(2026, 11, 16, 15, 0), paused, w(2026, 11, 16, 11, 0)
        )
        self.assertEqual(frozen, timedelta(hours=2, minutes=15))

    def test_pause_outside_working_time_moves_nothing(self):
        warsaw = self.warsaw
        start = w(2026, 11, 13, 17, 30)
        plan = engine.plan_clock(warsaw, start, 4, "business_hours")
        paused = engine.add_pause(
            warsaw, timedelta(0), w(2026, 11, 13, 18, 0), w(2026, 11, 16, 8, 0)
        )
        self.assertEqual(paused, timedelta(0))
        self.assertEqual(engine.replan(warsaw, start, plan.base_deadline, paused), plan)

    def test_elapsed_clock_pause(self):
        warsaw = self.warsaw
        counting = engine.counting_calendar("minutes", warsaw, "Europe/Kyiv")
        start = datetime(2026, 11, 15, 17, 50, tzinfo=KYIV)
        plan = engine.plan_clock(counting, start, 30, "minutes")
        self.assertEqual(plan.deadline, datetime(2026, 11, 15, 18, 20, tzinfo=KYIV))
        paused = engine.add_pause(
            counting,
            timedelta(0),
            datetime(2026, 11, 15, 18, 0, tzinfo=KYIV),
            datetime(2026, 11, 15, 18, 10, tzinfo=KYIV),
        )
        self.assertEqual(
            engine.replan(counting, start, plan.base_deadline, paused).deadline,
            datetime(2026, 11, 15, 18, 30, tzinfo=KYIV),
        )

    def test_no_deadline_plan(self):
        ended = engine.BusinessCalendar(
            [engine.Window(0, 480, 600, date_to=date(2026, 1, 31))], "UTC", **SPAN
        )
        plan = engine.plan_clock(ended, datetime(2026, 3, 2, 9), 4, "business_hours")
        self.assertFalse(plan.has_deadline)
        self.assertTrue(plan.warn_at is None and plan.term is None)

    def test_warning_share_bounds(self):
        warsaw = self.warsaw
        start = w(2026, 11, 16, 8, 0)
        self.assertIsNone(
            engine.plan_clock(warsaw, start, 4, "business_hours", warn_share=0).warn_at
        )
        self.assertIsNone(
            engine.plan_clock(warsaw, start, 4, "business_hours", warn_share=1).warn_at
        )
        half = engine.plan_clock(warsaw, start, 4, "business_hours", warn_share=0.5)
        self.assertEqual(half.warn_at, w(2026, 11, 16, 10, 0))

    # -- public holidays -----------------------------------------------------------

    def test_public_holidays_come_from_the_library(self):
        polish = dict(engine.public_holidays("PL", [2026]))
        self.assertIn(date(2026, 11, 11), polish)
        self.assertIn(date(2026, 12, 24), polish)  # a public holiday from 2025 on
        self.assertNotIn(date(2024, 12, 24), dict(engine.public_holidays("PL", [2024])))
        self.assertEqual(list(polish), sorted(polish))
        english = dict(engine.public_holidays("PL", [2026], language="en_US"))
        self.assertEqual(english[date(2026, 11, 11)], "National Independence Day")
        bavaria = dict(engine.public_holidays("DE", [2026], subdivision="BY"))
        berlin = dict(engine.public_holidays("DE", [2026], subdivision="BE"))
        self.assertTrue(date(2026, 1, 6) in bavaria and date(2026, 1, 6) not in berlin)

    def test_unknown_country_or_subdivision(self):
        for country, subdivision, message in UNKNOWN_COUNTRY_OR_SUBDIVISION_CASES:
            with (
                self.subTest(country=country, subdivision=subdivision, message=message),
                self.assertRaisesRegex(engine.CountryError, message),
            ):
                engine.public_holidays(country, [2026], subdivision=subdivision)

    def test_supported_subdivisions(self):
        self.assertIn("BY", engine.supported_subdivisions("de"))

    def test_select_targets(self):
        for targets, category, priority, event, expected in SELECTION_CASES:
            with self.subTest(
                targets=targets,
                category=category,
                priority=priority,
                event=event,
                expected=expected,
            ):
                chosen = engine.select_targets(targets, category, priority, event)
                self.assertEqual([t.id for t in chosen], expected)

    def test_select_targets_prefers_priority_over_categories_then_sequence(self):
        targets = [
            _t(1, "reaction", ("incident",), sequence=1),
            _t(2, "reaction", priority="3", sequence=50),
            _t(3, "reaction", sequence=0),
        ]
        self.assertEqual(
            [t.id for t in engine.select_targets(targets, "incident", "3")], [2]
        )
        self.assertEqual(
            [t.id for t in engine.select_targets(targets, "incident", "1")], [1]
        )
        self.assertEqual(
            [t.id for t in engine.select_targets(targets, "bug", "1")], [3]
        )
