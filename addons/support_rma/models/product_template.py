# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    support_warranty_months = fields.Integer(
        string="Warranty (months)",
        help="The warranty of a unit, counted from its purchase date; gives "
        "the warranty end of the covered products (editable there).",
    )
