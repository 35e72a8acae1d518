# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.helpdesk_ticket import CONSENT_DECISIONS

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

    def _support_consent_party(self, ticket_id, access_token):
        """``(ticket, partner, channel)`` of a consent.

        A signed-in user answers for their own contact, on the portal, or
        by the emailed link (which carries the ticket's access token); a
        visitor who is not signed in answers by the emailed link only, for
        the ticket's requester, to whom it was sent.  Either way the
        contact must be an authorised contact of the contract.
        """
        ticket = self._document_check_access(
            "helpdesk.ticket", ticket_id, access_token=access_token
        )
        user = request.env.user
        if user._is_public():
            if not access_token:
                raise AccessError(request.env._("Sign in to answer."))
            partner = ticket.partner_id
        else:
            partner = user.partner_id
        contract = ticket.support_contract_id
        if not contract or not contract._is_authorised(partner):
            raise AccessError(
                request.env._(
                    "Only an authorised contact of the contract can decide for it."
                )
            )
        return ticket, partner, "email" if access_token else "portal"

    @http.route(
        ["/my/ticket/<int:ticket_id>/consent/<string:decision>"],
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_ticket_consent(self, ticket_id, decision, access_token=None, **kw):
        """The customer's answer to paid work.  A GET (the emailed link, which
        mail scanners may follow) only shows a confirmation page; its button
        posts the answer with the session's CSRF token."""
        if decision not in CONSENT_DECISIONS:
            raise NotFound()
        try:
            ticket, partner, channel = self._support_consent_party(
                ticket_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if request.httprequest.method != "POST":
            return request.render(
                "support_billing.portal_ticket_consent_confirm",
                {
                    "ticket": ticket,
                    "decision": decision,
                    "access_token": access_token,
                    "partner": partner,
                    "page_name": "ticket",
                },
            )
        try:
            ticket._support_consent_decide(decision, channel, partner)
        except UserError as err:
            return self._support_redirect(ticket_id, access_token, error=err.args[0])
        return self._support_redirect(ticket_id, access_token)
