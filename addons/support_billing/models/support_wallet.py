# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import ledger
from ..engine.pricing import PricingError

UNITS = [
    ("minute", "Minute credits"),
    ("hour", "Hours"),
    ("request", "Requests"),
]


class SupportWallet(models.Model):
    """Prepaid support of a contract: minute credits, hours or requests.

    The balance is the sum of the append-only ledger (support.wallet.entry).
    Every entry updates the wallet row in the same transaction, under a row
    lock (SELECT ... FOR NO KEY UPDATE): that row is the serialisation point
    that keeps concurrent consumptions from overdrawing the wallet -- the
    second transaction waits, or fails with a serialisation error that Odoo
    retries, and then sees the first one's entry.
    """

    _name = "support.wallet"
    _description = "Support wallet"
    _inherit = ["mail.thread", "support.field.guard.mixin"]
    _order = "contract_id, unit, id"

    name = fields.Char(compute="_compute_name", store=True)
    contract_id = fields.Many2one(
        comodel_name="support.contract",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True)
    plan_id = fields.Many2one(related="contract_id.plan_id")
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    unit = fields.Selection(selection=UNITS, required=True, default="minute")
    allowance_id = fields.Many2one(
        comodel_name="support.plan.allowance",
        ondelete="restrict",
        index="btree_not_null",
        help="The plan's further allowance this wallet holds; empty for the "
        "main wallet and the request quota.",
    )
    state = fields.Selection(
        selection=[("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
    )
    date_end = fields.Date(
        string="Valid until",
        tracking=True,
        help="Nothing can be consumed after this day.",
    )
    period_amount = fields.Float(
        string="Granted per month",
        digits=(16, 2),
        tracking=True,
        help="In the wallet's unit; granted on the first day of each month and "
        "expiring at its end when it does not roll over.",
    )
    period_rollover = fields.Boolean(
        string="Rolls over",
        help="Unused monthly grants stay in the wallet.",
    )
    balance = fields.Integer(
        support_system=True,
        string="Balance (base units)",
        readonly=True,
        default=0,
        help="Base units: minutes for credit and hour wallets, one per request. "
        "Kept equal to the sum of the ledger by every entry.",
    )
    balance_display = fields.Float(
        string="Balance",
        compute="_compute_balance_display",
        digits=(16, 2),
        help="In the wallet's unit.",
    )
    next_expiry_date = fields.Date(
        support_system=True,
        readonly=True,
        help="The earliest expiry date of a lot with something left: lots are "
        "expired before the wallet is drawn after it.",
    )
    entry_ids = fields.One2many(
        comodel_name="support.wallet.entry", inverse_name="wallet_id", string="Ledger"
    )
    entry_count = fields.Integer(compute="_compute_entry_count")

    _sql_constraints = [
        (
            "balance_not_negative",
            "CHECK (balance >= 0)",
            "A support wallet can never hold a negative balance.",
        ),
    ]

    def init(self):
        # One open wallet per contract, unit and allowance: consumption knows
        # which one.  Idempotent (see account.move's init); the index's former
        # name is dropped by migrations/18.0.1.1.0.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS support_wallet_open_allowance_uniq
               ON support_wallet (contract_id, unit, COALESCE(allowance_id, 0))
               WHERE state = 'open'"""
        )

    @api.depends("contract_id.name", "unit", "allowance_id.name")
    def _compute_name(self):
        units = dict(UNITS)
        for wallet in self:
            what = wallet.allowance_id.name or units.get(wallet.unit, "")
            wallet.name = f"{wallet.contract_id.name or ''} / {what}"

    @api.depends("balance", "unit")
    def _compute_balance_display(self):
        for wallet in self:
            wallet.balance_display = wallet._from_base(wallet.balance)

    def _compute_entry_count(self):
        counts = dict(
            self.env["support.wallet.entry"]._read_group(
                [("wallet_id", "in", self.ids)], ["wallet_id"], ["__count"]
            )
        )
        for wallet in self:
            wallet.entry_count = counts.get(wallet, 0)

    @api.constrains("period_amount")
    def _check_period_amount(self):
        for wallet in self:
            if wallet.period_amount < 0:
                raise ValidationError(
                    self.env._(
                        "Granted per month: wallet %(wallet)s cannot grant a "
                        "negative amount. Enter 0 or more.",
                        wallet=wallet.name,
                    )
                )

    def write(self, vals):
        # Users are refused by the field guard (support_system); the product's
        # own code is refused too unless it is the ledger moving the balance.
        if "balance" in vals and not self.env.context.get("support_wallet_ledger"):
            raise UserError(
                self.env._(
                    "Balance: a wallet's balance follows its ledger. Post a "
                    "manual adjustment with a reason instead."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ledger(self):
        if self.env["support.wallet.entry"].search_count(
            [("wallet_id", "in", self.ids)], limit=1
        ):
            raise UserError(
                self.env._(
                    "A wallet with ledger entries cannot be deleted: close it "
                    "instead, its history stays."
                )
            )

    # ------------------------------------------------------------------
    # Units
    # ------------------------------------------------------------------

    def _to_base(self, quantity):
        """Base units of ``quantity`` expressed in the wallet's unit."""
        self.ensure_one()
        return round(quantity * 60) if self.unit == "hour" else round(quantity)

    def _from_base(self, amount):
        self.ensure_one()
        return amount / 60.0 if self.unit == "hour" else float(amount)

    def _format_amount(self, amount):
        """Human text of base units: '1.50 h', '45 credits', '3 requests'."""
        self.ensure_one()
        if self.unit == "hour":
            return self.env._("%(hours).2f h", hours=amount / 60.0)
        if self.unit == "request":
            return self.env._("%(count)s requests", count=amount)
        return self.env._("%(count)s credits", count=amount)

    # ------------------------------------------------------------------
    # Locking and ledger operations
    # ------------------------------------------------------------------

    def _lock(self):
        """Lock the wallet rows for this transaction and drop cached balances.

        Under REPEATABLE READ, a concurrent transaction that changed a row
        after our snapshot makes this fail with a serialisation error, which
        Odoo retries with a fresh snapshot.
        """
        if not self:
            return
        self.flush_recordset()
        self.env.cr.execute(
            "SELECT id FROM support_wallet WHERE id IN %s ORDER BY id "
            "FOR NO KEY UPDATE",
            [tuple(self.ids)],
        )
        self.invalidate_recordset(
            ["balance", "next_expiry_date", "state", "date_end", "entry_ids"]
        )

    def _check_usable(self, day):
        """Consumption needs an open wallet valid on ``day``."""
        self.ensure_one()
        if self.state != "open":
            raise UserError(
                self.env._(
                    "Wallet %(wallet)s is closed: nothing can be consumed from "
                    "it. Reopen it or use the contract's open wallet.",
                    wallet=self.name,
                )
            )
        if self.date_end and day > self.date_end:
            raise UserError(
                self.env._(
                    "Wallet %(wallet)s expired on %(end)s: nothing can be consumed "
                    "from it on %(day)s. Extend its validity or top up another "
                    "wallet.",
                    wallet=self.name,
                    end=self.date_end,
                    day=day,
                )
            )

    def _prepare_period(self, day, grant=True):
        """Expire lots that ended before ``day`` and grant the month of
        ``day`` when the wallet has a monthly amount (idempotent; called under
        the wallet's lock, so concurrent callers grant once).  Without
        ``grant`` (the month of ``day`` is invoiced), only the expiries."""
        self.ensure_one()
        if self.next_expiry_date and self.next_expiry_date < day:
            self._post_expiries(day)
        if not grant or self.period_amount <= 0 or self.state != "open":
            return
        start, end = ledger.month_period(day)
        contract = self.contract_id
        if contract.state != "active":
            return  # no grants on a contract that is not in force
        if contract.date_start and end < contract.date_start:
            return
        if contract.date_end and start > contract.date_end:
            return
        Entry = self.env["support.wallet.entry"]
        if Entry.search_count(
            [
                ("wallet_id", "=", self.id),
                ("kind", "=", "grant"),
                ("period_start", "=", start),
            ],
            limit=1,
        ):
            return
        Entry.create(
            self._prepare_entry(
                "grant",
                self._to_base(self.period_amount),
                date=start,
                expires=None if self.period_rollover else end,
                period_start=start,
                reason=self.env._(
                    "Included in %(month)s", month=start.strftime("%m/%Y")
                ),
            )
        )

    def _post_expiries(self, as_of):
        """Post an expiry entry for every lot that ended before ``as_of``."""
        self.ensure_one()
        entries = self.entry_ids.sorted("id")
        engine_entries = entries._to_engine()
        Entry = self.env["support.wallet.entry"]
        for lot_id, remaining in ledger.to_expire(engine_entries, as_of):
            lot = Entry.browse(lot_id)
            Entry.create(
                self._prepare_entry(
                    "expiry",
                    -remaining,
                    date=lot.expires + datetime.timedelta(days=1),
                    lot_id=lot.id,
                    reason=self.env._(
                        "Unused rest of %(lot)s expired on %(date)s",
                        lot=lot.reason or lot.display_name,
                        date=lot.expires,
                    ),
                )
            )
        self._update_next_expiry()

    def _update_next_expiry(self):
        self.ensure_one()
        lots = ledger.lots(self.entry_ids._to_engine())
        dates = [exp for rem, exp in lots.values() if rem > 0 and exp is not None]
        self.sudo().write({"next_expiry_date": min(dates) if dates else False})

    def _prepare_entry(self, kind, amount, **values):
        """Values of a ledger entry of ``kind`` for ``amount`` base units on
        this wallet; ``values`` are the entry's other fields (date, expires,
        lot_id, timesheet_id, ticket_id, move_line_id, reason...).

        Every entry the product posts is built here: the period grants and
        expiries, the consumptions, reopens and refunds of work, the packs
        of an invoice and the manual operations.  An override may add values
        (e.g. an analytic reference) and returns the dict; the amount and
        kind are checked by the ledger when the entry is created, and an
        entry cannot be skipped (the ledger is the wallet's balance).
        """
        self.ensure_one()
        return dict(values, wallet_id=self.id, kind=kind, amount=amount)

    def _consume(self, quantity, day=None, partial=False, reopen=True, **refs):
        """Take ``quantity`` base units for work (or a request) of ``day``;
        return what was taken.

        Time belongs to the period of its date: the consumption draws on the
        lots the wallet held on ``day`` -- that month's grant, even when it
        has expired since (its rest is reopened, unless ``reopen`` is False
        because the month is invoiced), never a month granted later.  With
        ``partial`` a short wallet gives what it has (the caller bills the
        rest as overage); without it, a short wallet is a UserError and
        nothing is written.  ``refs`` go on the entry (timesheet_id,
        ticket_id, reason).
        """
        self.ensure_one()
        day = day or fields.Date.context_today(self)
        if quantity <= 0:
            raise UserError(
                self.env._(
                    "Quantity: a consumption from wallet %(wallet)s must be "
                    "positive (got %(qty)s).",
                    wallet=self.name,
                    qty=quantity,
                )
            )
        self._lock()
        self._check_usable(day)
        self._prepare_period(day, grant=reopen)
        take, reopens = ledger.plan_consumption(
            self.entry_ids.sorted("id")._to_engine(), day, quantity, reopen=reopen
        )
        try:
            take = ledger.consumable(take, quantity, allow_partial=partial)
        except PricingError as err:
            raise UserError(
                self.env._(
                    "Wallet %(wallet)s holds %(balance)s for work of %(day)s; "
                    "%(needed)s are needed. Top it up (a pack of hours) or change "
                    "the plan's overage rule.",
                    wallet=self.name,
                    balance=self._format_amount(take),
                    day=day,
                    needed=self._format_amount(quantity),
                )
            ) from err
        self._post_reopens(reopens, day, refs)
        if take:
            self.env["support.wallet.entry"].create(
                self._prepare_entry("consumption", -take, date=day, **refs)
            )
        self._expire_past_lots()
        return take

    def _post_reopens(self, reopens, day, refs):
        """Reopen the expired rests ``{lot id: amount}`` that work of ``day``
        draws on (the lots it was dated in)."""
        Entry = self.env["support.wallet.entry"]
        for lot_id, amount in sorted(reopens.items()):
            lot = Entry.browse(lot_id)
            Entry.create(
                self._prepare_entry(
                    "reopen",
                    amount,
                    lot_id=lot.id,
                    timesheet_id=refs.get("timesheet_id"),
                    ticket_id=refs.get("ticket_id"),
                    reason=self.env._(
                        "Reopened for work of %(day)s: %(lot)s",
                        day=day,
                        lot=lot.reason or lot.display_name,
                    ),
                )
            )

    def _expire_past_lots(self):
        """Expire now what work of an earlier day left in (or gave back to)
        a lot that has ended since: the balance stays today's."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.next_expiry_date and self.next_expiry_date < today:
            self.invalidate_recordset(["entry_ids"])
            self._post_expiries(today)

    def _refund(self, quantity, day=None, **refs):
        """Give back ``quantity`` base units of what ``refs`` consumed."""
        self.ensure_one()
        day = day or fields.Date.context_today(self)
        self._lock()
        domain = [
            ("wallet_id", "=", self.id),
            ("kind", "in", ("consumption", "refund")),
        ]
        for key in ("timesheet_id", "ticket_id"):
            if refs.get(key):
                domain.append((key, "=", refs[key]))
        # Every entry found is for ``refs``: the engine sees them under one ref.
        entries = self.env["support.wallet.entry"].search(domain)._to_engine(ref="refs")
        try:
            ledger.check_refund(entries, "refs", quantity)
        except PricingError as err:
            consumed = ledger.net_consumed(entries, "refs")
            raise UserError(
                self.env._(
                    "Refund: %(qty)s cannot be refunded to wallet %(wallet)s, only "
                    "%(consumed)s were consumed for it.",
                    qty=self._format_amount(quantity),
                    wallet=self.name,
                    consumed=self._format_amount(max(consumed, 0)),
                )
            ) from err
        # A refund of a monthly allowance stays within the month.
        expires = None
        if self.period_amount and not self.period_rollover:
            expires = ledger.month_period(day)[1]
        self.env["support.wallet.entry"].create(
            self._prepare_entry("refund", quantity, date=day, expires=expires, **refs)
        )
        self._expire_past_lots()

    # ------------------------------------------------------------------
    # Actions and crons
    # ------------------------------------------------------------------

    def action_close(self):
        self.write({"state": "closed"})

    def action_reopen(self):
        self.write({"state": "open"})

    def action_view_entries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_billing.support_wallet_entry_action"
        )
        action["domain"] = [("wallet_id", "=", self.id)]
        action["context"] = {"default_wallet_id": self.id}
        return action

    def action_open_operation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.wallet.operation",
            "view_mode": "form",
            "target": "new",
            "context": {"default_wallet_id": self.id},
        }

    @api.model
    def _cron_wallet_periods(self):
        """Daily: expire ended lots and grant the month's included amount."""
        today = fields.Date.context_today(self)
        for wallet in self._wallets_due(today):
            wallet._lock()
            wallet._prepare_period(today)

    @api.model
    def _wallets_due(self, today):
        """Open wallets with lots to expire or the month of ``today`` still to
        grant. Only these are locked: locking every wallet every day would
        hold up agents logging time for nothing."""
        month_start = ledger.month_period(today)[0]
        return self.search(
            [
                ("state", "=", "open"),
                "|",
                ("next_expiry_date", "<", today),
                "&",
                ("period_amount", ">", 0),
                (
                    "entry_ids",
                    "not any",
                    [("kind", "=", "grant"), ("period_start", "=", month_start)],
                ),
            ]
        )
