# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import UserError


class SupportEntitlementOverride(models.TransientModel):
    """An agent accepts a request as covered, saying why."""

    _name = "support.entitlement.override"
    _description = "Override a Ticket's Entitlement"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, ondelete="cascade"
    )
    entitlement = fields.Selection(related="ticket_id.entitlement")
    entitlement_reason = fields.Text(related="ticket_id.entitlement_reason")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(
                self.env._("Reason: say why the request is accepted as covered.")
            )
        ticket = self.ticket_id
        ticket.write(
            {"entitlement_override": True, "entitlement_override_reason": reason}
        )
        ticket.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                self.env._("Entitlement overridden: accepted as covered."),
                reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
