# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.support_sla_target import MANUAL_EVENTS


class SupportSlaEventWizard(models.TransientModel):
    """Record a ticket event an agent witnessed (replacement shipped...)."""

    _name = "support.sla.event.wizard"
    _description = "Record an SLA event"

    ticket_ids = fields.Many2many(comodel_name="helpdesk.ticket", required=True)
    code = fields.Selection(selection=MANUAL_EVENTS, string="Event", required=True)
    reason = fields.Char(string="Note")

    def action_confirm(self):
        self.ensure_one()
        self.ticket_ids._sla_record_event(self.code, self.reason or None)
        return {"type": "ir.actions.act_window_close"}
