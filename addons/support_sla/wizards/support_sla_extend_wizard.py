# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class SupportSlaExtendWizard(models.TransientModel):
    """Extend a ticket's SLA terms after the customer broke the rules of
    the support policy (the policy says by how much)."""

    _name = "support.sla.extend.wizard"
    _description = "Extend SLA terms"

    ticket_ids = fields.Many2many(comodel_name="helpdesk.ticket", required=True)
    reason = fields.Text(
        required=True,
        help="Which rule the customer broke (e.g. the request was repeated "
        "before its term ran out): it is logged on every extended clock.",
    )

    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Reason: say which rule the customer broke."))
        extended = self.ticket_ids._sla_extend_terms(reason)
        if not extended:
            raise UserError(
                self.env._(
                    "No term was extended: the tickets have no open clock, or "
                    "their terms are already longer than the extension."
                )
            )
        return {"type": "ir.actions.act_window_close"}
