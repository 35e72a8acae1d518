# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SupportSlaHolidayDrop(models.Model):
    """A public holiday a calendar works on: the sync must not restore it."""

    _name = "support.sla.holiday.drop"
    _description = "Dropped public holiday"
    _order = "date desc"

    calendar_id = fields.Many2one(
        comodel_name="resource.calendar",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="calendar_id.company_id", store=True)
    date = fields.Date(required=True)
    name = fields.Char(string="Holiday")

    _sql_constraints = [
        (
            "calendar_date_uniq",
            "unique(calendar_id, date)",
            "A holiday is dropped once per calendar.",
        )
    ]
