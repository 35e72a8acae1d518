# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SupportRequestRefuse(models.TransientModel):
    """An agent refuses a request on one of its plan's refusal grounds."""

    _name = "support.request.refuse"
    _description = "Refuse a Support Request"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, ondelete="cascade"
    )
    plan_id = fields.Many2one(related="ticket_id.support_plan_id")
    allowed_ground_ids = fields.Many2many(
        comodel_name="support.refusal.ground",
        compute="_compute_allowed_ground_ids",
    )
    ground_id = fields.Many2one(
        comodel_name="support.refusal.ground",
        domain="[('id', 'in', allowed_ground_ids)]",
    )
    customer_message = fields.Text(related="ground_id.customer_message")
    note = fields.Text(
        string="Note to the customer",
        help="Added to the ground's message, e.g. what the customer may do "
        "instead (an onsite package).",
    )

    @api.depends("ticket_id")
    def _compute_allowed_ground_ids(self):
        for wizard in self:
            wizard.allowed_ground_ids = (
                wizard.ticket_id.sudo().support_plan_id.refusal_ground_ids
            )

    def action_confirm(self):
        self.ensure_one()
        if not self.ground_id:
            raise UserError(
                self.env._(
                    "Ground: choose the ground of plan %(plan)s on which the "
                    "request is refused.",
                    plan=self.plan_id.display_name or "-",
                )
            )
        self.ticket_id._support_refuse(self.ground_id, note=(self.note or "").strip())
        return {"type": "ir.actions.act_window_close"}
