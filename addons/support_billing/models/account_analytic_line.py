# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import pricing
from .helpdesk_ticket import ENDED_STATES

VERDICTS = list(pricing.VERDICT_SELECTION)
# Changing these on a line re-judges its ticket.
LINE_TRIGGERS = {"unit_amount", "date", "ticket_id", "support_onsite"}
# Sanity limits of a support timesheet line.
MAX_LINE_HOURS = 24
EARLIEST_DATE = date(2000, 1, 1)


class AccountAnalyticLine(models.Model):
    _name = "account.analytic.line"
    _inherit = ["account.analytic.line", "support.field.guard.mixin"]

    support_contract_id = fields.Many2one(
        support_system=True,
        related="ticket_id.support_contract_id",
        store=True,
        index="btree_not_null",
        string="Support contract",
    )
    support_onsite = fields.Boolean(
        string="Onsite",
        copy=False,
        help="Work done at the customer's site: billed by the plan's onsite "
        "rules (infotel: paid per price list; Variant 3: from the month's "
        "included onsite work first).",
    )
    support_verdict = fields.Selection(
        support_system=True,
        selection=VERDICTS,
        string="Billing verdict",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    support_verdict_reason = fields.Char(
        string="Why",
        readonly=True,
        copy=False,
        support_system=True,
    )
    support_wallet_id = fields.Many2one(
        support_system=True,
        comodel_name="support.wallet",
        string="Wallet",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    support_wallet_minutes = fields.Integer(
        support_system=True,
        string="From wallet (min)",
        readonly=True,
        copy=False,
        help="What this line took from the wallet, net of refunds.",
    )
    support_wallet_date = fields.Date(
        support_system=True,
        string="Taken for",
        readonly=True,
        copy=False,
        help="The day whose period the wallet time was taken from: the line's "
        "date when it was judged. Moving the line gives that period its time "
        "back and charges the new one.",
    )
    support_billable_minutes = fields.Integer(
        support_system=True,
        string="Billed (min)",
        readonly=True,
        copy=False,
        help="Billable time after the plan's rounding.",
    )
    support_rate = fields.Monetary(
        support_system=True,
        string="Hourly rate",
        readonly=True,
        copy=False,
        currency_field="support_currency_id",
    )
    support_amount = fields.Monetary(
        support_system=True,
        string="Billable amount",
        readonly=True,
        copy=False,
        currency_field="support_currency_id",
    )
    support_currency_id = fields.Many2one(
        support_system=True, comodel_name="res.currency", readonly=True, copy=False
    )
    support_invoice_line_id = fields.Many2one(
        support_system=True,
        comodel_name="account.move.line",
        string="Support invoice line",
        readonly=True,
        copy=False,
        ondelete="set null",
        index="btree_not_null",
    )

    def _support_minutes(self):
        self.ensure_one()
        return pricing.hours_to_minutes(max(self.unit_amount, 0.0))

    def _support_entry_reason(self):
        self.ensure_one()
        ticket = self.ticket_id
        return self.env._(
            "%(ticket)s, %(date)s, %(minutes)s min",
            ticket=ticket.number or ticket.name or "",
            date=self.date,
            minutes=self._support_minutes(),
        )

    @api.constrains("unit_amount", "ticket_id")
    def _check_support_duration(self):
        for line in self.filtered("ticket_id"):
            if line.ticket_id.support_contract_id and line.unit_amount < 0:
                raise ValidationError(
                    self.env._(
                        "Duration: the time of ticket %(ticket)s cannot be negative "
                        "(%(hours)s h). Enter the time spent; to correct a line, "
                        "change or delete it.",
                        ticket=line.ticket_id.display_name,
                        hours=line.unit_amount,
                    )
                )
            if line.unit_amount > MAX_LINE_HOURS:
                raise ValidationError(
                    self.env._(
                        "Duration: one timesheet line of ticket %(ticket)s cannot "
                        "be longer than a day (%(hours)s h entered, at most "
                        "%(max)s h). Check the hours typed, or log each day's work "
                        "on a line of its own.",
                        ticket=line.ticket_id.display_name,
                        hours=line.unit_amount,
                        max=MAX_LINE_HOURS,
                    )
                )

    @api.constrains("date", "ticket_id")
    def _check_support_date(self):
        for line in self.filtered("ticket_id"):
            contract = line.ticket_id.support_contract_id
            if contract and (
                line.date < contract.date_start
                or (contract.date_end and line.date > contract.date_end)
            ):
                raise ValidationError(
                    self.env._(
                        "Date: the work on ticket %(ticket)s is dated %(date)s, "
                        "outside contract %(contract)s (%(start)s - %(end)s). "
                        "Enter the day the work was done, or put the ticket on the "
                        "contract in force that day.",
                        ticket=line.ticket_id.display_name,
                        date=line.date,
                        contract=contract.name,
                        start=contract.date_start,
                        end=contract.date_end or self.env._("open-ended"),
                    )
                )
            if line.date < EARLIEST_DATE:
                raise ValidationError(
                    self.env._(
                        "Date: %(date)s is not a plausible day for the work on "
                        "ticket %(ticket)s. Enter the day the work was done.",
                        date=line.date,
                        ticket=line.ticket_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD hooks
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.ticket_id._support_billing_evaluate()
        return lines

    def write(self, vals):
        triggers = LINE_TRIGGERS.intersection(vals)
        if triggers:
            self._support_check_not_invoiced()
            before = self.ticket_id
        res = super().write(vals)
        if triggers:
            # Time changed after its contract ended is judged afresh, i.e.
            # not billed under the contract (see _support_apply_contract_ended).
            ended = self.sudo().filtered(
                lambda line: (
                    line.support_contract_id.state in ENDED_STATES
                    and line.support_verdict
                    and not line.support_invoice_line_id
                )
            )
            if ended:
                super(AccountAnalyticLine, ended).write({"support_verdict": False})
            (before | self.ticket_id)._support_billing_evaluate()
        return res

    def unlink(self):
        self._support_check_not_invoiced()
        tickets = self.ticket_id
        # Give back what deleted lines took from wallets (append-only ledger).
        for line in self.filtered("support_wallet_minutes"):
            line.support_wallet_id.sudo()._refund(
                line.support_wallet_minutes,
                day=line.support_wallet_date or None,
                timesheet_id=line.id,
                ticket_id=line.ticket_id.id,
                reason=self.env._(
                    "Deleted line: %(line)s", line=line._support_entry_reason()
                ),
            )
        res = super().unlink()
        tickets.exists()._support_billing_evaluate()
        return res

    def _support_is_invoiced(self):
        """True when this line is on an invoice that is not cancelled."""
        self.ensure_one()
        invoice_line = self.sudo().support_invoice_line_id
        return bool(invoice_line) and invoice_line.parent_state != "cancel"

    def _support_check_not_invoiced(self):
        invoiced = self.filtered(lambda line: line._support_is_invoiced())
        if invoiced:
            line = invoiced[0]
            raise UserError(
                self.env._(
                    "Timesheet line of %(ticket)s on %(date)s is billed on invoice "
                    "%(invoice)s: it cannot change. Delete the invoice line (draft) "
                    "or issue a credit note first.",
                    ticket=line.ticket_id.display_name,
                    date=line.date,
                    invoice=line.support_invoice_line_id.move_id.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Verdict
    # ------------------------------------------------------------------

    def _support_apply(
        self,
        context,
        verdict,
        reason,
        wallet=None,
        covered=0,
        billable=0,
        rate=0,
        amount=0,
        item=None,
    ):
        """Store a verdict and its human reason (only what changed)."""
        self.ensure_one()
        if context is None and self.support_wallet_minutes:
            # No contract any more: give the wallet its time back.
            self.support_wallet_id.sudo()._refund(
                self.support_wallet_minutes,
                day=self.support_wallet_date or None,
                timesheet_id=self.id,
                reason=self._support_entry_reason(),
            )
        currency = context["plan"].currency_id if context else self.env["res.currency"]
        vals = {
            "support_verdict": verdict,
            "support_verdict_reason": self._support_reason_text(
                context, verdict, reason, wallet, rate, item, covered
            ),
            "support_wallet_id": wallet.id if wallet else False,
            "support_wallet_minutes": covered,
            "support_wallet_date": self.date if covered else False,
            "support_billable_minutes": billable,
            "support_rate": float(rate),
            "support_amount": float(amount),
            "support_currency_id": currency.id,
        }
        changed = {
            key: value
            for key, value in vals.items()
            if self._fields[key].convert_to_write(self[key], self) != value
        }
        if changed:
            # The ledger and the verdicts are the system's: an agent who logs
            # time re-judges the ticket's lines of colleagues too.
            return super(AccountAnalyticLine, self.sudo()).write(changed)
        return True

    def _support_reason_text(
        self, context, verdict, reason, wallet, rate, item, covered=0
    ):
        """The verdict's reason as agents read it."""
        if reason == "contract_ended":
            contract = self.support_contract_id
            return self.env._(
                "Not billed: contract %(contract)s ended on %(date)s; this time "
                "was logged or changed after it ended, or is dated after the end.",
                contract=contract.name,
                date=contract.date_end,
            )
        if context is None:
            return self.env._("No support contract: not billed.")
        plan = context["plan"]
        terms = context["terms"]
        rule = context["rule"]
        currency = plan.currency_id
        rate_text = self.env._(
            "%(rate)s %(currency)s/h", rate=float(rate), currency=currency.name
        )
        rule_text = rule.name or (
            dict(rule._fields["treatment"]._description_selection(self.env)).get(
                rule.treatment
            )
            if rule
            else self.env._("other work")
        )
        texts = {
            "running": self.env._("Pending: no duration yet (timer running)."),
            "no_contract": self.env._("No support contract: not billed."),
            "not_entitled": self.env._(
                "Not billable: the request is not covered (%(entitlement)s).",
                entitlement=self.ticket_id.entitlement,
            ),
            "rnd_refund": self.env._(
                "Free: escalated to R&D and fixed by a patch or update; credits "
                "refunded."
            ),
            "success_fee_not_started": self.env._(
                "Pending: the customer has not accepted the success-fee order yet."
            ),
            "success_fee_running": self.env._(
                "Pending: success-fee case running; billed by the hour only if "
                "solved within %(hours)s h.",
                hours=plan.success_fee_threshold,
            ),
            "success_fee": self.env._(
                "Not billed by the hour: included in the success fee."
            ),
            "beyond_cap": self.env._(
                "Not billed: beyond the %(hours)s h threshold of the success fee.",
                hours=plan.success_fee_threshold,
            ),
            "free_allowance": self.env._(
                "Free: within the first %(minutes)s minutes of the ticket.",
                minutes=terms.free_minutes,
            ),
            "no_agreement": self.env._(
                "Not billable: paid work without the customer's recorded "
                "agreement (%(how)s) before this day.",
                how=dict(
                    plan._fields["agreement_required"]._description_selection(self.env)
                )[plan.agreement_required],
            ),
            "no_rate": self.env._(
                "Not billed: plan %(plan)s has no hourly rate for billable work.",
                plan=plan.display_name,
            ),
            "wallet_empty": self.env._(
                "Not billed: wallet %(wallet)s is empty; top it up.",
                wallet=wallet.name if wallet else "",
            ),
            "over_quota": self.env._(
                "Billable at %(rate)s: request beyond the month's quota.",
                rate=rate_text,
            ),
            "excluded": self.env._(
                "Billable at %(rate)s: work outside the plan (quote).",
                rate=rate_text,
            ),
            "overage": self.env._(
                "Billable at %(rate)s beyond wallet %(wallet)s (%(covered)s min "
                "covered).",
                rate=rate_text,
                wallet=wallet.name if wallet else "",
                covered=covered,
            ),
            "success_fee_hourly": self.env._(
                "Billable at %(rate)s: solved within the success-fee threshold.",
                rate=rate_text,
            ),
        }
        if reason in texts:
            text = texts[reason]
        elif verdict == "wallet":
            text = self.env._(
                "Covered by wallet %(wallet)s (%(rule)s).",
                wallet=wallet.name if wallet else "",
                rule=rule_text,
            )
        elif verdict == "billable":
            text = self.env._(
                "Billable at %(rate)s (%(rule)s).", rate=rate_text, rule=rule_text
            )
        elif verdict == "free":
            text = self.env._("Free (%(rule)s).", rule=rule_text)
        else:
            text = self.env._("Not billable (%(rule)s).", rule=rule_text)
        if item and item.free and verdict in ("billable", "wallet"):
            text += " " + self.env._("First %(m)s min free.", m=item.free)
        return text
