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
        ticket.write(self._prepare_ticket_override_vals(reason))
        ticket.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                self.env._("Entitlement overridden: accepted as covered."),
                reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}

    def _prepare_ticket_override_vals(self, reason):
        """Hook: the ``helpdesk.ticket`` values an agent's override writes,
        ``reason`` being the agent's stripped text.

        Called by :meth:`action_confirm`, as the agent (the override fields
        are guarded: only support users may write them). The entitlement
        hook then runs as for any verdict change. An override may add values
        of its own fields, calling ``super()``.
        """
        self.ensure_one()
        return {"entitlement_override": True, "entitlement_override_reason": reason}
