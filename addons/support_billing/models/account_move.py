# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "support.field.guard.mixin"]

    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Support contract",
        copy=False,
        index="btree_not_null",
        readonly=True,
        help="The contract whose usage (time, fees, onsite days) this invoice "
        "bills; packs of hours on it top up this contract's wallet.",
    )
    support_billing_run_id = fields.Many2one(
        support_system=True,
        comodel_name="support.billing.run",
        string="Billing run",
        copy=False,
        index="btree_not_null",
        readonly=True,
    )
    # The period and the credit flag decide what the next run bills again.
    support_period_start = fields.Date(support_system=True, copy=False, readonly=True)
    support_period_end = fields.Date(support_system=True, copy=False, readonly=True)
    support_credited = fields.Boolean(
        support_system=True,
        string="Fully credited",
        copy=False,
        readonly=True,
        help="A usage invoice whose credit notes reverse it in full: its time, "
        "success fees and onsite visits were released, and the next billing "
        "run bills them again.",
    )

    def init(self):
        # One usage invoice per contract and period, whatever the concurrency;
        # a cancelled or fully credited one leaves room for its replacement.
        # A partial unique index has no declarative form in Odoo 18
        # (_sql_constraints cannot take a WHERE), so it is created here,
        # idempotently, as core does (mail, bus).  One-off steps such as
        # dropping the index's former name live in migrations/.
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS account_move_support_period_open_uniq
               ON account_move (support_contract_id, support_period_start)
               WHERE support_contract_id IS NOT NULL
                 AND support_period_start IS NOT NULL
                 AND state != 'cancel'
                 AND support_credited IS NOT TRUE"""
        )

    # ------------------------------------------------------------------
    # Payments
    # ------------------------------------------------------------------

    def _support_on_payment(self):
        """React to the payment of these moves (called after every
        reconciliation, see ``account.move.line._reconcile_plan``): a paid
        recurring-fee invoice of a support contract awaiting its first
        payment puts that contract in force
        (``support.contract._on_first_payment``).

        ``payment_state`` is read after the reconciliation, so that a partial
        payment does not count; "in payment" (reconciled with a payment not
        yet matched on the bank statement) does, as Odoo shows it paid."""
        paid = self.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and m.payment_state in ("paid", "in_payment")
            )
        )
        if not paid:
            return
        contracts = paid.sudo().invoice_line_ids.contract_line_id.contract_id.support_contract_id.filtered(
            lambda c: c.state == "awaiting_payment"
        )
        if contracts:
            contracts._on_first_payment(paid.sudo())

    # ------------------------------------------------------------------
    # Packs of hours
    # ------------------------------------------------------------------

    def _support_pack_lines(self):
        return self.invoice_line_ids.filtered(
            lambda line: (
                line.display_type == "product"
                and line.product_id.support_pack_hours > 0
            )
        )

    def _support_pack_wallet(self, line):
        """The time wallet a pack line tops up."""
        contract = line.support_contract_id or line.move_id.support_contract_id
        if not contract:
            contracts = self.env["support.contract"].search(
                [
                    ("partner_id", "=", line.move_id.commercial_partner_id.id),
                    ("state", "=", "active"),
                    ("company_id", "=", line.move_id.company_id.id),
                ]
            )
            with_wallet = contracts.filtered(lambda c: c._support_wallet("time", False))
            contract = with_wallet if len(with_wallet) == 1 else contracts
        if len(contract) != 1:
            raise UserError(
                self.env._(
                    "Support contract: %(product)s on %(invoice)s tops up a support "
                    "wallet, but %(partner)s has %(count)s active contracts. Set "
                    "the contract on the invoice line.",
                    product=line.product_id.display_name,
                    invoice=line.move_id.display_name,
                    partner=line.move_id.commercial_partner_id.display_name,
                    count=len(contract),
                )
            )
        # The plan's wallet (with its monthly grant) when the plan has one;
        # a plain hour wallet for plans without.
        wallet = contract._support_wallet("time")
        if not wallet and not contract._support_in_force():
            raise UserError(
                self.env._(
                    "Support contract: %(contract)s is not in force (%(state)s, "
                    "until %(end)s), so %(product)s on %(invoice)s cannot open a "
                    "wallet on it. Set a contract in force on the invoice line.",
                    contract=contract.name,
                    state=dict(
                        contract._fields["state"]._description_selection(self.env)
                    )[contract.state],
                    end=contract.date_end or "-",
                    product=line.product_id.display_name,
                    invoice=line.move_id.display_name,
                )
            )
        if not wallet:
            wallet = (
                self.env["support.wallet"]
                .sudo()
                .create(
                    {
                        "contract_id": contract.id,
                        "unit": "hour",
                        "date_end": contract.date_end,
                    }
                )
            )
        return wallet

    def _support_pack_net(self, line):
        entries = (
            self.env["support.wallet.entry"]
            .sudo()
            .search([("move_line_id", "=", line.id)])
        )
        return sum(entries.mapped("amount")), entries.wallet_id[:1]

    def _support_grant_packs(self):
        """Posting: grant (invoice) or take back (credit note) pack hours,
        once per invoice line."""
        for move in self.filtered(
            lambda m: m.move_type in ("out_invoice", "out_refund")
        ):
            for line in move._support_pack_lines():
                minutes = line.product_id.product_tmpl_id._support_pack_minutes(
                    line.quantity
                )
                if minutes <= 0:
                    continue
                net, wallet = move._support_pack_net(line)
                if net:
                    continue
                wallet = move._support_pack_wallet(line)
                if move.move_type == "out_invoice":
                    vals = wallet._prepare_entry(
                        "grant",
                        minutes,
                        move_line_id=line.id,
                        reason=self.env._(
                            "%(product)s, %(invoice)s",
                            product=line.product_id.display_name,
                            invoice=move.name,
                        ),
                    )
                else:
                    vals = wallet._prepare_entry(
                        "adjustment",
                        -minutes,
                        move_line_id=line.id,
                        reason=self.env._(
                            "Credit note %(invoice)s: %(product)s",
                            invoice=move.name,
                            product=line.product_id.display_name,
                        ),
                    )
                self.env["support.wallet.entry"].sudo().create(vals)

    def _support_revoke_packs(self):
        """Reset to draft or cancel: undo what posting granted."""
        for move in self:
            for line in move._support_pack_lines():
                net, wallet = move._support_pack_net(line)
                if not net:
                    continue
                self.env["support.wallet.entry"].sudo().create(
                    wallet._prepare_entry(
                        "adjustment",
                        -net,
                        move_line_id=line.id,
                        reason=self.env._(
                            "%(invoice)s reset to draft or cancelled",
                            invoice=move.name,
                        ),
                    )
                )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._support_grant_packs()
        posted._support_release_credited()
        return posted

    def button_draft(self):
        self._support_check_credit_kept()
        self._support_revoke_packs()
        return super().button_draft()

    def button_cancel(self):
        self._support_check_credit_kept()
        self._support_revoke_packs()
        res = super().button_cancel()
        self._support_release_sources()
        return res

    # ------------------------------------------------------------------
    # Credit notes
    # ------------------------------------------------------------------

    def _support_fully_credited(self):
        """Whether the posted credit notes of this posted usage invoice
        reverse its whole amount (one full reversal, or partial ones adding
        up to it)."""
        self.ensure_one()
        refunds = self.reversal_move_ids.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_refund"
        )
        return bool(refunds) and (
            self.currency_id.compare_amounts(
                sum(refunds.mapped("amount_total")), self.amount_total
            )
            >= 0
        )

    def _support_release_credited(self):
        """Posting credit notes: a usage invoice they reverse in full bills
        nothing any more, so its sources go back to the next billing run.  A
        partial credit note releases nothing: the invoice still bills them."""
        invoices = self.filtered(
            lambda m: m.move_type == "out_refund"
        ).reversed_entry_id.filtered(
            lambda m: (
                m.support_contract_id
                and m.move_type == "out_invoice"
                and m.state == "posted"
                and not m.support_credited
            )
        )
        for invoice in invoices.filtered(lambda m: m._support_fully_credited()):
            invoice.sudo().support_credited = True
            invoice._support_release_sources()
            invoice.message_post(
                body=self.env._(
                    "Fully credited: its support time, success fees and onsite "
                    "visits will be billed again by the next billing run."
                )
            )

    def _support_check_credit_kept(self):
        """A full credit note has released the sources of its invoice, which
        may be billed again already: neither can come back to life."""
        for move in self:
            invoice = move
            if move.move_type == "out_refund":
                invoice = move.reversed_entry_id
            if not invoice.support_credited:
                continue
            raise UserError(
                self.env._(
                    "%(move)s: invoice %(invoice)s is fully credited and its "
                    "support usage was released for the next billing run; "
                    "neither the invoice nor its credit notes can be reset to "
                    "draft or cancelled. The billing run of its period bills "
                    "the usage again on a new invoice.",
                    move=move.display_name,
                    invoice=invoice.display_name,
                )
            )

    def _support_release_sources(self):
        """A cancelled usage invoice bills nothing: its sources are free to be
        billed again by the next run."""
        lines = self.line_ids
        self.env["account.analytic.line"].sudo().search(
            [("support_invoice_line_id", "in", lines.ids)]
        ).write({"support_invoice_line_id": False})
        self.env["helpdesk.ticket"].sudo().search(
            [("success_fee_invoice_line_id", "in", lines.ids)]
        ).with_context(support_billing_no_eval=True).write(
            {"success_fee_invoice_line_id": False}
        )
        orders = (
            self.env["fsm.order"]
            .sudo()
            .search([("support_invoice_line_id", "in", lines.ids)])
        )
        for order in orders:
            order.write(
                {
                    "support_invoice_line_id": False,
                    "invoice_lines": [
                        (3, line.id) for line in order.invoice_lines & lines
                    ],
                }
            )

    def action_support_view_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.contract",
            "view_mode": "form",
            "res_id": self.support_contract_id.id,
        }
