# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportSlaPolicy(models.Model):
    """The SLA terms of a support plan: a set of targets.

    A plan may have several policies (e.g. incidents on a Mon-Sun calendar,
    service requests and changes on a Mon-Fri one); every active policy of
    the ticket's plan contributes its targets.
    """

    _name = "support.sla.policy"
    _description = "SLA policy"
    _inherit = ["mail.thread", "support.sla.cache.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    sequence = fields.Integer(default=10)
    plan_id = fields.Many2one(
        comodel_name="support.plan",
        string="Support plan",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="plan_id.company_id", store=True, index=True, string="Company"
    )
    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        required=True,
        tracking=True,
        help="The business calendar of the policy's targets, unless a target "
        "names its own.",
    )
    warn_percent = fields.Float(
        string="Warn at (%)",
        default=75.0,
        tracking=True,
        help="Share of the term after which the assignee gets an activity and "
        "the team leader a notice. 0 disables the warning.",
    )
    pause_stage_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.stage",
        relation="support_sla_policy_pause_stage_rel",
        string="Pausing stages",
        help="Stages that pause the clocks of this policy's targets (e.g. "
        "waiting for the customer), unless a target names its own.",
    )
    violation_extension = fields.Boolean(
        string="Extended terms for rule violations",
        tracking=True,
        help="The policy lets an agent extend the terms when the customer "
        "breaks the rules of the support policy or repeats a request before "
        "its term ran out (a repeated request is pointed out on the new "
        "ticket). Off: the terms are never extended.",
    )
    violation_incident_hours = fields.Float(
        string="Rule violation: incidents (business hours)",
        default=20.0,
        help="When the customer breaks the rules (or repeats a request before "
        "its term ran out), an agent may extend the terms of an incident to "
        "this many business hours, with a logged reason.",
    )
    violation_other_hours = fields.Float(
        string="Rule violation: other requests (business hours)",
        default=100.0,
        help="The extended term of consultations, changes and other requests.",
    )
    target_ids = fields.One2many(
        comodel_name="support.sla.target",
        inverse_name="policy_id",
        string="Targets",
        copy=True,
    )
    target_count = fields.Integer(compute="_compute_target_count")
    description = fields.Html(translate=True)

    @api.depends("target_ids")
    def _compute_target_count(self):
        for policy in self:
            policy.target_count = len(policy.target_ids)

    @api.constrains("warn_percent")
    def _check_warn_percent(self):
        for policy in self:
            if not 0 <= policy.warn_percent < 100:
                raise ValidationError(
                    self.env._(
                        "Warn at (%%): %(value)s is out of range on policy "
                        "%(policy)s. Use a share between 0 (no warning) and 99.",
                        value=policy.warn_percent,
                        policy=policy.display_name,
                    )
                )

    @api.constrains("violation_incident_hours", "violation_other_hours")
    def _check_violation_hours(self):
        for policy in self:
            if (
                policy.violation_incident_hours <= 0
                or policy.violation_other_hours <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "Rule violation terms of policy %(policy)s must be "
                        "positive numbers of business hours.",
                        policy=policy.display_name,
                    )
                )

    def action_view_targets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Targets of %(policy)s", policy=self.name),
            "res_model": "support.sla.target",
            "view_mode": "list,form",
            "domain": [("policy_id", "=", self.id)],
            "context": {"default_policy_id": self.id},
        }
