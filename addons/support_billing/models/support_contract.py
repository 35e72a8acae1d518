# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_amount

from ..engine import pricing
from .helpdesk_ticket import ENDED_STATES


class SupportContract(models.Model):
    _inherit = "support.contract"

    price_level = fields.Float(
        groups="base.group_user",
        support_write_group="halo_support.group_support_manager",
        default=1.0,
        digits=(16, 4),
        tracking=True,
        help="The customer's price level as a coefficient of the plan's hourly "
        "rate (1.0: list rate; 1.2: 20 % more; 0.9: 10 % discount).",
    )
    wallet_ids = fields.One2many(
        comodel_name="support.wallet", inverse_name="contract_id", string="Wallets"
    )
    wallet_count = fields.Integer(compute="_compute_wallet_count")
    size_employees = fields.Integer(
        string="Employees", help="Size of the customer for tiered yearly fees."
    )
    size_calls = fields.Integer(string="Calls a day")
    size_complexity = fields.Integer(string="Complexity level", default=1)
    individual_fee = fields.Monetary(
        string="Individual fee",
        currency_field="currency_id",
        tracking=True,
        support_write_group="halo_support.group_support_manager",
        help="The fee a period of a plan priced individually (e.g. round-the-"
        "clock support priced from the customer's users, servers and SLA).",
    )
    plan_recurring_fee_type = fields.Selection(
        related="plan_id.recurring_fee_type", string="Plan's fee type"
    )
    recurring_fee_amount = fields.Monetary(
        string="Recurring fee",
        compute="_compute_recurring_fee_amount",
        currency_field="currency_id",
        help="The plan's fee for this contract: fixed, by size tier or a share "
        "of the licence value.",
    )
    recurring_contract_id = fields.Many2one(
        comodel_name="contract.contract",
        string="Recurring invoicing",
        copy=False,
        tracking=True,
        help="The OCA contract that invoices the recurring fee: created or "
        "linked when this contract is activated.",
    )
    billing_invoice_ids = fields.One2many(
        comodel_name="account.move",
        inverse_name="support_contract_id",
        string="Usage invoices",
    )
    billing_invoice_count = fields.Integer(compute="_compute_billing_invoice_count")
    recurring_fee_outdated = fields.Boolean(
        compute="_compute_recurring_fee_outdated",
        help="The recurring invoicing still charges another fee than the one "
        "the plan gives this contract today (e.g. its size changed).",
    )

    @api.constrains("price_level")
    def _check_price_level(self):
        for contract in self:
            if contract.price_level <= 0:
                raise ValidationError(
                    self.env._(
                        "Price level: contract %(contract)s needs a positive "
                        "coefficient (1.0 is the plan's rate).",
                        contract=contract.name,
                    )
                )

    @api.constrains("size_employees", "size_calls", "size_complexity")
    def _check_size(self):
        for contract in self:
            if min(contract.size_employees, contract.size_calls) < 0 or (
                contract.size_complexity < 1
            ):
                raise ValidationError(
                    self.env._(
                        "Size: contract %(contract)s needs employees and calls a "
                        "day of 0 or more and a complexity level of 1 or more.",
                        contract=contract.name,
                    )
                )

    def _compute_wallet_count(self):
        counts = dict(
            self.env["support.wallet"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.wallet_count = counts.get(contract, 0)

    def _compute_billing_invoice_count(self):
        counts = dict(
            self.env["account.move"]._read_group(
                [("support_contract_id", "in", self.ids)],
                ["support_contract_id"],
                ["__count"],
            )
        )
        for contract in self:
            contract.billing_invoice_count = counts.get(contract, 0)

    @api.depends(
        "plan_id.recurring_fee_type",
        "plan_id.recurring_fee",
        "plan_id.tier_ids",
        "plan_id.licence_share_percent",
        "size_employees",
        "size_calls",
        "size_complexity",
        "line_ids.licence_value",
        "individual_fee",
    )
    def _compute_recurring_fee_amount(self):
        for contract in self:
            try:
                contract.recurring_fee_amount = float(contract._recurring_fee())
            except pricing.PricingError:
                contract.recurring_fee_amount = 0.0

    def _support_fee_lines(self):
        """The open lines of the OCA contract that invoice the plan's fee."""
        self.ensure_one()
        product = self.plan_id.fee_product_id
        return self.recurring_contract_id.sudo().contract_line_ids.filtered(
            lambda line: line.product_id == product and not line.is_canceled
        )

    @api.depends(
        "recurring_fee_amount",
        "recurring_contract_id.contract_line_ids.price_unit",
        "recurring_contract_id.contract_line_ids.is_canceled",
    )
    def _compute_recurring_fee_outdated(self):
        for contract in self:
            currency = contract.currency_id
            contract.recurring_fee_outdated = any(
                currency.compare_amounts(line.price_unit, contract.recurring_fee_amount)
                for line in contract._support_fee_lines()
            )

    def _support_hourly_rate(self):
        """The customer's hourly rate (Decimal): the plan's rate through the
        customer's pricelist, where it stands for the time product's list
        price, then times the contract's price level."""
        self.ensure_one()
        plan = self.plan_id
        rate = plan.hourly_rate
        pricelist = self.partner_id.property_product_pricelist
        if rate and pricelist and plan.time_product_id:
            rate = pricelist.with_context(
                support_base_rate=(rate, plan.currency_id.id)
            )._get_product_price(plan.time_product_id, 1.0, currency=plan.currency_id)
        return pricing.hourly_rate(rate, self.price_level or 1.0)

    def _recurring_fee(self):
        """The plan's recurring fee for this contract (Decimal)."""
        self.ensure_one()
        plan = self.plan_id
        if not plan:
            return pricing.money(0)
        if plan.recurring_fee_type == "individual":
            if self.individual_fee <= 0:
                raise pricing.PricingError(
                    "no_individual_fee",
                    "The plan is priced individually and the contract has no "
                    "individual fee.",
                )
            return pricing.money(self.individual_fee)
        return pricing.recurring_fee(
            plan.recurring_fee_type,
            fixed=plan.recurring_fee,
            tiers=plan.tier_ids._to_engine(),
            size={
                "employees": self.size_employees,
                "calls": self.size_calls,
                "complexity": self.size_complexity,
            },
            licence_values=self.line_ids.mapped("licence_value"),
            percent=plan.licence_share_percent,
        )

    # ------------------------------------------------------------------
    # Wallets
    # ------------------------------------------------------------------

    def _support_wallet(self, unit_kind="time", create=True, allowance=None):
        """The contract's open time wallet (minute or hour) or request wallet,
        created from the plan when missing.

        With ``allowance`` (a support.plan.allowance), the wallet of that
        allowance instead of the main one.
        """
        self.ensure_one()
        allowance = allowance or self.env["support.plan.allowance"]
        units = ("minute", "hour") if unit_kind == "time" else ("request",)
        wallet = self.sudo().wallet_ids.filtered(
            lambda w: (
                w.state == "open" and w.unit in units and w.allowance_id == allowance
            )
        )[:1]
        if wallet or not create:
            return wallet
        if not self._support_in_force():
            # No new wallets on a contract that is not in force.
            return wallet
        vals = self._prepare_support_wallet(unit_kind, allowance)
        if not vals:
            return wallet
        # A wallet closed in this transaction must be closed in the database
        # before the new one meets the unique index of open wallets.
        self.env["support.wallet"].flush_model(["state"])
        return self.env["support.wallet"].sudo().create(vals).sudo(False)

    def _prepare_support_wallet(self, unit_kind="time", allowance=None):
        """Values of the contract's missing wallet of ``unit_kind`` ("time" or
        "request"), or of ``allowance``'s wallet.

        Called by :meth:`_support_wallet` when the contract is in force and
        has no open wallet of that kind.  Returns the ``support.wallet``
        values, or an empty dict when the plan gives no such wallet (no
        wallet unit, no request quota, an allowance of another plan or
        unit); an override may add values, or return an empty dict to keep
        the contract without that wallet.
        """
        self.ensure_one()
        plan = self.plan_id
        units = ("minute", "hour") if unit_kind == "time" else ("request",)
        if allowance:
            if allowance.plan_id != plan or allowance.unit not in units:
                return {}
            vals = allowance._prepare_wallet_vals(self)
        elif unit_kind == "time":
            if plan.wallet_unit == "none":
                return {}
            vals = {
                "unit": plan.wallet_unit,
                "period_amount": plan.wallet_period_amount,
            }
        else:
            if plan.request_quota <= 0:
                return {}
            vals = {"unit": "request", "period_amount": plan.request_quota}
        return dict({"contract_id": self.id, "date_end": self.date_end}, **vals)

    def _support_period_invoiced(self, day):
        """Whether the usage of ``day`` is already invoiced: a posted usage
        invoice of this contract covers its period.  Time of such a day is
        not taken from the month's (expired) grant any more; it is billed by
        the next run as an adjustment."""
        self.ensure_one()
        return bool(
            self.env["account.move"]
            .sudo()
            .search_count(
                [
                    ("support_contract_id", "=", self.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("support_period_start", "<=", day),
                    ("support_period_end", ">=", day),
                ],
                limit=1,
            )
        )

    def _support_billing_prepare(self):
        """Wallets and recurring invoicing of newly active contracts; a
        contract awaiting its first payment gets only its recurring invoicing
        (the invoice whose payment puts it in force)."""
        for contract in self.filtered(
            lambda c: c.state == "awaiting_payment" and c.plan_id
        ):
            contract._support_sync_recurring()
        for contract in self.filtered(lambda c: c.state == "active" and c.plan_id):
            contract._support_wallet("time")
            contract._support_wallet("request")
            for allowance in contract.plan_id.allowance_ids:
                contract._support_wallet(
                    "request" if allowance.unit == "request" else "time",
                    allowance=allowance,
                )
            contract._support_sync_recurring()

    def _support_in_force(self, day=None):
        """Active and within its dates on ``day`` (today): wallets are
        created only then."""
        self.ensure_one()
        return self._is_valid_on(day or fields.Date.context_today(self))

    def action_activate(self):
        # Checked before the state moves: nothing is half-done.
        for contract in self.filtered(
            lambda c: c.plan_id.recurring_fee_type == "individual"
        ):
            contract._support_checked_recurring_fee()
        res = super().action_activate()
        self._support_billing_prepare()
        return res

    def _support_activation_target(self):
        if self.plan_id.start_on_first_payment:
            return "awaiting_payment"
        return super()._support_activation_target()

    def _on_first_payment(self, invoices):
        """Put these contracts, awaiting their first payment, in force:
        ``invoices`` are their recurring-fee invoices just paid.

        Called by ``account.move._support_on_payment`` (from the
        reconciliation of a payment); as the system, since whoever registers
        the payment need not manage contracts. The open tickets are judged
        again by ``_support_set_state``."""
        contracts = self.sudo().filtered(lambda c: c.state == "awaiting_payment")
        if not contracts:
            return
        contracts._support_set_state("active")
        contracts._support_billing_prepare()
        for contract in contracts:
            paid = invoices.filtered(
                lambda m, c=contract: (
                    c
                    in m.invoice_line_ids.contract_line_id.contract_id.support_contract_id
                )
            )
            contract.message_post(
                body=self.env._(
                    "In force: its first invoice %(invoice)s is paid.",
                    invoice=", ".join(paid.mapped("name")),
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _support_set_state(self, target):
        """A contract that ends (cancelled, expired) stops its recurring fee
        and closes its wallets; its open tickets, no longer covered, keep the
        verdicts of their time judged so far (see
        ``helpdesk.ticket._support_apply_contract_ended``), and the
        contract's chatter lists them."""
        res = super()._support_set_state(target)
        if target in ENDED_STATES:
            contracts = self.sudo()
            contracts._support_stop_recurring()
            contracts.wallet_ids.filtered(lambda w: w.state == "open").write(
                {"state": "closed"}
            )
            for contract in contracts:
                contract._support_post_ended_time()
        return res

    def _support_post_ended_time(self):
        """Tell, on the contract, what becomes of the unbilled time of its
        open tickets now that it has ended."""
        self.ensure_one()
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search([("support_contract_id", "=", self.id), ("closed", "=", False)])
        )
        rows = []
        for ticket in tickets:
            lines = ticket.timesheet_ids.filtered(
                lambda line: not line.support_invoice_line_id
            )
            if not lines:
                continue
            billable = lines.filtered(lambda line: line.support_verdict == "billable")
            rows.append(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(ticket)s: %(hours).2f h not invoiced yet, of which "
                    "%(billable).2f h billable (%(amount)s), %(wallet).2f h "
                    "taken from the wallet",
                    ticket=ticket.display_name,
                    hours=sum(lines.mapped("unit_amount")),
                    billable=sum(billable.mapped("support_billable_minutes")) / 60.0,
                    amount=format_amount(
                        self.env,
                        sum(billable.mapped("support_amount")),
                        self.currency_id,
                    ),
                    wallet=sum(lines.mapped("support_wallet_minutes")) / 60.0,
                )
            )
        states = dict(self._fields["state"]._description_selection(self.env))
        body = Markup("<p>%s</p>") % self.env._(
            "Contract %(state)s (end: %(end)s): its open tickets are no longer "
            "covered. Their time judged so far and dated up to the end keeps "
            "its verdict: the billable time is invoiced by the next billing "
            "run, the time taken from the wallet stays taken. Time logged or "
            "changed from now on, or dated after the end, is not billed under "
            "this contract.",
            state=states[self.state].lower(),
            end=self.date_end or "-",
        )
        if rows:
            body += Markup("<ul>%s</ul>") % Markup("").join(rows)
        else:
            body += Markup("<p>%s</p>") % self.env._(
                "No open ticket has time that is not invoiced."
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _support_identity_uses(self):
        uses = super()._support_identity_uses()
        invoices = (
            self.env["account.move"]
            .sudo()
            .search_count([("support_contract_id", "=", self.id)])
        )
        if invoices:
            uses.append(self.env._("invoices (%(count)s)", count=invoices))
        entries = (
            self.env["support.wallet.entry"]
            .sudo()
            .search_count([("contract_id", "=", self.id)])
        )
        if entries:
            uses.append(self.env._("wallet entries (%(count)s)", count=entries))
        return uses

    def write(self, vals):
        res = super().write(vals)
        if "date_start" in vals:
            # The recurring contract keeps the support contract's date (not
            # its lines: what is invoiced stays as it was).
            for contract in self.sudo().filtered("recurring_contract_id"):
                contract.recurring_contract_id.write(
                    contract._prepare_recurring_contract_dates()
                )
        if "date_end" in vals:
            self.sudo().wallet_ids.filtered(lambda w: w.state == "open").write(
                {"date_end": vals["date_end"]}
            )
        return res

    # ------------------------------------------------------------------
    # Recurring fee through OCA contract
    # ------------------------------------------------------------------

    def _support_sync_recurring(self):
        """Create (or complete) the OCA contract.contract invoicing the fee.

        An OCA contract already linked by the user is kept; it gets the fee
        line when it has none for the plan's fee product.  The values come
        from :meth:`_prepare_recurring_contract` and
        :meth:`_prepare_recurring_line`, the hooks an extension overrides.
        """
        self.ensure_one()
        plan = self.plan_id
        if plan.recurring_fee_type == "none":
            return
        fee = self._support_checked_recurring_fee()
        oca = self.recurring_contract_id.sudo()
        if not oca:
            oca = (
                self.env["contract.contract"]
                .sudo()
                .create(self._prepare_recurring_contract())
            )
            self.recurring_contract_id = oca
        if oca.contract_line_ids.filtered(
            lambda line: line.product_id == plan.fee_product_id and not line.is_canceled
        ):
            return
        vals = self._prepare_recurring_line(oca, fee)
        if vals:
            self.env["contract.line"].sudo().create(vals)

    def _support_checked_recurring_fee(self):
        """The recurring fee of the contract, or a UserError saying what the
        plan lacks to invoice it (its tiers and the contract's size, or the
        fee product)."""
        self.ensure_one()
        plan = self.plan_id
        if plan.recurring_fee_type == "individual" and self.individual_fee <= 0:
            raise UserError(
                self.env._(
                    "Individual fee: plan %(plan)s is priced individually; set "
                    "the fee agreed with the customer on contract %(contract)s.",
                    plan=plan.display_name,
                    contract=self.name,
                )
            )
        try:
            fee = self._recurring_fee()
        except pricing.PricingError as err:
            raise UserError(
                self.env._(
                    "Recurring fee of contract %(contract)s: %(error)s Fill in the "
                    "plan's tiers and the contract's size.",
                    contract=self.name,
                    error=str(err),
                )
            ) from err
        if not plan.fee_product_id:
            raise UserError(
                self.env._(
                    "Fee product: plan %(plan)s has a recurring fee but no product "
                    "to invoice it. Set it on the plan's Billing tab.",
                    plan=plan.display_name,
                )
            )
        return fee

    def _prepare_recurring_contract(self):
        """Values of the OCA ``contract.contract`` that invoices this support
        contract's recurring fee.

        Called by :meth:`_support_sync_recurring` once, when the support
        contract has no recurring contract yet (one linked by the user is
        kept as it is).  An override may add or change values (a journal, a
        payment term, an invoicing partner) and returns the dict; the link
        back to the support contract is made by the caller.
        """
        self.ensure_one()
        plan = self.plan_id
        return {
            "name": self.env._(
                "%(contract)s - %(plan)s", contract=self.name, plan=plan.name
            ),
            "code": self.name,
            # Dated like the support contract; its invoicing follows its
            # lines (line_recurrence), see _prepare_recurring_line.
            **self._prepare_recurring_contract_dates(),
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "contract_type": "sale",
            "line_recurrence": True,
            "currency_id": plan.currency_id.id,
        }

    def _prepare_recurring_contract_dates(self):
        """The dates of the recurring contract: the support contract's start.

        Called when the recurring contract is created and each time the
        support contract's start date is written (its lines keep their
        dates: what is invoiced stays as it was).  An override returns the
        dict of ``contract.contract`` date values to write.
        """
        self.ensure_one()
        start = self.date_start or fields.Date.context_today(self)
        return {"date": start, "date_start": start}

    def _prepare_recurring_line(self, recurring, fee):
        """Values of the ``contract.line`` of the plan's fee on ``recurring``
        (the OCA contract), at ``fee`` (a Decimal) per period.

        Called by :meth:`_support_sync_recurring` when ``recurring`` has no
        live line of the plan's fee product.  An override may change the
        values (e.g. another recurrence or invoicing type) and returns the
        dict; an empty dict means "no fee line" (the fee is then invoiced
        some other way), as ``_prepare_invoice_line`` of OCA contract does.
        """
        self.ensure_one()
        plan = self.plan_id
        # The contract is dated like the support contract, but its fee is
        # invoiced from the day it is activated on: a contract activated
        # after its start date is not charged for the days before, when it
        # was not in force (the line's first period starts on activation).
        today = fields.Date.context_today(self)
        return {
            "contract_id": recurring.id,
            "product_id": plan.fee_product_id.id,
            "name": self.env._(
                "%(plan)s support, contract %(contract)s: #START# - #END#",
                plan=plan.name,
                contract=self.name,
            ),
            "quantity": 1.0,
            "uom_id": plan.fee_product_id.uom_id.id,
            "price_unit": float(fee),
            "recurring_rule_type": plan.recurring_rule_type,
            "recurring_interval": 1,
            "recurring_invoicing_type": "pre-paid",
            "date_start": max(self.date_start or today, today),
            "date_end": self.date_end or False,
        }

    def _support_stop_recurring(self):
        today = fields.Date.context_today(self)
        for contract in self.filtered("recurring_contract_id"):
            lines = contract.recurring_contract_id.sudo().contract_line_ids.filtered(
                lambda line: not line.date_end or line.date_end > today
            )
            for line in lines:
                # OCA contract stops a line by its end date (never before the
                # period already invoiced); a line not started is cancelled.
                if line.date_start > today:
                    line.is_canceled = True
                else:
                    line.date_end = max(today, line.last_date_invoiced or today)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_update_recurring_fee(self):
        """Charge the fee the plan gives the contract today from the next
        recurring invoice on; invoices already made are corrected by the
        accountant (credit note, then the contract's invoice again)."""
        for contract in self:
            contract.check_access("write")
            fee = contract.recurring_fee_amount
            lines = contract._support_fee_lines()
            if not lines or not fee:
                raise UserError(
                    self.env._(
                        "Recurring fee: contract %(contract)s has no fee line to "
                        "update. Activate it, or check the plan's fee and the "
                        "contract's size.",
                        contract=contract.name,
                    )
                )
            old = lines[:1].price_unit
            lines.write({"price_unit": fee})
            contract.message_post(
                body=self.env._(
                    "Recurring fee updated from %(old)s to %(new)s.",
                    old=old,
                    new=fee,
                )
            )
        return True

    def action_view_wallets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "support_billing.support_wallet_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_view_billing_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("support_contract_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice"}
        return action

    def action_print_statement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.billing.statement.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_id": self.id},
        }
