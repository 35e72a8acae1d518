# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

DECISIONS = {"accept": "customer_accept", "refuse": "customer_refuse"}


class SupportBillingPortal(CustomerPortal):
    """Portal actions of support billing on a ticket: the customer's
    success-fee decision and its agreement to paid work."""

    def _support_ticket(self, ticket_id, access_token):
        ticket = self._document_check_access(
            "helpdesk.ticket", ticket_id, access_token=access_token
        )
        contract = ticket.support_contract_id
        partner = request.env.user.partner_id
        if not contract or not contract._is_authorised(partner):
            raise AccessError(
                request.env._(
                    "Only an authorised contact of the contract can decide for it."
                )
            )
        return ticket, partner

    def _support_redirect(self, ticket_id, access_token=None, error=None):
        params = {}
        if access_token:
            params["access_token"] = access_token
        if error:
            params["support_billing_error"] = error
        query = f"?{url_encode(params)}" if params else ""
        return request.redirect(f"/my/ticket/{ticket_id}{query}")

    @http.route(
        ["/my/ticket/<int:ticket_id>/success_fee/<string:decision>"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_success_fee(self, ticket_id, decision, access_token=None, **kw):
        if decision not in DECISIONS:
            raise NotFound()
        try:
            ticket, partner = self._support_ticket(ticket_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            ticket._success_fee_do(
                DECISIONS[decision], channel="portal", partner=partner
            )
        except UserError as err:
            return self._support_redirect(ticket_id, access_token, error=err.args[0])
        return self._support_redirect(ticket_id, access_token)

    @http.route(
        ["/my/ticket/<int:ticket_id>/agree_paid_work"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_agree(self, ticket_id, access_token=None, **kw):
        try:
            ticket, partner = self._support_ticket(ticket_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            ticket._support_record_agreement("portal", partner=partner)
        except UserError as err:
            return self._support_redirect(ticket_id, access_token, error=err.args[0])
        return self._support_redirect(ticket_id, access_token)
