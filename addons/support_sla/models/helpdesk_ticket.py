# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from ..engine import select_targets
from .support_sla_target import NEW_TERM_METRICS, START_EVENTS
from .support_ticket_sla import CLOCK_STATES

ORDER_ACCEPTED = "order_accepted"

SLA_STATUSES = [
    ("none", "No SLA"),
    ("on_track", "On track"),
    ("at_risk", "At risk"),
    ("breached", "Breached"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("no_deadline", "No deadline"),
]
INCIDENT_CATEGORIES = ("incident", "bug")
CONFIRMATION_MESSAGE_TYPES = ("comment", "email", "email_outgoing", "sms")


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    sla_received_at = fields.Datetime(
        string="Received at",
        default=fields.Datetime.now,
        copy=False,
        help="When the request reached us (e.g. the time of the phone call): "
        "the SLA clocks started by the request count from it.",
    )
    served_outcome_id = fields.Many2one(
        comodel_name="support.served.outcome",
        string="Served outcome",
        tracking=True,
        copy=False,
        domain="[('id', 'in', served_outcome_allowed_ids)]",
        help="How the request was served; the plan may require one to close "
        "the ticket.",
    )
    served_outcome_allowed_ids = fields.Many2many(
        related="support_plan_id.served_outcome_ids", string="Allowed outcomes"
    )
    sla_ids = fields.One2many(
        comodel_name="support.ticket.sla",
        inverse_name="ticket_id",
        string="SLA clocks",
        readonly=True,
    )
    sla_event_ids = fields.One2many(
        comodel_name="support.ticket.sla.event",
        inverse_name="ticket_id",
        string="SLA history",
        readonly=True,
    )
    complaint_sla_state = fields.Selection(
        selection=CLOCK_STATES,
        string="Complaint term",
        compute="_compute_complaint_sla_state",
        store=True,
        help="The state of the complaint's clock: met only by the decision "
        "recorded on time (complaint reporting).",
    )
    sla_deadline = fields.Datetime(
        support_system=True,
        string="SLA deadline",
        compute="_compute_sla_summary",
        store=True,
        index=True,
        help="The next deadline of the running clocks.",
    )
    sla_status = fields.Selection(
        support_system=True,
        selection=SLA_STATUSES,
        string="SLA",
        compute="_compute_sla_summary",
        store=True,
        index=True,
    )
    sla_breached = fields.Boolean(
        support_system=True,
        string="SLA breached",
        compute="_compute_sla_summary",
        store=True,
        index=True,
        help="A deadline of this ticket was missed.",
    )

    @api.depends("sla_ids.state", "sla_ids.metric")
    def _compute_complaint_sla_state(self):
        for ticket in self:
            clocks = ticket.sudo().sla_ids.filtered(
                lambda c: c.metric == "complaint_answered"
            )
            ticket.complaint_sla_state = clocks[:1].state or False

    @api.depends(
        "sla_ids.state", "sla_ids.deadline", "sla_ids.warned", "sla_ids.stop_date"
    )
    def _compute_sla_summary(self):
        for ticket in self:
            # Portal users close and create tickets too: read the clocks as
            # the system does.
            clocks = ticket.sudo().sla_ids
            open_clocks = clocks.filtered(lambda c: not c.stop_date)
            states = set(open_clocks.mapped("state"))
            deadlines = [
                c.deadline
                for c in open_clocks
                if c.deadline and c.state in ("running", "breached")
            ]
            ticket.sla_deadline = min(deadlines) if deadlines else False
            ticket.sla_breached = any(c.state == "breached" for c in clocks)
            if "breached" in states:
                status = "breached"
            elif any(c.state == "running" and c.warned for c in open_clocks):
                status = "at_risk"
            elif "running" in states:
                status = "on_track"
            elif "paused" in states:
                status = "paused"
            elif "no_deadline" in states:
                status = "no_deadline"
            elif ticket.sla_breached:
                status = "breached"
            elif any(c.state == "met" for c in clocks):
                status = "met"
            else:
                status = "none"
            ticket.sla_status = status

    # ------------------------------------------------------------------
    # Which targets apply
    # ------------------------------------------------------------------

    def _sla_key(self):
        """(plan, request category, priority) the targets depend on; no plan
        unless the request is covered by the contract.
        """
        self.ensure_one()
        covered = self.entitlement == "covered"
        plan = self.support_plan_id.id if covered else False
        return plan, self.support_category or False, self._support_sla_priority()

    def _sla_fired_events(self):
        """{ticket id: start events recorded on it}, in one query."""
        codes = [code for code, _label in START_EVENTS if code != "ticket_created"]
        events = (
            self.env["support.ticket.sla.event"]
            .sudo()
            .search_read(
                [
                    ("ticket_id", "in", self.ids),
                    ("kind", "=", "event"),
                    ("code", "in", codes),
                ],
                ["ticket_id", "code"],
            )
        )
        fired = defaultdict(set)
        for event in events:
            fired[event["ticket_id"][0]].add(event["code"])
        return fired

    def _sla_update(
        self, reasons, initial=False, downgraded=(), when=None, from_received=False
    ):
        """Start, keep, meet or cancel clocks so that each ticket runs one
        clock per applicable target.

        ``initial``: the tickets were just created (their request-started
        clocks count from ``sla_received_at``); otherwise the new clocks
        start at ``when`` (a re-plan: the new terms run from the change).
        ``from_received``: the tickets just became covered; their new
        request-started clocks count from ``sla_received_at`` too, as if
        they had been covered from the start.
        ``downgraded``: ids of tickets whose priority was lowered; their
        "met by a downgrade" clocks are met, not cancelled.

        Called by the entitlement hook (:meth:`_on_entitlement_change`), by
        :meth:`_sla_on_ticket_key_change` and by :meth:`_sla_record_event`.
        An override may act on the tickets before or after ``super()``;
        the values of each new clock come from
        ``support.ticket.sla._prepare_sla_clock_vals``, the place to add
        fields to clocks.
        """
        when = when or fields.Datetime.now()
        Clock = self.env["support.ticket.sla"].sudo()
        fired = {} if initial else self._sla_fired_events()
        from_received = initial or from_received
        new_vals = []
        to_meet = to_cancel = Clock
        for ticket in self:
            chosen = ticket._sla_chosen_targets(fired.get(ticket.id, set()))
            open_by_metric, done = ({}, set()) if initial else ticket._sla_open_clocks()
            for metric, clock in open_by_metric.items():
                spec = chosen.get(metric)
                if spec and clock.target_id.id == spec.id:
                    continue
                if ticket.id in downgraded and clock.stop_on_downgrade:
                    to_meet |= clock
                else:
                    to_cancel |= clock
            for metric, spec in chosen.items():
                clock = open_by_metric.get(metric)
                if (clock and clock.target_id.id == spec.id) or metric in done:
                    continue
                start = (
                    ticket.sla_received_at or when
                    if from_received and spec.start_event == "ticket_created"
                    else when
                )
                new_vals.append(Clock._prepare_sla_clock_vals(ticket, spec, start))
        self._sla_apply(to_meet, to_cancel, new_vals, reasons, when, from_received)
        return True

    @api.model
    def _sla_apply(self, to_meet, to_cancel, new_vals, reasons, when, from_received):
        """Carry out what :meth:`_sla_update` decided, in bulk: meet the
        clocks a downgrade meets, cancel those no longer applicable, create
        the new ones and log their start (at the request when they count
        from it, else at ``when``)."""
        if to_meet:
            to_meet._sla_stop(
                when, self.env._("Priority downgraded: the term is met"), downgrade=True
            )
        if to_cancel:
            to_cancel._sla_cancel(when, reasons)
        if new_vals:
            self.env["support.ticket.sla"].sudo().create(new_vals)._sla_log(
                "start" if from_received else "replan",
                None if from_received else when,
                reasons,
            )

    def _sla_chosen_targets(self, fired):
        """{metric: TargetSpec} that apply to this ticket now, once the
        start events ``fired`` (besides its creation) happened."""
        self.ensure_one()
        plan_id, category, priority = self._sla_key()
        if not plan_id:
            return {}
        specs = self.env["support.sla.target"]._sla_targets_of_plan(plan_id)
        events = {"ticket_created"} | fired
        return {
            spec.metric: spec
            for spec in select_targets(specs, category, priority, events)
        }

    def _sla_open_clocks(self):
        """(``{metric: open clock}``, metrics already met or breached) of
        this ticket; a clock met by a downgrade does not count as done, so
        the new priority's target starts."""
        self.ensure_one()
        open_by_metric = {}
        done = set()
        for clock in self.sudo().sla_ids:
            if not clock.stop_date:
                open_by_metric[clock.metric] = clock
            elif clock.state in ("met", "breached") and not clock.met_by_downgrade:
                done.add(clock.metric)
        return open_by_metric, done

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def _on_entitlement_change(self, changes):
        """Entitlement hook (see halo_support's): the clocks follow the
        coverage.

        Called by halo_support once per batch after a verdict, contract,
        covered product or plan changed and was stored. A new ticket starts
        its clocks from its receipt; a ticket that becomes covered starts
        them from its receipt as well (``sla_received_at``, not the moment
        it became covered); one that stops being covered cancels its open
        clocks with the reason; a covered ticket moved to another plan is
        re-planned from now. Tickets archived or closed keep their history.

        An override (support_billing's, or one of its own) calls ``super()``
        and may move clocks through ``_sla_update``, never by writing the
        clocks or the verdict fields directly.
        """
        res = super()._on_entitlement_change(changes)
        now = fields.Datetime.now()
        created = covered = uncovered = replanned = self.browse()
        for ticket in self:
            old, new = changes[ticket]
            if old is None:
                created |= ticket
            elif not ticket.active or ticket.stage_id.closed:
                continue  # a ticket no longer worked keeps its history
            elif new.covered and not old.covered:
                covered |= ticket
            elif old.covered and not new.covered:
                uncovered |= ticket
            elif new.covered and new.plan_id != old.plan_id:
                replanned |= ticket
        if created:
            created._sla_update(self.env._("Request received"), initial=True)
            created._sla_point_out_repeated_requests()
        if covered:
            covered._sla_update(
                self.env._("Now covered by the contract"), when=now, from_received=True
            )
        if uncovered:
            labels = dict(self._fields["entitlement"]._description_selection(self.env))
            uncovered.sudo().sla_ids.filtered(lambda c: not c.stop_date)._sla_cancel(
                now,
                {
                    ticket.id: self.env._(
                        "No longer covered: %(verdict)s",
                        verdict=labels.get(ticket.entitlement, ticket.entitlement),
                    )
                    for ticket in uncovered
                },
            )
        if replanned:
            replanned._sla_update(
                self.env._("Re-planned: contract or coverage changed"), when=now
            )
        return res

    def _sla_point_out_repeated_requests(self):
        """A new covered request that repeats an open one of the same customer
        (same topic: kind and product family) before its term ran out is
        pointed out to the agents on the new ticket, with the extension the
        policy allows: the policy's rule for repeated requests is the
        agent's to apply (Extend SLA terms), not automatic."""
        for ticket in self.filtered(lambda t: t.entitlement == "covered"):
            received = ticket.sla_received_at or fields.Datetime.now()
            topic = ticket._support_topic()
            earlier = self.sudo().search(
                [
                    ("id", "<", ticket.id),
                    ("commercial_partner_id", "=", ticket.commercial_partner_id.id),
                    ("closed", "=", False),
                    ("entitlement", "=", "covered"),
                ],
                order="id desc",
            )
            for previous in earlier:
                if previous._support_topic() != topic:
                    continue
                running = previous._sla_terms_running_at(received)
                if not running:
                    continue
                deadline = min(
                    running.filtered("deadline").mapped("deadline") or [received]
                )
                ticket.sudo().message_post(
                    body=Markup("<p>%s</p>")
                    % self.env._(
                        "This request repeats %(ticket)s before its term ran out "
                        "(due %(deadline)s). The SLA policy allows extending the "
                        "terms of a repeated request: use Extend SLA terms if "
                        "the rule applies.",
                        ticket=previous.display_name,
                        deadline=format_datetime(self.env, deadline),
                    ),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
                break

    def _sla_terms_running_at(self, when):
        """The open clocks of this ticket whose term still runs at ``when``
        under a policy that allows extended terms."""
        self.ensure_one()
        return self.sla_ids.filtered(
            lambda c: (
                not c.stop_date
                and c.state in ("running", "paused")
                and c.policy_id.violation_extension
                and (not c.deadline or c.deadline > when)
            )
        )

    def _sla_change_reason(self, before):
        """A readable reason for the re-plan of this ticket."""
        self.ensure_one()
        category, priority = self._sla_ticket_key()
        old_category, old_priority = before
        parts = []
        if category != old_category:
            parts.append(self.env._("request category changed"))
        if priority != old_priority:
            labels = dict(self._fields["priority"]._description_selection(self.env))
            parts.append(
                self.env._(
                    "priority %(old)s → %(new)s",
                    old=labels.get(old_priority, old_priority or "-"),
                    new=labels.get(priority, priority or "-"),
                )
            )
        return self.env._("Re-planned: %(what)s", what=", ".join(parts))

    def _sla_on_ticket_key_change(self, before, when):
        """Hook: re-plan the clocks of the tickets whose own SLA key
        (:meth:`_sla_ticket_key`: request category, priority) differs from
        ``before`` (``{ticket id: key}``).

        Called by ``write()`` after the values are stored (unless the
        context says ``sla_no_replan``); the coverage part of the key is
        the entitlement hook's (:meth:`_on_entitlement_change`). A ticket
        whose priority was lowered meets its "met by a downgrade" clocks
        instead of cancelling them. An override may re-plan on a key of its
        own, calling ``super()``.
        """
        changed = self.filtered(
            lambda t: t.id in before and t._sla_ticket_key() != before[t.id]
        )
        if not changed:
            return
        downgraded = {
            t.id
            for t in changed
            if before[t.id][1] and (t._sla_ticket_key()[1] or "0") < before[t.id][1]
        }
        reasons = {t.id: t._sla_change_reason(before[t.id]) for t in changed}
        changed._sla_update(reasons, downgraded=downgraded, when=when)

    def _sla_ticket_key(self):
        """(request category, priority): the SLA key's part that is the
        ticket's own (the plan follows the coverage, see the hook)."""
        self.ensure_one()
        # The priority whose terms run (halo_support's hook: a critical
        # request on a block outside the contract's priority-1 terms runs on
        # the High terms), not always the ticket's own.
        return self.support_category or False, self._support_sla_priority()

    def _support_on_sla_priority_change(self, before):
        res = super()._support_on_sla_priority_change(before)
        self._sla_on_ticket_key_change(
            {t.id: (t.support_category or False, before[t.id]) for t in self},
            fields.Datetime.now(),
        )
        return res

    def write(self, vals):
        # The key is compared, not the names in ``vals``: the request
        # category is halo_support's (it follows the kind), and whatever
        # changes it through a write re-plans the clocks.
        replan = not self.env.context.get("sla_no_replan")
        before = (
            {ticket.id: ticket._sla_ticket_key() for ticket in self} if replan else {}
        )
        if "stage_id" in vals or "served_outcome_id" in vals:
            self._sla_check_served_outcome(vals)
        result = super().write(vals)
        now = fields.Datetime.now()
        if replan:
            self._sla_on_ticket_key_change(before, now)
        if "stage_id" in vals:
            self._sla_on_stage(now)
        if "active" in vals and not vals["active"]:
            # An archived ticket is no longer worked: its clocks stop counting.
            self.sudo().sla_ids.filtered(lambda c: not c.stop_date)._sla_cancel(
                now, self.env._("Ticket archived")
            )
        return result

    def _sla_check_served_outcome(self, vals):
        """A covered ticket of a plan that requires an outcome closes only
        with one of the plan's outcomes. A request the contract does not
        cover was not served (it is refused or quoted), and a customer who
        closes a request on the portal withdraws it: neither needs one."""
        if self.env.user.share:
            return
        # Checked on the values to write, before anything moves.
        stage = self.env["helpdesk.ticket.stage"].browse(vals.get("stage_id"))
        outcome = self.env["support.served.outcome"].browse(
            vals.get("served_outcome_id")
        )
        for ticket in self:
            plan = ticket.support_plan_id
            closed = (stage if "stage_id" in vals else ticket.stage_id).closed
            served = (
                outcome if "served_outcome_id" in vals else ticket.served_outcome_id
            )
            if (
                not closed
                or ticket.entitlement != "covered"
                or not plan.served_outcome_required
                or (served and served in plan.served_outcome_ids)
            ):
                continue
            raise ValidationError(
                self.env._(
                    "Served outcome: ticket %(ticket)s of plan %(plan)s is "
                    "closed only when it was served. Set the Served outcome "
                    "to one of: %(outcomes)s.",
                    ticket=ticket.display_name,
                    plan=plan.display_name,
                    outcomes=", ".join(plan.served_outcome_ids.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # Ticket events that move clocks
    # ------------------------------------------------------------------

    def _sla_on_stage(self, when):
        """Stop, pause or resume the open clocks after a stage change."""
        specs = self.env["support.sla.target"]._sla_spec_by_id()
        stop = defaultdict(lambda: self.env["support.ticket.sla"])
        pause = resume = cancel = self.env["support.ticket.sla"]
        for ticket in self:
            stage = ticket.stage_id
            for clock in ticket.sudo().sla_ids.filtered(lambda c: not c.stop_date):
                spec = specs.get(clock.target_id.id)
                stop_stages = spec.stop_stage_ids if spec else frozenset()
                pause_stages = spec.pause_stage_ids if spec else frozenset()
                if clock.stop_event == "stage" and (
                    stage.id in stop_stages or (not stop_stages and stage.closed)
                ):
                    stop[stage.name] |= clock
                elif stage.closed:
                    if clock.stop_event == "confirmation_sent":
                        cancel |= clock
                    else:
                        stop[stage.name] |= clock
                elif stage.id in pause_stages:
                    pause |= clock
                elif clock.state == "paused":
                    resume |= clock
        for stage_name, clocks in stop.items():
            clocks.sudo()._sla_stop(
                when, self.env._("Stage %(stage)s reached", stage=stage_name)
            )
        cancel.sudo()._sla_cancel(
            when, self.env._("Ticket closed without a reply to the customer")
        )
        pause.sudo()._sla_pause(when, self.env._("Pausing stage"))
        resume.sudo()._sla_resume(when, self.env._("Left the pausing stage"))

    def _sla_record_event(self, code, reason=None, when=None):
        """A ticket event: stop the clocks it stops, start those it starts.

        The order's acceptance is not only a clock's event: recorded here
        (the SLA event wizard), it is the ticket's one acceptance
        (``_support_accept_order``), which comes back here through
        :meth:`_on_order_accepted`."""
        if code == ORDER_ACCEPTED and not self.env.context.get(
            "support_sla_order_accepted"
        ):
            self._support_accept_order(when=when, reason=reason)
            return self.env["support.ticket.sla"]
        when = when or fields.Datetime.now()
        reason = reason or dict(
            self.env["support.ticket.sla.event"]
            ._fields["code"]
            ._description_selection(self.env)
        ).get(code, code)
        clocks = self.sudo().sla_ids.filtered(
            lambda c: not c.stop_date and c.stop_event == code
        )
        clocks.sudo()._sla_stop(when, reason, code=code)
        if code in dict(START_EVENTS):
            self.env["support.ticket.sla.event"].sudo().create(
                self._prepare_sla_ticket_event_vals(code, reason, when)
            )
            self._sla_update(reason, when=when)
        return clocks

    def _on_order_accepted(self, when, reason=None):
        """The order accepted: the clocks counting from the acceptance start
        at ``when``."""
        res = super()._on_order_accepted(when, reason)
        self.with_context(support_sla_order_accepted=True)._sla_record_event(
            ORDER_ACCEPTED, reason, when=when
        )
        return res

    def _on_complaint_decided(self, when):
        """The complaints decided: the clocks counting until the decision
        (not until an ordinary reply) stop at ``when``."""
        res = super()._on_complaint_decided(when)
        self._sla_record_event(
            "complaint_decided", self.env._("Complaint decided"), when=when
        )
        return res

    def _prepare_sla_ticket_event_vals(self, code, reason, when):
        """Hook: the values of the start event ``code`` recorded on each of
        these tickets (one dict per ticket, not tied to a clock).

        Called by :meth:`_sla_record_event` when an agent or the ticket
        records an event that starts clocks (order accepted, replacement
        delivered...), before one ``create`` of the events; the clocks it
        starts are planned right after. An override may add values to each
        dict, calling ``super()``; it must return one dict per ticket.
        """
        return [
            {
                "ticket_id": ticket.id,
                "company_id": ticket.company_id.id,
                "date": when,
                "user_id": self.env.uid,
                "kind": "event",
                "code": code,
                "reason": reason,
            }
            for ticket in self
        ]

    def _sla_is_confirmation(self, message):
        """Whether a posted message is a reply sent to the customer by an
        agent: a comment, email or SMS (not an internal note) whose author
        is an internal user.
        """
        message = message.sudo()
        if message.message_type not in CONFIRMATION_MESSAGE_TYPES:
            return False
        if message.is_internal or message.subtype_id != self.env.ref("mail.mt_comment"):
            return False
        users = message.author_id.user_ids
        return any(not user.share for user in users)

    def _message_post_after_hook(self, message, msg_vals):
        """Mail hook, called by ``message_post`` once the message exists and
        before its notifications are sent: an agent's reply to the customer
        stops the clocks waiting for a confirmation (``confirmation_sent``).
        An override may record further SLA events; it must call super.
        """
        res = super()._message_post_after_hook(message, msg_vals)
        if (
            message
            # The announcement of a new term moves the clock, it is not
            # the answer.
            and not self.env.context.get("sla_new_term")
            and self
            and self._sla_is_confirmation(message)
            and self.sudo().sla_ids.filtered(
                lambda c: not c.stop_date and c.stop_event == "confirmation_sent"
            )
        ):
            self._sla_record_event(
                "confirmation_sent",
                self.env._(
                    "Reply sent to the customer by %(author)s",
                    author=message.sudo().author_id.display_name,
                ),
                when=fields.Datetime.now(),
            )
        return res

    def _sla_extend_terms(self, reason):
        """Rule violation: extend the open clocks' terms, with a reason, by
        the hours of their policy when it allows extended terms
        (``violation_extension``: a vendor's setting, off by default).
        """
        extended = self.env["support.ticket.sla"]
        when = fields.Datetime.now()
        for ticket in self:
            for clock in ticket.sudo().sla_ids.filtered(lambda c: not c.stop_date):
                policy = clock.policy_id
                if not policy.violation_extension:
                    continue
                hours = (
                    policy.violation_incident_hours
                    if ticket.support_category in INCIDENT_CATEGORIES
                    else policy.violation_other_hours
                )
                extended |= clock.sudo()._sla_extend(when, hours, reason)
        return extended

    def _sla_announce_new_term(self, deadline, note, when=None):
        """Tell the customer a new term for the answer: post it to them and
        make it the deadline of the ticket's clocks that accept a new term
        (``NEW_TERM_METRICS``); the answer after it stops them as usual.
        """
        self.ensure_one()
        when = when or fields.Datetime.now()
        clocks = self.sudo().sla_ids.filtered(
            lambda c: not c.stop_date and c.metric in NEW_TERM_METRICS
        )
        if not clocks.filtered(lambda c: c.state in ("running", "paused")):
            if clocks.filtered(lambda c: c.state == "breached"):
                raise UserError(
                    self.env._(
                        "New term: the term of ticket %(ticket)s already "
                        "passed; a new term must be announced before it.",
                        ticket=self.display_name,
                    )
                )
            raise UserError(
                self.env._(
                    "New term: ticket %(ticket)s has no running clock that "
                    "accepts a new term (an answer, or a new term, announced "
                    "to the customer).",
                    ticket=self.display_name,
                )
            )
        if not deadline or deadline <= when:
            raise UserError(
                self.env._("New term: choose a date and time later than now.")
            )
        # The message is the customer's: their language and time zone, not
        # the agent's; the clock's log below stays in the agent's.
        customer = self.partner_id
        customer_env = self.with_context(lang=customer.lang or self.env.lang).env
        body = Markup("<p>%s</p>") % customer_env._(
            "We will answer your request by %(term)s.",
            term=format_datetime(customer_env, deadline, tz=customer.tz or False),
        )
        term = format_datetime(self.env, deadline)
        if note:
            body += Markup("<p>%s</p>") % note
        self.with_context(sla_new_term=True).message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        reason = self.env._("New term announced to the customer: %(term)s", term=term)
        if note:
            reason = f"{reason} ({note})"
        return clocks._sla_announce(when, deadline, reason)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_sla_record_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record an SLA event"),
            "res_model": "support.sla.event.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_ids": self.ids},
        }

    def action_sla_extend(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Extend the SLA terms"),
            "res_model": "support.sla.extend.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_ids": self.ids},
        }

    def action_sla_announce_new_term(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Announce a new term"),
            "res_model": "support.sla.extend.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_ids": self.ids, "default_mode": "new_term"},
        }

    def action_view_sla_clocks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("SLA clocks of %(ticket)s", ticket=self.display_name),
            "res_model": "support.ticket.sla",
            "view_mode": "list,form",
            "domain": [("ticket_id", "=", self.id)],
        }
