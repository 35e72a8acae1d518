# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from contextlib import contextmanager

from dateutil.relativedelta import relativedelta
from psycopg2 import errors as pg_errors

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import pricing

_logger = logging.getLogger(__name__)

FEE_STATES = ("refused", "solved", "not_solved")
# Fields of the period whose overlap the database refuses.
PERIOD_FIELDS = {"date_from", "date_to", "company_id"}
# Decimals of prices the module needs (see _support_ensure_price_digits).
PRICE_DIGITS = 4


class SupportBillingRun(models.Model):
    """Turns a period's billable support usage into draft customer invoices.

    One invoice per contract and period.  Every source (timesheet line,
    success fee, onsite visit) is linked to its invoice line in the same
    transaction as the line is created, so that a source is billed exactly
    once: a rerun, or a run resumed after a crash, finds nothing left to bill
    for the contracts already done.  Each contract is billed inside a
    savepoint: a failure leaves nothing of that contract written.
    """

    _name = "support.billing.run"
    _description = "Support billing run"
    _inherit = ["mail.thread", "support.field.guard.mixin"]
    _order = "date_from desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self._default_period()[0],
        tracking=True,
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: self._default_period()[1],
        tracking=True,
    )
    state = fields.Selection(
        support_system=True,
        selection=[
            ("draft", "Draft"),
            ("running", "In progress"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        tracking=True,
        readonly=True,
    )
    move_ids = fields.One2many(
        comodel_name="account.move",
        inverse_name="support_billing_run_id",
        string="Invoices",
    )
    move_count = fields.Integer(compute="_compute_move_count")
    amount_total = fields.Monetary(
        compute="_compute_move_count", currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    error_message = fields.Text(
        support_system=True,
        string="Problems",
        readonly=True,
        help="Contracts the last run could not bill.",
    )

    @api.model
    def _default_period(self):
        first = fields.Date.context_today(self).replace(day=1)
        start = first - relativedelta(months=1)
        return start, first - relativedelta(days=1)

    @api.depends("date_from", "date_to")
    def _compute_name(self):
        for run in self:
            run.name = self.env._(
                "Support billing %(start)s - %(end)s",
                start=run.date_from,
                end=run.date_to,
            )

    def _compute_move_count(self):
        for run in self:
            run.move_count = len(run.move_ids)
            run.amount_total = sum(run.move_ids.mapped("amount_total_signed"))

    # Two runs of a company never cover the same day, whatever the
    # concurrency: the Python check below cannot see a run created by another
    # transaction at the same moment, the database can (the same device as
    # hr_work_entry's: ranges, no btree_gist extension needed).
    _sql_constraints = [
        (
            "period_no_overlap",
            "EXCLUDE USING gist ("
            "int4range(company_id, company_id, '[]') WITH =, "
            "daterange(date_from, date_to, '[]') WITH &&"
            ") WHERE (date_from <= date_to)",
            "Period: two billing runs of a company cannot overlap. Open the "
            "run of that period and run it again: it only adds what is not "
            "billed yet.",
        ),
    ]

    @api.constrains("date_from", "date_to", "company_id")
    def _check_period(self):
        for run in self:
            run._check_periods([(run.company_id.id, run.date_from, run.date_to)])

    @api.model
    def _overlap_domain(self, company_id, start, end, exclude_ids=()):
        return [
            ("id", "not in", list(exclude_ids)),
            ("company_id", "=", company_id),
            ("date_from", "<=", end),
            ("date_to", ">=", start),
        ]

    @api.model
    def _overlap_error(self, start, end, other=None):
        if other:
            return ValidationError(
                self.env._(
                    "Period: %(start)s - %(end)s is already billed by "
                    "'%(other)s'. Open that run and run it again: it only "
                    "adds what is not billed yet.",
                    start=start,
                    end=end,
                    other=other.name,
                )
            )
        return ValidationError(
            self.env._(
                "Period: %(start)s - %(end)s is already billed by a billing run "
                "created at the same moment. Refresh the list of billing runs, "
                "open that run and run it again: it only adds what is not "
                "billed yet.",
                start=start,
                end=end,
            )
        )

    def _check_periods(self, periods):
        """Before writing: refuse runs ending before they start or
        overlapping another run this transaction can see (the database
        refuses the others, see ``_period_guard``)."""
        for company_id, start, end in periods:
            if start and end and end < start:
                raise ValidationError(
                    self.env._(
                        "Period: the billing run ends (%(end)s) before it starts "
                        "(%(start)s).",
                        start=start,
                        end=end,
                    )
                )
            other = self.search(
                self._overlap_domain(company_id, start, end, self.ids),
                limit=1,
            )
            if other:
                raise self._overlap_error(start, end, other)

    @contextmanager
    def _period_guard(self, periods):
        """Turn the database's refusal of overlapping runs into the error
        the user reads; ``periods`` gives ``(company id, start, end)`` of the
        runs being written, once the savepoint is rolled back."""
        try:
            with self.env.cr.savepoint():
                yield
        except pg_errors.ExclusionViolation as err:
            written = periods()
            for company_id, start, end in written:
                other = self.search(
                    self._overlap_domain(company_id, start, end, self.ids),
                    limit=1,
                )
                if other:
                    raise self._overlap_error(start, end, other) from err
            _company_id, start, end = written[0]
            raise self._overlap_error(start, end) from err

    @api.model_create_multi
    def create(self, vals_list):
        def periods():
            default_start, default_end = self._default_period()
            return [
                (
                    vals.get("company_id") or self.env.company.id,
                    fields.Date.to_date(vals.get("date_from")) or default_start,
                    fields.Date.to_date(vals.get("date_to")) or default_end,
                )
                for vals in vals_list
            ]

        self._check_periods(periods())
        with self._period_guard(periods):
            return super().create(vals_list)

    def write(self, vals):
        if not PERIOD_FIELDS.intersection(vals):
            return super().write(vals)

        def periods():
            return [
                (
                    vals.get("company_id") or run.company_id.id,
                    fields.Date.to_date(vals.get("date_from")) or run.date_from,
                    fields.Date.to_date(vals.get("date_to")) or run.date_to,
                )
                for run in self
            ]

        self._check_periods(periods())
        with self._period_guard(periods):
            return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if self.move_ids:
            raise UserError(
                self.env._(
                    "A billing run with invoices cannot be deleted: delete or "
                    "cancel its draft invoices first."
                )
            )

    # ------------------------------------------------------------------
    # Sources
    # ------------------------------------------------------------------

    def _timesheet_domain(self, contracts=None):
        domain = [
            ("support_contract_id", "!=", False),
            ("support_contract_id.company_id", "=", self.company_id.id),
            ("support_verdict", "=", "billable"),
            ("support_invoice_line_id", "=", False),
            ("date", "<=", self.date_to),
        ]
        if contracts is not None:
            domain.append(("support_contract_id", "in", contracts.ids))
        return domain

    def _fee_domain(self, contracts=None):
        domain = [
            ("support_contract_id", "!=", False),
            ("support_contract_id.company_id", "=", self.company_id.id),
            ("success_fee_state", "in", FEE_STATES),
            ("success_fee_amount", ">", 0),
            ("success_fee_invoice_line_id", "=", False),
            ("success_fee_date", "<=", self.date_to),
        ]
        if contracts is not None:
            domain.append(("support_contract_id", "in", contracts.ids))
        return domain

    def _onsite_domain(self, contracts=None):
        domain = [
            ("support_billable", "=", True),
            ("support_contract_id.company_id", "=", self.company_id.id),
            ("support_invoice_line_id", "=", False),
            ("support_date", "<=", self.date_to),
        ]
        if contracts is not None:
            domain.append(("support_contract_id", "in", contracts.ids))
        return domain

    def _contracts_to_bill(self):
        """Contracts with something not billed yet, up to the period's end."""
        self.ensure_one()
        ids = set()
        for model, domain in (
            ("account.analytic.line", self._timesheet_domain()),
            ("helpdesk.ticket", self._fee_domain()),
            ("fsm.order", self._onsite_domain()),
        ):
            for (contract,) in (
                self.env[model].sudo()._read_group(domain, ["support_contract_id"])
            ):
                ids.add(contract.id)
        return self.env["support.contract"].sudo().browse(sorted(ids))

    # ------------------------------------------------------------------
    # Running
    # ------------------------------------------------------------------

    def action_run(self):
        for run in self:
            run._run()
        return True

    def _run(self, limit=None):
        """Bill the contracts that have something to bill.

        Returns ``(done, remaining)`` contracts; ``limit`` stops early, as a
        cron batch does.
        """
        self.ensure_one()
        self.check_access("write")
        # state and problems are the run's own (support_system).
        if self.state == "draft":
            self.sudo().state = "running"
        # one journal lookup per company for the whole run
        run = self.with_context(support_billing_journals={})
        contracts = run._contracts_to_bill()
        todo = contracts if limit is None else contracts[:limit]
        moves = run._existing_moves(todo)
        sources = run._collect_sources(todo)
        errors = []
        for contract in todo:
            try:
                with self.env.cr.savepoint():
                    run._bill_contract(
                        contract, moves.get(contract.id), sources[contract.id]
                    )
            except (UserError, ValidationError) as err:
                errors.append(f"{contract.name}: {err.args[0]}")
        remaining = len(contracts) - len(todo)
        vals = {"error_message": "\n".join(errors) or False}
        if not remaining and not errors:
            vals["state"] = "done"
        self.sudo().write(vals)
        if errors:
            self.message_post(
                body=self.env._(
                    "%(count)s contract(s) could not be billed; see Problems.",
                    count=len(errors),
                )
            )
        return len(todo), remaining

    def _existing_moves(self, contracts):
        moves = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("support_contract_id", "in", contracts.ids),
                    ("support_period_start", "=", self.date_from),
                    ("state", "!=", "cancel"),
                    # a fully credited invoice bills nothing: its released
                    # sources go on a new invoice of the period
                    ("support_credited", "=", False),
                ]
            )
        )
        return {move.support_contract_id.id: move for move in moves}

    def _collect_sources(self, contracts):
        """``{contract id: (timesheet lines, fee tickets, onsite orders)}``
        not billed yet, three queries for all the contracts."""
        found = {
            contract.id: [
                self.env["account.analytic.line"].sudo(),
                self.env["helpdesk.ticket"].sudo(),
                self.env["fsm.order"].sudo(),
            ]
            for contract in contracts
        }
        for index, (model, domain, order) in enumerate(
            (
                (
                    "account.analytic.line",
                    self._timesheet_domain(contracts),
                    "date, id",
                ),
                (
                    "helpdesk.ticket",
                    self._fee_domain(contracts),
                    "success_fee_date, id",
                ),
                ("fsm.order", self._onsite_domain(contracts), "support_date, id"),
            )
        ):
            records = self.env[model].sudo().search(domain, order=order)
            for contract, group in records.grouped("support_contract_id").items():
                found[contract.id][index] = group
        return found

    def _bill_contract(self, contract, move, sources):
        """Add the contract's unbilled sources to its invoice of the period.

        Returns the invoice, or False when its invoice of the period is
        already posted (the sources then wait for the next period).  The
        invoice is created with its lines in one go; the lines link their
        sources in the same statement, so that nothing is billed twice.
        """
        self.ensure_one()
        if move and move.state != "draft":
            return False
        lines, tickets, orders = sources
        if not (lines or tickets or orders):
            return move or False
        plan = contract.plan_id
        pricer = self._line_pricer(contract, move)
        line_vals = [self._prepare_time_line(plan, line, pricer) for line in lines]
        line_vals += [self._prepare_fee_line(ticket) for ticket in tickets]
        for order in orders:
            line_vals += self._prepare_onsite_lines(order)
        # An empty dict from a line hook skips its source (see the hooks).
        commands = [Command.create(vals) for vals in line_vals if vals]
        if not commands:
            return move or False
        if move:
            move.write({"invoice_line_ids": commands})
            return move
        vals = self._prepare_move(contract)
        vals["invoice_line_ids"] = commands
        return self.env["account.move"].sudo().create(vals)

    # ------------------------------------------------------------------
    # Invoice values
    # ------------------------------------------------------------------

    def _sale_journal(self, company):
        cache = self.env.context.get("support_billing_journals")
        if cache is not None and company.id in cache:
            return cache[company.id]
        journal = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        if cache is not None:
            cache[company.id] = journal
        return journal

    def _prepare_move(self, contract):
        """Values of the invoice of ``contract`` for the run's period.

        Called by :meth:`_bill_contract` when the contract has no invoice of
        the period yet, before its lines (from the ``_prepare_*_line``
        hooks) are added under ``invoice_line_ids``.  An override may add or
        change header values (a payment term, a fiscal position, a
        narration) and returns the dict; the support_* links (contract,
        run, period) must stay, the next run finds the invoice by them.
        """
        plan = contract.plan_id
        journal = self._sale_journal(contract.company_id)
        if not journal:
            raise UserError(
                self.env._(
                    "Journal: company %(company)s has no sales journal to invoice "
                    "support usage. Configure accounting first.",
                    company=contract.company_id.name,
                )
            )
        return {
            "move_type": "out_invoice",
            "partner_id": contract.partner_id.id,
            "company_id": contract.company_id.id,
            "journal_id": journal.id,
            "currency_id": plan.currency_id.id or contract.company_id.currency_id.id,
            "invoice_origin": contract.name,
            "ref": self.env._(
                "Support %(contract)s, %(start)s - %(end)s",
                contract=contract.name,
                start=self.date_from,
                end=self.date_to,
            ),
            "support_contract_id": contract.id,
            "support_billing_run_id": self.id,
            "support_period_start": self.date_from,
            "support_period_end": self.date_to,
        }

    def _check_product(self, product, what, plan):
        if not product:
            raise UserError(
                self.env._(
                    "%(what)s: plan %(plan)s has no product to invoice it. Set it "
                    "on the plan's Billing tab.",
                    what=what,
                    plan=plan.display_name,
                )
            )
        return product

    @api.model
    def _support_ensure_price_digits(self, digits=PRICE_DIGITS):
        """Installation: raise the 'Product Price' precision to ``digits``
        (never lower it).  A line of ``q`` hours is exact to the cent when
        ``q x 10^-digits`` is at most a cent: 2 decimals hold up to an hour,
        4 decimals up to 100 hours."""
        precision = self.env.ref("product.decimal_price", raise_if_not_found=False)
        if precision and precision.digits < digits:
            _logger.info(
                "Product Price precision raised from %s to %s decimals for "
                "exact support time lines.",
                precision.digits,
                digits,
            )
            precision.sudo().digits = digits

    def _line_pricer(self, contract, move=None):
        """The :class:`~..engine.pricing.LinePricer` of the contract's invoice:
        prices to the 'Product Price' precision, amounts to the cent of the
        invoice's currency, and the lines already on ``move`` accounted for."""
        currency = (
            move.currency_id
            if move
            else contract.plan_id.currency_id or contract.company_id.currency_id
        )
        digits = (
            self.env["account.move.line"]._fields["price_unit"].get_digits(self.env)
        )
        pricer = pricing.LinePricer(
            price_digits=digits[1] if digits else 2,
            cent=pricing.to_decimal(currency.rounding),
        )
        for line in move.invoice_line_ids if move else ():
            pricer.add(line.quantity, line.price_unit * (1 - line.discount / 100.0))
        return pricer

    def _time_quantity(self, plan, product, minutes):
        """``minutes`` in the time product's own unit (hours), rounded to the
        precision of invoice quantities."""
        hour = self.env.ref("uom.product_uom_hour")
        uom = product.uom_id
        if uom.category_id != hour.category_id:
            raise UserError(
                self.env._(
                    "Time product: %(product)s of plan %(plan)s is sold in "
                    "%(uom)s, which is not a unit of time. Set its unit of "
                    "measure to Hours.",
                    product=product.display_name,
                    plan=plan.display_name,
                    uom=uom.name,
                )
            )
        quantity = hour._compute_quantity(minutes / 60.0, uom, round=False)
        digits = self.env["account.move.line"]._fields["quantity"].get_digits(self.env)
        return pricing.quantize_quantity(quantity, digits[1] if digits else 2), uom

    def _prepare_time_line(self, plan, line, pricer=None):
        """The invoice line of a billable timesheet line: its hours in the
        time product's unit and the price that makes the line's amount the
        verdict's amount exactly, whatever the rounding of the time.

        Called by :meth:`_bill_contract` for every billable timesheet line
        not billed yet, in date order, with the invoice's ``pricer`` (a
        :class:`~..engine.pricing.LinePricer` that keeps the invoice's
        total exact).  An override may change the label or add values and
        returns the dict; it must keep ``support_timesheet_ids`` (the link
        that bills the line once).  An empty dict skips the line: it stays
        unbilled and comes back in the next run.  (The pricer has counted the
        line by then, so an override that skips lines should do so before
        calling ``super()``.)
        """
        product = self._check_product(
            plan.time_product_id, self.env._("Billable time"), plan
        )
        quantity, uom = self._time_quantity(
            plan, product, line.support_billable_minutes
        )
        if pricer is None:
            pricer = self._line_pricer(line.support_contract_id)
        price = self._time_line_price(pricer, quantity, line)
        return {
            "product_id": product.id,
            "name": self._time_line_name(line),
            "quantity": float(quantity),
            "product_uom_id": uom.id,
            "price_unit": float(price),
            "support_timesheet_ids": [Command.link(line.id)],
        }

    def _time_line_price(self, pricer, quantity, line):
        """The unit price of ``quantity`` hours whose line is exactly the
        timesheet line's amount, or a UserError saying which precision to
        raise."""
        try:
            return pricer.price(quantity, line.support_amount)
        except pricing.PricingError as err:
            if err.code != "price_precision":
                raise
            raise UserError(
                self.env._(
                    "Price precision: %(hours)s h of %(ticket)s cannot be "
                    "invoiced at exactly %(amount)s with prices of %(digits)s "
                    "decimals. Set the decimal accuracy 'Product Price' to "
                    "%(needed)s or more (Settings > Technical > Decimal "
                    "Accuracy).",
                    hours=quantity,
                    ticket=line.ticket_id.display_name,
                    amount=line.support_amount,
                    digits=err.params["digits"],
                    needed=err.params["needed"],
                )
            ) from err

    def _time_line_name(self, line):
        """The label of a time line: ticket, date, hours, rate, employee."""
        ticket = line.ticket_id
        hours = line.support_billable_minutes / 60.0
        name = self.env._(
            "%(ticket)s %(subject)s - %(date)s - %(hours).2f h at %(rate).2f/h - "
            "%(employee)s",
            ticket=ticket.number or "",
            subject=ticket.name or "",
            date=line.date,
            hours=hours,
            rate=line.support_rate,
            employee=line.employee_id.name or line.user_id.name or "",
        )
        if line.date < self.date_from:
            # Logged late, dated in a period billed before: billed once, here.
            name = self.env._(
                "%(line)s (adjustment: work of %(date)s, from an earlier period)",
                line=name,
                date=line.date,
            )
        return name

    def _prepare_fee_line(self, ticket):
        """The invoice line of ``ticket``'s success fee.

        Called by :meth:`_bill_contract` for every ticket whose success-fee
        case ended in the period with a fee not billed yet.  An override may
        change the values and returns the dict; it must keep
        ``support_fee_ticket_ids`` (the link that bills the fee once).  An
        empty dict skips the fee: it comes back in the next run.
        """
        plan = ticket.support_contract_id.plan_id
        product = self._check_product(
            plan.success_fee_product_id, self.env._("Success fee"), plan
        )
        states = dict(
            ticket._fields["success_fee_state"]._description_selection(self.env)
        )
        return {
            "product_id": product.id,
            "name": self.env._(
                "%(ticket)s %(subject)s - %(date)s - success fee: %(state)s",
                ticket=ticket.number or "",
                subject=ticket.name or "",
                date=ticket.success_fee_date,
                state=states[ticket.success_fee_state],
            ),
            "quantity": 1.0,
            "product_uom_id": self.env.ref("uom.product_uom_unit").id,
            "price_unit": ticket.success_fee_amount,
            "support_fee_ticket_ids": [Command.link(ticket.id)],
        }

    def _prepare_onsite_lines(self, order):
        """The invoice lines of a finished onsite visit: its days
        (:meth:`_prepare_onsite_day_line`) and its travel
        (:meth:`_prepare_travel_line`).  A skipped day line skips the
        travel too: the order is billed by its day line, so it comes back
        whole in the next run."""
        if not order.support_plan_id:
            # No day rate: the work is logged time; the visit bills its
            # travel, and the first travel line holds the link that bills
            # the order once.
            travel = self._prepare_travel_pricelist_lines(order)
            if travel:
                travel[0]["support_onsite_order_ids"] = [Command.link(order.id)]
            return travel
        days = self._prepare_onsite_day_line(order)
        if not days:
            return []
        further = self._prepare_onsite_further_days_line(order)
        if order.support_plan_id.travel_pricing == "pricelist":
            travel = self._prepare_travel_pricelist_lines(order)
        else:
            travel = [self._prepare_travel_line(order)]
        return [line for line in (days, further, *travel) if line]

    def _prepare_onsite_day_line(self, order):
        """The invoice line of the days of onsite ``order`` (fsm.order) at the
        plan's day rate, at least the plan's minimum days.

        Called by :meth:`_bill_contract` for every onsite order of the
        contract not billed yet.  An override may change the values and
        returns the dict; it must keep ``support_onsite_order_ids`` (the link
        that bills the order once).  An empty dict skips the order, its
        travel included: it comes back in the next run.
        """
        plan = order.support_plan_id
        product = self._check_product(
            plan.onsite_product_id, self.env._("Onsite days"), plan
        )
        days = self._onsite_billed_days(order)
        if plan.onsite_further_day_rate:
            # the first day alone: the further days have their own line
            days = 1
        ticket = order.ticket_id
        return {
            "product_id": product.id,
            "name": self.env._(
                "%(ticket)s %(order)s - %(date)s - %(days)s day(s) onsite "
                "(%(plan)s) - %(site)s",
                ticket=ticket.number or "",
                order=order.name,
                date=order.support_date,
                days=days,
                plan=plan.name,
                site=order.location_id.display_name,
            ),
            "quantity": float(days),
            "product_uom_id": self.env.ref("uom.product_uom_day").id,
            "price_unit": plan.onsite_day_rate,
            "support_onsite_order_ids": [Command.link(order.id)],
            "fsm_order_ids": [Command.link(order.id)],
        }

    def _onsite_billed_days(self, order):
        """The days billed for onsite ``order``: its days, at least the
        plan's minimum."""
        return max(order.support_days, order.support_plan_id.onsite_min_days, 1)

    def _prepare_onsite_further_days_line(self, order):
        """The invoice line of the days after the first of onsite ``order``
        at the plan's further-day rate, or an empty dict when the plan bills
        every day at the day rate (or the visit lasts one day).

        Called by :meth:`_prepare_onsite_lines` after the day line (which
        holds the links to the order); an override returns the dict.
        """
        plan = order.support_plan_id
        further = self._onsite_billed_days(order) - 1
        if not plan.onsite_further_day_rate or further < 1:
            return {}
        return {
            "product_id": plan.onsite_product_id.id,
            "name": self.env._(
                "%(order)s - %(days)s further day(s) onsite (%(plan)s)",
                order=order.name,
                days=further,
                plan=plan.name,
            ),
            "quantity": float(further),
            "product_uom_id": self.env.ref("uom.product_uom_day").id,
            "price_unit": plan.onsite_further_day_rate,
        }

    def _prepare_travel_line(self, order):
        """The invoice line of the travel cost of onsite ``order``: the amount
        of its travel zone, or an empty dict when the visit costs no travel.

        Called by :meth:`_bill_contract` next to
        :meth:`_prepare_onsite_day_line`.  An override may change the
        values and returns the dict, or an empty dict for no travel line.
        """
        if not order.support_travel_amount:
            return {}
        plan = order.support_plan_id
        travel = self._check_product(plan.travel_product_id, self.env._("Travel"), plan)
        ticket = order.ticket_id
        return {
            "product_id": travel.id,
            "name": self.env._(
                "%(ticket)s %(order)s - %(date)s - travel to %(region)s (%(zone)s)",
                ticket=ticket.number or "",
                order=order.name,
                date=order.support_date,
                region=order.location_id.state_id.name,
                zone=order.support_travel_zone_id.name,
            ),
            "quantity": 1.0,
            "product_uom_id": self.env.ref("uom.product_uom_unit").id,
            "price_unit": order.support_travel_amount,
            "fsm_order_ids": [Command.link(order.id)],
        }

    def _prepare_travel_pricelist_lines(self, order):
        """The invoice lines of the travel of onsite ``order`` on a plan that
        prices travel by the customer's pricelist: one unit of each of the
        plan's travel products, at the price the pricelist of the contract's
        customer gives it on the visit's date (the list price without a
        rule), in the plan's currency.

        Called by :meth:`_prepare_onsite_lines`; an override may change the
        values and returns the list of dicts.  A travel product without a
        price is a configuration gap: the contract is not billed and the run
        says which price to set.
        """
        plan = order._support_travel_plan()
        contract = order.support_contract_id
        if not plan.travel_pricelist_product_ids:
            raise UserError(
                self.env._(
                    "Travel products: plan %(plan)s prices travel by the "
                    "customer's pricelist but has no travel product. Add them "
                    "on the plan's Billing tab.",
                    plan=plan.display_name,
                )
            )
        currency = plan.currency_id or contract.company_id.currency_id
        pricelist = contract.partner_id.property_product_pricelist
        ticket = order.ticket_id
        lines = []
        for product in plan.travel_pricelist_product_ids:
            price = pricelist._get_product_price(
                product, 1.0, currency=currency, date=order.support_date
            )
            if currency.is_zero(price):
                raise UserError(
                    self.env._(
                        "Travel price: %(product)s of plan %(plan)s has no price "
                        "for %(customer)s (pricelist %(pricelist)s, list "
                        "price 0). Set its price on the pricelist or the "
                        "product.",
                        product=product.display_name,
                        plan=plan.display_name,
                        customer=contract.partner_id.display_name,
                        pricelist=pricelist.display_name or "-",
                    )
                )
            lines.append(
                {
                    "product_id": product.id,
                    "name": self.env._(
                        "%(ticket)s %(order)s - %(date)s - %(travel)s",
                        ticket=ticket.number or "",
                        order=order.name,
                        date=order.support_date,
                        travel=product.display_name,
                    ),
                    "quantity": 1.0,
                    "product_uom_id": product.uom_id.id,
                    "price_unit": price,
                    "fsm_order_ids": [Command.link(order.id)],
                }
            )
        return lines

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------

    @api.model
    def _cron_billing_run(self, batch_size=200):
        """Monthly: bill last month for every company; resume unfinished runs.

        Works in batches of contracts and reports progress, so that Odoo's
        cron commits between batches and a crash loses at most one batch
        (each contract is atomic, and a rerun only adds what is not billed).
        """
        start, end = self._default_period()
        companies = [
            company
            for (company,) in self.env["support.contract"]
            .sudo()
            ._read_group([("plan_id", "!=", False)], ["company_id"])
        ]
        for company in companies:
            if not self.search_count(
                [
                    ("company_id", "=", company.id),
                    ("date_from", "<=", end),
                    ("date_to", ">=", start),
                ],
                limit=1,
            ):
                self.create(
                    {"company_id": company.id, "date_from": start, "date_to": end}
                )
        done = remaining = 0
        for run in self.search([("state", "!=", "done")], order="date_from, id"):
            billed, left = run._run(limit=batch_size)
            done += billed
            remaining += left
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("support_billing_run_id", "=", self.id)]
        action["context"] = {"default_move_type": "out_invoice"}
        return action
