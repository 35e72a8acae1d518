# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportPlan(models.Model):
    _inherit = "support.plan"

    served_outcome_required = fields.Boolean(
        string="Closing requires an outcome",
        help="A covered ticket of this plan is closed only with one of the "
        "plan's served outcomes: what the policy counts as a served request.",
    )
    served_outcome_ids = fields.Many2many(
        comodel_name="support.served.outcome",
        relation="support_plan_served_outcome_rel",
        string="Served outcomes",
        help="The outcomes a ticket of this plan may be closed with.",
    )

    @api.constrains("served_outcome_required", "served_outcome_ids")
    def _check_served_outcomes(self):
        for plan in self:
            if plan.served_outcome_required and not plan.served_outcome_ids:
                raise ValidationError(
                    self.env._(
                        "Served outcomes: plan %(plan)s requires an outcome to "
                        "close a ticket; list the allowed outcomes, or untick "
                        "Closing requires an outcome.",
                        plan=plan.display_name,
                    )
                )

    def _portal_sla_targets(self):
        """The reaction and resolution terms of the plan told to the customer
        on the contract page: the targets of its active policies, in their
        order."""
        self.ensure_one()
        return (
            self.env["support.sla.target"]
            .sudo()
            .search([("plan_id", "=", self.id), ("policy_id.active", "=", True)])
        )
