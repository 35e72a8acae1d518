# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SupportWalletOperation(models.TransientModel):
    """A manual movement of a wallet: grant, refund of a ticket's
    consumption, or adjustment with its reason."""

    _name = "support.wallet.operation"
    _description = "Manual wallet movement"

    wallet_id = fields.Many2one(
        comodel_name="support.wallet", required=True, ondelete="cascade"
    )
    unit = fields.Selection(related="wallet_id.unit")
    kind = fields.Selection(
        selection=[
            ("grant", "Grant"),
            ("refund", "Refund a ticket's consumption"),
            ("adjustment", "Manual adjustment"),
        ],
        required=True,
        default="adjustment",
    )
    quantity = fields.Float(
        required=True,
        digits=(16, 2),
        help="In the wallet's unit (hours for an hour wallet). An adjustment "
        "may be negative.",
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        domain="[('support_contract_id', '=', contract_id)]",
    )
    contract_id = fields.Many2one(related="wallet_id.contract_id")
    expires = fields.Date(help="A grant can be used until this day.")
    reason = fields.Char(required=True)

    @api.model
    def _check_quantity(self, wallet, kind, amount):
        if amount == 0 or (kind != "adjustment" and amount < 0):
            raise UserError(
                self.env._(
                    "Quantity: a %(kind)s of wallet %(wallet)s must be positive "
                    "(only an adjustment may be negative).",
                    kind=kind,
                    wallet=wallet.name,
                )
            )

    def action_confirm(self):
        self.ensure_one()
        wallet = self.wallet_id
        amount = wallet._to_base(self.quantity)
        self._check_quantity(wallet, self.kind, amount)
        if self.kind == "refund":
            if not self.ticket_id:
                raise UserError(
                    self.env._(
                        "Ticket: choose the ticket whose consumption is refunded."
                    )
                )
            wallet._refund(amount, ticket_id=self.ticket_id.id, reason=self.reason)
        else:
            self.env["support.wallet.entry"].create(
                wallet._prepare_entry(
                    self.kind,
                    amount,
                    expires=self.expires if self.kind == "grant" else False,
                    reason=self.reason,
                )
            )
        wallet.message_post(
            body=self.env._(
                "%(kind)s of %(amount)s: %(reason)s",
                kind=dict(self._fields["kind"]._description_selection(self.env))[
                    self.kind
                ],
                amount=wallet._format_amount(amount),
                reason=self.reason,
            )
        )
        return {"type": "ir.actions.act_window_close"}
