"""Property tests of the SLA engine against a brute-force reference.

The reference is deliberately naive and independent: it localises each
day's windows with pytz (``localize(is_dst=False)``, as Odoo does), cuts the
leaves out with a linear scan and walks the intervals one by one.  Random
calendars use zones with and without daylight saving, in both hemispheres
and with odd offsets.
"""

from datetime import date, datetime, time, timedelta

import pytz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from odoo.addons.support_sla import engine

UTC = engine.UTC
ZONES = [
    "Europe/Warsaw",
    "Europe/Kyiv",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
]
FIRST = date(2026, 1, 1)
LAST = date(2026, 12, 31)
SPAN_START = datetime(2026, 1, 3, tzinfo=UTC)
SPAN_SECONDS = 330 * 86400
# Derandomized: CI sees the same examples every run; a new case found while
# developing becomes an explicit test below.
PROFILE = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class Reference:
    """Brute force: intervals as aware UTC datetimes, linear scans."""

    def __init__(self, windows, tz, leaves):
        zone = pytz.timezone(tz)
        raw = []
        day = FIRST
        while day <= LAST:
            for weekday, start, end in windows:
                if weekday != day.weekday():
                    continue
                naive = datetime.combine(day, time())
                a = zone.localize(naive + timedelta(minutes=start), is_dst=False)
                b = zone.localize(naive + timedelta(minutes=end), is_dst=False)
                if a < b:
                    # A window inside the spring-forward gap (02:45-03:00 in
                    # Warsaw on 29 March) reads backwards: it has no time.
                    raw.append((a.astimezone(UTC), b.astimezone(UTC)))
            day += timedelta(days=1)
        raw.sort()
        merged = []
        for a, b in raw:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        for la, lb in leaves:
            cut = []
            for a, b in merged:
                if lb <= a or la >= b:
                    cut.append((a, b))
                    continue
                if a < la:
                    cut.append((a, la))
                if lb < b:
                    cut.append((lb, b))
            merged = cut
        self.intervals = merged

    def work_time(self, a, b):
        total = timedelta(0)
        for start, end in self.intervals:
            lo, hi = max(start, a), min(end, b)
            if lo < hi:
                total += hi - lo
        return total

    def add(self, t, amount):
        left = amount
        for start, end in self.intervals:
            if end <= t:
                continue
            lo = max(start, t)
            if left <= end - lo:
                return lo + left
            left -= end - lo
        return None


@st.composite
def calendars(draw):
    windows = []
    for weekday in range(7):
        cuts = sorted(
            draw(
                st.lists(
                    st.integers(0, 96).map(lambda q: q * 15),
                    max_size=4,
                    unique=True,
                )
            )
        )
        for a, b in zip(cuts[::2], cuts[1::2], strict=False):
            windows.append((weekday, a, b))
    if not windows:
        windows = [(draw(st.integers(0, 6)), 540, 1080)]
    tz = draw(st.sampled_from(ZONES))
    leaves = []
    for _dummy in range(draw(st.integers(0, 6))):
        start = SPAN_START + timedelta(minutes=draw(st.integers(0, 330 * 1440)))
        leaves.append((start, start + timedelta(minutes=draw(st.integers(1, 5000)))))
    return windows, tz, leaves


def instants():
    return st.integers(0, SPAN_SECONDS).map(lambda s: SPAN_START + timedelta(seconds=s))


def amounts():
    return st.integers(1, 60 * 24 * 20).map(lambda m: timedelta(minutes=m))


def build(spec, reference=False):
    windows, tz, leaves = spec
    cal = engine.BusinessCalendar(windows, tz, leaves, first_day=FIRST, last_day=LAST)
    return cal, Reference(windows, tz, leaves) if reference else None


@tagged("post_install", "-at_install")
class TestEngineProperties(BaseCase):
    """Properties of the pure SLA engine against a brute-force reference."""

    @PROFILE
    @given(
        calendars(), st.lists(st.tuples(instants(), amounts()), min_size=5, max_size=5)
    )
    def test_add_matches_the_reference(self, spec, queries):
        cal, ref = build(spec, reference=True)
        for t, amount in queries:
            expected = ref.add(t, amount)
            end = datetime.combine(LAST + timedelta(days=1), time(), tzinfo=UTC)
            if expected is None or expected > end - timedelta(days=2):
                continue  # near the end of the span the zones disagree on "end"
            self.assertEqual(cal.add(t, amount), expected)

    @PROFILE
    @given(
        calendars(), st.lists(st.tuples(instants(), instants()), min_size=5, max_size=5)
    )
    def test_work_time_matches_the_reference(self, spec, pairs):
        cal, ref = build(spec, reference=True)
        for a, b in pairs:
            a, b = min(a, b), max(a, b)
            self.assertEqual(cal.work_time(a, b), ref.work_time(a, b))

    @PROFILE
    @given(calendars(), instants(), amounts(), amounts())
    def test_add_is_additive_and_inverse_of_work_time(self, spec, t, first, second):
        cal, _ref = build(spec)
        once = cal.add(t, first)
        if once is None:
            return
        self.assertEqual(cal.work_time(t, once), first)
        twice = cal.add(once, second)
        self.assertEqual(twice, cal.add(t, first + second))
        # The deadline is the earliest instant: a microsecond earlier is short.
        self.assertLess(cal.work_time(t, once - timedelta(microseconds=1)), first)

    @PROFILE
    @given(calendars(), instants(), instants(), amounts())
    def test_add_is_monotone(self, spec, t1, t2, amount):
        cal, _ref = build(spec)
        t1, t2 = min(t1, t2), max(t1, t2)
        d1, d2 = cal.add(t1, amount), cal.add(t2, amount)
        if d1 is not None and d2 is not None:
            self.assertLessEqual(d1, d2)

    @PROFILE
    @given(calendars(), instants(), st.integers(1, 10))
    def test_business_days(self, spec, t, days):
        cal, _ref = build(spec)
        result = cal.add_business_days(t, days)
        nbd = cal.next_business_day(t, days)
        if result is None or nbd is None:
            return
        zone = pytz.timezone(cal.tz)
        # The result lies on (or closes) a business day after t's, and no later
        # than the close of the days-th next business day.
        self.assertTrue(t < result <= nbd)
        # Exactly days business days separate t's day (or the last one before
        # it) from the result's.
        business = cal.business_days()
        start_day = t.astimezone(zone).date()
        later = [d for d in business if d > start_day]
        self.assertEqual(
            later[days - 1], (nbd - timedelta(microseconds=1)).astimezone(zone).date()
        )

    @PROFILE
    @given(
        calendars(),
        instants(),
        st.sampled_from(engine.UNITS),
        st.integers(1, 40),
        st.lists(st.tuples(st.integers(0, 5000), st.integers(1, 3000)), max_size=3),
    )
    def test_pauses_shift_the_deadline_by_their_business_time(
        self, spec, start, unit, amount, pauses
    ):
        cal, _ref = build(spec)
        counting = engine.counting_calendar(unit, cal, spec[1])
        plan = engine.plan_clock(counting, start, amount, unit, warn_share=0.75)
        if plan.deadline is None:
            return
        paused = timedelta(0)
        cursor = start
        for gap, length in pauses:
            since = cursor + timedelta(minutes=gap)
            until = since + timedelta(minutes=length)
            if until > datetime(2026, 12, 1, tzinfo=UTC):
                break
            paused = engine.add_pause(counting, paused, since, until)
            cursor = until
        shifted = engine.replan(counting, start, plan.base_deadline, paused, 0.75)
        if shifted.deadline is None:
            return
        self.assertEqual(counting.work_time(plan.deadline, shifted.deadline), paused)
        used_at_deadline = engine.used_time(counting, start, shifted.deadline, paused)
        self.assertEqual(used_at_deadline, plan.term)
        if shifted.warn_at is not None:
            used_at_warning = engine.used_time(counting, start, shifted.warn_at, paused)
            self.assertLessEqual(
                abs(used_at_warning - plan.term * 0.75), timedelta(microseconds=1)
            )

    def test_window_in_the_spring_forward_gap_has_no_time(self):
        """Sunday 02:45-03:00 in Warsaw does not exist on 29 March 2026: that
        Sunday gives no time, the Sundays around it 15 minutes each."""
        cal, ref = build(([(6, 165, 180)], "Europe/Warsaw", []), reference=True)
        start = datetime(2026, 3, 22, 12, tzinfo=UTC)
        self.assertEqual(
            cal.work_time(start, datetime(2026, 4, 6, tzinfo=UTC)),
            timedelta(minutes=15),
        )
        # 10 minutes after 22 March end in the 5 April window (00:45 UTC
        # in summer time), not in the gap.
        ten = timedelta(minutes=10)
        self.assertEqual(cal.add(start, ten), datetime(2026, 4, 5, 0, 55, tzinfo=UTC))
        self.assertEqual(ref.add(start, ten), cal.add(start, ten))
