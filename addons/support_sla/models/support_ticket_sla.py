# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import contextlib
import logging
from collections import defaultdict
from datetime import UTC, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_datetime

from ..engine import (
    SlaEngineError,
    add_pause,
    counting_calendar,
    plan_clock,
    replan,
    term_deadline,
    used_time,
)
from .support_sla_target import METRICS, START_EVENTS, STOP_EVENTS, UNITS

_logger = logging.getLogger(__name__)

CLOCK_STATES = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
    ("cancelled", "Cancelled"),
    ("no_deadline", "No deadline"),
]
SWEEP_BATCH = 2000


def to_naive(value):
    """An engine instant as an Odoo datetime: naive UTC, whole seconds."""
    if value is None:
        return False
    return value.astimezone(UTC).replace(tzinfo=None, microsecond=0)


class SupportTicketSla(models.Model):
    """An SLA clock: one target of the plan running on one ticket.

    The clock keeps a snapshot of its target's term, so that editing a
    policy changes the clocks started afterwards, not the history.  Pauses
    are accumulated as the business time they covered (``paused_seconds``):
    the deadline is the term's deadline shifted by that much business time.
    """

    _name = "support.ticket.sla"
    _description = "SLA clock"
    _order = "deadline, id"
    _rec_name = "metric"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, readonly=True
    )
    target_id = fields.Many2one(
        comodel_name="support.sla.target",
        ondelete="set null",
        readonly=True,
        index=True,
    )
    policy_id = fields.Many2one(
        comodel_name="support.sla.policy", ondelete="set null", readonly=True
    )
    plan_id = fields.Many2one(
        comodel_name="support.plan",
        string="Support plan",
        ondelete="set null",
        readonly=True,
        index=True,
    )
    metric = fields.Selection(selection=METRICS, required=True, readonly=True)
    priority = fields.Char(readonly=True, help="The ticket's priority at the start.")
    amount = fields.Float(readonly=True, digits=(16, 2))
    unit = fields.Selection(selection=UNITS, readonly=True)
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar", readonly=True, ondelete="set null"
    )
    start_event = fields.Selection(selection=START_EVENTS, readonly=True)
    stop_event = fields.Selection(selection=STOP_EVENTS, readonly=True)
    stop_on_downgrade = fields.Boolean(readonly=True)
    warn_share = fields.Float(readonly=True, default=0.75)
    state = fields.Selection(
        selection=CLOCK_STATES,
        required=True,
        default="running",
        readonly=True,
        index=True,
    )
    start_date = fields.Datetime(string="Started", required=True, readonly=True)
    base_deadline = fields.Datetime(
        readonly=True, help="The deadline before pauses moved it."
    )
    deadline = fields.Datetime(readonly=True, index=True)
    warn_date = fields.Datetime(string="Warning at", readonly=True, index=True)
    term_hours = fields.Float(
        string="Term (business hours)",
        readonly=True,
        help="Business time the term grants, in hours of the counting calendar.",
    )
    paused_seconds = fields.Float(
        readonly=True, help="Business time spent in pausing stages, in seconds."
    )
    paused_since = fields.Datetime(readonly=True)
    stop_date = fields.Datetime(string="Stopped", readonly=True, index=True)
    used_hours_final = fields.Float(readonly=True)
    warned = fields.Boolean(readonly=True)
    met_by_downgrade = fields.Boolean(
        readonly=True, help="Met because the ticket's priority was lowered."
    )
    extended = fields.Boolean(readonly=True)
    announced_deadline = fields.Datetime(
        string="Announced term",
        readonly=True,
        help="The new term the agent told the customer: the clock's deadline "
        "from then on, a date that later pauses do not move.",
    )
    no_deadline_reason = fields.Char(readonly=True)
    event_ids = fields.One2many(
        comodel_name="support.ticket.sla.event",
        inverse_name="clock_id",
        string="History",
        readonly=True,
    )
    used_hours = fields.Float(
        string="Business time used",
        compute="_compute_usage",
        help="Business hours consumed so far, pauses excluded.",
    )
    left_hours = fields.Float(
        string="Business time left",
        compute="_compute_usage",
        help="Business hours left before the deadline (negative: overdue).",
    )
    ticket_user_id = fields.Many2one(
        related="ticket_id.user_id", string="Assignee", readonly=True
    )
    ticket_team_id = fields.Many2one(
        related="ticket_id.team_id", string="Team", readonly=True
    )

    @api.depends("metric", "deadline", "state")
    def _compute_display_name(self):
        metrics = dict(self._fields["metric"]._description_selection(self.env))
        for clock in self:
            label = metrics.get(clock.metric, "")
            if clock.deadline and clock.state in ("running", "breached"):
                label = f"{label} ({format_datetime(self.env, clock.deadline)})"
            clock.display_name = label

    @api.depends_context("uid")
    @api.depends("state", "start_date", "paused_seconds", "paused_since", "stop_date")
    def _compute_usage(self):
        now = fields.Datetime.now()
        for clock in self:
            used = left = 0.0
            if clock.state != "cancelled":
                used = clock._sla_used_hours(clock.stop_date or now)
                left = clock.term_hours - used if clock.term_hours else 0.0
            clock.used_hours = used
            clock.left_hours = left

    def _sla_used_hours(self, until):
        """Business hours the clock has counted from its start to ``until``,
        pauses excluded (0 when its calendar cannot be read)."""
        self.ensure_one()
        counting = self._sla_counting(quiet=True)
        if counting is None:
            return 0.0
        try:
            used = used_time(
                counting,
                self.start_date,
                until,
                timedelta(seconds=self.paused_seconds),
                self.paused_since or None,
            )
        except SlaEngineError:
            return 0.0
        return used.total_seconds() / 3600

    # ------------------------------------------------------------------
    # The engine behind a clock
    # ------------------------------------------------------------------

    @api.model
    def _sla_counting_calendar(self, calendar, unit, year, tz=None):
        """The calendar a clock counts on: the business calendar's engine
        for business units, wall-clock time in its zone otherwise.
        """

        def business_calendar():
            if not calendar:
                raise SlaEngineError(
                    self.env._("The clock's business calendar was deleted.")
                )
            return calendar._sla_engine(year)

        return counting_calendar(unit, business_calendar, tz or calendar.tz or "UTC")

    def _sla_counting(self, quiet=False):
        self.ensure_one()
        try:
            return self._sla_counting_calendar(
                self.calendar_id, self.unit, self.start_date.year
            )
        except SlaEngineError:
            if quiet:
                return None
            raise

    @api.model
    def _sla_plan_vals(self, counting, start, amount, unit, warn_share, paused=0.0):
        """Deadline, warning and term of a clock, as field values.

        A calendar with no working time left in the loaded span, a broken
        calendar or a term beyond it gives the "no deadline" state, never an
        exception: the ticket is kept and says why.
        """
        try:
            if counting is None:
                raise SlaEngineError(self.env._("The calendar cannot be loaded."))
            plan = plan_clock(
                counting, start, amount, unit, timedelta(seconds=paused), warn_share
            )
        except SlaEngineError as exc:
            return {
                "state": "no_deadline",
                "base_deadline": False,
                "deadline": False,
                "warn_date": False,
                "term_hours": 0.0,
                "no_deadline_reason": str(exc),
            }
        if not plan.has_deadline:
            return {
                "state": "no_deadline",
                "base_deadline": False,
                "deadline": False,
                "warn_date": False,
                "term_hours": 0.0,
                "no_deadline_reason": self.env._(
                    "The calendar has no working time within the term's reach "
                    "(the next years): no deadline can be set."
                ),
            }
        return {
            "state": "running",
            "base_deadline": to_naive(plan.base_deadline),
            "deadline": to_naive(plan.deadline),
            "warn_date": to_naive(plan.warn_at),
            "term_hours": plan.term.total_seconds() / 3600,
            "no_deadline_reason": False,
        }

    @api.model
    def _prepare_sla_clock_vals(self, ticket, spec, start):
        """Hook: the values of a new clock of target ``spec`` on ``ticket``,
        counting from ``start``.

        Called by ``helpdesk.ticket._sla_update`` for each clock it starts
        (a new ticket, a ticket that became covered, a re-plan, a start
        event), before one ``create`` of all of them. ``spec`` is the
        target's :class:`~odoo.addons.support_sla.engine.TargetSpec` (plain
        values, no record). A ticket that sits in a pausing stage starts
        paused.

        An override may add values of its own fields, calling ``super()``;
        it should not change the planned ``state``, ``deadline``,
        ``base_deadline``, ``warn_date`` or ``term_hours`` (the engine's
        plan), nor query per call: it runs once per clock of a batch.
        """
        calendar = self.env["resource.calendar"].browse(spec.calendar_id)
        try:
            counting = self._sla_counting_calendar(
                calendar, spec.unit, start.year, tz=spec.tz
            )
        except SlaEngineError:
            counting = None
        vals = {
            "ticket_id": ticket.id,
            "company_id": ticket.company_id.id or self.env.company.id,
            "target_id": spec.id,
            "policy_id": spec.policy_id,
            "plan_id": spec.plan_id,
            "metric": spec.metric,
            # The priority whose terms run (see _support_sla_priority).
            "priority": ticket._support_sla_priority() or False,
            "amount": spec.amount,
            "unit": spec.unit,
            "calendar_id": spec.calendar_id or False,
            "start_event": spec.start_event,
            "stop_event": spec.stop_event,
            "stop_on_downgrade": spec.stop_on_downgrade,
            "warn_share": spec.warn_share,
            "start_date": start,
            "paused_seconds": 0.0,
        }
        vals.update(
            self._sla_plan_vals(
                counting, start, spec.amount, spec.unit, spec.warn_share
            )
        )
        if vals["state"] == "running" and ticket.stage_id.id in spec.pause_stage_ids:
            vals.update({"state": "paused", "paused_since": start, "deadline": False})
        return vals

    # ------------------------------------------------------------------
    # Event log
    # ------------------------------------------------------------------

    def _prepare_sla_event_vals(self, kind, when, reason, code=False, before=None):
        """Hook: the values of the history events of these clocks, one dict
        per clock.

        Called by :meth:`_sla_log` each time clocks move (start, re-plan,
        pause, resume, stop, cancel, extend, warning, breach), before one
        ``create`` of the events. ``reason`` is a text, or a text per
        ticket id; ``when`` None is each clock's own start; ``before`` maps
        a clock id to its deadline before the move.

        An override may add values to each dict, calling ``super()``; it
        must return one dict per clock, in the order of ``self``.
        """
        by_ticket = reason if isinstance(reason, dict) else None
        return [
            {
                "ticket_id": clock.ticket_id.id,
                "clock_id": clock.id,
                "company_id": clock.company_id.id,
                "date": when or clock.start_date,
                "user_id": self.env.uid,
                "kind": kind,
                "code": code or False,
                "reason": (
                    by_ticket.get(clock.ticket_id.id)
                    if by_ticket is not None
                    else reason
                )
                or False,
                "deadline_before": (before or {}).get(clock.id, False),
                "deadline_after": clock.deadline,
            }
            for clock in self
        ]

    def _sla_log(self, kind, when, reason, code=False, before=None):
        if self:
            self.env["support.ticket.sla.event"].sudo().create(
                self._prepare_sla_event_vals(kind, when, reason, code, before)
            )

    # ------------------------------------------------------------------
    # Moves: pause, resume, stop, cancel, extend
    # ------------------------------------------------------------------

    def _sla_pause(self, when, reason):
        running = self.filtered(lambda c: c.state == "running")
        before = {clock.id: clock.deadline for clock in running}
        running.write({"state": "paused", "paused_since": when, "deadline": False})
        running._sla_log("pause", when, reason, before=before)

    def _sla_resume(self, when, reason):
        paused = self.filtered(lambda c: c.state == "paused")
        for clock in paused:
            counting = clock._sla_counting(quiet=True)
            seconds = clock.paused_seconds
            if counting is not None and clock.paused_since:
                with contextlib.suppress(SlaEngineError):
                    seconds = add_pause(
                        counting,
                        timedelta(seconds=seconds),
                        clock.paused_since,
                        when,
                    ).total_seconds()
            vals = {"paused_seconds": seconds, "paused_since": False}
            vals.update(clock._sla_replanned_vals(counting, seconds))
            clock.write(vals)
        paused._sla_log("resume", when, reason)

    def _sla_replanned_vals(self, counting, paused_seconds):
        """Values of this clock once its pauses are ``paused_seconds``."""
        self.ensure_one()
        if self.announced_deadline:
            # A date told to the customer stays that date.
            return {
                "state": "running",
                "deadline": self.announced_deadline,
                "warn_date": False,
            }
        if counting is None or not self.base_deadline:
            return {"state": "no_deadline", "deadline": False, "warn_date": False}
        try:
            plan = replan(
                counting,
                self.start_date,
                self.base_deadline,
                timedelta(seconds=paused_seconds),
                self.warn_share,
            )
        except SlaEngineError:
            plan = None
        if plan is None or not plan.has_deadline:
            return {"state": "no_deadline", "deadline": False, "warn_date": False}
        # The term follows the base deadline, which an extension moves.
        return {
            "state": "running",
            "deadline": to_naive(plan.deadline),
            "warn_date": to_naive(plan.warn_at),
            "term_hours": plan.term.total_seconds() / 3600,
        }

    def _sla_stop(self, when, reason, code=False, downgrade=False):
        """Stop these clocks at ``when``: met on time, breached after."""
        for clock in self:
            if clock.stop_date:
                continue
            if clock.state == "paused":
                clock._sla_resume(when, reason)
            used = clock._sla_used_hours(when)
            late = clock.deadline and when > clock.deadline
            state = "breached" if (clock.state == "breached" or late) else "met"
            clock.write(
                {
                    "state": state,
                    "stop_date": when,
                    "used_hours_final": used,
                    "met_by_downgrade": downgrade,
                }
            )
        self._sla_log("stop", when, reason, code=code)

    def _sla_cancel(self, when, reason):
        open_clocks = self.filtered(lambda c: not c.stop_date)
        open_clocks.write({"state": "cancelled", "stop_date": when})
        open_clocks._sla_log("cancel", when, reason)

    def _sla_extend(self, when, hours, reason):
        """Extend the term of these clocks to ``hours`` business hours from
        their start; terms already longer are left as they are (and say so).
        """
        extended = self.browse()
        for clock in self.filtered(lambda c: not c.stop_date):
            try:
                counting = clock._sla_counting_calendar(
                    clock.calendar_id, "business_hours", clock.start_date.year
                )
                base = term_deadline(
                    counting, clock.start_date, hours, "business_hours"
                )
            except SlaEngineError:
                continue
            base = to_naive(base)
            if not base or (clock.base_deadline and base <= clock.base_deadline):
                continue
            before = {clock.id: clock.deadline}
            clock.write(
                {
                    "amount": hours,
                    "unit": "business_hours",
                    "base_deadline": base,
                    "extended": True,
                    "warned": False,
                }
            )
            if clock.state in ("running", "breached", "no_deadline"):
                vals = clock._sla_replanned_vals(counting, clock.paused_seconds)
                if (
                    clock.state == "breached"
                    and vals["deadline"]
                    and vals["deadline"] <= when
                ):
                    vals["state"] = "breached"
                clock.write(vals)
            clock._sla_log("extend", when, reason, before=before)
            extended |= clock
        return extended

    def _sla_announce(self, when, deadline, reason):
        """The customer was told a new term: ``deadline`` becomes the
        deadline of these open clocks (paused ones keep it for their
        resume); missing it is a breach, found by the sweep."""
        clocks = self.filtered(lambda c: c.state in ("running", "paused"))
        before = {clock.id: clock.deadline for clock in clocks}
        for clock in clocks:
            vals = {"announced_deadline": deadline, "warned": False}
            if clock.state == "running":
                vals.update({"deadline": deadline, "warn_date": False})
            clock.write(vals)
        clocks._sla_log("new_term", when, reason, before=before)
        return clocks

    # ------------------------------------------------------------------
    # The sweep: warnings and breaches, in batches
    # ------------------------------------------------------------------

    @api.model
    def _cron_sla_sweep(self, batch_size=SWEEP_BATCH):
        """Warn and breach the running clocks that are due.

        One indexed search per batch finds them; each batch is handled with a
        constant number of queries (bulk writes, one insert of events, of
        activities, of messages, of notifications), never one per ticket.
        """
        now = fields.Datetime.now()
        counts = {"warned": 0, "breached": 0}
        while True:
            due = self.search(
                [
                    ("state", "=", "running"),
                    ("warned", "=", False),
                    ("warn_date", "<=", now),
                ],
                limit=batch_size,
                order="warn_date, id",
            )
            if not due:
                break
            due._sla_warn(now)
            counts["warned"] += len(due)
        while True:
            due = self.search(
                [("state", "=", "running"), ("deadline", "<=", now)],
                limit=batch_size,
                order="deadline, id",
            )
            if not due:
                break
            due._sla_breach(now)
            counts["breached"] += len(due)
        return counts

    def _sla_notice_partners(self, ticket, assignee=True):
        partners = self.env["res.partner"]
        if assignee and ticket.user_id:
            partners |= ticket.user_id.partner_id
        leader = ticket.team_id.user_id
        if leader and leader != ticket.user_id:
            partners |= leader.partner_id
        return partners

    def _sla_notify(self, bodies, recipients):
        """Log a note per ticket and put it in the recipients' inboxes."""
        Ticket = self.env["helpdesk.ticket"]
        tickets = Ticket.browse(list(bodies))
        messages = tickets._message_log_batch(
            bodies, author_id=self.env.ref("base.partner_root").id
        )
        notifications = []
        for message in messages:
            for partner in recipients.get(message.res_id, ()):
                notifications.append(
                    {
                        "mail_message_id": message.id,
                        "res_partner_id": partner.id,
                        "notification_type": "inbox",
                        "notification_status": "sent",
                        "is_read": False,
                    }
                )
        if notifications:
            self.env["mail.notification"].sudo().create(notifications)

    def _sla_by_ticket(self):
        """{ticket: [clock, ...]} of these clocks."""
        by_ticket = defaultdict(list)
        for clock in self:
            by_ticket[clock.ticket_id].append(clock)
        return by_ticket

    def _sla_notice_env(self, ticket):
        """The environment a notice about ``ticket`` is written in: the
        language of its readers (the assignee, else the team leader), not
        the sweep's. A posted notice is a record of what was said: it is
        rendered once, when it is posted."""
        reader = ticket.user_id or ticket.team_id.user_id
        return self.with_context(lang=reader.lang or self.env.lang).env

    def _sla_warn(self, now):
        """Warn the assignee (an activity) and the team leader (a notice)."""
        self = self.sudo()
        self.write({"warned": True})
        self._sla_log("warning", now, self.env._("Warning share of the term reached"))
        activity_type = self.env.ref("support_sla.mail_activity_sla_warning")
        model_id = self.env["ir.model"]._get_id("helpdesk.ticket")
        activities = []
        bodies = {}
        recipients = {}
        for ticket, clocks in self._sla_by_ticket().items():
            env = self._sla_notice_env(ticket)
            lines = self._sla_notice_lines(env, clocks)
            summary = env._("SLA at risk: %(lines)s", lines=lines)
            if ticket.user_id:
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": ticket.id,
                        "activity_type_id": activity_type.id,
                        "user_id": ticket.user_id.id,
                        "summary": summary[:250],
                        "date_deadline": min(c.deadline for c in clocks).date(),
                    }
                )
            bodies[ticket.id] = Markup("<p>%s</p>") % summary
            recipients[ticket.id] = self._sla_notice_partners(ticket, assignee=False)
        if activities:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(activities)
        self._sla_notify(bodies, recipients)

    def _sla_notice_lines(self, env, clocks, breached=False):
        """One "metric due deadline" phrase per clock, in ``env``'s language."""
        labels = dict(self._fields["metric"]._description_selection(env))

        def line(clock):
            values = {
                "metric": labels.get(clock.metric),
                "deadline": format_datetime(env, clock.deadline),
            }
            if breached:
                return env._("%(metric)s was due %(deadline)s", **values)
            return env._("%(metric)s due %(deadline)s", **values)

        return ", ".join(line(clock) for clock in clocks)

    def _sla_breach(self, now):
        """Mark breached, flag the tickets, notify assignee and team leader."""
        self = self.sudo()
        self.write({"state": "breached"})
        self._sla_log("breach", now, self.env._("Deadline passed"))
        bodies = {}
        recipients = {}
        for ticket, clocks in self._sla_by_ticket().items():
            env = self._sla_notice_env(ticket)
            lines = self._sla_notice_lines(env, clocks, breached=True)
            bodies[ticket.id] = Markup("<p>%s</p>") % env._(
                "SLA breached: %(lines)s", lines=lines
            )
            recipients[ticket.id] = self._sla_notice_partners(ticket)
        self._sla_notify(bodies, recipients)
