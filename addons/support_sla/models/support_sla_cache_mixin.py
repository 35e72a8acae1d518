# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from . import sla_cache


class SupportSlaCacheMixin(models.AbstractModel):
    """Data the SLA engines are built from (attendances, categories,
    policies, targets).

    Other transactions see a change through the version the caches are keyed
    by (see ``sla_cache``); the transaction that makes it is told here, so
    that it builds its engines for itself until it ends.
    """

    _name = "support.sla.cache.mixin"
    _description = "Data of the SLA caches"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        sla_cache.touched(self.env)
        return records

    def write(self, vals):
        result = super().write(vals)
        sla_cache.touched(self.env)
        return result

    def unlink(self):
        result = super().unlink()
        sla_cache.touched(self.env)
        return result
