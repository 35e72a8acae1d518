# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        res = super()._action_done(cancel_backorder=cancel_backorder)
        # The replacement's delivery of an RMA a ticket authorised is an
        # event of that ticket (its clocks, its notes).
        delivered = self.sudo().filtered(
            lambda m: (
                m.state == "done"
                and m.rma_id.support_ticket_id
                and m in m.rma_id.delivery_move_ids
            )
        )
        for rma in delivered.rma_id:
            moves = delivered.filtered(lambda m, r=rma: m.rma_id == r)
            when = max(moves.mapped("date"))
            rma.support_ticket_id._on_replacement_delivered(rma, when)
        return res
