# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SLA engine: business-calendar arithmetic with no Odoo import.

Like queue_job's jobrunner beside its models, this package is plain Python
so that it can be tested and benchmarked without a database.
"""

from .calendar import (
    DAY_MINUTES,
    UTC,
    BusinessCalendar,
    ElapsedCalendar,
    Window,
    check_windows,
    from_us,
    get_zone,
    hours_to_minutes,
    to_us,
    week_type,
)
from .clock import (
    BUSINESS_UNITS,
    ELAPSED_UNITS,
    UNITS,
    ClockPlan,
    add_pause,
    check_term,
    counting_calendar,
    plan_clock,
    replan,
    term_deadline,
    used_time,
)
from .errors import (
    CalendarError,
    CountryError,
    HorizonError,
    NoWorkingTimeError,
    OverlappingWindowsError,
    SlaEngineError,
    TermError,
    TimeZoneError,
)
from .public_holidays import public_holidays, supported_subdivisions
from .selection import TargetSpec, select_targets
