# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.support_sla.models.support_ticket_sla import CLOCK_STATES


class Rma(models.Model):
    _inherit = "rma"

    support_replacement_sla_state = fields.Selection(
        selection=CLOCK_STATES,
        string="Replacement term",
        compute="_compute_support_replacement_sla_state",
        store=True,
        help="The state of the ticket's replacement-shipped clock: met or "
        "breached once the replacement is delivered.",
    )

    @api.depends("support_ticket_id.sla_ids.state", "support_ticket_id.sla_ids.metric")
    def _compute_support_replacement_sla_state(self):
        for rma in self:
            clocks = rma.support_ticket_id.sudo().sla_ids.filtered(
                lambda c: c.metric == "replacement_shipped"
            )
            rma.support_replacement_sla_state = clocks[:1].state or False
