# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class HelpdeskTicketDuplicateWizard(models.TransientModel):
    _inherit = "helpdesk.ticket.duplicate.wizard"

    def action_confirm(self):
        """A request cancelled as a duplicate gives its quota slot back (and
        its time is judged again)."""
        res = super().action_confirm()
        self.ticket_id._support_billing_evaluate()
        return res
