# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.helpdesk_type.controllers.main import HelpdeskTicketControllerTypes


class HelpdeskTicketControllerSupport(HelpdeskTicketControllerTypes):
    """The portal ticket form of helpdesk_mgmt, with the contract and product."""

    def _support_contract_choices(self):
        """The requester's active contracts, each with whether they may use it."""
        user = request.env.user
        contracts = (
            request.env["support.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", user.commercial_partner_id.id),
                    ("state", "=", "active"),
                ]
            )
        )
        return [
            {
                "contract": contract,
                "authorised": contract._is_authorised(user.partner_id),
            }
            for contract in contracts
        ]

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        choices = self._support_contract_choices()
        values["support_contract_choices"] = choices
        values["support_product_lines"] = request.env["support.contract.product"].sudo()
        for choice in choices:
            if choice["authorised"]:
                values["support_product_lines"] |= choice["contract"].line_ids
        return values

    @staticmethod
    def _int_or_zero(value):
        try:
            return int(value or 0)
        except (TypeError, ValueError):
            return -1

    @http.route("/ticket/close", type="http", auth="user", methods=["POST"])
    def support_ticket_close(self, ticket_id=None, stage_id=None, **kw):
        """Close a ticket from its portal page.

        helpdesk_mgmt's route takes any ticket id by GET and writes it as the
        superuser; here the user must be able to open the ticket's page, the
        stage must be a closing stage of the ticket's team offered on the
        portal, and the form must carry the session's CSRF token.
        """
        ticket = request.env["helpdesk.ticket"].browse(self._int_or_zero(ticket_id))
        try:
            ticket = ticket.exists()
            ticket.check_access("read")
        except AccessError:
            ticket = ticket.browse()
        if not ticket:
            raise NotFound()
        ticket_sudo = ticket.sudo()
        stage = (
            request.env["helpdesk.ticket.stage"]
            .sudo()
            .browse(self._int_or_zero(stage_id))
            .exists()
        )
        if (
            stage
            and stage.close_from_portal
            and stage in ticket_sudo.team_id._get_applicable_stages()
            and not ticket_sudo.closed_date
        ):
            ticket_sudo.stage_id = stage
        # 302 like the route it replaces, for clients that follow it.
        return request.redirect(f"/my/ticket/{ticket.id}", code=302)

    def _prepare_submit_ticket_vals(self, **kw):
        """helpdesk_mgmt's hook for the values of a ticket submitted on the
        portal: adds the contract and covered product
        (:meth:`_prepare_support_vals`)."""
        vals = super()._prepare_submit_ticket_vals(**kw)
        vals.update(self._prepare_support_vals(**kw))
        return vals

    def _prepare_support_vals(self, **kw):
        """Hook: the contract and covered product of a portal submission
        (form fields in ``kw``), as ``helpdesk.ticket`` values.

        Called by :meth:`_prepare_submit_ticket_vals` before the ticket is
        created. Submitted ids are not trusted: a contract or product of
        another customer is ignored and noted (``support_intake_note``, the
        ticket is kept). An override may add values of its own form fields,
        calling ``super()``; it must not trust ids either.
        """
        env = request.env
        commercial = env.user.commercial_partner_id
        vals = {}
        notes = []
        contract = self._support_submitted(
            kw,
            "support_contract",
            "support.contract",
            lambda c: c.partner_id == commercial,
        )
        if contract is False:
            notes.append(
                env._(
                    "The portal submission named contract #%(ref)s, which is "
                    "not a contract of %(customer)s: it was ignored.",
                    ref=kw.get("support_contract"),
                    customer=commercial.display_name,
                )
            )
            contract = env["support.contract"].sudo()
        elif contract:
            vals["support_contract_id"] = contract.id
        line = self._support_submitted(
            kw,
            "support_product_line",
            "support.contract.product",
            lambda ln: (
                ln.contract_id.partner_id == commercial
                and (not contract or ln.contract_id == contract)
            ),
        )
        if line is False:
            notes.append(
                env._(
                    "The portal submission named covered product #%(ref)s, "
                    "which is not a product of %(customer)s's contract: it "
                    "was ignored.",
                    ref=kw.get("support_product_line"),
                    customer=commercial.display_name,
                )
            )
        elif line:
            vals["support_contract_id"] = line.contract_id.id
            vals["support_product_line_id"] = line.id
            vals["support_product_id"] = line.product_id.id
            vals["support_serial"] = line.serial
        if notes:
            vals["support_intake_note"] = "\n".join(notes)
        return vals

    def _support_submitted(self, kw, key, model, accepted):
        """The record of ``model`` (sudo) whose id the form sent as
        ``kw[key]``: an empty recordset when none was sent, False when the
        one sent does not exist or is not ``accepted``."""
        record_id = self._int_or_zero(kw.get(key))
        records = request.env[model].sudo()
        if not record_id:
            return records
        record = records.browse(record_id).exists() if record_id > 0 else records
        return record if record and accepted(record) else False
