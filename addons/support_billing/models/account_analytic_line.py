# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date
from odoo.tools.translate import LazyTranslate

from ..engine import pricing
from .helpdesk_ticket import ENDED_STATES

VERDICTS = list(pricing.VERDICT_SELECTION)

_lt = LazyTranslate(__name__)

# The reason of a verdict is stored as a code and its parameters
# (support_verdict_code, support_verdict_params) and rendered when read, in
# the reader's language: code -> message.  The parameters are plain values
# and record ids (see _support_verdict_values).  ``rule_<verdict>`` are the
# verdicts of a billing rule; ``legacy`` holds the prose of a line judged
# before 18.0.1.2.0, shown as it was written until the line is judged again.
VERDICT_MESSAGES = {
    "contract_ended": _lt(
        "Not billed: contract %(contract)s ended on %(date)s; this time "
        "was logged or changed after it ended, or is dated after the end."
    ),
    "no_contract": _lt("No support contract: not billed."),
    "running": _lt("Pending: no duration yet (timer running)."),
    "not_entitled": _lt("Not billable: the request is not covered (%(entitlement)s)."),
    "rnd_refund": _lt(
        "Free: escalated to R&D and fixed by a patch or update; credits refunded."
    ),
    "success_fee_not_started": _lt(
        "Pending: the customer has not accepted the success-fee order yet."
    ),
    "success_fee_running": _lt(
        "Pending: success-fee case running; billed by the hour only if "
        "solved within %(hours)s h."
    ),
    "success_fee": _lt("Not billed by the hour: included in the success fee."),
    "beyond_cap": _lt(
        "Not billed: beyond the %(hours)s h threshold of the success fee."
    ),
    "free_allowance": _lt("Free: within the first %(minutes)s minutes of the ticket."),
    "no_agreement": _lt(
        "Not billable: paid work without the customer's recorded "
        "agreement (%(how)s) before this day."
    ),
    "consent_refused": _lt(
        "Not billable: the customer refused paid work on this ticket."
    ),
    "no_rate": _lt("Not billed: plan %(plan)s has no hourly rate for billable work."),
    "wallet_empty": _lt("Not billed: wallet %(wallet)s is empty; top it up."),
    "over_quota": _lt("Billable at %(rate)s: request beyond the month's quota."),
    "repeated_question": _lt(
        "Billable at %(rate)s: a repeated question on a similar topic, after "
        "the customer was warned."
    ),
    "excluded": _lt("Billable at %(rate)s: work outside the plan (quote)."),
    "overage": _lt(
        "Billable at %(rate)s beyond wallet %(wallet)s (%(covered)s min covered)."
    ),
    "success_fee_hourly": _lt(
        "Billable at %(rate)s: solved within the success-fee threshold."
    ),
    "rule_wallet": _lt("Covered by wallet %(wallet)s (%(rule)s)."),
    "rule_billable": _lt("Billable at %(rate)s (%(rule)s)."),
    "rule_free": _lt("Free (%(rule)s)."),
    "rule_not_billable": _lt("Not billable (%(rule)s)."),
    "rule_pending": _lt("Pending (%(rule)s)."),
}
FIRST_MINUTES_FREE = _lt("First %(m)s min free.")
HOURLY_RATE = _lt("%(rate)s %(currency)s/h")
OTHER_WORK = _lt("other work")
# The inputs of a line's judgement that users edit: an edit of a timesheet
# line reaches the model only through write() (none of them is computed, so
# no recompute bypasses it), and changing one re-judges the line's ticket.
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
        "rules (e.g. paid per price list, or from the month's included onsite "
        "work first).",
    )
    support_verdict = fields.Selection(
        support_system=True,
        selection=VERDICTS,
        string="Billing verdict",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    support_verdict_code = fields.Char(
        string="Reason code",
        readonly=True,
        copy=False,
        support_system=True,
        help="Why the line got its verdict, as a code with its parameters: the "
        "text is rendered in the language of whoever reads it.",
    )
    support_verdict_params = fields.Json(
        string="Reason parameters",
        readonly=True,
        copy=False,
        support_system=True,
    )
    support_verdict_reason = fields.Char(
        string="Why",
        compute="_compute_support_verdict_reason",
        help="The reason of the verdict, in the reader's language.",
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

    @api.depends("support_verdict_code", "support_verdict_params")
    @api.depends_context("lang")
    def _compute_support_verdict_reason(self):
        records = self._support_verdict_records(
            [line.support_verdict_params or {} for line in self]
        )
        for line in self:
            line.support_verdict_reason = line._support_render_verdict(
                line.support_verdict_code, line.support_verdict_params or {}, records
            )

    @api.model
    def _support_verdict_records(self, params_list):
        """``{param: {id: record}}`` of the records that reasons of
        ``params_list`` name, read once for all the lines (names only, so as superuser: a
        reader of the line may not read the wallet, plan or rule)."""
        models = {
            "wallet_id": "support.wallet",
            "plan_id": "support.plan",
            "rule_id": "support.billing.rule",
        }
        records = {}
        for param, model in models.items():
            ids = {params.get(param) for params in params_list} - {None, False}
            found = self.env[model].sudo().browse(ids).exists()
            records[param] = {record.id: record for record in found}
        return records

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
        code, params = self._support_reason_code(
            context, verdict, reason, wallet, rate, item, covered
        )
        vals = {
            "support_verdict": verdict,
            "support_verdict_code": code,
            "support_verdict_params": params,
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

    def _support_reason_code(
        self, context, verdict, reason, wallet, rate, item, covered=0
    ):
        """``(code, params)`` of the verdict's reason: what
        :meth:`_support_render_verdict` turns into text when the line is
        read.  The params are plain values and record ids, never text in
        the language of whoever judged the line."""
        if reason == "contract_ended":
            contract = self.support_contract_id
            return reason, {
                "contract": contract.name,
                "date": fields.Date.to_string(contract.date_end),
            }
        if context is None:
            return "no_contract", {}
        plan = context["plan"]
        rule = context["rule"]
        params = {
            "rate": float(rate),
            "currency": plan.currency_id.name,
            "plan_id": plan.id,
            "wallet_id": wallet.id if wallet else False,
        }
        if reason in VERDICT_MESSAGES:
            code = reason
        else:
            code = f"rule_{verdict}"
            params.update(rule_id=rule.id or False, treatment=rule.treatment or "")
        values = {
            "not_entitled": {"entitlement": self.ticket_id.entitlement or ""},
            "success_fee_running": {"hours": plan.success_fee_threshold},
            "beyond_cap": {"hours": plan.success_fee_threshold},
            "free_allowance": {"minutes": context["terms"].free_minutes},
            "no_agreement": {"how": plan.agreement_required},
            "overage": {"covered": covered},
        }
        params.update(values.get(code, {}))
        if item and item.free and verdict in ("billable", "wallet"):
            params["free_minutes"] = item.free
        return code, params

    def _support_render_verdict(self, code, params, records=None):
        """The text of reason ``code`` with ``params``, in the language of
        ``self.env`` (the reader's): only the message of ``code`` is
        translated.  ``records``: see :meth:`_support_verdict_records`."""
        if not code:
            return ""
        if code == "legacy":
            return params.get("text") or ""
        message = VERDICT_MESSAGES.get(code)
        if message is None:
            return code
        if records is None:
            records = self._support_verdict_records([params])
        values = self._support_verdict_values(code, params, records)
        text = self._support_format(message, values)
        if params.get("free_minutes"):
            free = self._support_format(
                FIRST_MINUTES_FREE, {"m": params["free_minutes"]}
            )
            text += " " + free
        return text

    def _support_format(self, message, values):
        """Lazy ``message`` in the reader's language, filled with ``values``.

        ``env._`` translates a lazy message but takes no arguments with it,
        so they are put in here; a translation with broken placeholders
        falls back to the English text, as ``env._`` itself does.
        """
        translated = self.env._(message)
        try:
            return translated % values  # pylint: disable=translation-not-lazy
        except (KeyError, TypeError, ValueError):
            english = self.with_context(lang="en_US").env._(message)
            return english % values  # pylint: disable=translation-not-lazy

    def _support_verdict_values(self, code, params, records):
        """The values the message of ``code`` shows, from its ``params``:
        record names and selection labels read now, in the reader's
        language."""
        env = self.env
        values = dict(params)
        if code == "contract_ended":
            values["date"] = format_date(env, params.get("date")) or "-"
            return values
        wallet = records["wallet_id"].get(params.get("wallet_id"))
        plan = records["plan_id"].get(params.get("plan_id"))
        values["wallet"] = wallet.name if wallet else ""
        values["plan"] = plan.display_name if plan else ""
        values["rate"] = self._support_format(
            HOURLY_RATE,
            {"rate": params.get("rate", 0.0), "currency": params.get("currency") or ""},
        )
        if code == "not_entitled":
            values["entitlement"] = self._support_label(
                "helpdesk.ticket", "entitlement", params.get("entitlement")
            )
        if code == "no_agreement":
            values["how"] = self._support_label(
                "support.plan", "agreement_required", params.get("how")
            )
        if code.startswith("rule_"):
            rule = records["rule_id"].get(params.get("rule_id"))
            values["rule"] = (
                rule.name
                or self._support_label(
                    "support.billing.rule", "treatment", params.get("treatment")
                )
                if rule
                else env._(OTHER_WORK)
            )
        return values

    def _support_label(self, model, field, key):
        """The label of selection ``key`` of ``model.field`` in the reader's
        language (the key itself when it is no longer a choice)."""
        selection = self.env[model]._fields[field]._description_selection(self.env)
        return dict(selection).get(key, key or "")
