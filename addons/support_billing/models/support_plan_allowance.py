# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .support_wallet import UNITS


class SupportPlanAllowance(models.Model):
    """A further monthly grant of a plan, with its own wallet per contract.

    The plan's main wallet (``wallet_unit``) and request quota cover most
    packages; a package may also include, say, hours of onsite work and
    regular checks a month, used up separately from its hours of remote
    administration. Each allowance becomes a wallet of its own on
    every active contract of the plan; billing rules name the allowance they
    draw from.
    """

    _name = "support.plan.allowance"
    _description = "Support plan allowance"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one(
        comodel_name="support.plan", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        required=True,
        translate=True,
        help="What the allowance is for, shown on the wallet, the portal and "
        "the statement (e.g. 'Onsite work', 'Regular PBX checks').",
    )
    unit = fields.Selection(selection=UNITS, required=True, default="hour")
    amount = fields.Float(
        string="Included per month",
        digits=(16, 2),
        required=True,
        help="Granted on the first day of each month, in the allowance's unit.",
    )
    rollover = fields.Boolean(
        string="Rolls over", help="Unused monthly grants stay in the wallet."
    )

    _sql_constraints = [
        (
            "name_plan_uniq",
            "UNIQUE (plan_id, name)",
            "Two allowances of a plan cannot have the same name.",
        ),
    ]

    @api.constrains("amount")
    def _check_amount(self):
        for allowance in self:
            if allowance.amount <= 0:
                raise ValidationError(
                    self.env._(
                        "Included per month: allowance '%(allowance)s' of plan "
                        "%(plan)s must grant a positive amount (got %(amount)s). "
                        "Delete the allowance instead of granting nothing.",
                        allowance=allowance.name,
                        plan=allowance.plan_id.display_name,
                        amount=allowance.amount,
                    )
                )

    def _prepare_wallet_vals(self, contract):
        """Values of the wallet of this allowance on ``contract``."""
        self.ensure_one()
        return {
            "contract_id": contract.id,
            "allowance_id": self.id,
            "unit": self.unit,
            "period_amount": self.amount,
            "period_rollover": self.rollover,
            "date_end": contract.date_end,
        }
