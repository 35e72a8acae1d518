# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.helpdesk_ticket import AGREEMENT_CHANNELS


class SupportAgreementWizard(models.TransientModel):
    """An agent records the customer's answer to paid work: an agreement
    (or refusal) by a reply to the emailed request, or a recorded call.
    A reply is not parsed: the agent reads it and records it here, with
    the email channel."""

    _name = "support.agreement.wizard"
    _description = "Record the customer's agreement to paid work"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, ondelete="cascade"
    )
    decision = fields.Selection(
        selection=[("accept", "Agreed"), ("refuse", "Refused")],
        required=True,
        default="accept",
    )
    channel = fields.Selection(
        selection=AGREEMENT_CHANNELS, string="Agreed by", required=True, default="email"
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Contact",
        required=True,
        default=lambda self: (
            self.env["helpdesk.ticket"]
            .browse(self.env.context.get("default_ticket_id"))
            .partner_id
        ),
    )
    note = fields.Text(help="Where the agreement is: the email, the call recording.")

    def action_confirm(self):
        self.ensure_one()
        if self.decision == "refuse":
            self.ticket_id._support_record_refusal(
                self.channel, partner=self.partner_id, note=self.note
            )
        else:
            self.ticket_id._support_record_agreement(
                self.channel, partner=self.partner_id, day=self.date, note=self.note
            )
        return {"type": "ir.actions.act_window_close"}
