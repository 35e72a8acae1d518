# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

import pytz
from markupsafe import Markup
from werkzeug.urls import url_encode

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_amount, format_datetime

from ..engine import pricing
from .support_billing_rule import AGREEMENTS, OUTCOMES

CAUSES = list(pricing.CAUSE_SELECTION)
AGREEMENT_CHANNELS = [
    ("portal", "Accepted on the portal"),
    ("email", "In writing (email)"),
    ("phone", "Recorded call"),
]
WRITTEN_CHANNELS = ("portal", "email")
# Where the customer's consent to paid work stands (see _on_paid_work_needed).
CONSENT_STATES = [
    ("none", "Not asked"),
    ("requested", "Asked"),
    ("accepted", "Accepted"),
    ("refused", "Refused"),
]
# What the customer is asked to accept: paid work from now on, or a
# specification of the work (a document the agent sends).
CONSENT_KINDS = [
    ("paid_work", "Paid work"),
    ("specification", "Specification"),
]
CONSENT_DECISIONS = ("accept", "refuse")
SUCCESS_FEE_STATES = list(pricing.SUCCESS_FEE_STATE_SELECTION)
# The ticket's fields that an agent edits on the form and that the terms of
# its time read besides its entitlement and contract (which the entitlement
# hook, _on_entitlement_change, reports): the kind (the billing rule's
# category), the cause and outcome, the agreement to paid work.  A form edit
# reaches the model only through write(); what the product itself moves
# (the success-fee state, the quota) calls _support_billing_evaluate.
BILLING_TICKET_FIELDS = (
    "type_id",
    "support_cause",
    "support_outcome",
    "support_rnd_escalated",
    "support_agreement_date",
    "support_agreement_channel",
    "support_consent_state",
)
# Contract states whose tickets' time is no longer judged: see
# _support_billing_evaluate.
ENDED_STATES = ("cancelled", "expired")


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    support_cause = fields.Selection(
        selection=CAUSES,
        string="Cause",
        default="unknown",
        tracking=True,
        help="Where the cause lies: a plan's billing rules may bill the work on "
        "causes on the customer's side.",
    )
    support_outcome = fields.Selection(
        selection=OUTCOMES,
        string="Outcome",
        default="none",
        tracking=True,
        help="How the case ended: a plan's billing rules may treat outcomes "
        "apart (e.g. a bug solved by standard configuration uses credits, an "
        "R&D patch or update refunds them).",
    )
    support_rnd_escalated = fields.Boolean(string="Escalated to R&D", tracking=True)
    # The agreement is recorded by _support_record_agreement (the wizard, the
    # portal, the emailed link) and refused by _support_record_refusal: a
    # user's write() of these fields is refused (support_system).
    support_agreement_date = fields.Date(
        support_system=True,
        string="Paid work agreed on",
        tracking=True,
        copy=False,
        readonly=True,
        help="The customer agreed to paid work on this day; billable time "
        "counts from the moment of the agreement (Consent answered at).",
    )
    support_agreement_channel = fields.Selection(
        support_system=True,
        selection=AGREEMENT_CHANNELS,
        string="Agreed by",
        tracking=True,
        copy=False,
        readonly=True,
        help="How the customer answered the request for consent.",
    )
    support_agreement_partner_id = fields.Many2one(
        support_system=True,
        comodel_name="res.partner",
        string="Agreed by contact",
        copy=False,
        readonly=True,
    )
    support_consent_state = fields.Selection(
        support_system=True,
        selection=CONSENT_STATES,
        string="Consent to paid work",
        default="none",
        required=True,
        copy=False,
        readonly=True,
        tracking=True,
        help="Asked when the ticket's time turns from free to paid work that "
        "needs the customer's agreement; accepted or refused by the customer.",
    )
    support_consent_kind = fields.Selection(
        support_system=True,
        selection=CONSENT_KINDS,
        string="Consent to",
        copy=False,
        readonly=True,
    )
    support_consent_requested_date = fields.Datetime(
        support_system=True, string="Consent asked at", copy=False, readonly=True
    )
    support_consent_date = fields.Datetime(
        support_system=True,
        string="Consent answered at",
        copy=False,
        readonly=True,
        help="When the customer accepted or refused: billable time counts "
        "from an acceptance's moment.",
    )
    support_specification_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Specification to send",
        copy=False,
        help="The specification of the paid work (e.g. a customer-caused "
        "defect) to send to the customer for acceptance.",
    )
    support_consent_document_id = fields.Many2one(
        support_system=True,
        comodel_name="ir.attachment",
        string="Specification sent",
        copy=False,
        readonly=True,
        help="The document the customer was asked to accept (and accepted).",
    )
    support_agreement_required = fields.Selection(
        selection=AGREEMENTS,
        compute="_compute_support_agreement_required",
        string="Paid work needs",
        help="What paid work on this ticket needs: its billing rule's, else "
        "its plan's.",
    )
    support_quota_state = fields.Selection(
        support_system=True,
        selection=[
            ("none", "Not counted"),
            ("counted", "Counted in the quota"),
            ("exceeded", "Beyond the quota"),
        ],
        string="Request quota",
        default="none",
        copy=False,
        readonly=True,
        tracking=True,
    )
    support_quota_wallet_id = fields.Many2one(
        support_system=True,
        comodel_name="support.wallet",
        string="Quota wallet",
        copy=False,
        readonly=True,
    )
    support_quota_date = fields.Date(
        support_system=True,
        string="Counted in the quota of",
        copy=False,
        readonly=True,
        help="The request date the request was counted on: a request belongs "
        "to the quota of the month it was received in.",
    )
    # --- success fee -----------------------------------------------------
    success_fee_enabled = fields.Boolean(
        related="support_contract_id.plan_id.success_fee", string="Success fee plan"
    )
    success_fee_state = fields.Selection(
        support_system=True,
        selection=SUCCESS_FEE_STATES,
        string="Success fee",
        default="none",
        required=True,
        copy=False,
        readonly=True,
        tracking=True,
        index=True,
    )
    success_fee_report_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Preliminary report",
        copy=False,
        help="Attach the preliminary report before sending it at the threshold.",
    )
    success_fee_date = fields.Date(
        support_system=True,
        copy=False,
        readonly=True,
        help="The day the case reached its final state.",
    )
    success_fee_amount = fields.Monetary(
        support_system=True,
        compute="_compute_success_fee_amount",
        store=True,
        currency_field="support_currency_id",
    )
    success_fee_invoice_line_id = fields.Many2one(
        support_system=True,
        comodel_name="account.move.line",
        string="Success fee invoice line",
        copy=False,
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    support_currency_id = fields.Many2one(
        related="support_contract_id.plan_id.currency_id", string="Billing currency"
    )
    # --- summary -------------------------------------------------------
    support_billable_amount = fields.Monetary(
        string="Billable time",
        compute="_compute_support_billing_summary",
        currency_field="support_currency_id",
    )
    support_wallet_hours = fields.Float(
        string="Wallet time (h)", compute="_compute_support_billing_summary"
    )
    support_billable_hours = fields.Float(
        string="Billable (h)", compute="_compute_support_billing_summary"
    )

    @api.depends(
        "success_fee_state",
        "support_contract_id.plan_id.success_fee_solved",
        "support_contract_id.plan_id.success_fee_not_solved",
        "support_contract_id.plan_id.success_fee_refused",
    )
    def _compute_success_fee_amount(self):
        for ticket in self:
            plan = ticket.support_contract_id.plan_id
            if not plan.success_fee:
                ticket.success_fee_amount = 0.0
                continue
            ticket.success_fee_amount = float(
                pricing.success_fee_amount(
                    ticket.success_fee_state, plan._success_fee_terms()
                )
            )

    @api.depends(
        "support_contract_id.plan_id.agreement_required",
        "support_contract_id.plan_id.billing_rule_ids.agreement_required",
        "type_id",
        "support_cause",
        "support_outcome",
    )
    def _compute_support_agreement_required(self):
        for ticket in self:
            plan = ticket.support_contract_id.plan_id
            ticket.support_agreement_required = (
                ticket._support_agreement_kind(ticket._support_billing_rule())
                if plan
                else False
            )

    @api.depends(
        "timesheet_ids.support_amount",
        "timesheet_ids.support_wallet_minutes",
        "timesheet_ids.support_billable_minutes",
    )
    def _compute_support_billing_summary(self):
        for ticket in self:
            lines = ticket.timesheet_ids
            ticket.support_billable_amount = sum(lines.mapped("support_amount"))
            ticket.support_wallet_hours = (
                sum(lines.mapped("support_wallet_minutes")) / 60.0
            )
            ticket.support_billable_hours = (
                sum(lines.mapped("support_billable_minutes")) / 60.0
            )

    # ------------------------------------------------------------------
    # CRUD hooks
    # ------------------------------------------------------------------

    def _on_entitlement_change(self, changes):
        """The time of a ticket whose entitlement or contract changed is
        judged again (a new ticket: counted in its request quota)."""
        res = super()._on_entitlement_change(changes)
        self.filtered(
            lambda t: changes[t][0] is not None or t.support_contract_id
        )._support_billing_evaluate()
        return res

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in BILLING_TICKET_FIELDS) and not (
            self.env.context.get("support_billing_no_eval")
        ):
            self._support_billing_evaluate()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed_time(self):
        for ticket in self.sudo():
            lines = ticket.timesheet_ids.filtered(
                lambda line: line.support_wallet_minutes or line._support_is_invoiced()
            )
            fee = ticket.success_fee_invoice_line_id
            if lines or (fee and fee.parent_state != "cancel"):
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s has time taken from a wallet or "
                        "invoiced: it cannot be deleted (the ledger and the "
                        "invoices name it). Close or archive it instead.",
                        ticket=ticket.display_name,
                    )
                )

    @api.constrains("support_contract_id", "partner_id", "commercial_partner_id")
    def _check_invoiced_contract(self):
        """The contract and customer of a ticket with invoiced time stay
        those of its invoices."""
        for ticket in self.sudo():
            moves = ticket.timesheet_ids.filtered(
                lambda line: line._support_is_invoiced()
            ).support_invoice_line_id.move_id
            fee = ticket.success_fee_invoice_line_id
            if fee and fee.parent_state != "cancel":
                moves |= fee.move_id
            for move in moves:
                if move.support_contract_id != ticket.support_contract_id:
                    field = "support_contract_id"
                elif move.commercial_partner_id != ticket.commercial_partner_id:
                    field = "partner_id"
                else:
                    continue
                raise ValidationError(
                    self.env._(
                        "%(field)s: time of ticket %(ticket)s is invoiced on "
                        "%(invoice)s to contract %(contract)s of %(customer)s; "
                        "the ticket's %(field)s cannot change. Credit the "
                        "invoice first, or open a new ticket.",
                        field=self._fields[field]._description_string(self.env),
                        ticket=ticket.display_name,
                        invoice=move.display_name,
                        contract=move.support_contract_id.name or "-",
                        customer=move.commercial_partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Terms of the ticket's time
    # ------------------------------------------------------------------

    def _support_agreement_kind(self, rule=None):
        """What paid work under ``rule`` needs: the rule's own setting, else
        the plan's (``none``, ``recorded``, ``written``, ``specification``)."""
        self.ensure_one()
        if rule and rule.agreement_required:
            return rule.agreement_required
        return self.support_contract_id.plan_id.agreement_required or "none"

    def _support_agreement_date(self, plan, rule=None):
        """The agreement date that counts under ``plan`` (and ``rule``), or
        None."""
        self.ensure_one()
        kind = self._support_agreement_kind(rule) if rule else plan.agreement_required
        if not self.support_agreement_date or self.support_consent_state == "refused":
            return None
        if (
            kind in ("written", "specification")
            and self.support_agreement_channel not in WRITTEN_CHANNELS
        ):
            return None
        if kind == "specification" and not (
            self.support_consent_kind == "specification"
            and self.support_consent_document_id
        ):
            return None
        return self.support_agreement_date

    def _support_agreement_terms(self, plan, rule=None):
        """The agreement's part of :class:`pricing.TicketTerms` under
        ``plan`` and ``rule``: its day and moment, whether it covers the
        whole ticket (a specification), whether the customer refused."""
        self.ensure_one()
        kind = self._support_agreement_kind(rule) if rule else plan.agreement_required
        day = self._support_agreement_date(plan, rule)
        return {
            "agreement_required": kind != "none",
            "agreement_date": day,
            "agreement_at": self.support_consent_date or None if day else None,
            "agreement_whole": kind == "specification",
            "refused": self.support_consent_state == "refused",
        }

    def _support_billing_rule(self, onsite=False):
        """The plan's billing rule of the ticket's remote (or onsite) time."""
        self.ensure_one()
        plan = self.support_contract_id.plan_id
        return plan._billing_rule_for(
            self.support_category,
            self.support_cause,
            self.support_outcome,
            onsite=onsite,
            kind=self.type_id.id,
        )

    def _support_billing_terms(self, rule):
        """The :class:`pricing.TicketTerms` of this ticket's time."""
        self.ensure_one()
        contract = self.support_contract_id
        plan = contract.plan_id
        common = {
            "rounding": plan._billing_rounding(),
            "rate": contract._support_hourly_rate(),
            **self._support_agreement_terms(plan, rule),
        }
        entitlement = self.entitlement
        if entitlement in ("not_authorised", "not_eligible", "no_contract", "refused"):
            return pricing.TicketTerms("not_billable", reason="not_entitled", **common)
        if (
            plan.refund_on_rnd_fix
            and self.support_rnd_escalated
            and self.support_outcome in pricing.RND_FIX_OUTCOMES
        ):
            return pricing.TicketTerms("free", reason="rnd_refund", **common)
        if plan.success_fee:
            state = self.success_fee_state
            if state == "none":
                return pricing.TicketTerms(
                    "billable", reason="success_fee_not_started", hold=True, **common
                )
            override, cap, hold = pricing.success_fee_time_terms(
                state, plan._success_fee_terms()
            )
            if override:
                return pricing.TicketTerms(override, reason="success_fee", **common)
            return pricing.TicketTerms(
                "billable",
                reason="success_fee_hourly",
                cap_minutes=cap,
                hold=hold,
                **common,
            )
        if self.support_quota_state == "exceeded" and (
            rule.treatment if rule else plan.billing_default_treatment
        ) in ("quota", "free"):
            return pricing.TicketTerms("billable", reason="over_quota", **common)
        if entitlement == "excluded":
            return pricing.TicketTerms("billable", reason="excluded", **common)
        treatment = rule.treatment if rule else plan.billing_default_treatment
        if self.support_repeat_state == "paid" and treatment in ("quota", "free"):
            # halo_support's verdict (engine.commercial.repetition_verdict):
            # a repeated question after the warning is paid service.
            return pricing.TicketTerms("billable", reason="repeated_question", **common)
        if treatment == "quota" and self.support_quota_state != "counted":
            treatment = "free"
        return pricing.TicketTerms(
            treatment,
            reason="rule",
            free_minutes=rule.free_minutes if rule else 0,
            **common,
        )

    def _support_quota_scope(self, rule):
        """``(counts, allowance)``: whether the ticket is a request counted in
        a quota, and in which (an allowance, or the plan's main quota when
        empty).

        Only requests that are worked count: a refused one (not authorised,
        not eligible, out of scope) or a duplicate never does.  A rule that
        draws on a request allowance counts in it; the plan's main quota
        counts the kinds set on the plan, or the requests of 'quota' rules
        when the plan lists none.
        """
        self.ensure_one()
        allowance = self.env["support.plan.allowance"]
        duplicate = "duplicate_id" in self._fields and self.duplicate_id
        if self.entitlement != "covered" or duplicate:
            return False, allowance
        if rule and rule.treatment == "quota" and rule.allowance_id:
            return True, rule.allowance_id
        kinds = self.support_contract_id.plan_id.request_quota_type_ids
        if kinds:
            return self.type_id in kinds, allowance
        return bool(rule) and rule.treatment == "quota", allowance

    def _support_quota_day(self):
        """The day whose month's quota the request counts in: its request
        date (the day it was received), not the day it is judged."""
        self.ensure_one()
        return self.support_request_date or fields.Date.context_today(self)

    def _support_quota_release_reason(self):
        self.ensure_one()
        if "duplicate_id" in self._fields and self.duplicate_id:
            return self.env._(
                "Duplicate of %(ticket)s: request given back",
                ticket=self.duplicate_id.number or self.duplicate_id.name,
            )
        if self.entitlement != "covered":
            return self.env._(
                "Refused (%(entitlement)s): request given back",
                entitlement=dict(
                    self._fields["entitlement"]._description_selection(self.env)
                ).get(self.entitlement, self.entitlement),
            )
        return self.env._("No longer a counted request")

    def _support_quota_sync(self, rule):
        """Count the ticket once in the request quota it belongs to, in the
        month of its request date; give the request back when it is refused,
        a duplicate, no longer counted, counted in another quota or moved to
        another month."""
        self.ensure_one()
        counts, allowance = self._support_quota_scope(rule)
        day = self._support_quota_day()
        vals = {}
        if self.support_quota_state != "none":
            counted_day = self.support_quota_date
            if (
                counts
                and self.support_quota_wallet_id.allowance_id == allowance
                and (not counted_day or counted_day == day)
            ):
                return
            vals = self._support_quota_release()
        if counts:
            vals = self._support_quota_take(allowance, day) or vals
        if vals:
            self.sudo().with_context(support_billing_no_eval=True).write(vals)

    def _support_quota_release(self):
        """Give back the request counted earlier; the values that forget it."""
        if self.support_quota_state == "counted":
            self.support_quota_wallet_id.sudo()._refund(
                1,
                day=self.support_quota_date or None,
                ticket_id=self.id,
                reason=self._support_quota_release_reason(),
            )
        return {
            "support_quota_state": "none",
            "support_quota_wallet_id": False,
            "support_quota_date": False,
        }

    def _support_quota_take(self, allowance, day):
        """Count the request in the quota wallet of ``allowance`` for ``day``;
        the values that record it (empty without such a wallet). Beyond the
        quota the request is recorded as exceeded and the ticket told."""
        wallet = self.support_contract_id._support_wallet(
            "request", allowance=allowance
        )
        if not wallet:
            return {}
        taken = wallet.sudo()._consume(
            1,
            day=day,
            partial=True,
            ticket_id=self.id,
            reason=self.env._("Request %(ticket)s", ticket=self.number or self.name),
        )
        if not taken:
            self.message_post(
                body=self.env._(
                    "Beyond the quota of %(quota)s for %(month)s (%(wallet)s): "
                    "this request is flagged and its time is billable.",
                    quota=round(wallet.period_amount),
                    month=day.strftime("%m/%Y"),
                    wallet=wallet.allowance_id.name or self.env._("requests"),
                )
            )
        return {
            "support_quota_state": "counted" if taken else "exceeded",
            "support_quota_wallet_id": wallet.id,
            "support_quota_date": day,
        }

    def _support_billing_evaluate(self):
        """Judge every timesheet line of the tickets and move wallets to match.

        Invoiced lines keep their verdict.  Wallet movements are new ledger
        entries (consumption or refund), never edits.  The judgement is the
        system's (superuser rights, the user's identity kept): whoever logs
        time re-judges the ticket's lines of colleagues and moves the
        contract's wallet, which they may only read.
        """
        for ticket in self.sudo():
            lines = ticket.timesheet_ids.sorted(lambda line: (line.date, line.id))
            contract = ticket.support_contract_id
            if not contract.plan_id:
                for line in lines.filtered(lambda x: not x.support_invoice_line_id):
                    line._support_apply(None, "not_billable", "no_contract")
                continue
            if contract.state in ENDED_STATES:
                ticket._support_apply_contract_ended(lines)
                continue
            # The rule of the remote time also decides whether the ticket is
            # a counted request; onsite lines may follow a rule of their own.
            rule = ticket._support_billing_rule()
            ticket._support_quota_sync(rule)
            onsite = lines.filtered("support_onsite")
            groups = [(lines - onsite, rule)]
            if onsite:
                groups.append((onsite, ticket._support_billing_rule(onsite=True)))
            awaiting = False
            for group, group_rule in groups:
                if group:
                    terms = ticket._support_billing_terms(group_rule)
                    awaiting |= ticket._support_apply_terms(group, terms, group_rule)
            if lines.filtered(lambda x: x.support_verdict == "billable"):
                # Counted by halo_support for the account manager's offer.
                ticket._support_mark_paid_service()
            ticket._support_check_paid_work(rule, awaiting)

    def _support_check_paid_work(self, rule, awaiting):
        """Call :meth:`_on_paid_work_needed` once, when the engine finds that
        the ticket's time turned from free to paid work waiting for the
        customer's consent (``awaiting``: a line's chargeable time waits for
        it), or that its cause is on the customer's side under billable
        terms whose free time is used up."""
        self.ensure_one()
        # Asked already, or refused: not again.  An agreement that no longer
        # counts (a call where a specification is now needed) is asked again.
        if self.support_consent_state in ("requested", "refused"):
            return
        plan = self.support_contract_id.plan_id
        if self.support_consent_state == "accepted" and self._support_agreement_date(
            plan, rule
        ):
            return
        terms = self._support_billing_terms(rule)
        remote = self.timesheet_ids.filtered(lambda line: not line.support_onsite)
        worked = sum(line._support_minutes() for line in remote)
        customer_side = self.support_cause in pricing.CUSTOMER_SIDE_CAUSES
        if pricing.needs_consent(terms, awaiting, worked, customer_side):
            self._on_paid_work_needed(terms)

    def _support_apply_contract_ended(self, lines):
        """The time of a ticket whose contract was cancelled or expired.

        Lines judged before the contract ended and dated on or before its
        end keep their verdict: billable time is invoiced by the next
        billing run, time taken from a wallet stays taken. Lines logged or
        changed after it ended, or dated after the end, are not billed
        under the contract (what they took from a wallet is given back).
        """
        self.ensure_one()
        end = self.support_contract_id.date_end
        for line in lines:
            if line.support_invoice_line_id:
                continue
            if (
                line.support_verdict
                and line.support_verdict != "pending"
                and end
                and line.date <= end
            ):
                continue
            line._support_apply(None, "not_billable", "contract_ended")

    def _support_apply_terms(self, lines, terms, rule):
        """Judge ``lines`` (the remote or the onsite time of the ticket, in
        date order) under ``terms`` and ``rule``: the engine plans them, the
        wallet covers what it can, the rest is billed or not.  Returns
        whether a line's chargeable time waits for the customer's agreement."""
        self.ensure_one()
        plan = self.support_contract_id.plan_id
        inputs = [
            pricing.LineInput(
                line.id,
                line.date,
                line._support_minutes(),
                running=line._support_minutes() == 0,
                logged_at=line.create_date,
            )
            for line in lines
        ]
        planned = pricing.plan_ticket_lines(inputs, terms)
        wallet = self.env["support.wallet"]
        if terms.treatment == "wallet":
            wallet = self.support_contract_id._support_wallet(
                "time", allowance=rule.allowance_id
            )
        elif terms.treatment == "quota":
            wallet = self.support_quota_wallet_id
        context = {"terms": terms, "rule": rule, "plan": plan, "ticket": self}
        invoiced = {}
        awaiting = False
        for line, item in zip(lines, planned, strict=True):
            if line.support_invoice_line_id:
                continue
            covered = self._support_cover_line(line, item, terms, wallet, invoiced)
            verdict, reason, billable, amount = pricing.line_charge(
                item,
                covered,
                terms.rate,
                line.date,
                terms,
                plan.wallet_overage,
                logged_at=line.create_date,
            )
            awaiting |= reason == "no_agreement"
            line._support_apply(
                context,
                verdict,
                reason,
                wallet=wallet if (covered or terms.treatment == "quota") else None,
                covered=covered,
                billable=billable,
                rate=terms.rate if billable else 0,
                amount=amount,
                item=item,
            )
        return awaiting

    def _support_cover_line(self, line, item, terms, wallet, invoiced):
        """Move ``wallet`` so that it covers what ``item`` (the line's
        :class:`pricing.LinePlan`) makes chargeable to it; return the minutes
        the line now takes from the wallet.

        Time belongs to the period of its date: a line moved to another day
        (or ticket, or wallet) gives its old period the time back, and the
        new period is charged.  ``invoiced`` caches, per day, whether its
        period is invoiced (its expired lots are then not reopened).
        """
        covered = line.support_wallet_minutes
        wallet_work = (
            terms.treatment == "wallet" and wallet and item.verdict == "wallet"
        )
        want = item.chargeable if wallet_work else 0
        taken_for = line.support_wallet_date or None
        if covered and (
            line.support_wallet_id != wallet or (taken_for and taken_for != line.date)
        ):
            line.support_wallet_id.sudo()._refund(
                covered,
                day=taken_for,
                timesheet_id=line.id,
                reason=line._support_entry_reason(),
            )
            covered = 0
        # The wallet's balance is read under its lock by _consume, which
        # gives what it holds of a positive delta.
        _target, delta = pricing.split_coverage(want, covered)
        if delta > 0:
            if line.date not in invoiced:
                invoiced[line.date] = self.support_contract_id._support_period_invoiced(
                    line.date
                )
            covered += wallet.sudo()._consume(
                delta,
                day=line.date,
                partial=True,
                reopen=not invoiced[line.date],
                timesheet_id=line.id,
                ticket_id=self.id,
                reason=line._support_entry_reason(),
            )
        elif delta < 0:
            wallet.sudo()._refund(
                -delta,
                day=taken_for,
                timesheet_id=line.id,
                ticket_id=self.id,
                reason=line._support_entry_reason(),
            )
            covered += delta
        return covered

    # ------------------------------------------------------------------
    # Agreement to paid work
    # ------------------------------------------------------------------

    def _on_paid_work_needed(self, terms):
        """Hook: the ticket's time turned from free to paid work that needs
        the customer's consent (called once by the billing evaluation, see
        :meth:`_support_check_paid_work`).  Can be inherited.

        The consent is marked as asked; the agent is told at once on the
        ticket (a note and an activity, in the agent's language); the
        customer is asked by email with one-click links to the portal
        (:meth:`_support_consent_url`).  Under a plan that bills on a
        specification the agent is asked to send one instead
        (:meth:`action_support_send_specification`), which asks the customer.
        """
        specification = terms.agreement_whole
        for ticket in self:
            ticket.sudo().with_context(support_billing_no_eval=True).write(
                {
                    "support_consent_state": "requested",
                    "support_consent_kind": "specification"
                    if specification
                    else "paid_work",
                    "support_consent_requested_date": self.env.cr.now(),
                }
            )
            ticket._support_consent_tell_agent(specification)
            if not specification:
                ticket._support_consent_ask_customer()

    def _support_consent_agent(self):
        """The agent to tell: the ticket's assignee, else the internal user
        whose work made the time paid."""
        self.ensure_one()
        user = self.user_id or self.env.user
        if user._is_public() or user.share or user._is_superuser():
            return self.env["res.users"]
        return user

    def _support_consent_tell_agent(self, specification):
        self.ensure_one()
        agent = self._support_consent_agent()
        ticket = self.with_context(lang=agent.lang or self.env.lang)
        if specification:
            note = ticket.env._(
                "Paid work: this ticket's time is now billable work that needs "
                "the customer's acceptance of a specification. Attach the "
                "specification (Specification to send) and send it; until "
                "the customer accepts it, the time is not billed."
            )
            summary = ticket.env._("Send the specification of the paid work")
        else:
            note = ticket.env._(
                "Paid work: the free time of this ticket is used up. Further "
                "time is billable only from the customer's consent; the "
                "customer was asked by email and on the portal. Until they "
                "accept, further time is not billed."
            )
            summary = ticket.env._("Paid work: waiting for the customer's consent")
        ticket.message_post(body=note, subtype_xmlid="mail.mt_note")
        if agent:
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=agent.id,
                summary=summary,
                note=note,
            )

    def _support_consent_ask_customer(self, attachments=None):
        """Email the customer the request for consent (mail template, in the
        customer's language) with the one-click links; the message is in the
        ticket's conversation, so the portal shows it too."""
        self.ensure_one()
        template = self.env.ref("support_billing.mail_template_support_consent")
        self.message_post_with_source(
            template,
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
            attachment_ids=(attachments or self.env["ir.attachment"]).ids,
        )

    def _support_consent_url(self, decision):
        """The link of the email that opens the confirmation page of
        ``decision`` (accept or refuse).  It carries the ticket's portal
        access token: the page itself changes nothing (a GET that mail
        scanners may follow), its button posts the decision."""
        self.ensure_one()
        if decision not in CONSENT_DECISIONS:
            raise UserError(self.env._("Consent: unknown decision %s.", decision))
        token = self.sudo()._portal_ensure_token()
        return f"{self.get_base_url()}/my/ticket/{self.id}/consent/{decision}?{url_encode({'access_token': token})}"

    def _support_consent_moment(self, day=None, when=None):
        """``(moment, day)`` of a consent: ``when`` (naive UTC), else the
        start of ``day`` in the agent's time zone (an agreement recorded for
        a past day counts from that day's start), else now."""
        self.ensure_one()
        day = fields.Date.to_date(day)
        when = fields.Datetime.to_datetime(when)
        tz = pytz.timezone(
            (self.user_id or self.env.user).tz or self.company_id.partner_id.tz or "UTC"
        )
        if when:
            moment = when
        elif day:
            moment = (
                tz.localize(datetime.combine(day, time.min))
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
            )
        else:
            moment = self.env.cr.now()
        local_day = pytz.utc.localize(moment).astimezone(tz).date()
        return moment, day or local_day

    def _support_consent_check(self, channel, partner):
        self.ensure_one()
        if channel not in dict(AGREEMENT_CHANNELS):
            raise UserError(self.env._("Agreed by: choose how the customer agreed."))
        contract = self.support_contract_id
        if partner and contract and not contract._is_authorised(partner):
            raise UserError(
                self.env._(
                    "Consent: %(partner)s is not an authorised contact of "
                    "contract %(contract)s; only an authorised contact can "
                    "agree to or refuse paid work.",
                    partner=partner.display_name,
                    contract=contract.name,
                )
            )
        plan = contract.plan_id
        kind = (
            self._support_agreement_kind(self._support_billing_rule())
            if plan
            else "none"
        )
        if kind in ("written", "specification") and channel not in WRITTEN_CHANNELS:
            raise UserError(
                self.env._(
                    "Agreed by: plan %(plan)s needs the agreement in writing "
                    "(email or portal); a call is not enough.",
                    plan=plan.display_name,
                )
            )

    def _support_channel_label(self, channel):
        return dict(
            self._fields["support_agreement_channel"]._description_selection(self.env)
        )[channel]

    def _support_record_agreement(
        self, channel, partner=None, day=None, note=None, when=None
    ):
        """Record the customer's agreement to paid work (agent, portal, or
        the emailed link): its channel, contact and moment (``when``, else
        the start of ``day``, else now).  Billable time counts from that
        moment (:func:`pricing.agreement_covers`)."""
        for ticket in self:
            partner = partner or ticket.partner_id
            ticket._support_consent_check(channel, partner)
            moment, day = ticket._support_consent_moment(day, when)
            kind = ticket.support_consent_kind or "paid_work"
            # Whoever may change the ticket records the customer's answer,
            # through this method only (support_system fields).
            ticket.check_access("write")
            ticket.sudo().write(
                {
                    "support_agreement_date": day,
                    "support_agreement_channel": channel,
                    "support_agreement_partner_id": partner.id,
                    "support_consent_state": "accepted",
                    "support_consent_kind": kind,
                    "support_consent_date": moment,
                }
            )
            document = ticket.support_consent_document_id
            text = (
                self.env._(
                    "Specification %(document)s accepted by %(partner)s on "
                    "%(when)s (%(channel)s): its work is billable.",
                    document=document.name,
                    partner=partner.display_name,
                    when=ticket._support_format_moment(moment),
                    channel=ticket._support_channel_label(channel),
                )
                if kind == "specification" and document
                else self.env._(
                    "Paid work agreed by %(partner)s on %(when)s (%(channel)s): "
                    "time logged from then on is billable.",
                    partner=partner.display_name,
                    when=ticket._support_format_moment(moment),
                    channel=ticket._support_channel_label(channel),
                )
            )
            ticket.sudo().message_post(
                body=Markup("%s<br/>%s") % (text, note or ""),
                subtype_xmlid="mail.mt_note",
            )

    def _support_record_refusal(self, channel, partner=None, note=None, when=None):
        """Record the customer's refusal of paid work: no further time of the
        ticket is billable (verdict reason ``consent_refused``), and the
        ticket says so."""
        for ticket in self:
            partner = partner or ticket.partner_id
            ticket._support_consent_check(channel, partner)
            if ticket.support_consent_state == "accepted":
                raise UserError(
                    self.env._(
                        "Consent: paid work on ticket %(ticket)s was already "
                        "agreed on %(day)s; the agreement stands for the work "
                        "done. Close the ticket to stop the paid work.",
                        ticket=ticket.display_name,
                        day=ticket.support_agreement_date,
                    )
                )
            moment, _day = ticket._support_consent_moment(when=when)
            ticket.check_access("write")
            ticket.sudo().write(
                {
                    "support_agreement_channel": channel,
                    "support_agreement_partner_id": partner.id,
                    "support_consent_state": "refused",
                    "support_consent_kind": ticket.support_consent_kind or "paid_work",
                    "support_consent_date": moment,
                }
            )
            agent = ticket._support_consent_agent()
            told = ticket.with_context(lang=agent.lang or self.env.lang)
            text = told.env._(
                "Paid work refused by %(partner)s on %(when)s (%(channel)s): "
                "stop the paid work; further time on this ticket is not billed.",
                partner=partner.display_name,
                when=ticket._support_format_moment(moment),
                channel=told._support_channel_label(channel),
            )
            ticket.sudo().message_post(
                body=Markup("%s<br/>%s") % (text, note or ""),
                subtype_xmlid="mail.mt_note",
            )
            if agent:
                ticket.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=agent.id,
                    summary=told.env._("Paid work refused by the customer"),
                    note=text,
                )

    def _support_consent_decide(self, decision, channel, partner):
        """The customer's answer from the portal or the emailed link."""
        self.ensure_one()
        if decision == "accept":
            self._support_record_agreement(channel, partner=partner)
        elif decision == "refuse":
            self._support_record_refusal(channel, partner=partner)
        else:
            raise UserError(self.env._("Consent: unknown decision %s.", decision))

    def _support_format_moment(self, moment):
        """``moment`` (naive UTC) in the reader's format and time zone."""
        return format_datetime(self.env, moment, dt_format="short")

    def action_support_send_specification(self):
        """Send the attached specification to the customer for acceptance
        (portal buttons and the emailed links, like a consent to paid
        work); its acceptance makes the ticket's paid time billable."""
        for ticket in self:
            document = ticket.support_specification_id
            if not document:
                raise UserError(
                    self.env._(
                        "Specification to send: attach the specification to "
                        "ticket %(ticket)s first.",
                        ticket=ticket.display_name,
                    )
                )
            if (
                ticket.support_consent_state == "accepted"
                and ticket.support_consent_kind == "specification"
            ):
                raise UserError(
                    self.env._(
                        "Consent: the customer accepted a specification of "
                        "ticket %(ticket)s already.",
                        ticket=ticket.display_name,
                    )
                )
            ticket.check_access("write")
            ticket.sudo().with_context(support_billing_no_eval=True).write(
                {
                    "support_consent_state": "requested",
                    "support_consent_kind": "specification",
                    "support_consent_document_id": document.id,
                    "support_consent_requested_date": self.env.cr.now(),
                }
            )
            ticket._support_consent_ask_customer(attachments=document)
        return True

    def action_support_record_agreement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.agreement.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    # ------------------------------------------------------------------
    # Success fee workflow
    # ------------------------------------------------------------------

    def _success_fee_do(self, action, channel="agent", partner=None, note=None):
        """Move the success-fee case by ``action``; log who, how and when.

        The ticket row is locked first, so that a portal decision and an
        agent's cannot both pass.  An illegal action is a UserError naming
        the state and the allowed actions.  The ticket's time is judged
        again under the new state.
        """
        self.ensure_one()
        if not self.support_contract_id.plan_id.success_fee:
            raise UserError(
                self.env._(
                    "Success fee: ticket %(ticket)s is not under a success-fee plan.",
                    ticket=self.display_name,
                )
            )
        state = self._success_fee_locked_state()
        new_state = self._success_fee_next_state(state, action)
        vals = {"success_fee_state": new_state}
        if new_state in pricing.SUCCESS_FEE_FINAL:
            vals["success_fee_date"] = fields.Date.context_today(self)
        # The state is the workflow's (support_system): whoever may change the
        # ticket moves it, through this method only.
        self.check_access("write")
        self.sudo().with_context(support_billing_no_eval=True).write(vals)
        self._support_billing_evaluate()
        self._success_fee_log(action, state, new_state, channel, partner, note)
        return True

    def _success_fee_locked_state(self):
        """The case's state read under a lock of the ticket's row."""
        self.flush_recordset(["success_fee_state"])
        self.env.cr.execute(
            "SELECT id FROM helpdesk_ticket WHERE id = %s FOR NO KEY UPDATE", [self.id]
        )
        self.invalidate_recordset(["success_fee_state"])
        return self.success_fee_state

    def _success_fee_states(self):
        return dict(self._fields["success_fee_state"]._description_selection(self.env))

    def _success_fee_next_state(self, state, action):
        """The engine's next state, or a UserError naming what is possible."""
        try:
            return pricing.success_fee_transition(state, action)
        except pricing.PricingError as err:
            allowed = pricing.SUCCESS_FEE_TRANSITIONS.get(state, {})
            raise UserError(
                self.env._(
                    "Success fee of ticket %(ticket)s: '%(action)s' is not possible "
                    "when the case is '%(state)s'. Possible now: %(allowed)s.",
                    ticket=self.display_name,
                    action=self._success_fee_action_label(action),
                    state=self._success_fee_states()[state],
                    allowed=", ".join(
                        self._success_fee_action_label(a) for a in allowed
                    )
                    or self.env._("nothing, the case is closed"),
                )
            ) from err

    def _success_fee_log(self, action, state, new_state, channel, partner, note):
        """Post who moved the case, how and from which state to which."""
        states = self._success_fee_states()
        who = (partner or self.env.user.partner_id).display_name
        self.message_post(
            body=Markup("%s%s")
            % (
                self.env._(
                    "Success fee: %(action)s (%(old)s → %(new)s), by %(who)s via "
                    "%(channel)s.",
                    action=self._success_fee_action_label(action),
                    old=states[state],
                    new=states[new_state],
                    who=who,
                    channel=self.env._("the portal")
                    if channel == "portal"
                    else self.env._("the back office"),
                ),
                Markup("<br/>%s") % note if note else "",
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _success_fee_action_label(self, action):
        labels = {
            "accept_order": self.env._("Order accepted"),
            "solve": self.env._("Solved"),
            "reach_threshold": self.env._("Preliminary report sent"),
            "customer_accept": self.env._("Customer accepts the success fee"),
            "customer_refuse": self.env._("Customer refuses the success fee"),
            "fail": self.env._("Not solved"),
        }
        return labels.get(action, action)

    def _support_worked_minutes(self):
        self.ensure_one()
        return sum(line._support_minutes() for line in self.timesheet_ids)

    def action_success_fee_accept_order(self):
        """The order's acceptance (``_support_accept_order``): one action
        that also starts the clocks counting from it."""
        return self.action_support_accept_order()

    def _support_check_order_acceptance(self):
        """A success-fee case is accepted only once the customer accepted
        the terms, and only from its start."""
        res = super()._support_check_order_acceptance()
        for ticket in self._support_success_fee_tickets():
            plan = ticket.support_contract_id.plan_id
            if plan.agreement_required != "none" and not ticket._support_agreement_date(
                plan
            ):
                raise UserError(
                    self.env._(
                        "Success fee: the customer of ticket %(ticket)s has not "
                        "accepted the terms yet. Record the agreement first.",
                        ticket=ticket.display_name,
                    )
                )
            ticket._success_fee_next_state(ticket.success_fee_state, "accept_order")
        return res

    def _on_order_accepted(self, when, reason=None):
        """The order accepted: the hourly billing of a success-fee case
        opens."""
        res = super()._on_order_accepted(when, reason)
        for ticket in self._support_success_fee_tickets():
            ticket._success_fee_do("accept_order", note=reason)
        return res

    def _support_success_fee_tickets(self):
        return self.filtered(lambda t: t.support_contract_id.plan_id.success_fee)

    def action_success_fee_send_report(self):
        """At the threshold: send the preliminary report; hourly billing stops."""
        for ticket in self:
            plan = ticket.support_contract_id.plan_id
            terms = plan._success_fee_terms() if plan else None
            if ticket.success_fee_state == "hourly":
                worked = ticket._support_worked_minutes()
                if worked < terms.threshold_minutes:
                    raise UserError(
                        self.env._(
                            "Success fee: ticket %(ticket)s has %(worked).2f h of "
                            "work; the preliminary report is sent at the %(threshold)s "
                            "h threshold.",
                            ticket=ticket.display_name,
                            worked=worked / 60.0,
                            threshold=plan.success_fee_threshold,
                        )
                    )
                if not ticket.success_fee_report_id:
                    raise UserError(
                        self.env._(
                            "Preliminary report: attach it to ticket %(ticket)s "
                            "before sending it.",
                            ticket=ticket.display_name,
                        )
                    )
            ticket._success_fee_do("reach_threshold")
            ticket.message_post(
                body=self.env._(
                    "The preliminary report is attached. Our work so far did not "
                    "solve the problem: you may continue in success-fee mode "
                    "(%(solved)s if solved, %(failed)s if not) or stop here "
                    "(%(refused)s). Please answer on the portal or reply to us.",
                    solved=format_amount(
                        self.env, plan.success_fee_solved, plan.currency_id
                    ),
                    failed=format_amount(
                        self.env, plan.success_fee_not_solved, plan.currency_id
                    ),
                    refused=format_amount(
                        self.env, plan.success_fee_refused, plan.currency_id
                    ),
                ),
                attachment_ids=ticket.success_fee_report_id.ids,
                partner_ids=ticket.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_success_fee_customer_accept(self):
        for ticket in self:
            ticket._success_fee_do("customer_accept")
        return True

    def action_success_fee_customer_refuse(self):
        for ticket in self:
            ticket._success_fee_do("customer_refuse")
        return True

    def action_success_fee_solve(self):
        for ticket in self:
            ticket._success_fee_do("solve")
        return True

    def action_success_fee_diagnosis(self):
        """An exact diagnosis that it cannot be solved here counts as solved."""
        for ticket in self:
            ticket._success_fee_do(
                "solve",
                note=self.env._(
                    "Exact diagnosis: the problem cannot be solved in this "
                    "environment; this counts as solved."
                ),
            )
            ticket.with_context(
                support_billing_no_eval=True
            ).support_outcome = "diagnosis"
        return True

    def action_success_fee_fail(self):
        for ticket in self:
            ticket._success_fee_do("fail")
        return True
