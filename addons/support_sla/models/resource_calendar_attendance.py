# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from . import sla_cache


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

    # The SLA engine of a calendar is cached under a version of its
    # attendances (see sla_cache): other transactions see a change through
    # that version; this one is told here.

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        sla_cache.touched(self.env)
        return attendances

    def write(self, vals):
        result = super().write(vals)
        sla_cache.touched(self.env)
        return result

    def unlink(self):
        result = super().unlink()
        sla_cache.touched(self.env)
        return result
