# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import ledger, pricing

KINDS = [
    ("grant", "Grant"),
    ("consumption", "Consumption"),
    ("refund", "Refund"),
    ("expiry", "Expiry"),
    ("adjustment", "Manual adjustment"),
    ("reopen", "Reopened after expiry"),
]


class SupportWalletEntry(models.Model):
    """An append-only ledger entry of a wallet.

    Entries are never changed nor deleted: a mistake is corrected by a new
    entry (a refund, or a manual adjustment with its reason).  Creating an
    entry moves the wallet's balance under the wallet's row lock.
    """

    _name = "support.wallet.entry"
    _description = "Support wallet ledger entry"
    _order = "date desc, id desc"
    _rec_name = "reason"

    wallet_id = fields.Many2one(
        comodel_name="support.wallet",
        required=True,
        ondelete="restrict",
        index=True,
        readonly=True,
    )
    contract_id = fields.Many2one(related="wallet_id.contract_id", store=True)
    company_id = fields.Many2one(related="wallet_id.company_id", store=True)
    unit = fields.Selection(related="wallet_id.unit")
    kind = fields.Selection(selection=KINDS, required=True, readonly=True)
    amount = fields.Integer(
        string="Amount (base units)",
        required=True,
        readonly=True,
        help="Signed, in base units (minutes, or requests).",
    )
    amount_display = fields.Float(
        string="Amount",
        compute="_compute_amount_display",
        digits=(16, 2),
        help="In the wallet's unit.",
    )
    balance_after = fields.Integer(string="Balance after (base units)", readonly=True)
    balance_after_display = fields.Float(
        string="Balance after", compute="_compute_amount_display", digits=(16, 2)
    )
    date = fields.Date(
        required=True, readonly=True, default=fields.Date.context_today, index=True
    )
    expires = fields.Date(
        readonly=True, help="A grant or refund can be used until this day."
    )
    period_start = fields.Date(
        readonly=True, help="The month a period grant belongs to."
    )
    reason = fields.Char(readonly=True)
    timesheet_id = fields.Many2one(
        comodel_name="account.analytic.line",
        string="Timesheet line",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
    )
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
    )
    move_line_id = fields.Many2one(
        comodel_name="account.move.line",
        string="Invoice line",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        help="The pack purchase that granted (or took back) this amount.",
    )
    lot_id = fields.Many2one(
        comodel_name="support.wallet.entry",
        string="Expired lot",
        help="The lot an expiry closes, or a reopen gives back part of.",
        ondelete="restrict",
        readonly=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="By",
        default=lambda self: self.env.user,
        readonly=True,
    )

    def init(self):
        # A month is granted once per wallet, whatever the concurrency.
        # Idempotent partial unique index (see account.move's init).
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS support_wallet_entry_period_uniq
               ON support_wallet_entry (wallet_id, period_start)
               WHERE kind = 'grant' AND period_start IS NOT NULL"""
        )

    @api.depends("amount", "balance_after", "wallet_id.unit")
    def _compute_amount_display(self):
        for entry in self:
            wallet = entry.wallet_id
            entry.amount_display = wallet._from_base(entry.amount) if wallet else 0.0
            entry.balance_after_display = (
                wallet._from_base(entry.balance_after) if wallet else 0.0
            )

    @api.model_create_multi
    def create(self, vals_list):
        Wallet = self.env["support.wallet"]
        for vals in vals_list:
            wallet = Wallet.browse(vals.get("wallet_id"))
            if not wallet.exists():
                raise UserError(self.env._("Wallet: a ledger entry needs a wallet."))
            kind = vals.get("kind")
            amount = vals.get("amount")
            try:
                ledger.validate_entry(kind, amount, vals.get("reason") or "")
            except pricing.PricingError as err:
                raise UserError(self._entry_error(err, wallet, kind, amount)) from err
            wallet._lock()
            if wallet.state != "open" and kind in ("grant", "consumption", "reopen"):
                raise UserError(
                    self.env._(
                        "Wallet %(wallet)s is closed: reopen it before a %(kind)s.",
                        wallet=wallet.name,
                        kind=dict(KINDS)[kind].lower(),
                    )
                )
            new_balance = wallet.balance + amount
            if new_balance < 0:
                raise UserError(
                    self.env._(
                        "Wallet %(wallet)s holds %(balance)s: %(amount)s cannot be "
                        "taken from it. A wallet never goes below zero.",
                        wallet=wallet.name,
                        balance=wallet._format_amount(wallet.balance),
                        amount=wallet._format_amount(-amount),
                    )
                )
            wallet_vals = {"balance": new_balance}
            expires = vals.get("expires")
            if amount > 0 and expires:
                expires = fields.Date.to_date(expires)
                if not wallet.next_expiry_date or expires < wallet.next_expiry_date:
                    wallet_vals["next_expiry_date"] = expires
            # The balance is the ledger's: only this entry moves it.
            wallet.sudo().with_context(support_wallet_ledger=True).write(wallet_vals)
            vals["balance_after"] = new_balance
        return super().create(vals_list)

    def _entry_error(self, err, wallet, kind, amount):
        kind_label = dict(KINDS).get(kind, kind)
        if err.code == "no_reason":
            return self.env._(
                "Reason: a manual adjustment of wallet %(wallet)s needs a reason "
                "(who asked, why).",
                wallet=wallet.name,
            )
        if err.code == "zero_amount":
            return self.env._(
                "Amount: a %(kind)s of wallet %(wallet)s cannot be zero.",
                kind=kind_label,
                wallet=wallet.name,
            )
        if err.code == "bad_sign":
            return self.env._(
                "Amount: %(amount)s has the wrong sign for a %(kind)s of wallet "
                "%(wallet)s (grants and refunds add, consumptions and expiries "
                "take).",
                amount=amount,
                kind=kind_label,
                wallet=wallet.name,
            )
        return self.env._(
            "Ledger entry of wallet %(wallet)s: %(error)s",
            wallet=wallet.name,
            error=str(err),
        )

    def write(self, vals):
        if vals:
            raise UserError(
                self.env._(
                    "Wallet ledger entries cannot be changed: post a refund or a "
                    "manual adjustment with a reason instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Wallet ledger entries cannot be deleted: post a refund or a "
                "manual adjustment with a reason instead."
            )
        )

    def _to_engine(self, ref=None):
        """The entries as :class:`ledger.Entry`; an expiry or reopen refers
        to its lot, the other entries to ``ref`` (what the caller selected
        them for, e.g. one timesheet line's consumptions)."""
        return [
            ledger.Entry(
                key=entry.id,
                kind=entry.kind,
                amount=entry.amount,
                date=entry.date,
                expires=entry.expires or None,
                ref=entry.lot_id.id if entry.kind in ("expiry", "reopen") else ref,
                reason=entry.reason or "",
            )
            for entry in self
        ]
