# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.halo_support.models.helpdesk_ticket_type import REQUEST_CATEGORIES

from . import sla_cache


class SupportSlaCategory(models.Model):
    """A request category an SLA target can name (incident, change...).

    One record per value of halo_support's request categories, so that a
    target can list several of them.
    """

    _name = "support.sla.category"
    _description = "SLA request category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(selection=REQUEST_CATEGORIES, required=True)
    sequence = fields.Integer(default=10)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each request category exists once.")
    ]

    # The index of targets holds the categories' codes (see sla_cache and
    # support.sla.target): this transaction is told of a change here.

    @api.model_create_multi
    def create(self, vals_list):
        categories = super().create(vals_list)
        sla_cache.touched(self.env)
        return categories

    def write(self, vals):
        result = super().write(vals)
        sla_cache.touched(self.env)
        return result

    def unlink(self):
        result = super().unlink()
        sla_cache.touched(self.env)
        return result
