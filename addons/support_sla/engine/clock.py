# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA terms and clocks as plain values: deadline, pauses, warning, usage.

A clock counts on one calendar: the target's business calendar for the
business units, wall-clock time (:class:`ElapsedCalendar` in the target's
time zone) for minutes, hours and days.  Pauses are kept as the business
time they covered (``paused``); the deadline is the term's deadline shifted
by that amount of business time, so a pause moves the deadline by exactly
the business time it swallowed.
"""

import functools
from dataclasses import dataclass
from datetime import timedelta

from .calendar import ElapsedCalendar
from .errors import TermError

ELAPSED_UNITS = ("minutes", "hours", "days")
BUSINESS_UNITS = (
    "business_minutes",
    "business_hours",
    "business_days",
    "next_business_day",
)
UNITS = ELAPSED_UNITS + BUSINESS_UNITS
_UNIT_SECONDS = {
    "minutes": 60,
    "hours": 3600,
    "business_minutes": 60,
    "business_hours": 3600,
}
_WHOLE_UNITS = ("days", "business_days", "next_business_day")
ZERO = timedelta(0)


def check_term(amount, unit):
    """Raise :class:`TermError` unless ``amount`` ``unit`` is a usable term."""
    if unit not in UNITS:
        raise TermError(f"Unknown unit {unit!r}: use one of {', '.join(UNITS)}.")
    if not isinstance(amount, int | float) or not amount > 0:
        raise TermError(
            f"The amount of an SLA term must be positive, got {amount!r} {unit}."
        )
    if unit in _WHOLE_UNITS and amount != int(amount):
        raise TermError(f"{unit} terms take a whole number, got {amount!r}.")


@functools.lru_cache(maxsize=64)
def _elapsed_calendar(tz):
    # Wall-clock calendars hold nothing but their zone: one per zone serves
    # every clock of the process.
    return ElapsedCalendar(tz)


def counting_calendar(unit, business_calendar, tz="UTC"):
    """The calendar a clock in ``unit`` counts on: ``business_calendar`` for
    the business units, wall-clock time in ``tz`` otherwise.

    ``business_calendar`` may be a function of no argument that returns the
    calendar: it is called only for a business unit, so that a wall-clock
    clock never loads (or fails on) a business calendar it does not use.
    """
    if unit in BUSINESS_UNITS:
        return business_calendar() if callable(business_calendar) else business_calendar
    return _elapsed_calendar(tz)


def term_deadline(calendar, start, amount, unit):
    """Deadline of ``amount`` ``unit`` from ``start`` on ``calendar``, or None
    when the calendar has no working time left in its loaded span.
    """
    check_term(amount, unit)
    if unit in _UNIT_SECONDS:
        return calendar.add(
            start, timedelta(seconds=round(amount * _UNIT_SECONDS[unit], 6))
        )
    if unit == "days":
        return calendar.add_calendar_days(start, int(amount))
    if unit == "business_days":
        return calendar.add_business_days(start, int(amount))
    return calendar.next_business_day(start, int(amount))


@dataclass(frozen=True)
class ClockPlan:
    """Where a clock stands: all instants are aware UTC datetimes.

    ``deadline`` is None when no deadline exists in the calendar's span
    ("no deadline" state); ``term`` is the business time the term grants.
    """

    start: object
    base_deadline: object
    deadline: object
    warn_at: object
    term: timedelta | None
    paused: timedelta

    @property
    def has_deadline(self):
        return self.deadline is not None


def plan_clock(calendar, start, amount, unit, paused=ZERO, warn_share=0.75):
    """Plan a clock started at ``start`` that was paused for ``paused``
    business time so far; ``warn_share`` (0 < share < 1) of the term gives
    the warning instant (None for no warning).
    """
    base = term_deadline(calendar, start, amount, unit)
    return replan(calendar, start, base, paused, warn_share)


def replan(calendar, start, base_deadline, paused=ZERO, warn_share=0.75):
    """The plan of a clock whose unpaused deadline is known."""
    if base_deadline is None:
        return ClockPlan(start, None, None, None, None, paused)
    term = calendar.work_time(start, base_deadline)
    deadline = calendar.add(base_deadline, paused) if paused else base_deadline
    warn_at = None
    if deadline is not None and warn_share and 0 < warn_share < 1:
        warn_at = calendar.add(start, paused + term * warn_share)
    return ClockPlan(start, base_deadline, deadline, warn_at, term, paused)


def used_time(calendar, start, now, paused=ZERO, paused_since=None):
    """Business time a clock has consumed at ``now`` (pauses excluded)."""
    used = calendar.work_time(start, now) - paused
    if paused_since is not None:
        used -= calendar.work_time(paused_since, now)
    return max(used, ZERO)


def add_pause(calendar, paused, paused_since, resumed_at):
    """Total paused business time once a pause that began at ``paused_since``
    ends at ``resumed_at``.
    """
    return paused + max(calendar.work_time(paused_since, resumed_at), ZERO)
