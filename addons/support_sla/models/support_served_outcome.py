# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SupportServedOutcome(models.Model):
    """A way a request counts as served (a consultation given, a fault
    investigated and its cause concluded...): a plan may require one to
    close its tickets, and the SLA compliance report counts tickets by it.
    """

    _name = "support.served.outcome"
    _description = "Served outcome"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
