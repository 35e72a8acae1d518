# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SupportRefusalGround(models.Model):
    """A ground on which a plan lets support refuse a request, with the
    message the customer receives when it is used."""

    _name = "support.refusal.ground"
    _description = "Support Refusal Ground"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    customer_message = fields.Text(
        required=True,
        translate=True,
        help="Sent to the customer, in the customer's language, when a "
        "request is refused on this ground.",
    )
    plan_ids = fields.Many2many(
        comodel_name="support.plan",
        relation="support_plan_refusal_ground_rel",
        column1="ground_id",
        column2="plan_id",
        string="Plans",
        help="The plans whose terms name this ground.",
    )
