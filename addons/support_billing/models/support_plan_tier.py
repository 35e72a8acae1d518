# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import pricing


class SupportPlanTier(models.Model):
    """A yearly price by size: the contract pays the highest tier
    reached by any of its employees, calls a day or complexity."""

    _name = "support.plan.tier"
    _description = "Support plan price tier"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one(
        comodel_name="support.plan", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id", required=True)
    max_employees = fields.Integer(help="Up to this many employees; 0: no limit.")
    max_calls = fields.Integer(
        string="Max calls a day", help="Up to this many calls a day; 0: no limit."
    )
    max_complexity = fields.Integer(help="Up to this complexity level; 0: no limit.")

    @api.constrains("amount", "max_employees", "max_calls", "max_complexity")
    def _check_values(self):
        for tier in self:
            if (
                min(
                    tier.amount, tier.max_employees, tier.max_calls, tier.max_complexity
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s of plan %(plan)s: the price and the limits "
                        "cannot be negative (0 means no limit).",
                        tier=tier.name,
                        plan=tier.plan_id.display_name,
                    )
                )

    def _to_engine(self):
        return [
            pricing.Tier(
                amount=pricing.to_decimal(tier.amount),
                max_employees=tier.max_employees or None,
                max_calls=tier.max_calls or None,
                max_complexity=tier.max_complexity or None,
            )
            for tier in self
        ]
