# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class Rma(models.Model):
    _name = "rma"
    _inherit = ["rma", "support.field.guard.mixin"]

    support_ticket_id = fields.Many2one(
        support_system=True,
        comodel_name="helpdesk.ticket",
        string="Support ticket",
        index=True,
        readonly=True,
        copy=False,
        help="The ticket whose failure analysis authorised this RMA.",
    )
    support_analysis_id = fields.Many2one(
        support_system=True,
        comodel_name="support.failure.analysis",
        string="Failure analysis",
        readonly=True,
        copy=False,
    )
    support_product_categ_id = fields.Many2one(
        related="product_id.categ_id", store=True, string="Product family"
    )
    support_cause = fields.Selection(
        related="support_analysis_id.cause", store=True, string="Cause"
    )
    support_report_date = fields.Date(
        related="support_analysis_id.report_date", store=True, string="Reported on"
    )
    support_replacement_delivered_at = fields.Datetime(
        support_system=True,
        string="Replacement delivered",
        readonly=True,
        copy=False,
        help="When the first delivery of the replacement was validated; a "
        "later delivery of the same RMA is not a new replacement event.",
    )
    support_days_to_replacement = fields.Integer(
        string="Days to replacement",
        compute="_compute_support_days_to_replacement",
        store=True,
        aggregator="avg",
        help="Calendar days from the report of the defect to the delivery of "
        "the replacement.",
    )
    support_faulty_received = fields.Boolean(
        string="Faulty unit received",
        compute="_compute_support_faulty_received",
    )

    @api.depends("support_report_date", "support_replacement_delivered_at")
    def _compute_support_days_to_replacement(self):
        for rma in self:
            delivered = rma.support_replacement_delivered_at
            reported = rma.support_report_date
            rma.support_days_to_replacement = (
                (delivered.date() - reported).days if delivered and reported else 0
            )

    @api.depends("reception_move_id.state")
    def _compute_support_faulty_received(self):
        for rma in self:
            rma.support_faulty_received = rma.reception_move_id.state == "done"

    def _support_delivery_reference(self):
        """(delivery name, carrier tracking reference or False) of the
        replacement's validated delivery; the tracking reference exists only
        where a delivery addon adds it to the picking."""
        self.ensure_one()
        pickings = (
            self.sudo()
            .delivery_move_ids.filtered(lambda m: m.state == "done")
            .picking_id
        )
        if not pickings:
            return False, False
        picking = pickings[:1]
        tracking = (
            picking.carrier_tracking_ref
            if "carrier_tracking_ref" in picking._fields
            else False
        )
        return picking.name, tracking or False

    def action_support_ship_replacement(self):
        """Ship the replacement (the RMA's own product and quantity), now, from its
        warehouse: the advance replacement without the delivery wizard."""
        for rma in self:
            rma.create_replace(
                fields.Datetime.now(),
                rma.warehouse_id,
                rma.product_id,
                rma.product_uom_qty,
                rma.product_uom,
            )
        return True
