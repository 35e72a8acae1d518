# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.support_vendor_pack import VENDORS


class SupportVendorPackLoad(models.TransientModel):
    """A manager loads vendors' support policies into the database."""

    _name = "support.vendor.pack.load"
    _description = "Load Vendor Policies"

    line_ids = fields.One2many(
        comodel_name="support.vendor.pack.load.line",
        inverse_name="wizard_id",
        string="Vendors",
        default=lambda self: self._default_line_ids(),
    )

    @api.model
    def _default_line_ids(self):
        Pack = self.env["support.vendor.pack"]
        return [
            fields.Command.create(
                {
                    "vendor": code,
                    "selected": not Pack._vendor_pack_is_loaded(code),
                }
            )
            for code, _label in VENDORS
        ]

    def action_load(self):
        self.ensure_one()
        if not (
            self.env.su or self.env.user.has_group("halo_support.group_support_manager")
        ):
            raise AccessError(
                self.env._("Only support managers may load vendor policies.")
            )
        vendors = self.line_ids.filtered("selected").mapped("vendor")
        if not vendors:
            raise UserError(
                self.env._("Vendors: tick at least one vendor to load its policy.")
            )
        self.env["support.vendor.pack"]._load_vendor_packs(vendors)
        labels = dict(VENDORS)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Vendor policies loaded"),
                "message": ", ".join(labels[vendor] for vendor in vendors),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class SupportVendorPackLoadLine(models.TransientModel):
    _name = "support.vendor.pack.load.line"
    _description = "Vendor Policy to Load"
    _order = "id"

    wizard_id = fields.Many2one(
        comodel_name="support.vendor.pack.load", required=True, ondelete="cascade"
    )
    vendor = fields.Selection(selection=VENDORS, required=True, readonly=True)
    selected = fields.Boolean(string="Load")
    loaded = fields.Boolean(
        string="Already loaded",
        compute="_compute_loaded",
        help="The database already holds this vendor's policy; loading it "
        "again restores the published terms on the records of the pack.",
    )

    @api.depends("vendor")
    def _compute_loaded(self):
        Pack = self.env["support.vendor.pack"]
        for line in self:
            line.loaded = bool(line.vendor) and Pack._vendor_pack_is_loaded(line.vendor)
