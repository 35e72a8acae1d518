# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure pricing arithmetic of support billing (no Odoo import).

Like ``odoo/addons/resource/models/utils.py``, these functions take plain
values and return plain values, so that every number of the vendor policies
can be checked by table-driven tests without a database.

Conventions:

* durations are whole **minutes** (``int``); a timesheet's hours are turned
  into minutes once, by :func:`hours_to_minutes`;
* money is :class:`decimal.Decimal` rounded half-up to the cent; the ORM layer
  converts to ``float`` at the boundary;
* errors are :class:`PricingError` (a ``ValueError``) whose ``code`` names the
  problem, so that the ORM layer can raise a translated ``UserError``.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

# Selection keys with their (English) labels: the models build their
# Selection fields from these pairs, so that a key is declared once.  The
# labels are exported for translation from the fields like any Selection.

# Where the cause of a fault lies (helpdesk.ticket.support_cause).
CAUSE_SELECTION = (
    ("unknown", "Not known yet"),
    ("product", "The product (vendor's side)"),
    ("customer", "The customer (network, settings, operator)"),
    ("third_party", "A third party (carrier, hosting, CRM vendor)"),
    ("customer_hardware", "The customer's hardware or software"),
)
CAUSES = tuple(key for key, _label in CAUSE_SELECTION)
CUSTOMER_SIDE_CAUSES = frozenset({"customer", "third_party", "customer_hardware"})

# Which causes a billing rule matches (support.billing.rule.cause_scope).
CAUSE_SCOPE_SELECTION = (
    ("any", "Any cause"),
    ("customer_side", "Customer's side"),
    ("vendor_side", "Vendor's side or unknown"),
)
CAUSE_SCOPES = tuple(key for key, _label in CAUSE_SCOPE_SELECTION)

# Outcomes of a ticket that change its billing (helpdesk.ticket.support_outcome).
OUTCOME_SELECTION = (
    ("none", "Not concluded"),
    ("configuration", "Solved by standard configuration"),
    ("patch", "R&D patch"),
    ("update", "Software update"),
    ("workaround", "Workaround"),
    ("diagnosis", "Exact diagnosis"),
    ("not_solved", "Not solved"),
)
OUTCOMES = tuple(key for key, _label in OUTCOME_SELECTION)
RND_FIX_OUTCOMES = frozenset({"patch", "update"})

# What a plan's billing rule does with the time of a matching ticket.
TREATMENT_SELECTION = (
    ("free", "Free"),
    ("wallet", "Covered by the wallet"),
    ("quota", "Counted in the request quota"),
    ("billable", "Billable at the hourly rate"),
    ("not_billable", "Not billable"),
)
TREATMENTS = tuple(key for key, _label in TREATMENT_SELECTION)

# Where the time of a line was spent; a rule may apply to one place only
# (onsite work may come from its own monthly allowance).
WORK_PLACE_SELECTION = (
    ("any", "Anywhere"),
    ("remote", "Remote"),
    ("onsite", "Onsite"),
)
WORK_PLACES = tuple(key for key, _label in WORK_PLACE_SELECTION)

# The verdict stored on every timesheet line of a ticket.
VERDICT_SELECTION = (
    ("free", "Free"),
    ("wallet", "Covered by wallet"),
    ("billable", "Billable"),
    ("not_billable", "Not billable"),
    ("pending", "Pending"),
)
VERDICTS = tuple(key for key, _label in VERDICT_SELECTION)


class PricingError(ValueError):
    """Bad input for a pricing function; ``code`` names the problem."""

    def __init__(self, code, message, **params):
        super().__init__(message % params if params else message)
        self.code = code
        self.params = params


# ---------------------------------------------------------------------------
# Money and durations
# ---------------------------------------------------------------------------


def to_decimal(value):
    """Decimal of an int, float, str or Decimal; floats through ``repr``."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def money(value):
    """Round an amount half-up to the cent."""
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def hours_to_minutes(hours):
    """Whole minutes of a timesheet duration in hours (0.75 -> 45).

    Negative durations are bad input; zero is allowed (a running timer of
    project_timesheet_time_control has no duration yet).
    """
    minutes = int((to_decimal(hours) * 60).quantize(Decimal(1), ROUND_HALF_UP))
    if minutes < 0:
        raise PricingError(
            "negative_duration",
            "A duration cannot be negative (%(hours)s h).",
            hours=hours,
        )
    return minutes


def hourly_rate(plan_rate, price_level=1):
    """The customer's hourly rate: the plan's rate times the price level."""
    level = to_decimal(price_level)
    if level <= 0:
        raise PricingError(
            "bad_price_level",
            "The price level must be positive (got %(level)s).",
            level=price_level,
        )
    rate = to_decimal(plan_rate)
    if rate < 0:
        raise PricingError(
            "negative_rate", "An hourly rate cannot be negative (%(rate)s).", rate=rate
        )
    return money(rate * level)


def amount_for_minutes(minutes, rate):
    """Money for ``minutes`` of work at an hourly ``rate``."""
    return money(to_decimal(minutes) * to_decimal(rate) / 60)


def quantize_quantity(value, digits):
    """A quantity rounded half-up to ``digits`` decimals (the precision of
    its unit on an invoice line)."""
    return to_decimal(value).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)


class LinePricer:
    """Unit prices of invoice lines whose amounts are given exactly.

    An invoice line is ``quantity x price_unit``, rounded half-up to the
    currency's ``cent``; the quantity (hours to the unit's precision) and the
    price (to ``price_digits`` decimals, Odoo's 'Product Price' precision)
    are both rounded, so the rate itself rarely gives the amount: 37 minutes
    at 45/h are 27.75, 0.62 h x 45 = 27.90.  :meth:`price` finds the price
    whose line is exactly the amount.

    ``carry`` is what the unrounded lines of the document add beyond their
    rounded amounts; each price is chosen so that it stays within one price
    step's worth of a line, so that a document rounded globally (the tax
    setting "Round Globally") totals the exact sum of the amounts too.
    """

    def __init__(self, price_digits=2, cent=CENT, carry=0):
        self.step = Decimal(1).scaleb(-price_digits)
        self.price_digits = price_digits
        self.cent = to_decimal(cent)
        self.carry = to_decimal(carry)

    def _round(self, value):
        return (value / self.cent).quantize(Decimal(1), ROUND_HALF_UP) * self.cent

    def add(self, quantity, price):
        """Account for a line already on the document."""
        raw = to_decimal(quantity) * to_decimal(price)
        self.carry += raw - self._round(raw)

    def price(self, quantity, amount):
        """The unit price of ``quantity`` whose line is exactly ``amount``."""
        quantity = to_decimal(quantity)
        amount = self._round(to_decimal(amount))
        if quantity <= 0:
            if amount:
                raise PricingError(
                    "no_quantity",
                    "An amount of %(amount)s needs a positive quantity.",
                    amount=amount,
                )
            return Decimal(0)
        target = amount - self.carry
        first = (target / quantity).quantize(self.step, ROUND_HALF_UP)
        candidates = [first + index * self.step for index in range(-3, 4)]
        exact = [
            price for price in candidates if self._round(quantity * price) == amount
        ]
        if not exact:
            needed = self.price_digits
            while quantity * Decimal(1).scaleb(-needed) > self.cent:
                needed += 1
            raise PricingError(
                "price_precision",
                "%(quantity)s x a price of %(digits)s decimals cannot make "
                "%(amount)s exactly; prices need %(needed)s decimals.",
                quantity=quantity,
                amount=amount,
                digits=self.price_digits,
                needed=needed,
            )
        price = min(exact, key=lambda p: (abs(quantity * p - target), p))
        self.add(quantity, price)
        return price


# ---------------------------------------------------------------------------
# Rounding of billed time
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rounding:
    """How a plan rounds billed time: up to ``step`` minutes, at least
    ``minimum`` minutes, for each line or for the ticket as a whole."""

    step: int = 1
    minimum: int = 0
    per_ticket: bool = False

    def __post_init__(self):
        if self.step < 1:
            raise PricingError(
                "bad_step", "The rounding step must be at least 1 minute."
            )
        if self.minimum < 0:
            raise PricingError(
                "bad_minimum", "The minimum billed time cannot be negative."
            )


def round_minutes(minutes, rounding):
    """Billed minutes of ``minutes`` of work: rounded up to the step, at least
    the minimum; no work is never billed."""
    if minutes < 0:
        raise PricingError(
            "negative_duration", "A duration cannot be negative (%(m)s min).", m=minutes
        )
    if minutes == 0:
        return 0
    billed = math.ceil(minutes / rounding.step) * rounding.step
    return max(billed, rounding.minimum)


def round_lines(minutes_list, rounding):
    """Billed minutes of each line of one ticket, in the lines' order.

    Per line, each line is rounded on its own.  Per ticket, the rounding
    applies to the running total and each line bills the increase it causes:
    the sum is the rounded total of the ticket, and the billed minutes of a
    line never change when later lines are added (so an invoiced line stays
    right).
    """
    if not rounding.per_ticket:
        return [round_minutes(m, rounding) for m in minutes_list]
    billed = []
    total = 0
    billed_total = 0
    for minutes in minutes_list:
        total += minutes
        rounded_total = round_minutes(total, rounding)
        billed.append(rounded_total - billed_total)
        billed_total = rounded_total
    return billed


# ---------------------------------------------------------------------------
# Billing rules of a plan
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A line of a plan's billing table.

    ``category`` / ``outcome`` ``None`` match any value; ``cause_scope`` is
    ``any``, ``customer_side`` (customer, third party, customer's hardware)
    or ``vendor_side`` (everything else, an unknown cause included);
    ``work_place`` is ``any``, ``remote`` or ``onsite``; ``kinds`` (the
    ids of request kinds) ``None`` matches any kind, else only those: a
    rule may single out one kind among the kinds of a category.
    """

    treatment: str
    category: str | None = None
    cause_scope: str = "any"
    outcome: str | None = None
    free_minutes: int = 0
    name: str = ""
    work_place: str = "any"
    kinds: frozenset | None = None

    def __post_init__(self):
        if self.treatment not in TREATMENTS:
            raise PricingError(
                "bad_treatment", "Unknown treatment %(t)r.", t=self.treatment
            )
        if self.cause_scope not in CAUSE_SCOPES:
            raise PricingError(
                "bad_cause_scope", "Unknown cause scope %(s)r.", s=self.cause_scope
            )
        if self.free_minutes < 0:
            raise PricingError("bad_free_minutes", "Free minutes cannot be negative.")
        if self.work_place not in WORK_PLACES:
            raise PricingError(
                "bad_work_place", "Unknown work place %(w)r.", w=self.work_place
            )

    def matches(self, category, cause, outcome, onsite=False, kind=None):
        if self.work_place != "any" and (self.work_place == "onsite") != onsite:
            return False
        if self.kinds is not None and kind not in self.kinds:
            return False
        if self.category is not None and self.category != category:
            return False
        if self.outcome is not None and self.outcome != (outcome or "none"):
            return False
        customer_side = cause in CUSTOMER_SIDE_CAUSES
        if self.cause_scope == "customer_side" and not customer_side:
            return False
        return not (self.cause_scope == "vendor_side" and customer_side)


def match_rule(
    rules,
    category,
    cause="unknown",
    outcome="none",
    default=None,
    onsite=False,
    kind=None,
):
    """The first rule (in the given order) matching the ticket's time spent
    remotely (or, with ``onsite``, at the customer's site), else ``default``.
    ``kind`` is the ticket's request kind, for rules naming kinds."""
    for rule in rules:
        if rule.matches(category, cause, outcome, onsite, kind):
            return rule
    return default


# ---------------------------------------------------------------------------
# Verdicts of the time of one ticket
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TicketTerms:
    """Everything that decides how the time of one ticket is billed.

    ``treatment`` comes from the matching rule, or from a ticket-level
    override (request beyond quota, R&D fix refunded, success fee).
    ``cap_minutes`` bounds the hourly time (success-fee threshold);
    ``hold`` keeps the time pending (success-fee case still running).
    ``agreement_date`` is the day of the customer's recorded agreement to
    paid work, required when ``agreement_required``; ``agreement_at`` its
    moment (naive UTC), which splits the time logged on that day (see
    :func:`agreement_covers`).  ``agreement_whole``: the agreement covers the
    ticket's time whatever its date (a specification of the time spent).
    ``refused``: the customer refused paid work.
    """

    treatment: str
    reason: str = ""
    free_minutes: int = 0
    rounding: Rounding = Rounding()
    rate: Decimal = Decimal(0)
    agreement_required: bool = False
    agreement_date: object = None
    cap_minutes: int | None = None
    hold: bool = False
    agreement_at: object = None
    agreement_whole: bool = False
    refused: bool = False


@dataclass
class LineInput:
    """One timesheet line: ``key`` identifies it, ``date`` is comparable with
    the agreement date, ``running`` marks a timer still running,
    ``logged_at`` is when it was logged (comparable with the agreement's
    moment)."""

    key: object
    date: object
    minutes: int
    running: bool = False
    logged_at: object = None


@dataclass
class LinePlan:
    """What the ticket's terms make of one line, before wallets.

    ``chargeable`` is the rounded time to cover from a wallet or bill;
    ``free`` and ``excluded`` explain the rest of the line.
    """

    key: object
    verdict: str
    reason: str
    minutes: int
    free: int = 0
    chargeable: int = 0
    excluded: int = 0


def plan_ticket_lines(lines, terms):
    """Split the time of a ticket's lines (in chronological order).

    Returns one :class:`LinePlan` per line.  Wallet coverage and the money
    are decided afterwards (:func:`split_coverage`, :func:`line_charge`),
    because the wallet's balance is only known under its lock.
    """
    if terms.treatment in ("free", "not_billable", "quota"):
        return _plan_uncharged_lines(lines, terms)
    result = []
    # Time beyond the free allowance and below the cap is chargeable; the
    # rounding then applies to the chargeable minutes only.
    used = 0
    raw = []
    for line in lines:
        minutes = 0 if line.running else line.minutes
        start, end = used, used + minutes
        used = end
        free = max(0, min(end, terms.free_minutes) - start)
        cap_end = end if terms.cap_minutes is None else min(end, terms.cap_minutes)
        chargeable = max(0, cap_end - max(start, terms.free_minutes))
        excluded = minutes - free - chargeable
        raw.append((line, free, chargeable, excluded))
    rounded = round_lines([r[2] for r in raw], terms.rounding)
    for (line, free, chargeable, excluded), billed in zip(raw, rounded, strict=True):
        if line.running:
            verdict, reason = "pending", "running"
        elif terms.hold and (chargeable or billed):
            verdict, reason = "pending", "success_fee_running"
        elif billed:
            verdict, reason = (
                ("wallet" if terms.treatment == "wallet" else "billable"),
                terms.reason,
            )
        elif excluded:
            verdict, reason = "not_billable", "beyond_cap"
        else:
            verdict, reason = "free", "free_allowance"
        result.append(
            LinePlan(
                line.key,
                verdict,
                reason,
                line.minutes,
                free=free,
                chargeable=billed,
                excluded=excluded,
            )
        )
    return result


def _plan_uncharged_lines(lines, terms):
    """The lines of a ticket whose time is never charged: free, not
    billable, or counted as one request in a quota (the time itself free)."""
    verdict = {"free": "free", "quota": "wallet"}.get(terms.treatment, "not_billable")
    return [
        LinePlan(
            line.key,
            "pending" if line.running else verdict,
            "running" if line.running else terms.reason,
            line.minutes,
            free=line.minutes if verdict != "not_billable" else 0,
            excluded=line.minutes if verdict == "not_billable" else 0,
        )
        for line in lines
    ]


def split_coverage(chargeable, covered, available=None):
    """Wallet coverage of a line: ``(target, delta)``.

    ``covered`` is what the line already took from the wallet, ``available``
    the wallet's balance now.  The target never exceeds the chargeable time;
    a negative delta is a refund to the wallet.  With ``available`` None the
    wallet's balance is not known yet (it is read under the wallet's lock):
    a positive delta is then what to ask of the wallet, which gives what it
    holds (``support.wallet._consume(partial=True)``).
    """
    if chargeable < 0 or covered < 0 or (available is not None and available < 0):
        raise PricingError("negative_quantity", "Wallet quantities cannot be negative.")
    target = chargeable if available is None else min(chargeable, covered + available)
    return target, target - covered


def agreement_covers(terms, line_date, logged_at=None):
    """Whether the customer's agreement to paid work covers a line.

    Without a required agreement every line is covered; with one, a line
    dated after the agreement's day is, a line dated before it is not.  A
    line dated on the agreement's day is covered when it was logged at or
    after the agreement's moment (``agreement_at``): the work that led to
    asking the customer stays unbilled, the work done once they agreed is
    billed.  An agreement recorded for a past day has that day's start as
    its moment, so the whole day counts.  A specification
    (``agreement_whole``) covers the ticket's time whatever its date.
    """
    if not terms.agreement_required:
        return True
    if terms.agreement_date is None:
        return False
    if terms.agreement_whole or line_date > terms.agreement_date:
        return True
    if line_date < terms.agreement_date:
        return False
    return (
        terms.agreement_at is None
        or logged_at is None
        or (logged_at >= terms.agreement_at)
    )


def needs_consent(terms, awaiting, worked=0, customer_side=False):
    """Whether the ticket's time just turned from free to paid work that
    waits for the customer's consent.

    It does when a line's chargeable time awaits the agreement
    (``awaiting``: its free time ran out, its wallet is empty), or when the
    cause was set on the customer's side under billable terms whose free
    minutes are used up (``worked`` minutes so far): the next minute is
    paid.  Never once the customer agreed or refused.
    """
    if not terms.agreement_required or terms.agreement_date is not None:
        return False
    if terms.refused:
        return False
    if awaiting:
        return True
    return bool(
        customer_side
        and terms.treatment == "billable"
        and not terms.hold
        and worked >= terms.free_minutes
    )


def line_charge(
    planned, covered, rate, line_date, terms, overage="bill", logged_at=None
):
    """Final ``(verdict, reason, billable_minutes, amount)`` of a planned line
    once ``covered`` minutes of it came from a wallet.

    The rest is billed at ``rate`` -- for a wallet plan only when the plan
    bills overage -- and only when the customer's agreement to paid work
    covers the line (:func:`agreement_covers`); otherwise it is not
    billable, with the reason (``consent_refused`` once the customer
    refused).
    """
    if planned.verdict not in ("wallet", "billable"):
        return planned.verdict, planned.reason, 0, money(0)
    rest = planned.chargeable - covered
    if rest <= 0:
        return "wallet", planned.reason, 0, money(0)
    if terms.treatment == "wallet" and overage != "bill":
        return "not_billable", "wallet_empty", 0, money(0)
    if not agreement_covers(terms, line_date, logged_at):
        reason = "consent_refused" if terms.refused else "no_agreement"
        return "not_billable", reason, 0, money(0)
    if to_decimal(rate) <= 0:
        # Billable work without a price is a configuration gap, not a
        # zero-amount invoice line.
        return "not_billable", "no_rate", 0, money(0)
    reason = "overage" if terms.treatment == "wallet" else planned.reason
    return "billable", reason, rest, amount_for_minutes(rest, rate)


# ---------------------------------------------------------------------------
# Success fee
# ---------------------------------------------------------------------------

# The states of a success-fee case (helpdesk.ticket.success_fee_state).
SUCCESS_FEE_STATE_SELECTION = (
    ("none", "Order not accepted"),
    ("hourly", "Hourly work"),
    ("report_sent", "Preliminary report sent"),
    ("fee_accepted", "Success fee accepted"),
    ("solved_hourly", "Solved within the threshold"),
    ("refused", "Success fee refused"),
    ("solved", "Solved (success fee)"),
    ("not_solved", "Not solved (success fee)"),
)
# state -> {action: next state}
SUCCESS_FEE_TRANSITIONS = {
    "none": {"accept_order": "hourly"},
    "hourly": {"solve": "solved_hourly", "reach_threshold": "report_sent"},
    "report_sent": {"customer_accept": "fee_accepted", "customer_refuse": "refused"},
    "fee_accepted": {"solve": "solved", "fail": "not_solved"},
    "solved_hourly": {},
    "refused": {},
    "solved": {},
    "not_solved": {},
}
SUCCESS_FEE_FINAL = frozenset({"solved_hourly", "refused", "solved", "not_solved"})


def success_fee_transition(state, action):
    """The next state of a success-fee case, or :class:`PricingError`."""
    allowed = SUCCESS_FEE_TRANSITIONS.get(state)
    if allowed is None:
        raise PricingError("bad_state", "Unknown success-fee state %(s)r.", s=state)
    if action not in allowed:
        raise PricingError(
            "illegal_transition",
            "Action %(action)r is not allowed in success-fee state %(state)r "
            "(allowed: %(allowed)s).",
            action=action,
            state=state,
            allowed=", ".join(sorted(allowed)) or "none, the case is closed",
        )
    return allowed[action]


@dataclass(frozen=True)
class SuccessFeeTerms:
    """A success-fee plan: hourly work up to ``threshold_minutes``, then a
    flat fee by how the case ends (solved, not solved, refused)."""

    threshold_minutes: int
    fee_solved: Decimal
    fee_not_solved: Decimal
    fee_refused: Decimal


def success_fee_amount(state, terms):
    """The flat fee a case owes in ``state`` (0 when billed by the hour)."""
    return money(
        {
            "solved": terms.fee_solved,
            "not_solved": terms.fee_not_solved,
            "refused": terms.fee_refused,
        }.get(state, 0)
    )


def success_fee_time_terms(state, terms):
    """``(treatment_override, cap_minutes, hold)`` for the hourly time.

    Hourly work is billed only when the case ends solved within the
    threshold (capped at it); while the case runs it is pending; once the
    preliminary report is sent the flat fee replaces the hourly billing.
    """
    if state == "none":
        return None, None, False
    if state == "hourly":
        return None, terms.threshold_minutes, True
    if state == "solved_hourly":
        return None, terms.threshold_minutes, False
    return "not_billable", None, False


# ---------------------------------------------------------------------------
# Onsite visits and travel
# ---------------------------------------------------------------------------


def onsite_days(date_start, date_end, minimum_days=1):
    """Billed days of a visit: the calendar days it spans, at least the
    minimum.  ``date_end`` before ``date_start`` is bad input."""
    if date_end < date_start:
        raise PricingError(
            "bad_dates",
            "The visit ends (%(end)s) before it starts (%(start)s).",
            start=date_start,
            end=date_end,
        )
    return max((date_end - date_start).days + 1, minimum_days)


def onsite_amount(days, day_rate, minimum_days=1, further_day_rate=None):
    """Day rate times the days, at least ``minimum_days``; with a
    ``further_day_rate``, only the first day is at ``day_rate`` and every
    further day at that rate."""
    if days <= 0:
        raise PricingError(
            "bad_days", "An onsite visit lasts at least one day (got %(d)s).", d=days
        )
    billed = max(days, minimum_days)
    if further_day_rate:
        return money(to_decimal(day_rate) + (billed - 1) * to_decimal(further_day_rate))
    return money(billed * to_decimal(day_rate))


def travel_zone(state, zones):
    """The zone whose travel cost applies to a site in region ``state``.

    ``zones`` is an iterable of ``(key, states, is_default)`` in order: the
    first zone listing the region wins, else the first default zone (the
    "any other region" one).  Returns its key, or None when the site has no
    region or no zone covers it -- the caller says which of the two to fix.
    """
    if not state:
        return None
    zones = list(zones)
    for key, states, _is_default in zones:
        if state in states:
            return key
    for key, _states, is_default in zones:
        if is_default:
            return key
    return None


# ---------------------------------------------------------------------------
# Recurring fees
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Tier:
    """A yearly price tier; each ``max_*`` is inclusive, ``None`` unbounded."""

    amount: Decimal
    max_employees: int | None = None
    max_calls: int | None = None
    max_complexity: int | None = None


def _tier_index(tiers, attr, value):
    for index, tier in enumerate(tiers):
        bound = getattr(tier, attr)
        if bound is None or value <= bound:
            return index
    raise PricingError(
        "no_tier", "No tier accepts %(attr)s = %(value)s.", attr=attr, value=value
    )


def tier_for(tiers, employees=0, calls=0, complexity=1):
    """The highest tier reached by any criterion (employees, calls a day,
    complexity).

    ``tiers`` are ordered from the smallest; returns ``(index, tier)``.
    """
    if not tiers:
        raise PricingError("no_tier", "The plan has no price tiers.")
    for name, value in (
        ("employees", employees),
        ("calls", calls),
        ("complexity", complexity),
    ):
        if value < 0:
            raise PricingError(
                "negative_size", "The %(name)s cannot be negative.", name=name
            )
    index = max(
        _tier_index(tiers, "max_employees", employees),
        _tier_index(tiers, "max_calls", calls),
        _tier_index(tiers, "max_complexity", complexity),
    )
    return index, tiers[index]


def licence_share(licence_values, percent):
    """A percentage of the yearly licence value."""
    percent = to_decimal(percent)
    if percent < 0:
        raise PricingError("negative_percent", "A percentage cannot be negative.")
    return money(
        sum((to_decimal(v) for v in licence_values), Decimal(0)) * percent / 100
    )


def recurring_fee(fee_type, fixed=0, tiers=(), size=None, licence_values=(), percent=0):
    """The recurring fee of a plan for one contract."""
    if fee_type == "none":
        return money(0)
    if fee_type == "fixed":
        return money(fixed)
    if fee_type == "tier":
        return money(tier_for(tiers, **(size or {}))[1].amount)
    if fee_type == "licence_share":
        return licence_share(licence_values, percent)
    raise PricingError("bad_fee_type", "Unknown fee type %(t)r.", t=fee_type)
