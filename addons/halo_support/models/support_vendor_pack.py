# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vendor packs: each vendor's support policy shipped as data files.

A database gets a vendor's plans only when asked (demo data or the wizard
*Support ▸ Configuration ▸ Load vendor policy*). Every addon contributes its
own layer of a vendor: halo_support the plans, channels and rules,
support_sla the calendars and targets, support_billing the prices. Each layer
extends :meth:`SupportVendorPack._vendor_pack_files`.
"""

import logging

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import convert

_logger = logging.getLogger(__name__)

VENDORS = [
    ("halo_kwadrat", "Halo Kwadrat (PL)"),
    ("infotel", "infotel (SK)"),
    ("sangoma", "Sangoma"),
    ("oktell", "Oktell via sipnet (CZ)"),
    ("webitel", "Webitel (UA)"),
]
VENDOR_CODES = tuple(code for code, _label in VENDORS)


class SupportVendorPack(models.AbstractModel):
    _name = "support.vendor.pack"
    _description = "Vendor Policy Pack"

    @api.model
    def _vendor_pack_files(self, vendor):
        """The data files of ``vendor``, as ``[(module, relative path)]``.

        Addons that add a layer to the vendors override this with
        ``super()._vendor_pack_files(vendor) + [(module, path)]``; files load
        in the order of the list.
        """
        return [("halo_support", f"data/vendors/{vendor}.xml")]

    @api.model
    def _vendor_pack_check(self, vendors):
        if isinstance(vendors, str):
            vendors = [vendors]
        unknown = [vendor for vendor in vendors if vendor not in VENDOR_CODES]
        if unknown:
            raise UserError(
                self.env._(
                    "Vendors: %(unknown)s is not a known vendor; choose among "
                    "%(known)s.",
                    unknown=", ".join(map(str, unknown)),
                    known=", ".join(VENDOR_CODES),
                )
            )
        # In the order of VENDORS, each once.
        return [code for code in VENDOR_CODES if code in vendors]

    @api.model
    def _load_vendor_packs(self, vendors):
        """Load every layer of each of ``vendors`` (codes of :data:`VENDORS`).

        Idempotent: the records carry xml ids ``<module>.<id>``, so loading
        again finds them and creates nothing new; it restores the vendor's
        published terms on the records of the pack. Runs as superuser (the
        packs activate currencies and create product families); callers
        check the user's rights. Everything loads in the caller's
        transaction: a failing file leaves nothing half-loaded.
        """
        vendors = self._vendor_pack_check(vendors)
        env = self.sudo().env
        for vendor in vendors:
            for module, path in self._vendor_pack_files(vendor):
                _logger.info("Loading vendor pack %s: %s/%s", vendor, module, path)
                convert.convert_file(
                    env, module, path, idref={}, mode="init", noupdate=True
                )
        return True

    @api.model
    def _vendor_pack_is_loaded(self, vendor):
        """True when the database holds ``vendor``'s pack (its vendor partner)."""
        return bool(
            self.env.ref(f"halo_support.vendor_{vendor}", raise_if_not_found=False)
        )
