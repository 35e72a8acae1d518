"""Table-driven tests of halo_support's entitlement rules (no Odoo, no DB)."""

from dataclasses import replace
from datetime import date

from odoo.tests import BaseCase, tagged

from odoo.addons.halo_support.engine import entitlement as ent

TODAY = date(2026, 5, 15)

# An active contract, an authorised requester, no rule: covered.
BASE = ent.IntakeFacts(
    request_date=TODAY,
    contract_state="active",
    contract_start=date(2026, 1, 1),
    contract_end=date(2026, 12, 31),
    requester_authorised=True,
)
FREE = replace(
    BASE,
    eligibility_rule=ent.RULE_PURCHASED_WITHIN,
    eligibility_months=3,
    has_product=True,
    bought_from_us=True,
)
OKTELL = replace(
    BASE, eligibility_rule=ent.RULE_REGISTERED_LICENCE, licence_registered=True
)
START = replace(BASE, eligibility_rule=ent.RULE_FIRST_OF_FAMILY, has_product=True)

VERDICT_CASES = [
    # (case, facts, verdict, reason code)
    ("plain covered", BASE, "covered", "covered"),
    ("no requester", replace(BASE, has_requester=False), "no_contract", "no_requester"),
    ("no contract", replace(BASE, contract_state=None), "no_contract", "no_contract"),
    (
        "several contracts, none chosen",
        replace(BASE, contract_state=None, candidate_count=2),
        "no_contract",
        "ambiguous",
    ),
    (
        "draft contract",
        replace(BASE, contract_state="draft"),
        "no_contract",
        "contract_state",
    ),
    (
        "signed, awaiting its first payment",
        replace(BASE, contract_state="awaiting_payment"),
        "no_contract",
        "awaiting_payment",
    ),
    (
        "suspended contract",
        replace(BASE, contract_state="suspended"),
        "no_contract",
        "contract_state",
    ),
    (
        "expired contract",
        replace(BASE, contract_state="expired"),
        "no_contract",
        "contract_state",
    ),
    (
        "request before the start",
        replace(BASE, contract_start=date(2026, 6, 1)),
        "no_contract",
        "before_start",
    ),
    (
        "request after the end",
        replace(BASE, contract_end=date(2026, 5, 14)),
        "no_contract",
        "after_end",
    ),
    (
        "last day of the contract",
        replace(BASE, contract_end=TODAY),
        "covered",
        "covered",
    ),
    (
        "Oktell: unauthorised requester",
        replace(OKTELL, requester_authorised=False),
        "not_authorised",
        "not_authorised",
    ),
    (
        "unauthorised beats an excluded kind",
        replace(OKTELL, requester_authorised=False, kind_excluded=True),
        "not_authorised",
        "not_authorised",
    ),
    (
        "Oktell: refused on one of the plan's grounds",
        replace(OKTELL, refusal_ground=7),
        "refused",
        "refused_ground",
    ),
    (
        "a refusal outranks an excluded kind and a missing licence",
        replace(OKTELL, refusal_ground=7, kind_excluded=True, licence_registered=False),
        "refused",
        "refused_ground",
    ),
    (
        "Oktell: a complaint by phone",
        replace(OKTELL, complaint_not_in_writing=True),
        "not_eligible",
        "complaint_not_in_writing",
    ),
    (
        "unauthorised beats a refusal",
        replace(OKTELL, requester_authorised=False, refusal_ground=7),
        "not_authorised",
        "not_authorised",
    ),
    (
        "H2S Free: bought 2 months ago",
        replace(FREE, purchase_date=date(2026, 3, 15)),
        "covered",
        "covered",
    ),
    (
        "H2S Free: bought exactly 3 months ago",
        replace(FREE, purchase_date=date(2026, 2, 15)),
        "covered",
        "covered",
    ),
    (
        "H2S Free: bought 3 months and a day ago",
        replace(FREE, purchase_date=date(2026, 2, 14)),
        "not_eligible",
        "purchase_too_old",
    ),
    (
        "H2S Free: bought 4 months ago",
        replace(FREE, purchase_date=date(2026, 1, 15)),
        "not_eligible",
        "purchase_too_old",
    ),
    (
        "H2S Free: not bought from us",
        replace(FREE, purchase_date=date(2026, 4, 15), bought_from_us=False),
        "not_eligible",
        "not_bought_from_us",
    ),
    ("H2S Free: purchase date unknown", FREE, "not_eligible", "no_purchase_date"),
    (
        "H2S Free: bought after the request",
        replace(FREE, purchase_date=date(2026, 5, 16)),
        "not_eligible",
        "purchase_in_future",
    ),
    (
        "H2S Free: no covered product named",
        replace(FREE, has_product=False),
        "not_eligible",
        "no_product",
    ),
    (
        "product family outside the plan",
        replace(FREE, purchase_date=date(2026, 4, 15), product_in_scope=False),
        "not_eligible",
        "out_of_scope",
    ),
    (
        "family check without a rule",
        replace(BASE, product_in_scope=False),
        "not_eligible",
        "out_of_scope",
    ),
    (
        "H2S Start: first of its family",
        replace(START, first_of_family=True),
        "covered",
        "covered",
    ),
    ("H2S Start: not the first", START, "not_eligible", "not_first_of_family"),
    (
        "H2S Start: no product",
        replace(START, has_product=False),
        "not_eligible",
        "no_product",
    ),
    ("Oktell: registered licence", OKTELL, "covered", "covered"),
    (
        "Oktell: no registered licence",
        replace(OKTELL, licence_registered=False),
        "not_eligible",
        "no_licence",
    ),
    (
        "Oktell: a new report is excluded",
        replace(OKTELL, kind_excluded=True),
        "excluded",
        "kind_excluded",
    ),
    (
        "came through a channel the plan does not accept",
        replace(OKTELL, intake_accepted=False, licence_registered=False),
        "not_eligible",
        "intake_channel",
    ),
    (
        "kind outside the included list",
        replace(BASE, kind_not_included=True),
        "excluded",
        "kind_not_included",
    ),
    (
        "configuration reserved to Cloud, the contract is not",
        replace(BASE, configuration_refused=True),
        "excluded",
        "configuration_not_cloud",
    ),
    (
        "an excluded kind beats the configuration rule",
        replace(BASE, kind_excluded=True, configuration_refused=True),
        "excluded",
        "kind_excluded",
    ),
    (
        "not eligible beats excluded",
        replace(FREE, kind_excluded=True),
        "not_eligible",
        "no_purchase_date",
    ),
]


CARDS, GATEWAYS, PBX = 10, 20, 30
HISTORY = [
    # (key, family, purchase date)
    (1, CARDS, date(2025, 6, 1)),
    (2, CARDS, date(2024, 1, 1)),  # bought earlier, recorded later
    (3, GATEWAYS, date(2026, 1, 1)),
    (4, GATEWAYS, date(2026, 1, 1)),  # same day: the earlier record wins
    (5, PBX, None),  # date unknown
    (6, None, date(2020, 1, 1)),  # no family: ignored
]


C1 = ent.Candidate(1, frozenset({"SN-1"}), frozenset({100}), covers_product=True)
C2 = ent.Candidate(2, frozenset({"SN-2"}), frozenset({200}), covers_product=True)
C3 = ent.Candidate(3, frozenset(), frozenset(), covers_product=False)


PURCHASED_WITHIN_CASES = [
    (date(2026, 1, 31), date(2026, 4, 30), 3, True),  # month end clamps
    (date(2026, 1, 31), date(2026, 5, 1), 3, False),
    (date(2025, 11, 30), date(2026, 2, 28), 3, True),  # across the year
    (date(2025, 11, 30), date(2026, 3, 1), 3, False),
    (date(2026, 5, 15), date(2026, 5, 15), 3, True),  # bought today
    (date(2026, 5, 16), date(2026, 5, 15), 3, False),  # future
    (None, date(2026, 5, 15), 3, False),
    (date(2026, 5, 15), date(2026, 5, 15), 0, True),
    (date(2026, 5, 14), date(2026, 5, 15), 0, False),
]


IS_FIRST_OF_FAMILY_CASES = [
    (2, CARDS, date(2024, 1, 1), HISTORY, True),
    (1, CARDS, date(2025, 6, 1), HISTORY, False),
    (3, GATEWAYS, date(2026, 1, 1), HISTORY, True),
    (4, GATEWAYS, date(2026, 1, 1), HISTORY, False),
    (5, PBX, None, HISTORY, True),  # the only one of its family
    (7, PBX, date(2026, 2, 1), HISTORY, True),  # dated beats undated
    (8, CARDS, date(2023, 12, 31), HISTORY, True),  # new, but bought first
    (9, CARDS, date(2026, 5, 1), [], True),  # the customer's first ever
    (6, None, date(2020, 1, 1), HISTORY, False),  # no family
    # The candidate's own stale entry in the history is replaced by its
    # current values.
    (1, CARDS, date(2023, 1, 1), HISTORY, True),
]


SELECT_CONTRACT_CASES = [
    ([], {}, (None, 0)),
    ([C1], {}, (1, 1)),
    ([C1, C2], {}, (None, 2)),  # the agent chooses
    ([C1, C2], {"serial": " sn-2 "}, (2, 1)),  # blanks and case ignored
    ([C1, C2], {"serial": "SN-9"}, (None, 2)),  # unknown serial: no help
    ([C1, C2], {"serial": "SN-9", "product_key": 100}, (1, 1)),
    ([C1, C2], {"product_key": 200}, (2, 1)),
    ([C1, C2, C3], {"product_key": 300}, (None, 2)),  # by family: C1, C2
    ([C1, C3], {"product_key": 300}, (1, 1)),
    ([C3], {"product_key": 300}, (3, 1)),  # the only contract
    ([C1, C2], {"current_key": 2}, (2, 2)),  # the agent's choice stays
    ([C1, C2], {"serial": "SN-1", "current_key": 2}, (1, 1)),
    ([C1, C2], {"current_key": 9}, (None, 2)),
]


NORMALISE_SERIAL_CASES = [(" ab-12 ", "AB-12"), ("", ""), (None, ""), ("X", "X")]


@tagged("post_install", "-at_install")
class TestEngineEntitlement(BaseCase):
    """The entitlement rules of the pure engine (no database)."""

    def test_compute_verdict(self):
        for name, facts, verdict, code in VERDICT_CASES:
            with self.subTest(name):
                result = ent.compute_verdict(facts)
                self.assertEqual((result.verdict, result.code), (verdict, code))
                self.assertIn(result.verdict, ent.VERDICTS)
                self.assertIn(result.code, ent.REASONS[result.verdict])

    def test_every_reason_code_is_reachable(self):
        codes = {ent.compute_verdict(case[1]).code for case in VERDICT_CASES}
        self.assertEqual(
            codes, {code for codes in ent.REASONS.values() for code in codes}
        )

    def test_unknown_rule_is_an_error(self):
        with self.assertRaisesRegex(ValueError, "unknown eligibility rule"):
            ent.compute_verdict(
                replace(BASE, eligibility_rule="moon_phase", has_product=True)
            )

    def test_purchased_within(self):
        for purchase, asked, months, expected in PURCHASED_WITHIN_CASES:
            with self.subTest(
                purchase=purchase, asked=asked, months=months, expected=expected
            ):
                self.assertIs(ent.purchased_within(purchase, asked, months), expected)

    def test_first_purchases_by_family(self):
        self.assertEqual(
            ent.first_purchases_by_family(HISTORY), {CARDS: 2, GATEWAYS: 3, PBX: 5}
        )

    def test_is_first_of_family(self):
        for key, family, purchase_date, others, expected in IS_FIRST_OF_FAMILY_CASES:
            with self.subTest(
                key=key,
                family=family,
                purchase_date=purchase_date,
                others=others,
                expected=expected,
            ):
                self.assertIs(
                    ent.is_first_of_family(key, family, purchase_date, others), expected
                )

    def test_select_contract(self):
        for candidates, kwargs, expected in SELECT_CONTRACT_CASES:
            with self.subTest(candidates=candidates, kwargs=kwargs, expected=expected):
                self.assertEqual(ent.select_contract(candidates, **kwargs), expected)

    def test_normalise_serial(self):
        for raw, normalised in NORMALISE_SERIAL_CASES:
            with self.subTest(raw=raw, normalised=normalised):
                self.assertEqual(ent.normalise_serial(raw), normalised)
