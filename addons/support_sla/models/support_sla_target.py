# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..engine import (
    BUSINESS_UNITS,
    SlaEngineError,
    TargetSpec,
    TermError,
    check_term,
)
from ..engine import UNITS as ENGINE_UNITS
from . import sla_cache

METRICS = [
    ("reaction", "Reaction (confirmation sent)"),
    ("restore", "Restore or downgrade"),
    ("resolution", "Resolution"),
    ("replacement_shipped", "Replacement shipped"),
    ("technician_onsite", "Technician on site"),
    ("configuration_restored", "Configuration restored"),
    ("final_resolution", "Final resolution"),
    ("complaint_answered", "Complaint answered"),
    ("answer_or_new_term", "Answer or announce a new term"),
]
# Metrics whose term the agent may replace by announcing a new one to the
# customer (the answer is due by the announced date).
NEW_TERM_METRICS = ("answer_or_new_term",)
# The engine knows the units; the models only label them (a unit the engine
# adds without a label here fails at import, not on a form).
UNIT_LABELS = {
    "minutes": "Minutes",
    "hours": "Hours",
    "days": "Calendar days",
    "business_minutes": "Business minutes",
    "business_hours": "Business hours",
    "business_days": "Business days",
    "next_business_day": "Next business day",
}
UNITS = [(unit, UNIT_LABELS[unit]) for unit in ENGINE_UNITS]
START_EVENTS = [
    ("ticket_created", "Ticket received"),
    ("order_accepted", "Order accepted"),
    ("replacement_delivered", "Replacement delivered"),
]
STOP_EVENTS = [
    ("confirmation_sent", "Confirmation sent to the customer"),
    ("stage", "Stage reached"),
    ("service_restored", "Service restored"),
    ("replacement_shipped", "Replacement shipped"),
    ("technician_on_site", "Technician on site"),
    ("configuration_restored", "Configuration restored"),
    ("complaint_decided", "Complaint decided"),
]
# Events an agent records by hand (the others come from the ticket itself).
MANUAL_EVENTS = [
    ("order_accepted", "Order accepted"),
    ("replacement_delivered", "Replacement delivered"),
    ("service_restored", "Service restored"),
    ("replacement_shipped", "Replacement shipped"),
    ("technician_on_site", "Technician on site"),
    ("configuration_restored", "Configuration restored"),
]
# What usually starts and stops each metric, proposed when it is chosen:
# metric -> (start event, stop event, met by a priority downgrade)
METRIC_DEFAULTS = {
    "reaction": ("ticket_created", "confirmation_sent", False),
    "restore": ("ticket_created", "service_restored", True),
    "resolution": ("ticket_created", "stage", False),
    "replacement_shipped": ("ticket_created", "replacement_shipped", False),
    "technician_onsite": ("ticket_created", "technician_on_site", False),
    "configuration_restored": (
        "replacement_delivered",
        "configuration_restored",
        False,
    ),
    "final_resolution": ("ticket_created", "stage", False),
    "complaint_answered": ("ticket_created", "confirmation_sent", False),
    "answer_or_new_term": ("ticket_created", "confirmation_sent", False),
}


class SupportSlaTarget(models.Model):
    _name = "support.sla.target"
    _inherit = ["support.sla.cache.mixin"]
    _description = "SLA target"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one(
        comodel_name="support.sla.policy",
        required=True,
        ondelete="cascade",
        index=True,
    )
    plan_id = fields.Many2one(
        related="policy_id.plan_id", store=True, index=True, string="Support plan"
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Description",
        translate=True,
        help="Optional wording of the term for the customer, e.g. 'critical: "
        "4 business hours'.",
    )
    metric = fields.Selection(selection=METRICS, required=True, default="reaction")
    category_ids = fields.Many2many(
        comodel_name="support.sla.category",
        string="Request categories",
        help="The kinds of request the target applies to; empty: all kinds.",
    )
    priority = fields.Selection(
        selection=lambda self: (
            self.env["helpdesk.ticket"]
            ._fields["priority"]
            ._description_selection(self.env)
        ),
        help="The priority the target applies to; empty: any priority. Per "
        "metric, a target that names the priority wins over one that does "
        "not, then one that names categories, then the lower sequence.",
    )
    amount = fields.Float(required=True, default=1.0, digits=(16, 2))
    unit = fields.Selection(
        selection=UNITS,
        required=True,
        default="business_hours",
        help="Minutes, hours and calendar days run around the clock; business "
        "units count only the working time of the calendar. Next business "
        "day: the end of the next working day (the amount-th one).",
    )
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        help="Business calendar of this target; empty: the policy's.",
    )
    effective_calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        compute="_compute_effective_calendar_id",
        string="Counts on",
    )
    start_event = fields.Selection(
        selection=START_EVENTS,
        required=True,
        default="ticket_created",
        string="Starts when",
    )
    stop_event = fields.Selection(
        selection=STOP_EVENTS,
        required=True,
        default="confirmation_sent",
        string="Stops when",
        help="Confirmation sent: an agent's message or SMS to the customer "
        "from the ticket (internal notes do not count). Stage reached: the "
        "ticket enters one of the stop stages (any closed stage when none is "
        "set). The other events are recorded by an agent on the ticket.",
    )
    stop_stage_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.stage",
        relation="support_sla_target_stop_stage_rel",
        string="Stop stages",
    )
    stop_on_downgrade = fields.Boolean(
        string="Met by a downgrade",
        help="Lowering the ticket's priority meets this target (a term of "
        "'restore or downgrade'); the new priority's targets start then.",
    )
    pause_stage_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.stage",
        relation="support_sla_target_pause_stage_rel",
        string="Pausing stages",
        help="Stages that pause this clock; empty: the policy's.",
    )

    @api.depends("calendar_id", "policy_id.calendar_id")
    def _compute_effective_calendar_id(self):
        for target in self:
            target.effective_calendar_id = (
                target.calendar_id or target.policy_id.calendar_id
            )

    @api.depends("metric", "amount", "unit", "priority")
    def _compute_display_name(self):
        metrics = dict(self._fields["metric"]._description_selection(self.env))
        units = dict(self._fields["unit"]._description_selection(self.env))
        priorities = dict(self._fields["priority"]._description_selection(self.env))
        for target in self:
            label = target.name or metrics.get(target.metric, "")
            if target.priority:
                label = f"{label} ({priorities.get(target.priority)})"
            amount = f"{target.amount:g}"
            target.display_name = f"{label}: {amount} {units.get(target.unit, '')}"

    @api.onchange("metric")
    def _onchange_metric(self):
        defaults = METRIC_DEFAULTS.get(self.metric)
        if defaults:
            self.start_event, self.stop_event, self.stop_on_downgrade = defaults

    @api.constrains("amount", "unit")
    def _check_term(self):
        for target in self:
            try:
                check_term(target.amount, target.unit)
            except TermError:
                raise ValidationError(
                    self.env._(
                        "Amount: the term of %(target)s (policy %(policy)s) must "
                        "be a positive amount, a whole number for days; got "
                        "%(amount)s. Enter a positive amount.",
                        target=target.display_name,
                        policy=target.policy_id.display_name,
                        amount=target.amount,
                    )
                ) from None

    @api.constrains("calendar_id", "unit", "policy_id")
    def _check_calendar(self):
        for target in self:
            calendar = target.effective_calendar_id
            if target.unit not in BUSINESS_UNITS:
                continue
            try:
                calendar._sla_engine(fields.Date.context_today(self).year)
            except SlaEngineError as exc:
                raise ValidationError(
                    self.env._(
                        "Calendar: %(target)s counts business time on "
                        "%(calendar)s, which cannot be used: %(error)s",
                        target=target.display_name,
                        calendar=calendar.display_name,
                        error=str(exc),
                    )
                ) from exc

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            defaults = METRIC_DEFAULTS.get(vals.get("metric") or "reaction")
            if defaults:
                vals.setdefault("start_event", defaults[0])
                vals.setdefault("stop_event", defaults[1])
                vals.setdefault("stop_on_downgrade", defaults[2])
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Cached index: targets by plan, as plain values
    # ------------------------------------------------------------------

    @api.model
    def _sla_target_index_version(self):
        """The version of what the index of targets is built from, in one
        query: targets, policies, request categories, calendars (their time
        zone) and the stage and category lists of targets and policies.
        See :mod:`.sla_cache`.
        """
        for model in (
            "support.sla.target",
            "support.sla.policy",
            "support.sla.category",
            "resource.calendar",
        ):
            self.env[model].flush_model()
        stamps = [
            sla_cache.table_stamp(table)
            for table in (
                "support_sla_target",
                "support_sla_policy",
                "support_sla_category",
                "resource_calendar",
            )
        ]
        relations = [
            self._fields["category_ids"].relation,
            self._fields["stop_stage_ids"].relation,
            self._fields["pause_stage_ids"].relation,
            self.env["support.sla.policy"]._fields["pause_stage_ids"].relation,
        ]
        counts = [
            SQL("(SELECT count(*) FROM %s)", SQL.identifier(table))
            for table in relations
        ]
        [row] = self.env.execute_query(
            SQL(
                "SELECT * FROM %s, (SELECT %s) AS relations",
                SQL(", ").join(
                    SQL("(%s) AS %s", stamp, SQL.identifier(f"t{i}"))
                    for i, stamp in enumerate(stamps)
                ),
                SQL(", ").join(counts),
            )
        )
        return row

    @api.model
    def _sla_target_index(self):
        """{plan id: (TargetSpec, ...)} of the active policies' targets.

        Shared by the workers under its version, read once per transaction
        (see :mod:`.sla_cache`), so that creating a ticket does not query
        the targets.
        """
        memo = sla_cache.memo(self.env)
        if "targets" not in memo:
            if sla_cache.is_dirty(self.env):
                memo["targets"] = self._sla_target_index_build()
            else:
                version = self._sla_target_index_version()
                memo["targets"] = self._sla_target_index_cached(version)
        return memo["targets"]

    @tools.ormcache("version")
    def _sla_target_index_cached(self, version):
        return self._sla_target_index_build()

    @api.model
    def _sla_target_index_build(self):
        """The index of targets, read from the database."""
        targets = (
            self.sudo()
            .with_context(active_test=True)
            .search([("policy_id.active", "=", True)])
        )
        index = defaultdict(list)
        for target in targets:
            policy = target.policy_id
            index[policy.plan_id.id].append(
                TargetSpec(
                    id=target.id,
                    policy_id=policy.id,
                    plan_id=policy.plan_id.id,
                    metric=target.metric,
                    categories=frozenset(target.category_ids.mapped("code")),
                    priority=target.priority or None,
                    sequence=target.sequence,
                    start_event=target.start_event,
                    stop_event=target.stop_event,
                    stop_stage_ids=frozenset(target.stop_stage_ids.ids),
                    stop_on_downgrade=target.stop_on_downgrade,
                    pause_stage_ids=frozenset(
                        (target.pause_stage_ids or policy.pause_stage_ids).ids
                    ),
                    amount=target.amount,
                    unit=target.unit,
                    calendar_id=target.effective_calendar_id.id,
                    tz=target.effective_calendar_id.tz or "UTC",
                    warn_share=policy.warn_percent / 100.0,
                )
            )
        return {plan: tuple(specs) for plan, specs in index.items()}

    @api.model
    def _sla_targets_of_plan(self, plan_id):
        return self._sla_target_index().get(plan_id, ())

    @api.model
    def _sla_spec_by_id(self):
        return {
            spec.id: spec
            for specs in self._sla_target_index().values()
            for spec in specs
        }
