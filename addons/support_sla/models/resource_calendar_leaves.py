# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


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

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        self.env.registry.clear_cache()
        return leaves

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
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
        self.env.registry.clear_cache()
        return super().unlink()
