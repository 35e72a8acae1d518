# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResourceCalendarAttendance(models.Model):
    _name = "resource.calendar.attendance"
    # a calendar's SLA engine is built from its attendances
    _inherit = ["resource.calendar.attendance", "support.sla.cache.mixin"]
