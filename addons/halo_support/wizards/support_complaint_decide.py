# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.helpdesk_ticket import COMPLAINT_DECISIONS


class SupportComplaintDecide(models.TransientModel):
    """The head records the decision on a complaint, with its reasoning."""

    _name = "support.complaint.decide"
    _description = "Decide a Complaint"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket", required=True, ondelete="cascade"
    )
    decision = fields.Selection(COMPLAINT_DECISIONS, required=True)
    reasoning = fields.Text(
        required=True, help="Why: sent to the customer with the decision."
    )

    def action_confirm(self):
        self.ensure_one()
        self.ticket_id._support_decide_complaint(self.decision, self.reasoning)
        return {"type": "ir.actions.act_window_close"}
