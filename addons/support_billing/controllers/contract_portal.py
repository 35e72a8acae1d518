# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.contract.controllers.main import PortalContract


class SupportPortalContract(PortalContract):
    """My Account ▸ Contracts of OCA contract, without the recurring
    contracts that invoice a support contract's fee: the customer sees those
    as their support contract (My Account ▸ Support contracts), and their
    invoices under Invoices."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "contract_count" in counters:
            # OCA counts every contract the user can read, whatever the
            # filter of its list: count what the list shows.
            Contract = request.env["contract.contract"].with_context(
                support_hide_contract_twins=True
            )
            values["contract_count"] = (
                Contract.search_count([]) if Contract.has_access("read") else 0
            )
        return values

    @http.route()
    def portal_my_contracts(self, *args, **kw):
        request.update_context(support_hide_contract_twins=True)
        return super().portal_my_contracts(*args, **kw)

    def _support_contract_readable(self, support_contract):
        try:
            self._document_check_access("support.contract", support_contract.id)
        except (AccessError, MissingError):
            return False
        return True

    @http.route()
    def portal_my_contract_detail(self, contract_contract_id, access_token=None, **kw):
        """The page of a support contract's recurring contract is the support
        contract's own, for a user who may read it."""
        twin = (
            request.env["contract.contract"]
            .sudo()
            .browse(contract_contract_id)
            .exists()
            .support_contract_id
        )
        if twin and self._support_contract_readable(twin):
            return request.redirect(twin.get_portal_url())
        return super().portal_my_contract_detail(
            contract_contract_id, access_token=access_token, **kw
        )
