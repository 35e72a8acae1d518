# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..engine import (
    BusinessCalendar,
    SlaEngineError,
    Window,
    check_windows,
    get_zone,
    hours_to_minutes,
    public_holidays,
    supported_subdivisions,
)
from ..engine.errors import CountryError
from . import sla_cache

_logger = logging.getLogger(__name__)

# Local dates a loaded engine covers around the year it is asked for: a
# clock started in year Y is planned, paused and measured within Y-1 .. Y+3.
ENGINE_YEARS_BEFORE = 1
ENGINE_YEARS_AFTER = 3


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    holiday_country_id = fields.Many2one(
        comodel_name="res.country",
        string="Public holidays of",
        help="Generate this country's public holidays as global time off, from "
        "the holidays library, for this year and the next; a daily job keeps "
        "them in sync. Leave empty for calendars that work on holidays.",
    )
    holiday_subdivision = fields.Char(
        string="Region",
        help="Subdivision code of the holidays library (a state, province or "
        "region with holidays of its own, e.g. BY for Bavaria). Leave empty "
        "for the national holidays.",
    )
    holiday_last_sync = fields.Datetime(
        string="Holidays synchronised on", readonly=True, copy=False
    )
    holiday_drop_ids = fields.One2many(
        comodel_name="support.sla.holiday.drop",
        inverse_name="calendar_id",
        string="Dropped public holidays",
        help="Public holidays you removed from this calendar: the "
        "synchronisation does not bring them back. Delete a line to restore "
        "the holiday at the next synchronisation.",
    )
    sla_target_count = fields.Integer(
        string="SLA targets", compute="_compute_sla_target_count"
    )

    def _compute_sla_target_count(self):
        """Targets counting on the calendar: their own or their policy's."""
        targets = (
            self.env["support.sla.target"]
            .sudo()
            .search(
                [
                    "|",
                    ("calendar_id", "in", self.ids),
                    "&",
                    ("calendar_id", "=", False),
                    ("policy_id.calendar_id", "in", self.ids),
                ]
            )
        )
        counts = defaultdict(int)
        for target in targets:
            counts[target.effective_calendar_id.id] += 1
        for calendar in self:
            calendar.sla_target_count = counts[calendar.id]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("holiday_country_id", "holiday_subdivision")
    def _check_holiday_country(self):
        for calendar in self.filtered("holiday_country_id"):
            try:
                subdivisions = supported_subdivisions(calendar.holiday_country_id.code)
            except CountryError as exc:
                raise ValidationError(
                    self.env._(
                        "Public holidays of: the holidays library has no "
                        "calendar for %(country)s. Clear the field and enter "
                        "the holidays as time off by hand.",
                        country=calendar.holiday_country_id.name,
                    )
                ) from exc
            region = calendar.holiday_subdivision
            if region and region not in subdivisions:
                raise ValidationError(
                    self.env._(
                        "Region: %(country)s has no region %(region)s in the "
                        "holidays library. Use one of: %(known)s, or leave it "
                        "empty for the national holidays.",
                        country=calendar.holiday_country_id.name,
                        region=region,
                        known=", ".join(subdivisions) or self.env._("none"),
                    )
                )

    @api.constrains("holiday_subdivision", "holiday_country_id")
    def _check_holiday_subdivision_needs_country(self):
        for calendar in self:
            if calendar.holiday_subdivision and not calendar.holiday_country_id:
                raise ValidationError(
                    self.env._(
                        "Region: calendar %(calendar)s names a region but no "
                        "country. Choose the country in 'Public holidays of'.",
                        calendar=calendar.display_name,
                    )
                )

    @api.constrains("attendance_ids", "tz")
    def _check_sla_working_time(self):
        """Calendars SLA targets count on must keep some working time."""
        used = self.filtered("sla_target_count")
        for calendar in used:
            try:
                check_windows(calendar._sla_windows())
                get_zone(calendar.tz)
            except SlaEngineError as exc:
                raise ValidationError(
                    self.env._(
                        "Working hours of %(calendar)s: SLA targets count on "
                        "this calendar, and %(error)s",
                        calendar=calendar.display_name,
                        error=str(exc),
                    )
                ) from exc

    # ------------------------------------------------------------------
    # Public holidays
    # ------------------------------------------------------------------

    def _holiday_years(self):
        today = fields.Date.context_today(self)
        return [today.year, today.year + 1]

    def _prepare_holiday_leave_vals(self, day, name):
        """Hook: the values of the global time off of public holiday ``day``
        (named ``name``) on this calendar.

        Called by :meth:`_sync_public_holidays` for each holiday it adds,
        before one ``create`` of them all. The time off covers the whole
        local day and ends at 23:59:59 like the time off Odoo creates from
        its forms; the SLA engine reads that last second as the end of the
        day. An override may add values, calling ``super()``; it must keep
        ``holiday_date`` (the sync finds its holidays by it) and the dates.
        """
        self.ensure_one()
        zone = pytz.timezone(self.tz or "UTC")
        start = zone.localize(datetime.combine(day, time.min), is_dst=False)
        end = zone.localize(datetime.combine(day, time(23, 59, 59)), is_dst=False)
        return {
            "name": name,
            "calendar_id": self.id,
            "date_from": start.astimezone(pytz.utc).replace(tzinfo=None),
            "date_to": end.astimezone(pytz.utc).replace(tzinfo=None),
            "time_type": "leave",
            "holiday_date": day,
        }

    def _dropped_holidays(self):
        """{(calendar id, day)} of the generated holidays users dropped."""
        drops = (
            self.env["support.sla.holiday.drop"]
            .sudo()
            .search([("calendar_id", "in", self.ids)])
        )
        return {(drop.calendar_id.id, drop.date) for drop in drops}

    def _wanted_public_holidays(self, years):
        """[(day, name)] of this calendar's country (and subdivision) in
        ``years``, named in the user's language."""
        self.ensure_one()
        try:
            return public_holidays(
                self.holiday_country_id.code,
                years,
                subdivision=self.holiday_subdivision or None,
                language=self.env.lang or "en_US",
            )
        except CountryError as exc:
            raise UserError(
                self.env._(
                    "Public holidays of %(calendar)s: %(error)s",
                    calendar=self.display_name,
                    error=str(exc),
                )
            ) from exc

    def _sync_public_holidays(self, years=None):
        """Create, rename and remove generated holidays of these calendars.

        Holidays the user dropped stay dropped; time off entered by hand is
        never touched; a generated holiday the library no longer lists (the
        law changed) is removed.
        """
        years = years or self._holiday_years()
        Leave = self.env["resource.calendar.leaves"].sudo()
        calendars = self.filtered("holiday_country_id")
        existing = Leave.search(
            [
                # Calendars without a country lose their generated holidays.
                ("calendar_id", "in", self.ids),
                ("holiday_date", ">=", date(min(years), 1, 1)),
                ("holiday_date", "<=", date(max(years), 12, 31)),
            ]
        )
        by_key = {
            (leave.calendar_id.id, leave.holiday_date): leave for leave in existing
        }
        dropped = calendars._dropped_holidays()
        to_create = []
        to_remove = Leave
        for calendar in calendars:
            wanted = calendar._wanted_public_holidays(years)
            wanted_days = set()
            for day, name in wanted:
                wanted_days.add(day)
                key = (calendar.id, day)
                leave = by_key.get(key)
                if leave:
                    if leave.name != name:
                        leave.name = name
                elif key not in dropped:
                    to_create.append(calendar._prepare_holiday_leave_vals(day, name))
            to_remove |= existing.filtered(
                lambda leave, c=calendar, days=wanted_days: (
                    leave.calendar_id == c and leave.holiday_date not in days
                )
            )
        to_remove |= existing.filtered(
            lambda leave: not leave.calendar_id.holiday_country_id
        )
        if to_remove:
            to_remove.with_context(holiday_sync=True).unlink()
        if to_create:
            Leave.create(to_create)
        calendars.sudo().write({"holiday_last_sync": fields.Datetime.now()})
        return True

    def action_sync_public_holidays(self):
        if not self.filtered("holiday_country_id"):
            raise UserError(
                self.env._(
                    "Public holidays of: choose a country first, then synchronise."
                )
            )
        self._sync_public_holidays()
        return True

    @api.model
    def _cron_sync_public_holidays(self):
        calendars = self.search([("holiday_country_id", "!=", False)])
        for calendar in calendars:
            try:
                with self.env.cr.savepoint():
                    calendar._sync_public_holidays()
            except UserError as exc:
                _logger.info("Holidays of %s not synchronised: %s", calendar.name, exc)
        return True

    @api.model_create_multi
    def create(self, vals_list):
        calendars = super().create(vals_list)
        calendars.filtered("holiday_country_id")._sync_public_holidays()
        return calendars

    def write(self, vals):
        if "holiday_country_id" in vals and not vals["holiday_country_id"]:
            vals = dict(vals)
            vals.setdefault("holiday_subdivision", False)
        result = super().write(vals)
        if {"tz", "attendance_ids", "two_weeks_calendar", "active"} & set(vals):
            sla_cache.touched(self.env)
        if {"holiday_country_id", "holiday_subdivision"} & set(vals):
            self._sync_public_holidays()
        return result

    def unlink(self):
        result = super().unlink()
        sla_cache.touched(self.env)
        return result

    # ------------------------------------------------------------------
    # The SLA engine
    # ------------------------------------------------------------------

    def _sla_windows(self):
        """The weekly windows of this calendar as engine windows.

        Like Odoo's own interval computation: attendances of the calendar
        itself (not of a resource), no sections, no lunch breaks.
        """
        self.ensure_one()
        windows = []
        for attendance in self.sudo().attendance_ids:
            if (
                attendance.resource_id
                or attendance.display_type
                or attendance.day_period == "lunch"
            ):
                continue
            windows.append(
                Window(
                    int(attendance.dayofweek),
                    hours_to_minutes(attendance.hour_from),
                    hours_to_minutes(attendance.hour_to),
                    attendance.date_from or None,
                    attendance.date_to or None,
                    int(attendance.week_type) if self.two_weeks_calendar else None,
                )
            )
        return windows

    def _sla_leaves(self, first_day, last_day):
        """Global time off of this calendar (and of no calendar, as Odoo
        counts it) over the span, as naive UTC pairs.

        A time off that ends at 23:59:59 local time ends at midnight: that is
        how Odoo's forms and our holiday generator say "the whole day".
        """
        self.ensure_one()
        zone = pytz.timezone(self.tz or "UTC")
        span_from = datetime.combine(first_day - timedelta(days=1), time.min)
        span_to = datetime.combine(last_day + timedelta(days=2), time.min)
        rows = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search_read(
                [
                    ("calendar_id", "in", [False, self.id]),
                    ("resource_id", "=", False),
                    ("time_type", "=", "leave"),
                    ("date_from", "<=", span_to),
                    ("date_to", ">=", span_from),
                ],
                ["date_from", "date_to"],
            )
        )
        pairs = []
        second = timedelta(seconds=1)
        for row in rows:
            end = row["date_to"]
            local_end = pytz.utc.localize(end).astimezone(zone)
            if local_end.time() == time(23, 59, 59):
                end += second
            pairs.append((row["date_from"], end))
        return pairs

    def _sla_engine_versions(self):
        """{calendar id: version} of what the engines of these calendars are
        built from, in one query: the calendar itself (time zone, two-week
        mode), its attendances and the global time off it counts (its own
        and those of no calendar; an employee's time off is not read).
        See :mod:`.sla_cache`.
        """
        for model in (
            "resource.calendar",
            "resource.calendar.attendance",
            "resource.calendar.leaves",
        ):
            self.env[model].flush_model()
        attendances = sla_cache.table_stamp(
            "resource_calendar_attendance",
            SQL("calendar_id = c.id AND resource_id IS NULL"),
        )
        leaves = sla_cache.table_stamp(
            "resource_calendar_leaves",
            SQL("(calendar_id = c.id OR calendar_id IS NULL) AND resource_id IS NULL"),
        )
        rows = self.env.execute_query(
            SQL(
                "SELECT c.id, c.write_date, a.n, a.stamp, l.n, l.stamp "
                "FROM resource_calendar c "
                "CROSS JOIN LATERAL (%s) AS a(n, stamp) "
                "CROSS JOIN LATERAL (%s) AS l(n, stamp) "
                "WHERE c.id = ANY(%s)",
                attendances,
                leaves,
                list(self.ids),
            )
        )
        return {row[0]: tuple(row[1:]) for row in rows}

    def _sla_engine_build(self, year):
        """The engine of this calendar around ``year``, or the engine error
        (kept too: a broken calendar is reported, not reloaded per call).
        """
        first_day = date(year - ENGINE_YEARS_BEFORE, 1, 1)
        last_day = date(year + ENGINE_YEARS_AFTER, 12, 31)
        try:
            return BusinessCalendar(
                self._sla_windows(),
                self.tz,
                self._sla_leaves(first_day, last_day),
                first_day=first_day,
                last_day=last_day,
            )
        except SlaEngineError as exc:
            return exc

    @tools.ormcache("self.id", "year", "version")
    def _sla_engine_cached(self, year, version):
        """The shared engine of this calendar at ``version`` (of
        :meth:`_sla_engine_versions`): an entry nobody asks for any more
        once the calendar changed, until the cache drops it.
        """
        return self._sla_engine_build(year)

    def _sla_engine(self, year):
        """The loaded :class:`BusinessCalendar` of this calendar for clocks
        that start in ``year``; raises the engine's error for a calendar
        without working time or with a bad time zone.

        One query per calendar and transaction (the version), none more
        while nothing changes.
        """
        self.ensure_one()
        calendar = self.sudo()
        memo = sla_cache.memo(self.env)
        key = ("engine", calendar.id, year)
        if key not in memo:
            if sla_cache.is_dirty(self.env):
                memo[key] = calendar._sla_engine_build(year)
            else:
                version = calendar._sla_engine_versions().get(calendar.id)
                memo[key] = calendar._sla_engine_cached(year, version)
        result = memo[key]
        if isinstance(result, SlaEngineError):
            raise result
        return result
