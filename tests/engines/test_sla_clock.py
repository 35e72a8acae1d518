"""SLA terms, clocks with pauses, and public holidays (pure engine)."""

import importlib.util
import pathlib
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest


def _load_engine():
    """Import addons/support_sla/engine without its addon (which needs Odoo)."""
    name = "support_sla_engine"
    if name not in sys.modules:
        path = pathlib.Path(__file__).resolve().parents[2] / "addons/support_sla/engine"
        spec = importlib.util.spec_from_file_location(
            name, path / "__init__.py", submodule_search_locations=[str(path)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


engine = _load_engine()
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


@pytest.fixture(scope="module")
def warsaw():
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


@pytest.mark.parametrize(("start", "amount", "unit", "expected"), TERM_CASES)
def test_term_deadline(warsaw, start, amount, unit, expected):
    counting = engine.counting_calendar(unit, warsaw, "Europe/Warsaw")
    assert engine.term_deadline(counting, start, amount, unit) == expected


BAD_TERMS = [
    (0, "business_hours", "must be positive"),
    (-4, "business_hours", "must be positive"),
    (float("nan"), "hours", "must be positive"),
    ("4", "hours", "must be positive"),
    (4, "fortnights", "Unknown unit"),
    (1.5, "business_days", "whole number"),
    (2.5, "next_business_day", "whole number"),
]


@pytest.mark.parametrize(("amount", "unit", "message"), BAD_TERMS)
def test_bad_terms_are_refused(amount, unit, message):
    with pytest.raises(engine.TermError, match=message):
        engine.check_term(amount, unit)


def test_clock_with_a_pause_over_the_weekend(warsaw):
    # H2S Pro critical, 4 business hours from Friday 13 Nov 2026 17:30.
    start = w(2026, 11, 13, 17, 30)
    plan = engine.plan_clock(warsaw, start, 4, "business_hours")
    assert plan.deadline == w(2026, 11, 16, 11, 30)
    assert plan.term == timedelta(hours=4)
    # 75 % of 4 h = 3 h: 30 min on Friday, 2.5 h on Monday.
    assert plan.warn_at == w(2026, 11, 16, 10, 30)
    # Waiting for the customer from Friday 17:45 to Monday 09:00: the pause
    # swallowed 15 min on Friday and 1 h on Monday.
    paused = engine.add_pause(
        warsaw, timedelta(0), w(2026, 11, 13, 17, 45), w(2026, 11, 16, 9, 0)
    )
    assert paused == timedelta(minutes=75)
    shifted = engine.replan(warsaw, start, plan.base_deadline, paused)
    assert shifted.deadline == w(2026, 11, 16, 12, 45)
    assert shifted.warn_at == w(2026, 11, 16, 11, 45)
    # At 12:00 the clock used 15 min Friday + 3 h Monday (09:00-12:00).
    used = engine.used_time(warsaw, start, w(2026, 11, 16, 12, 0), paused)
    assert used == timedelta(hours=3, minutes=15)
    # While paused (since 11:00), the used time stays frozen.
    frozen = engine.used_time(
        warsaw, start, w(2026, 11, 16, 15, 0), paused, w(2026, 11, 16, 11, 0)
    )
    assert frozen == timedelta(hours=2, minutes=15)


def test_pause_outside_working_time_moves_nothing(warsaw):
    start = w(2026, 11, 13, 17, 30)
    plan = engine.plan_clock(warsaw, start, 4, "business_hours")
    paused = engine.add_pause(
        warsaw, timedelta(0), w(2026, 11, 13, 18, 0), w(2026, 11, 16, 8, 0)
    )
    assert paused == timedelta(0)
    assert engine.replan(warsaw, start, plan.base_deadline, paused) == plan


def test_elapsed_clock_pause(warsaw):
    counting = engine.counting_calendar("minutes", warsaw, "Europe/Kyiv")
    start = datetime(2026, 11, 15, 17, 50, tzinfo=KYIV)
    plan = engine.plan_clock(counting, start, 30, "minutes")
    assert plan.deadline == datetime(2026, 11, 15, 18, 20, tzinfo=KYIV)
    paused = engine.add_pause(
        counting,
        timedelta(0),
        datetime(2026, 11, 15, 18, 0, tzinfo=KYIV),
        datetime(2026, 11, 15, 18, 10, tzinfo=KYIV),
    )
    assert engine.replan(counting, start, plan.base_deadline, paused).deadline == (
        datetime(2026, 11, 15, 18, 30, tzinfo=KYIV)
    )


def test_no_deadline_plan():
    ended = engine.BusinessCalendar(
        [engine.Window(0, 480, 600, date_to=date(2026, 1, 31))], "UTC", **SPAN
    )
    plan = engine.plan_clock(ended, datetime(2026, 3, 2, 9), 4, "business_hours")
    assert not plan.has_deadline
    assert plan.warn_at is None and plan.term is None


def test_warning_share_bounds(warsaw):
    start = w(2026, 11, 16, 8, 0)
    assert (
        engine.plan_clock(warsaw, start, 4, "business_hours", warn_share=0).warn_at
        is None
    )
    assert (
        engine.plan_clock(warsaw, start, 4, "business_hours", warn_share=1).warn_at
        is None
    )
    half = engine.plan_clock(warsaw, start, 4, "business_hours", warn_share=0.5)
    assert half.warn_at == w(2026, 11, 16, 10, 0)


# -- public holidays -----------------------------------------------------------


def test_public_holidays_come_from_the_library():
    polish = dict(engine.public_holidays("PL", [2026]))
    assert date(2026, 11, 11) in polish
    assert date(2026, 12, 24) in polish  # a public holiday from 2025 on
    assert date(2024, 12, 24) not in dict(engine.public_holidays("PL", [2024]))
    assert list(polish) == sorted(polish)
    english = dict(engine.public_holidays("PL", [2026], language="en_US"))
    assert english[date(2026, 11, 11)] == "National Independence Day"
    bavaria = dict(engine.public_holidays("DE", [2026], subdivision="BY"))
    berlin = dict(engine.public_holidays("DE", [2026], subdivision="BE"))
    assert date(2026, 1, 6) in bavaria and date(2026, 1, 6) not in berlin


@pytest.mark.parametrize(
    ("country", "subdivision", "message"),
    [
        ("XX", None, "knows no country 'XX'"),
        ("", None, "knows no country"),
        (None, None, "knows no country"),
        ("DE", "ZZ", "no subdivision 'ZZ'"),
    ],
)
def test_unknown_country_or_subdivision(country, subdivision, message):
    with pytest.raises(engine.CountryError, match=message):
        engine.public_holidays(country, [2026], subdivision=subdivision)


def test_supported_subdivisions():
    assert "BY" in engine.supported_subdivisions("de")
