# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.entitlement import is_first_of_family, normalise_serial

# Fields a ticket's verdict reads; changing another (sequence, note, licence
# value) does not judge the customer's open tickets again.
VERDICT_FIELDS = {
    "contract_id",
    "product_id",
    "serial",
    "purchase_date",
    "bought_from_us",
    "licence_registered",
}


class SupportContractProduct(models.Model):
    """An installed product a contract covers."""

    _name = "support.contract.product"
    _description = "Covered Product"
    _order = "contract_id, sequence, id"
    _rec_names_search = ["serial", "product_id"]

    contract_id = fields.Many2one(
        comodel_name="support.contract",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, string="Customer", index=True
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, string="Company", index=True
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    contract_state = fields.Selection(related="contract_id.state", string="State")
    product_id = fields.Many2one(
        comodel_name="product.product",
        required=True,
        index=True,
    )
    product_categ_id = fields.Many2one(
        related="product_id.categ_id", store=True, string="Product family"
    )
    serial = fields.Char(
        string="Serial number", index=True, help="Unique within a contract."
    )
    purchase_date = fields.Date()
    bought_from_us = fields.Boolean(
        string="Bought from us",
        help="The customer bought this product from us (not from another "
        "reseller); some plans cover only such products.",
    )
    licence_value = fields.Monetary(
        currency_field="currency_id",
        help="Yearly value of the licence, the base of plans priced as a "
        "percentage of it.",
    )
    licence_registered = fields.Boolean(
        string="Licence registered",
        help="The customer proved a legal, registered licence (required by "
        "plans with the 'registered licence' rule).",
    )
    licence_ref = fields.Char(string="Licence reference")
    note = fields.Char()
    first_of_family = fields.Boolean(
        string="First of its family",
        compute="_compute_first_of_family",
        help="The customer's first purchase of a product of this family, "
        "across all its contracts.",
    )

    @api.depends(
        "product_categ_id", "purchase_date", "partner_id", "contract_id.line_ids"
    )
    def _compute_first_of_family(self):
        partners = self.mapped("partner_id")
        others = (
            self.sudo()
            .search([("partner_id", "in", partners.ids)])
            .filtered("product_categ_id")
        )
        by_partner = {}
        for line in others:
            by_partner.setdefault(line.partner_id.id, []).append(
                (line.id, line.product_categ_id.id, line.purchase_date)
            )
        for line in self:
            line.first_of_family = bool(line.id) and is_first_of_family(
                line.id,
                line.product_categ_id.id,
                line.purchase_date,
                by_partner.get(line.partner_id.id, []),
            )

    @api.depends("product_id", "serial")
    def _compute_display_name(self):
        for line in self:
            name = line.product_id.display_name or ""
            line.display_name = f"{name} ({line.serial})" if line.serial else name

    @api.constrains("serial", "contract_id")
    def _check_serial_unique(self):
        for contract in self.mapped("contract_id"):
            seen = {}
            for line in contract.line_ids:
                key = normalise_serial(line.serial)
                if not key:
                    continue
                if key in seen:
                    raise ValidationError(
                        self.env._(
                            "Serial number: %(serial)s appears twice in contract "
                            "%(contract)s (%(first)s and %(second)s). Each "
                            "covered product has its own serial.",
                            serial=seen[key].serial,
                            contract=contract.name,
                            first=seen[key].product_id.display_name,
                            second=line.product_id.display_name,
                        )
                    )
                seen[key] = line

    @api.constrains("purchase_date")
    def _check_purchase_date(self):
        today = fields.Date.context_today(self)
        for line in self:
            if line.purchase_date and line.purchase_date > today:
                raise ValidationError(
                    self.env._(
                        "Purchase date: %(product)s cannot have been bought on "
                        "%(date)s, which is in the future. Enter the date of "
                        "the invoice or delivery.",
                        product=line.product_id.display_name,
                        date=line.purchase_date,
                    )
                )

    @api.constrains("licence_value")
    def _check_licence_value(self):
        for line in self:
            if line.licence_value < 0:
                raise ValidationError(
                    self.env._(
                        "Licence value: the yearly value of %(product)s on contract "
                        "%(contract)s cannot be negative (%(value)s). Enter 0 or "
                        "more.",
                        product=line.product_id.display_name,
                        contract=line.contract_id.name,
                        value=line.licence_value,
                    )
                )

    def _customer_contracts(self):
        """Every contract of these lines' customers: "first of its family"
        is judged across all of a customer's contracts, so a purchase added
        to one contract can change the verdict of a ticket on another."""
        return (
            self.env["support.contract"]
            .sudo()
            .search([("partner_id", "in", self.contract_id.partner_id.ids)])
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("serial"):
                vals["serial"] = vals["serial"].strip()
        lines = super().create(vals_list)
        lines._rejudge(lines._customer_contracts())
        return lines

    def write(self, vals):
        if vals.get("serial"):
            vals = dict(vals, serial=vals["serial"].strip())
        if not VERDICT_FIELDS.intersection(vals):
            return super().write(vals)
        contracts = self._customer_contracts()
        res = super().write(vals)
        self._rejudge(contracts | self._customer_contracts())
        return res

    def unlink(self):
        contracts = self._customer_contracts()
        res = super().unlink()
        self._rejudge(contracts.exists())
        return res

    def _rejudge(self, contracts):
        """Judge the open tickets of ``contracts`` again, with "first of its
        family" worked out afresh (it is not stored, and depends on lines of
        other contracts)."""
        self.invalidate_model(["first_of_family"])
        contracts._recompute_open_tickets(contract=True)
