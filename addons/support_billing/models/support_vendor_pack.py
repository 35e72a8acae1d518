# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SupportVendorPack(models.AbstractModel):
    """The billing layer of the vendor packs: rates, rounding, wallets, fees,
    tiers, onsite days and travel of each vendor's plans."""

    _inherit = "support.vendor.pack"

    @api.model
    def _vendor_pack_files(self, vendor):
        return [
            *super()._vendor_pack_files(vendor),
            ("support_billing", f"data/vendors/{vendor}_billing.xml"),
        ]
