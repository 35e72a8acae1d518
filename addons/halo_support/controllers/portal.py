# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class SupportContractPortal(CustomerPortal):
    """My Account ▸ Support contracts: the customer's own contracts."""

    def _support_contract_domain(self):
        # Own commercial partner only, for internal users visiting /my too.
        return [("partner_id", "=", request.env.user.commercial_partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "support_contract_count" in counters:
            Contract = request.env["support.contract"]
            values["support_contract_count"] = (
                Contract.search_count(self._support_contract_domain())
                if Contract.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/support/contracts", "/my/support/contracts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_support_contracts(self, page=1, **kw):
        Contract = request.env["support.contract"]
        if not Contract.has_access("read"):
            return request.redirect("/my")
        domain = self._support_contract_domain()
        count = Contract.search_count(domain)
        pager = portal_pager(
            url="/my/support/contracts",
            total=count,
            page=page,
            step=self._items_per_page,
        )
        contracts = Contract.search(
            domain,
            order="state, date_start desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_support_contracts_history"] = contracts.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "contracts": contracts,
                "page_name": "support_contract",
                "default_url": "/my/support/contracts",
                "pager": pager,
            }
        )
        return request.render("halo_support.portal_my_support_contracts", values)

    @http.route(
        ["/my/support/contract/<int:contract_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_support_contract(self, contract_id, access_token=None, **kw):
        try:
            contract_sudo = self._document_check_access(
                "support.contract", contract_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = {
            "page_name": "support_contract",
            # Not "contract": the portal breadcrumb of OCA contract uses it.
            "support_contract": contract_sudo,
            "authorised": contract_sudo._is_authorised(request.env.user.partner_id),
            "user": request.env.user,
        }
        values = self._get_page_view_values(
            contract_sudo,
            access_token,
            values,
            "my_support_contracts_history",
            False,
            **kw,
        )
        return request.render("halo_support.portal_my_support_contract", values)
