# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    def _compute_base_price(self, product, quantity, uom, date, currency):
        """With ``support_base_rate`` = ``(amount, currency id)`` in the
        context, that amount is the list price.

        One time product serves every plan, each with its own hourly rate:
        the plan's rate stands for the product's list price, so that the
        customer's pricelist (a discount, a formula, a fixed price for the
        support hour) applies to it as to any product.
        """
        base_rate = self.env.context.get("support_base_rate")
        if not base_rate or (self.base or "list_price") != "list_price":
            return super()._compute_base_price(product, quantity, uom, date, currency)
        amount, currency_id = base_rate
        source = self.env["res.currency"].browse(currency_id)
        if source != currency:
            amount = source._convert(
                amount,
                currency,
                self.env.company,
                date or fields.Date.context_today(self),
                round=False,
            )
        return amount
