# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Errors of the SLA engine.

They are plain ``ValueError`` subclasses with an English message that names
the offending value and the fix; the Odoo layer turns them into translatable
``ValidationError``/``UserError`` messages.
"""


class SlaEngineError(ValueError):
    """Base class of every error raised by the engine."""


class TimeZoneError(SlaEngineError):
    """The calendar names a time zone the tz database does not know."""


class CalendarError(SlaEngineError):
    """The weekly windows are invalid: out of range, overlapping or empty."""


class NoWorkingTimeError(CalendarError):
    """The calendar has no working window at all."""


class OverlappingWindowsError(CalendarError):
    """Two weekly windows of the same day overlap."""


class TermError(SlaEngineError):
    """An SLA term has a zero or negative amount or an unknown unit."""


class HorizonError(SlaEngineError):
    """A date lies outside the span of days the calendar was loaded for."""


class CountryError(SlaEngineError):
    """The holidays library knows no such country or subdivision."""
