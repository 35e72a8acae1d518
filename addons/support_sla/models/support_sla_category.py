# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.halo_support.models.helpdesk_ticket_type import REQUEST_CATEGORIES


class SupportSlaCategory(models.Model):
    """A request category an SLA target can name (incident, change...).

    One record per value of halo_support's request categories, so that a
    target can list several of them.
    """

    _name = "support.sla.category"
    # the index of targets holds the categories' codes
    _inherit = ["support.sla.cache.mixin"]
    _description = "SLA request category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(selection=REQUEST_CATEGORIES, required=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each request category exists once.")
    ]
