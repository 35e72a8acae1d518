# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SupportContractProduct(models.Model):
    _inherit = "support.contract.product"

    lot_id = fields.Many2one(
        comodel_name="stock.lot",
        string="Lot/Serial",
        domain="[('product_id', '=', product_id)]",
        help="The unit's serial number as a stock lot, which its RMA follows.",
    )
    warranty_end = fields.Date(
        compute="_compute_warranty_end",
        store=True,
        readonly=False,
        help="Last day of the unit's warranty: the purchase date plus the "
        "product's warranty months, unless set by hand.",
    )
    backup_ids = fields.One2many(
        comodel_name="support.device.backup",
        inverse_name="line_id",
        string="Configuration backups",
    )
    last_backup_id = fields.Many2one(
        comodel_name="support.device.backup",
        string="Last valid backup",
        compute="_compute_last_backup_id",
    )

    @api.depends("purchase_date", "product_id.support_warranty_months")
    def _compute_warranty_end(self):
        for line in self:
            months = line.product_id.support_warranty_months
            if line.purchase_date and months:
                line.warranty_end = line.purchase_date + relativedelta(
                    months=months, days=-1
                )
            elif not line.warranty_end:
                line.warranty_end = False

    @api.depends("backup_ids.valid", "backup_ids.backup_date")
    def _compute_last_backup_id(self):
        for line in self:
            line.last_backup_id = line.backup_ids._latest_valid()

    @api.constrains("warranty_end", "purchase_date")
    def _check_warranty_end(self):
        for line in self:
            if (
                line.warranty_end
                and line.purchase_date
                and line.warranty_end < line.purchase_date
            ):
                raise ValidationError(
                    self.env._(
                        "Warranty end: %(unit)s ends its warranty on %(end)s, "
                        "before its purchase on %(purchase)s. Correct the "
                        "warranty end or the purchase date.",
                        unit=line.display_name,
                        end=line.warranty_end,
                        purchase=line.purchase_date,
                    )
                )

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for line in self:
            if line.lot_id and line.lot_id.product_id != line.product_id:
                raise ValidationError(
                    self.env._(
                        "Lot/Serial: %(lot)s is a lot of %(lot_product)s, not of "
                        "%(product)s. Choose a lot of the covered product.",
                        lot=line.lot_id.display_name,
                        lot_product=line.lot_id.product_id.display_name,
                        product=line.product_id.display_name,
                    )
                )

    def action_support_view_backups(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Configuration backups of %s", self.display_name),
            "res_model": "support.device.backup",
            "view_mode": "list",
            "domain": [("line_id", "=", self.id)],
            "context": {"default_line_id": self.id, "hide_line": True},
        }
