# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class SupportVendorPack(models.AbstractModel):
    """The SLA layer of the vendor packs: each vendor's calendars, SLA
    policies and targets (``data/vendors/<vendor>_sla.xml``), loaded after
    the plans of halo_support's layer they refer to.
    """

    _inherit = "support.vendor.pack"

    @api.model
    def _vendor_pack_files(self, vendor):
        return [
            *super()._vendor_pack_files(vendor),
            ("support_sla", f"data/vendors/{vendor}_sla.xml"),
        ]
