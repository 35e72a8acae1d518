# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SupportPlatform(models.Model):
    """An open-source platform a plan supports (Asterisk, FreeSWITCH…)."""

    _name = "support.platform"
    _description = "Supported Platform"
    _order = "sequence, name"

    name = fields.Char(required=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    website = fields.Char()
    product_categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product family",
        help="The product family of the customers' installations of this "
        "platform: a plan covering the platform covers the products of this "
        "family (and of its sub-families).",
    )
