# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Business-time arithmetic on a weekly calendar with leaves.

A :class:`BusinessCalendar` is loaded once from weekly windows, a time zone
and a list of leaves (public holidays, closures) for a span of local dates.
It materialises the working intervals of the span as integers (UTC
microseconds since the epoch), merged and with the leaves cut out, together
with the prefix sums of their durations.  Two functions answer everything:

``F(t)``  business time elapsed from the start of the span up to instant t
          (one binary search on the interval starts);
``G(x)``  the earliest instant at which ``F`` reaches ``x`` (one binary
          search on the prefix sums).

Then business time between a and b is ``F(b) - F(a)``, ``t + N`` is
``G(F(t) + N)``, and business days are looked up in a per-day index built
the same way.  Every call is O(log n) in the number of intervals; loading is
O(days x windows).

Time zones: windows are wall-clock times in the calendar's zone; each day's
windows are converted to UTC on their own, so the arithmetic is exact across
daylight-saving changes (a 24-hour window on the spring-forward day lasts 23
real hours).  A wall-clock time that does not exist or exists twice is read
in standard time, as ``pytz``'s ``localize(is_dst=False)`` does in Odoo.

Nothing here imports Odoo: the addon's models load calendars from
``resource.calendar`` and call this module, and the tests compare it with
``resource.calendar.plan_hours`` and ``get_work_hours_count``.
"""

from bisect import bisect_left, bisect_right
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import (
    CalendarError,
    HorizonError,
    NoWorkingTimeError,
    OverlappingWindowsError,
    TimeZoneError,
)

DAY_MINUTES = 24 * 60
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_NAIVE = datetime(1970, 1, 1)
_US = timedelta(microseconds=1)
_DAY_US = 86_400_000_000
_MINUTE_US = 60_000_000
WEEKDAY_NAMES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


def to_us(value):
    """Microseconds since the epoch of an aware datetime (naive means UTC)."""
    if value.tzinfo is None:
        return (value - _EPOCH_NAIVE) // _US
    return (value - _EPOCH) // _US


def from_us(value):
    """The aware UTC datetime of a number of microseconds since the epoch."""
    return _EPOCH + timedelta(microseconds=value)


def get_zone(name):
    """The ``ZoneInfo`` of a time-zone name, or a clear :class:`TimeZoneError`."""
    if not name or not isinstance(name, str):
        raise TimeZoneError(
            f"A calendar needs a time zone such as 'Europe/Warsaw', got {name!r}."
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise TimeZoneError(
            f"Unknown time zone {name!r}: use an IANA name such as 'Europe/Warsaw'."
        ) from exc


def week_type(day):
    """Odoo's two-week calendar parity of a date (0 or 1)."""
    return ((day.toordinal() - 1) // 7) % 2


def hours_to_minutes(hours):
    """Odoo's float hours of an attendance as whole minutes (24.0 is midnight)."""
    if hours >= 24.0:
        return DAY_MINUTES
    integral = int(hours)
    return integral * 60 + round((hours - integral) * 60)


class Window(NamedTuple):
    """A weekly working window: weekday (0 = Monday), minutes from midnight.

    ``end`` may be 1440 (midnight at the end of the day).  ``date_from`` and
    ``date_to`` bound the dates it applies to; ``week_type`` (0 or 1) makes it
    apply to every other week, as in Odoo's two-week calendars.
    """

    weekday: int
    start: int
    end: int
    date_from: date | None = None
    date_to: date | None = None
    week_type: int | None = None

    def label(self):
        return (
            f"{WEEKDAY_NAMES[self.weekday]} "
            f"{self.start // 60:02d}:{self.start % 60:02d}-"
            f"{self.end // 60:02d}:{self.end % 60:02d}"
        )


def check_windows(windows):
    """Validate and normalise weekly windows; return them as ``Window`` tuples.

    Raises :class:`NoWorkingTimeError` for no window, :class:`CalendarError`
    for a window out of range and :class:`OverlappingWindowsError` when two
    windows that can apply to the same date overlap (touching is fine).
    """
    result = [w if isinstance(w, Window) else Window(*w) for w in windows]
    if not result:
        raise NoWorkingTimeError(
            "The calendar has no working window: add at least one working period."
        )
    for window in result:
        if window.weekday not in range(7):
            raise CalendarError(
                f"Weekday {window.weekday!r} is invalid: use 0 (Monday) to 6 (Sunday)."
            )
        if not 0 <= window.start < window.end <= DAY_MINUTES:
            raise CalendarError(
                f"Window {window.start}-{window.end} on "
                f"{WEEKDAY_NAMES[window.weekday]} is invalid: it must start "
                "before it ends, within 00:00-24:00."
            )
        if window.week_type not in (None, 0, 1):
            raise CalendarError(f"Week type {window.week_type!r} is invalid: 0 or 1.")
        if window.date_from and window.date_to and window.date_to < window.date_from:
            raise CalendarError(
                f"Window {window.label()} ends ({window.date_to}) before it starts "
                f"({window.date_from})."
            )
    ordered = sorted(result, key=lambda w: (w.weekday, w.start, w.end))
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if second.weekday != first.weekday or second.start >= first.end:
                break
            same_weeks = (
                first.week_type is None
                or second.week_type is None
                or first.week_type == second.week_type
            )
            same_dates = (
                not first.date_to
                or not second.date_from
                or second.date_from <= first.date_to
            ) and (
                not second.date_to
                or not first.date_from
                or first.date_from <= second.date_to
            )
            if same_weeks and same_dates:
                raise OverlappingWindowsError(
                    f"Windows {first.label()} and {second.label()} overlap: "
                    "make them end before the next one starts."
                )
    return ordered


def _merge(intervals):
    """Sorted, merged copy of (start, end) pairs; touching pairs are joined."""
    merged = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged


def _subtract(work, leaves):
    """Merged intervals ``work`` minus merged intervals ``leaves``."""
    result = []
    j = 0
    count = len(leaves)
    for start, end in work:
        while j < count and leaves[j][1] <= start:
            j += 1
        k = j
        cursor = start
        while k < count and leaves[k][0] < end:
            if leaves[k][0] > cursor:
                result.append((cursor, leaves[k][0]))
            cursor = max(cursor, leaves[k][1])
            k += 1
        if cursor < end:
            result.append((cursor, end))
    return result


class _Zoned:
    """Wall-clock conversions shared by the calendars."""

    def __init__(self, tz):
        self.tz = tz
        self._zone = get_zone(tz)

    def _local_us(self, naive):
        """UTC microseconds of a wall-clock time, standard time when ambiguous."""
        first = naive.replace(tzinfo=self._zone)
        offset = first.utcoffset()
        second = first.replace(fold=1)
        if second.utcoffset() != offset and first.dst():
            # A skipped or repeated wall-clock time: take the standard-time
            # reading, as pytz's localize(is_dst=False) in Odoo does.
            offset = second.utcoffset()
        return (naive - _EPOCH_NAIVE) // _US - offset // _US

    def local_date(self, value):
        """The calendar-local date of an instant (aware, or naive UTC)."""
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(self._zone).date()

    def localize(self, naive):
        """The aware UTC instant of a wall-clock time in this calendar's zone."""
        return from_us(self._local_us(naive))

    def add_calendar_days(self, value, days):
        """Same wall-clock time ``days`` calendar days later (DST-exact)."""
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        local = value.astimezone(self._zone).replace(tzinfo=None)
        return from_us(self._local_us(local + timedelta(days=days)))


class BusinessCalendar(_Zoned):
    """Working time of a weekly calendar minus leaves, over a span of dates.

    :param windows: iterable of :class:`Window` or tuples
        ``(weekday, start_minute, end_minute[, date_from, date_to, week_type])``
    :param tz: IANA time-zone name of the windows
    :param leaves: iterable of ``(start, end)`` datetimes (aware, or naive UTC)
        during which nobody works; they may overlap each other and windows
    :param first_day, last_day: the local dates loaded (inclusive); queries
        outside ``[first_day 00:00, last_day + 1 00:00]`` raise
        :class:`HorizonError`, and results beyond it are ``None`` ("no
        deadline within the loaded span").
    """

    def __init__(self, windows, tz, leaves=(), first_day=None, last_day=None):
        super().__init__(tz)
        self.windows = check_windows(windows)
        today = date.today()
        first_day = first_day or date(today.year - 1, 1, 1)
        last_day = last_day or date(today.year + 2, 12, 31)
        if last_day < first_day:
            raise CalendarError(f"The span {first_day} - {last_day} is empty.")
        self.first_day = first_day
        self.last_day = last_day
        self._h0 = self._local_us(datetime.combine(first_day, datetime.min.time()))
        self._h1 = self._local_us(
            datetime.combine(last_day + timedelta(days=1), datetime.min.time())
        )
        self._build(self._leave_pairs(leaves))

    # -- loading -----------------------------------------------------------

    @staticmethod
    def _leave_pairs(leaves):
        pairs = []
        for start, end in leaves:
            start_us, end_us = to_us(start), to_us(end)
            if end_us < start_us:
                raise CalendarError(
                    f"The leave {start} - {end} ends before it starts: swap its dates."
                )
            pairs.append((start_us, end_us))
        return _merge(pairs)

    def _build(self, leaves):
        by_weekday = [[] for _dummy in range(7)]
        for window in self.windows:
            by_weekday[window.weekday].append(window)
        raw = []
        midnights = []
        local_us = self._local_us
        first = self.first_day.toordinal()
        last = self.last_day.toordinal()
        for ordinal in range(first, last + 2):
            day = date.fromordinal(ordinal)
            naive = datetime(day.year, day.month, day.day)
            midnights.append(local_us(naive))
            if ordinal > last:
                break
            for window in by_weekday[day.weekday()]:
                if (
                    (window.date_from and day < window.date_from)
                    or (window.date_to and day > window.date_to)
                    or (
                        window.week_type is not None
                        and week_type(day) != window.week_type
                    )
                ):
                    continue
                start = local_us(naive + timedelta(minutes=window.start))
                end = local_us(naive + timedelta(minutes=window.end))
                raw.append((start, end))
        work = _subtract(_merge(raw), leaves)
        self._starts = [start for start, _end in work]
        self._ends = [end for _start, end in work]
        cum = []
        cum_end = []
        total = 0
        for start, end in work:
            cum.append(total)
            total += end - start
            cum_end.append(total)
        self._cum = cum
        self._cum_end = cum_end
        # The business-day index: local dates with working time, with the
        # business time elapsed at their first and last instant.
        bd_ord, bd_cum0, bd_cum1 = [], [], []
        previous = self._f(midnights[0])
        for offset, midnight in enumerate(midnights[1:]):
            current = self._f(midnight)
            if current > previous:
                bd_ord.append(first + offset)
                bd_cum0.append(previous)
                bd_cum1.append(current)
            previous = current
        self._bd_ord = bd_ord
        self._bd_cum0 = bd_cum0
        self._bd_cum1 = bd_cum1

    # -- the two primitives --------------------------------------------------

    def _check(self, t):
        if t < self._h0 or t > self._h1:
            raise HorizonError(
                f"{from_us(t).isoformat()} is outside the loaded span "
                f"{self.first_day} - {self.last_day} of this calendar."
            )

    def _f(self, t):
        """Business microseconds from the start of the span up to ``t``."""
        i = bisect_right(self._starts, t) - 1
        if i < 0:
            return 0
        end = self._ends[i]
        return self._cum[i] + ((end if t > end else t) - self._starts[i])

    def _g(self, x):
        """Earliest instant at which ``_f`` reaches ``x > 0``; None beyond the span."""
        j = bisect_left(self._cum_end, x)
        if j == len(self._cum_end):
            return None
        return self._starts[j] + (x - self._cum[j])

    def _elapsed(self, t):
        self._check(t)
        return self._f(t)

    # -- public API --------------------------------------------------------

    def work_time(self, start, end):
        """Business time between two instants (negative when end < start)."""
        return timedelta(
            microseconds=self._elapsed(to_us(end)) - self._elapsed(to_us(start))
        )

    def add(self, value, duration):
        """The earliest instant at which ``duration`` of business time has run
        from ``value``, or None when it falls beyond the loaded span.

        A deadline that lands exactly on the end of a window is that end
        (Friday 18:00, not Monday 08:00), as Odoo's ``plan_hours`` does.
        """
        amount = duration // _US if isinstance(duration, timedelta) else duration
        if amount < 0:
            raise ValueError(f"Cannot add a negative business time ({duration}).")
        t = to_us(value)
        if amount == 0:
            self._check(t)
            return from_us(t)
        target = self._g(self._elapsed(t) + amount)
        return None if target is None else from_us(target)

    def add_minutes(self, value, minutes):
        """``value`` + ``minutes`` business minutes (see :meth:`add`)."""
        return self.add(value, round(minutes * _MINUTE_US))

    def next_open(self, value):
        """The first working instant at or after ``value``, or None."""
        t = to_us(value)
        self._check(t)
        i = bisect_right(self._starts, t) - 1
        if i >= 0 and t < self._ends[i]:
            return from_us(t)
        if i + 1 < len(self._starts):
            return from_us(self._starts[i + 1])
        return None

    def is_business_day(self, day):
        """Whether a local date has any working time left after leaves."""
        i = bisect_left(self._bd_ord, day.toordinal())
        return i < len(self._bd_ord) and self._bd_ord[i] == day.toordinal()

    def business_days(self):
        """The local dates of the span that have working time."""
        return [date.fromordinal(ordinal) for ordinal in self._bd_ord]

    def next_business_day(self, value, count=1):
        """End of working time on the ``count``-th business day after the
        local date of ``value`` ("next business day" terms), or None.
        """
        t = to_us(value)
        self._check(t)
        if count < 1:
            raise ValueError("count must be at least 1")
        day = from_us(t).astimezone(self._zone).date()
        k = bisect_right(self._bd_ord, day.toordinal()) + count - 1
        if k >= len(self._bd_ord):
            return None
        return from_us(self._g(self._bd_cum1[k]))

    def add_business_days(self, value, days):
        """``value`` + ``days`` business days, or None beyond the span.

        The point reached is the same share of a working day, ``days``
        business days later: Monday 10:00 + 1 is Tuesday 10:00 on an 08:00
        calendar; a request that arrives outside working time counts from
        the end of the last working day (Saturday + 1 is Monday's close).
        When the later day is shorter, its close is the deadline.
        """
        if days < 0 or days != int(days):
            raise ValueError(f"Business days must be a whole positive number: {days}")
        t = to_us(value)
        x = self._elapsed(t)
        if days == 0:
            return from_us(t)
        k = bisect_left(self._bd_cum1, x)
        m = k + int(days)
        if m >= len(self._bd_ord):
            return None
        offset = x - self._bd_cum0[k]
        length = self._bd_cum1[m] - self._bd_cum0[m]
        return from_us(self._g(self._bd_cum0[m] + min(offset, length)))

    def intervals(self, start=None, end=None):
        """The working intervals (aware UTC pairs) overlapping ``[start, end]``."""
        lo = 0 if start is None else bisect_right(self._ends, to_us(start))
        hi = len(self._starts) if end is None else bisect_left(self._starts, to_us(end))
        return [
            (from_us(self._starts[i]), from_us(self._ends[i])) for i in range(lo, hi)
        ]

    @property
    def has_working_time(self):
        return bool(self._starts)


class ElapsedCalendar(_Zoned):
    """Wall-clock time: every instant counts ("30 minutes", "2 weeks").

    It answers the same questions as :class:`BusinessCalendar` so that clocks
    in elapsed units share its code; every day is a business day.
    """

    def work_time(self, start, end):
        return timedelta(microseconds=to_us(end) - to_us(start))

    def add(self, value, duration):
        amount = duration // _US if isinstance(duration, timedelta) else duration
        if amount < 0:
            raise ValueError(f"Cannot add a negative time ({duration}).")
        return from_us(to_us(value) + amount)

    def add_minutes(self, value, minutes):
        return self.add(value, round(minutes * _MINUTE_US))

    def next_open(self, value):
        return from_us(to_us(value))

    def next_business_day(self, value, count=1):
        day = self.local_date(value) + timedelta(days=count + 1)
        return self.localize(datetime(day.year, day.month, day.day))

    def add_business_days(self, value, days):
        return self.add_calendar_days(value, days)
