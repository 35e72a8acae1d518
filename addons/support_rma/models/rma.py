# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class Rma(models.Model):
    _inherit = "rma"

    support_ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        string="Support ticket",
        index=True,
        readonly=True,
        copy=False,
        help="The ticket whose failure analysis authorised this RMA.",
    )
    support_analysis_id = fields.Many2one(
        comodel_name="support.failure.analysis",
        string="Failure analysis",
        readonly=True,
        copy=False,
    )
