# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import pricing
from .support_billing_rule import AGREEMENTS, TREATMENTS

WALLET_UNITS = [
    ("none", "No wallet"),
    ("minute", "Minute credits"),
    ("hour", "Hours"),
]
FEE_TYPES = [
    ("none", "No recurring fee"),
    ("fixed", "Fixed fee"),
    ("tier", "Yearly fee by size (tiers)"),
    ("licence_share", "Share of the licence value"),
    ("individual", "Priced individually (set on each contract)"),
]
TRAVEL_PRICINGS = [
    ("zone", "By travel zone of the site's region"),
    ("pricelist", "Travel products at the customer's pricelist"),
]


class SupportPlan(models.Model):
    """Billing terms of a plan: rates, rounding, wallets, fees and onsite."""

    _inherit = "support.plan"

    # --- time ----------------------------------------------------------
    billing_rule_ids = fields.One2many(
        comodel_name="support.billing.rule",
        inverse_name="plan_id",
        string="Billing rules",
        copy=True,
    )
    billing_default_treatment = fields.Selection(
        selection=TREATMENTS,
        string="Other work",
        default="free",
        required=True,
        help="What happens to the time of a ticket no billing rule matches.",
    )
    hourly_rate = fields.Monetary(
        currency_field="currency_id",
        help="Price of an hour of billable work, before the contract's price level.",
    )
    rounding_step = fields.Integer(
        string="Rounding step (min)",
        default=1,
        help="Billed time is rounded up to this many minutes (e.g. 30).",
    )
    rounding_minimum = fields.Integer(
        string="Minimum billed (min)",
        help="Billed time is at least this many minutes.",
    )
    rounding_per_ticket = fields.Boolean(
        string="Round per ticket",
        help="Round the ticket's total instead of each timesheet line.",
    )
    time_product_id = fields.Many2one(
        comodel_name="product.product",
        string="Time product",
        default=lambda self: self.env.ref(
            "support_billing.product_support_hour", raise_if_not_found=False
        ),
        help="Service product of billable hours on invoices.",
    )
    agreement_required = fields.Selection(
        selection=AGREEMENTS,
        string="Paid work needs",
        default="none",
        required=True,
        help="Billable time counts only from the customer's recorded agreement "
        "(in writing, or any recorded acceptance of the terms); with a "
        "specification, once the customer accepts the specification the "
        "agent sent, for the ticket's whole paid time.",
    )
    refund_on_rnd_fix = fields.Boolean(
        string="Refund credits of R&D fixes",
        help="Credits spent on a case escalated to R&D are refunded when it "
        "ends in a patch or a software update.",
    )
    # --- wallets -------------------------------------------------------
    wallet_unit = fields.Selection(
        selection=WALLET_UNITS,
        default="none",
        required=True,
        help="Unit of the contract's time wallet. A wallet holds minutes; an "
        "hour wallet shows them as hours.",
    )
    wallet_period_amount = fields.Float(
        string="Included per month",
        digits=(16, 2),
        help="Granted on the first day of each month, in the wallet's unit "
        "(e.g. 2 hours); unused time expires at the end of the month.",
    )
    wallet_overage = fields.Selection(
        selection=[
            ("bill", "Bill at the hourly rate"),
            ("block", "Refuse: the wallet must be topped up"),
        ],
        default="bill",
        required=True,
        string="Beyond the wallet",
    )
    allowance_ids = fields.One2many(
        comodel_name="support.plan.allowance",
        inverse_name="plan_id",
        string="Further allowances",
        copy=True,
        help="Monthly grants used up apart from the main wallet, each in a "
        "wallet of its own (e.g. hours of onsite work, regular PBX checks). "
        "Billing rules say which one they draw from.",
    )
    request_quota = fields.Integer(
        string="Requests per month",
        help="Requests counted in the month of their request date. A request "
        "beyond it is flagged and its time billed.",
    )
    request_quota_type_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.type",
        relation="support_plan_quota_type_rel",
        column1="plan_id",
        column2="type_id",
        string="Kinds counted",
        help="The kinds of request the monthly quota counts (e.g. service "
        "requests, consultations and changes). Empty: the requests "
        "whose billing rule says 'counted in the request quota'. Refused "
        "requests (not authorised, not eligible) and duplicates never count.",
    )
    # --- success fee ---------------------------------------------------
    success_fee = fields.Boolean(
        help="Hourly work up to a threshold, then a preliminary report and a "
        "flat fee by outcome."
    )
    success_fee_threshold = fields.Float(
        string="Threshold (hours)", default=5.0, digits=(16, 2)
    )
    success_fee_solved = fields.Monetary(
        string="Fee if solved", currency_field="currency_id", default=1500.0
    )
    success_fee_not_solved = fields.Monetary(
        string="Fee if not solved", currency_field="currency_id", default=400.0
    )
    success_fee_refused = fields.Monetary(
        string="Fee if refused", currency_field="currency_id", default=400.0
    )
    success_fee_product_id = fields.Many2one(
        comodel_name="product.product",
        string="Success fee product",
        default=lambda self: self.env.ref(
            "support_billing.product_support_success_fee", raise_if_not_found=False
        ),
    )
    # --- onsite --------------------------------------------------------
    onsite_day_rate = fields.Monetary(
        currency_field="currency_id",
        help="Price of an onsite day. A plan with a day rate is an onsite plan.",
    )
    onsite_min_days = fields.Integer(string="Minimum days", default=1)
    onsite_further_day_rate = fields.Monetary(
        string="Further days rate",
        currency_field="currency_id",
        help="When set, only the first day of a visit is at the day rate and "
        "each further day at this rate (e.g. a reduced first day, then the "
        "regular onsite rate). Empty: every day at the day rate.",
    )
    onsite_once_per_family = fields.Boolean(
        string="Once per product family",
        help="One day at this rate per product family, at the customer's first "
        "purchase of it.",
    )
    onsite_product_id = fields.Many2one(
        comodel_name="product.product",
        string="Onsite day product",
        default=lambda self: self.env.ref(
            "support_billing.product_support_onsite_day", raise_if_not_found=False
        ),
    )
    travel_product_id = fields.Many2one(
        comodel_name="product.product",
        default=lambda self: self.env.ref(
            "support_billing.product_support_travel", raise_if_not_found=False
        ),
    )
    travel_zone_ids = fields.Many2many(
        comodel_name="support.travel.zone",
        string="Travel zones",
        help="Travel cost per visit by the site's region.",
    )
    travel_pricing = fields.Selection(
        selection=TRAVEL_PRICINGS,
        default="zone",
        required=True,
        help="By travel zone: the zone of the site's region gives the travel "
        "cost of a visit (plans with a day rate). Travel products at the "
        "customer's pricelist: every completed visit bills one unit of each "
        "travel product at the price of the customer's pricelist (the "
        "product's list price without a rule), also on plans without a day "
        "rate whose onsite work is logged time.",
    )
    travel_pricelist_product_ids = fields.Many2many(
        comodel_name="product.product",
        relation="support_plan_travel_product_rel",
        column1="plan_id",
        column2="product_id",
        string="Travel products",
        help="Billed once per visit each (e.g. the technician's time on the "
        "road, the transport costs), priced by the customer's pricelist.",
    )
    # --- recurring fee -------------------------------------------------
    recurring_fee_type = fields.Selection(
        selection=FEE_TYPES, default="none", required=True
    )
    recurring_fee = fields.Monetary(
        string="Fee", currency_field="currency_id", help="The fixed fee a period."
    )
    recurring_rule_type = fields.Selection(
        selection=[("monthly", "Month(s)"), ("yearly", "Year(s)")],
        string="Invoiced every",
        default="monthly",
        required=True,
    )
    start_on_first_payment = fields.Boolean(
        string="Support starts when the first fee is paid",
        help="Activating a contract of this plan signs it: it waits, "
        '"Signed, awaiting first payment", until its first recurring-fee '
        "invoice is paid, and comes into force then. Requests received "
        "meanwhile are kept, told why, and judged again at that moment.",
    )
    licence_share_percent = fields.Float(
        string="Share of the licence value (%)",
        digits=(16, 4),
        help="The yearly fee is this percentage of the yearly value of the "
        "licences on the contract.",
    )
    tier_ids = fields.One2many(
        comodel_name="support.plan.tier",
        inverse_name="plan_id",
        string="Price tiers",
        copy=True,
    )
    fee_product_id = fields.Many2one(
        comodel_name="product.product",
        string="Fee product",
        default=lambda self: self.env.ref(
            "support_billing.product_support_subscription", raise_if_not_found=False
        ),
    )

    @api.constrains("start_on_first_payment", "recurring_fee_type")
    def _check_start_on_first_payment(self):
        for plan in self:
            if plan.start_on_first_payment and plan.recurring_fee_type == "none":
                raise ValidationError(
                    self.env._(
                        "Support starts when the first fee is paid: plan "
                        "%(plan)s has no recurring fee, so no invoice would "
                        "put its contracts in force. Set a recurring fee or "
                        "clear the option.",
                        plan=plan.display_name,
                    )
                )

    @api.constrains(
        "hourly_rate",
        "rounding_step",
        "rounding_minimum",
        "wallet_period_amount",
        "request_quota",
        "onsite_day_rate",
        "onsite_min_days",
        "onsite_further_day_rate",
        "recurring_fee",
        "licence_share_percent",
        "success_fee_threshold",
        "success_fee_solved",
        "success_fee_not_solved",
        "success_fee_refused",
    )
    def _check_billing_numbers(self):
        for plan in self:
            problems = []
            if plan.rounding_step < 1:
                problems.append(
                    self.env._("the rounding step must be 1 minute or more")
                )
            if plan.onsite_min_days < 1:
                problems.append(self.env._("the minimum onsite days must be 1 or more"))
            if plan.success_fee and plan.success_fee_threshold <= 0:
                problems.append(
                    self.env._("the success-fee threshold must be positive")
                )
            for field in (
                "hourly_rate",
                "rounding_minimum",
                "wallet_period_amount",
                "request_quota",
                "onsite_day_rate",
                "onsite_further_day_rate",
                "recurring_fee",
                "licence_share_percent",
                "success_fee_solved",
                "success_fee_not_solved",
                "success_fee_refused",
            ):
                if plan[field] < 0:
                    problems.append(
                        self.env._(
                            "%(field)s cannot be negative (enter 0 or more)",
                            field=plan._fields[field]._description_string(self.env),
                        )
                    )
            if problems:
                raise ValidationError(
                    self.env._(
                        "Plan %(plan)s: %(problems)s.",
                        plan=plan.display_name,
                        problems="; ".join(problems),
                    )
                )

    # ------------------------------------------------------------------
    # Helpers for the engine
    # ------------------------------------------------------------------

    def _billing_rounding(self):
        self.ensure_one()
        return pricing.Rounding(
            step=max(self.rounding_step, 1),
            minimum=self.rounding_minimum,
            per_ticket=self.rounding_per_ticket,
        )

    def _billing_rule_for(self, category, cause, outcome, onsite=False, kind=None):
        """The matching billing rule record (or an empty recordset) of time
        spent remotely, or at the customer's site with ``onsite``, for a
        ticket of request kind ``kind`` (a helpdesk.ticket.type id)."""
        self.ensure_one()
        # Sorted here: a rule created in this transaction is appended to the
        # cached one2many whatever its sequence.
        rules = self.billing_rule_ids.sorted(lambda rule: (rule.sequence, rule.id))
        match = pricing.match_rule(
            rules._to_engine(),
            category or None,
            cause or "unknown",
            outcome or "none",
            onsite=onsite,
            kind=kind or None,
        )
        return rules.browse(int(match.name)) if match else rules.browse()

    def _portal_kind_billing(self, kind, covered):
        """How the time of a request of ``kind`` is billed, told to the
        customer on the contract page: the description of the billing rule
        its time follows (cause not known yet, no outcome, remote work), or
        the treatment of the plan's default."""
        self.ensure_one()
        treatments = dict(
            self.env["support.billing.rule"]
            ._fields["treatment"]
            ._description_selection(self.env)
        )
        if not covered:
            if self.hourly_rate:
                return self.env._("Billable at the hourly rate, on a quote")
            return self.env._("On a quote")
        rule = self._billing_rule_for(
            kind.support_category, "unknown", "none", kind=kind.id
        )
        if rule:
            return rule.name or treatments[rule.treatment]
        return treatments[self.billing_default_treatment]

    def _success_fee_terms(self):
        self.ensure_one()
        return pricing.SuccessFeeTerms(
            threshold_minutes=round(self.success_fee_threshold * 60),
            fee_solved=pricing.to_decimal(self.success_fee_solved),
            fee_not_solved=pricing.to_decimal(self.success_fee_not_solved),
            fee_refused=pricing.to_decimal(self.success_fee_refused),
        )
