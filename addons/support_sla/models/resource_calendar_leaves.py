# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from . import sla_cache


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    holiday_date = fields.Date(
        string="Public holiday",
        index=True,
        copy=False,
        readonly=True,
        help="Set on the public holidays generated from the holidays library: "
        "the day they stand for. Deleting such a line drops the holiday for "
        "good (see the calendar's dropped holidays).",
    )

    # The SLA engine of a calendar is cached under a version of its global
    # time off (see sla_cache): other transactions see a change through that
    # version; this one is told here.  An employee's own time off (with a
    # resource) is not part of any SLA engine and touches nothing.

    def _sla_any_global(self):
        return any(not leave.resource_id for leave in self)

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if leaves._sla_any_global():
            sla_cache.touched(self.env)
        return leaves

    def write(self, vals):
        # A time off that stops being global leaves the engine too.
        was_global = "resource_id" in vals and self._sla_any_global()
        result = super().write(vals)
        if was_global or self._sla_any_global():
            sla_cache.touched(self.env)
        return result

    def unlink(self):
        if not self.env.context.get("holiday_sync"):
            # A holiday the vendor works on: remember it so that the daily
            # synchronisation does not bring it back.
            generated = self.filtered(
                lambda leave: leave.holiday_date and leave.calendar_id
            )
            if generated:
                self.env["support.sla.holiday.drop"].sudo().create(
                    [
                        {
                            "calendar_id": leave.calendar_id.id,
                            "date": leave.holiday_date,
                            "name": leave.name,
                        }
                        for leave in generated
                    ]
                )
        touches = self._sla_any_global()
        result = super().unlink()
        if touches:
            sla_cache.touched(self.env)
        return result
