# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SupportPlan(models.Model):
    _inherit = "support.plan"

    rma_advance_replacement = fields.Boolean(
        string="Advance replacement",
        tracking=True,
        help="An authorised RMA ships the replacement before the faulty unit "
        "comes back (its receipt is expected later).",
    )
