# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Entitlement of a support request, as pure functions of plain values.

Nothing here imports Odoo: the ORM gathers the facts of a ticket into an
:class:`IntakeFacts` and asks :func:`compute_verdict` for the verdict; the
same functions are table-tested without a database
(``tests/test_engine_entitlement.py``).

A verdict is one of :data:`VERDICTS`; it comes with a reason *code* and the
parameters of its message, so that the model can translate the wording.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

COVERED = "covered"
NOT_AUTHORISED = "not_authorised"
NOT_ELIGIBLE = "not_eligible"
EXCLUDED = "excluded"
NO_CONTRACT = "no_contract"
REFUSED = "refused"
VERDICTS = (COVERED, NOT_AUTHORISED, NOT_ELIGIBLE, EXCLUDED, NO_CONTRACT, REFUSED)

RULE_NONE = "none"
RULE_PURCHASED_WITHIN = "purchased_within"
RULE_FIRST_OF_FAMILY = "first_of_family"
RULE_REGISTERED_LICENCE = "registered_licence"
ELIGIBILITY_RULES = (
    RULE_NONE,
    RULE_PURCHASED_WITHIN,
    RULE_FIRST_OF_FAMILY,
    RULE_REGISTERED_LICENCE,
)

# Reason codes, grouped by the verdict they lead to.
REASONS = {
    NO_CONTRACT: (
        "no_requester",
        "no_contract",
        "ambiguous",
        "contract_state",
        "awaiting_payment",
        "before_start",
        "after_end",
    ),
    NOT_AUTHORISED: ("not_authorised",),
    NOT_ELIGIBLE: (
        "intake_channel",
        "no_product",
        "out_of_scope",
        "not_bought_from_us",
        "no_purchase_date",
        "purchase_in_future",
        "purchase_too_old",
        "not_first_of_family",
        "no_licence",
        "complaint_not_in_writing",
    ),
    EXCLUDED: ("kind_excluded", "kind_not_included", "configuration_not_cloud"),
    REFUSED: ("refused_ground",),
    COVERED: ("covered",),
}


@dataclass(frozen=True)
class IntakeFacts:
    """What the verdict depends on, in plain values.

    ``contract_state`` is None when no contract is attached to the request.
    Product facts are those of the covered product line named by the request
    (``has_product`` False when the request names none); ``product_in_scope``
    says whether the product named, if any, belongs to a family the plan
    covers.
    """

    request_date: date
    has_requester: bool = True
    contract_state: str | None = None
    contract_start: date | None = None
    contract_end: date | None = None
    candidate_count: int = 0
    requester_authorised: bool = False
    intake_accepted: bool = True
    eligibility_rule: str = RULE_NONE
    eligibility_months: int = 0
    has_product: bool = False
    product_in_scope: bool = True
    purchase_date: date | None = None
    bought_from_us: bool = False
    first_of_family: bool = False
    licence_registered: bool = False
    kind_excluded: bool = False
    kind_not_included: bool = False
    refusal_ground: int | None = None
    # Configuration work the plan reserves to Cloud deployments, asked under
    # a contract deployed otherwise (see commercial.configuration_refused).
    configuration_refused: bool = False
    complaint_not_in_writing: bool = False


class EntitlementState(NamedTuple):
    """A ticket's entitlement as the addons that extend it see it.

    ``helpdesk.ticket._on_entitlement_change`` receives the state of each
    ticket before and after a change; database ids, not records, so that a
    state taken before a change compares equal to the same state after it.
    """

    entitlement: str | None = None
    contract_id: int | None = None
    product_line_id: int | None = None
    plan_id: int | None = None

    @property
    def covered(self):
        """True when the request is covered (by the rules or an override)."""
        return self.entitlement == COVERED


@dataclass(frozen=True)
class Verdict:
    verdict: str
    code: str
    params: dict = field(default_factory=dict)


def purchased_within(purchase_date, request_date, months):
    """True when ``purchase_date`` lies within ``months`` months before the request.

    The day the period ends still counts: a product bought on 15 January is
    covered by a 3-month rule until 15 April inclusive.
    """
    if not purchase_date or purchase_date > request_date:
        return False
    return purchase_date + relativedelta(months=months) >= request_date


def _eligibility(facts):
    """The reason code why the product is not eligible, or None."""
    rule = facts.eligibility_rule
    if not facts.product_in_scope:
        return "out_of_scope"
    if rule == RULE_NONE:
        return None
    if rule == RULE_REGISTERED_LICENCE:
        # The licence may be registered on any covered product of the
        # contract when the request names none (one licence per system).
        return None if facts.licence_registered else "no_licence"
    if not facts.has_product:
        return "no_product"
    if rule == RULE_PURCHASED_WITHIN:
        if not facts.bought_from_us:
            return "not_bought_from_us"
        if not facts.purchase_date:
            return "no_purchase_date"
        if facts.purchase_date > facts.request_date:
            return "purchase_in_future"
        if not purchased_within(
            facts.purchase_date, facts.request_date, facts.eligibility_months
        ):
            return "purchase_too_old"
        return None
    if rule == RULE_FIRST_OF_FAMILY:
        return None if facts.first_of_family else "not_first_of_family"
    raise ValueError(f"unknown eligibility rule {rule!r}")


def compute_verdict(facts):
    """The entitlement :class:`Verdict` of a request described by ``facts``.

    Checks run in this order, the first failing one decides: a requester and
    an active contract valid on the request date; the requester is an
    authorised contact; an agent has not refused the request on one of the
    plan's refusal grounds; the request came through a channel the plan accepts
    (e.g. only requests registered on the portal), and a complaint in
    writing where the plan decides complaints; the product is
    eligible under the plan's rule; the kind of work is not excluded by the
    plan, nor configuration work the plan reserves to Cloud deployments.
    Otherwise the request is covered.
    """
    if not facts.has_requester:
        return Verdict(NO_CONTRACT, "no_requester")
    if facts.contract_state is None:
        if facts.candidate_count > 1:
            return Verdict(NO_CONTRACT, "ambiguous", {"count": facts.candidate_count})
        return Verdict(NO_CONTRACT, "no_contract")
    if facts.contract_state == "awaiting_payment":
        return Verdict(NO_CONTRACT, "awaiting_payment")
    if facts.contract_state != "active":
        return Verdict(NO_CONTRACT, "contract_state", {"state": facts.contract_state})
    if facts.contract_start and facts.request_date < facts.contract_start:
        return Verdict(NO_CONTRACT, "before_start", {"date": facts.contract_start})
    if facts.contract_end and facts.request_date > facts.contract_end:
        return Verdict(NO_CONTRACT, "after_end", {"date": facts.contract_end})
    if not facts.requester_authorised:
        return Verdict(NOT_AUTHORISED, "not_authorised")
    if facts.refusal_ground:
        # The agent's decision on the request itself: it outranks what the
        # rules would say of the product or the kind of work, not the facts
        # that keep a request from being worked at all (no contract, a
        # requester the customer did not authorise).
        return Verdict(REFUSED, "refused_ground", {"ground": facts.refusal_ground})
    if not facts.intake_accepted:
        return Verdict(NOT_ELIGIBLE, "intake_channel")
    if facts.complaint_not_in_writing:
        return Verdict(NOT_ELIGIBLE, "complaint_not_in_writing")
    code = _eligibility(facts)
    if code:
        return Verdict(
            NOT_ELIGIBLE,
            code,
            {
                "months": facts.eligibility_months,
                "purchase_date": facts.purchase_date,
            },
        )
    if facts.kind_excluded:
        return Verdict(EXCLUDED, "kind_excluded")
    if facts.kind_not_included:
        return Verdict(EXCLUDED, "kind_not_included")
    if facts.configuration_refused:
        return Verdict(EXCLUDED, "configuration_not_cloud")
    return Verdict(COVERED, "covered")


def first_purchases_by_family(purchases):
    """The key of each family's first purchase.

    ``purchases`` is an iterable of ``(key, family, purchase_date)``; keys are
    comparable (database ids). A purchase without a date is unknown and ranks
    after every dated one; equal dates rank by key (the earlier record).
    Returns ``{family: key}``; purchases without a family are ignored.
    """
    firsts = {}
    for key, family, purchase_date in purchases:
        if not family:
            continue
        rank = (purchase_date is None, purchase_date or date.max, key)
        best = firsts.get(family)
        if best is None or rank < best[0]:
            firsts[family] = (rank, key)
    return {family: key for family, (_rank, key) in firsts.items()}


def is_first_of_family(key, family, purchase_date, purchases):
    """True when purchase ``key`` is its customer's first one in ``family``.

    ``purchases`` are the customer's other purchases as
    ``(key, family, purchase_date)``; the candidate itself may be among them.
    This is the one rule of the product (entitlement and billing alike): a
    purchase without a date is unknown and ranks after every dated one --
    never by when it was recorded -- and among undated purchases, or on equal
    dates, the smaller key (the earlier record) is first.
    """
    if not family:
        return False
    everything = [(k, f, d) for k, f, d in purchases if k != key]
    everything.append((key, family, purchase_date))
    return first_purchases_by_family(everything).get(family) == key


@dataclass(frozen=True)
class Candidate:
    """An active contract of the requester's customer, in plain values."""

    key: int
    serials: frozenset = frozenset()
    product_keys: frozenset = frozenset()
    covers_product: bool = False


def normalise_serial(serial):
    """Serials compare without surrounding blanks and case."""
    return (serial or "").strip().upper()


def select_contract(candidates, serial=None, product_key=None, current_key=None):
    """Choose the contract of a request among ``candidates``.

    The serial, when given and known, narrows the choice to the contracts
    listing it; otherwise the product narrows it to the contracts listing the
    product, or failing that to those whose plan covers its family. A contract
    already chosen (by an agent) is kept while it remains among the narrowed
    candidates. Returns ``(key or None, number of candidates left)``; more
    than one left and none chosen means the agent must choose.
    """
    narrowed = list(candidates)
    wanted = normalise_serial(serial)
    by_serial = [c for c in narrowed if wanted in c.serials] if wanted else []
    if by_serial:
        narrowed = by_serial
    elif product_key:
        by_product = [c for c in narrowed if product_key in c.product_keys]
        by_family = [c for c in narrowed if c.covers_product]
        narrowed = by_product or by_family or narrowed
    keys = [c.key for c in narrowed]
    if current_key in keys:
        return current_key, len(keys)
    if len(keys) == 1:
        return keys[0], 1
    return None, len(keys)
