# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.halo_support.models.helpdesk_ticket_type import REQUEST_CATEGORIES

from ..engine import pricing

TREATMENTS = list(pricing.TREATMENT_SELECTION)
CAUSE_SCOPES = list(pricing.CAUSE_SCOPE_SELECTION)
WORK_PLACES = list(pricing.WORK_PLACE_SELECTION)
OUTCOMES = list(pricing.OUTCOME_SELECTION)
# What paid work needs before it is billed (a plan's, or a rule's own).
AGREEMENTS = [
    ("none", "Not needed"),
    ("recorded", "Recorded agreement (any channel)"),
    ("written", "In writing (email or portal)"),
    ("specification", "A specification accepted in writing"),
]


class SupportBillingRule(models.Model):
    """One line of a plan's billing table: which time of which tickets is
    free, taken from the wallet, counted in the quota or billed.

    The first line (by sequence) that matches a ticket's request category
    (or kinds), cause and outcome decides; the plan's default applies otherwise.
    """

    _name = "support.billing.rule"
    _description = "Support billing rule"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one(
        comodel_name="support.plan", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Description",
        translate=True,
        help="Shown to agents as the reason of the verdict, e.g. 'quick advice "
        "free up to 15 minutes'.",
    )
    support_category = fields.Selection(
        selection=REQUEST_CATEGORIES,
        string="Request category",
        help="Leave empty for every category.",
    )
    type_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.type",
        relation="support_billing_rule_ticket_type_rel",
        column1="rule_id",
        column2="type_id",
        string="Request kinds",
        help="Leave empty for every kind. Otherwise the rule matches only "
        "tickets of these kinds, e.g. one kind of consultation whose first "
        "minutes are free and the rest paid.",
    )
    cause_scope = fields.Selection(
        selection=CAUSE_SCOPES, required=True, default="any", string="Cause"
    )
    outcome = fields.Selection(
        selection=OUTCOMES, help="Leave empty for every outcome."
    )
    work_place = fields.Selection(
        selection=WORK_PLACES,
        required=True,
        default="any",
        help="Where the time was spent: timesheet lines marked 'Onsite' match "
        "onsite rules, the others remote ones. A ticket's request is counted "
        "by the rule of its remote time.",
    )
    treatment = fields.Selection(selection=TREATMENTS, required=True, default="free")
    agreement_required = fields.Selection(
        selection=AGREEMENTS,
        string="Paid work needs",
        help="What the paid work of this rule needs before it is billed, when "
        "it differs from the plan's (e.g. a defect caused on the customer's "
        "side billed on a specification the customer accepts). Empty: the "
        "plan's.",
    )
    allowance_id = fields.Many2one(
        comodel_name="support.plan.allowance",
        ondelete="restrict",
        domain="[('plan_id', '=', plan_id)]",
        help="The further allowance this rule draws from (wallet: time; "
        "quota: one request). Empty: the plan's main wallet or request quota.",
    )
    free_minutes = fields.Integer(
        help="The first minutes of each ticket stay free (e.g. quick advice up "
        "to 15 minutes)."
    )

    @api.constrains("free_minutes")
    def _check_free_minutes(self):
        for rule in self:
            if rule.free_minutes < 0:
                raise ValidationError(
                    self.env._(
                        "Free minutes: the rule '%(rule)s' of plan %(plan)s "
                        "cannot have a negative number of free minutes.",
                        rule=rule.name or rule.treatment,
                        plan=rule.plan_id.display_name,
                    )
                )

    @api.constrains("allowance_id", "treatment", "plan_id")
    def _check_allowance(self):
        for rule in self.filtered("allowance_id"):
            allowance = rule.allowance_id
            problem = None
            if allowance.plan_id != rule.plan_id:
                problem = self.env._("it belongs to another plan")
            elif rule.treatment == "wallet" and allowance.unit == "request":
                problem = self.env._(
                    "it counts requests; time needs an allowance in minutes or hours"
                )
            elif rule.treatment == "quota" and allowance.unit != "request":
                problem = self.env._(
                    "a quota rule counts requests; choose an allowance in requests"
                )
            elif rule.treatment not in ("wallet", "quota"):
                problem = self.env._(
                    "only 'covered by the wallet' and 'counted in the request "
                    "quota' rules draw from an allowance"
                )
            if problem:
                raise ValidationError(
                    self.env._(
                        "Allowance: rule '%(rule)s' of plan %(plan)s cannot use "
                        "'%(allowance)s': %(problem)s.",
                        rule=rule.name or rule.treatment,
                        plan=rule.plan_id.display_name,
                        allowance=allowance.name,
                        problem=problem,
                    )
                )

    def _to_engine(self):
        return [
            pricing.Rule(
                treatment=rule.treatment,
                category=rule.support_category or None,
                cause_scope=rule.cause_scope,
                outcome=rule.outcome or None,
                free_minutes=rule.free_minutes,
                name=str(rule.id),
                work_place=rule.work_place,
                kinds=frozenset(rule.type_ids.ids) if rule.type_ids else None,
            )
            for rule in self
        ]
