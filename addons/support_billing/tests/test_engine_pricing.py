"""Pure pricing of support_billing: every price of docs/vendors/*.md
(no Odoo)."""

import datetime
import os
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from odoo.addons.halo_support.engine import entitlement
from odoo.addons.support_billing import engine

P = engine.pricing
D = Decimal
DAY = datetime.date(2026, 3, 10)


# --- rounding ---------------------------------------------------------------

HALF_HOUR = P.Rounding(step=30)


# --- rules ------------------------------------------------------------------

INFOTEL = [
    P.Rule("billable", category="configuration", name="remote configuration"),
    P.Rule("billable", cause_scope="customer_side", free_minutes=15, name="paid"),
    P.Rule("free", name="free support"),
]
SANGOMA = [
    P.Rule("wallet", category="bug", outcome="configuration"),
    P.Rule("not_billable", category="bug"),
    P.Rule("wallet", category="configuration"),
    P.Rule("free"),
]
WEBITEL = [
    P.Rule("billable", category="incident", cause_scope="customer_side"),
    P.Rule("quota", category="service_request"),
    P.Rule("quota", category="change"),
    P.Rule("free"),
]


# infotel Variant 3: onsite work from its own allowance, the regular PBX check
# counted in a quota of two, the rest as the other variants.
INFOTEL_V3 = [
    P.Rule("wallet", work_place="onsite", name="onsite work included"),
    P.Rule("quota", category="maintenance", name="regular PBX check"),
    P.Rule("wallet", category="incident", work_place="remote", name="remote admin"),
    P.Rule("free"),
]


# --- ticket lines -----------------------------------------------------------


def _lines(*minutes, running=()):
    return [P.LineInput(i, DAY, m, running=i in running) for i, m in enumerate(minutes)]


def _final(terms, lines, covered=None, overage="bill"):
    planned = P.plan_ticket_lines(lines, terms)
    out = []
    for item, line in zip(planned, lines, strict=True):
        cov = (covered or {}).get(item.key, 0)
        out.append(P.line_charge(item, cov, terms.rate, line.date, terms, overage))
    return planned, out


# --- success fee ------------------------------------------------------------

# H2S Flexible: 5 h at 160 zł, then 1500 zł solved / 400 zł otherwise.
SF = P.SuccessFeeTerms(300, D(1500), D(400), D(400))
H2S_RATE = D(160)


# --- onsite -----------------------------------------------------------------

ZONES = [
    ("local", {"PL-MZ"}, False),
    ("near", {"PL-LD", "PL-SK", "PL-MA", "PL-WP", "PL-SL"}, False),
    ("far", set(), True),
]
ZONE_COSTS = {"local": D(0), "near": D(300), "far": D(500)}


# --- recurring fees ---------------------------------------------------------

OKTELL = [
    P.Tier(D(25000), 20, 100, 1),
    P.Tier(D(46000), 50, 500, 2),
    P.Tier(D(96000), 100, 1000, 3),
    P.Tier(D(190000)),
]


# --- invoice lines of exact amounts --------------------------------------------


def _line(quantity, price):
    return (quantity * price).quantize(D("0.01"), rounding="ROUND_HALF_UP")


HOURS_TO_MINUTES_CASES = [
    (0.75, 45),
    (1, 60),
    (0.6667, 40),
    (2.5, 150),
    (0, 0),
    (0.004, 0),
    (1 / 60, 1),
]


HOURLY_RATE_TIMES_PRICE_LEVEL_CASES = [
    (45, 1, "45.00"),
    (45, "1.2", "54.00"),
    (45, "0.9", "40.50"),
    (160, 1, "160.00"),
]


PRICE_LEVEL_MUST_BE_POSITIVE_CASES = [0, -1]


AMOUNT_FOR_MINUTES_CASES = [
    (60, 45, "45.00"),
    (30, 45, "22.50"),
    (180, 160, "480.00"),
    (1, 160, "2.67"),
]


ROUND_MINUTES_CASES = [
    (40, HALF_HOUR, 60),  # infotel: 40 min of paid work -> 1 h
    (30, HALF_HOUR, 30),
    (31, HALF_HOUR, 60),
    (1, HALF_HOUR, 30),
    (0, HALF_HOUR, 0),
    (45, P.Rounding(), 45),  # Sangoma: minute for minute
    (10, P.Rounding(step=15, minimum=60), 60),
    (75, P.Rounding(step=15, minimum=60), 75),
]


ROUND_LINES_CASES = [
    ([10, 10, 10], HALF_HOUR, [30, 30, 30]),
    ([10, 10, 10], P.Rounding(step=30, per_ticket=True), [30, 0, 0]),
    ([20, 20, 25], P.Rounding(step=30, per_ticket=True), [30, 30, 30]),
    ([40], P.Rounding(step=30, per_ticket=True), [60]),
    ([5, 0, 5], P.Rounding(step=1, minimum=15, per_ticket=True), [15, 0, 0]),
]


BAD_ROUNDING_CASES = [({"step": 0}, "bad_step"), ({"minimum": -1}, "bad_minimum")]


MATCH_RULE_CASES = [
    (INFOTEL, "configuration", "unknown", "none", "billable", 0),
    (INFOTEL, "consultation", "customer", "none", "billable", 15),
    (INFOTEL, "incident", "third_party", "none", "billable", 15),
    (INFOTEL, "incident", "product", "none", "free", 0),
    (INFOTEL, "incident", "unknown", "none", "free", 0),
    (SANGOMA, "configuration", "unknown", "none", "wallet", 0),
    (SANGOMA, "bug", "product", "none", "not_billable", 0),
    (SANGOMA, "bug", "unknown", "configuration", "wallet", 0),
    (SANGOMA, "hardware_rma", "unknown", "none", "free", 0),
    (WEBITEL, "incident", "customer_hardware", "none", "billable", 0),
    (WEBITEL, "incident", "product", "none", "free", 0),
    (WEBITEL, "change", "unknown", "none", "quota", 0),
]


MATCH_RULE_BY_WORK_PLACE_CASES = [
    ("incident", True, "onsite work included"),
    ("maintenance", True, "onsite work included"),
    ("maintenance", False, "regular PBX check"),
    ("incident", False, "remote admin"),
    ("consultation", False, ""),
    ("consultation", True, "onsite work included"),
]


BAD_RULE_CASES = [
    ({"treatment": "gratis"}, "bad_treatment"),
    ({"treatment": "free", "cause_scope": "anyone"}, "bad_cause_scope"),
    ({"treatment": "free", "free_minutes": -5}, "bad_free_minutes"),
    ({"treatment": "free", "work_place": "home"}, "bad_work_place"),
]


PAID_WORK_NEEDS_AGREEMENT_FIRST_CASES = [
    (None, "not_billable", "no_agreement"),
    (DAY + datetime.timedelta(days=1), "not_billable", "no_agreement"),
    (DAY, "billable", "billable"),
]


SPLIT_COVERAGE_CASES = [
    (45, 0, 300, 45, 45),
    (45, 45, 0, 45, 0),  # recomputed: nothing moves
    (60, 45, 255, 60, 15),  # the line grew
    (30, 45, 0, 30, -15),  # the line shrank: refund
    (0, 45, 0, 0, -45),  # no longer wallet work: refund all
    (45, 0, 20, 20, 20),  # short wallet: 25 min overage
    (60, 45, None, 60, 15),  # balance read under the lock: ask for the rest
    (30, 45, None, 30, -15),  # ... a refund needs no balance
]


NON_CHARGEABLE_TREATMENTS_CASES = [
    ("free", "free"),
    ("not_billable", "not_billable"),
    ("quota", "wallet"),
]


SUCCESS_FEE_WORKFLOW_CASES = [
    (["accept_order"], "hourly"),
    (["accept_order", "solve"], "solved_hourly"),
    (["accept_order", "reach_threshold", "customer_refuse"], "refused"),
    (["accept_order", "reach_threshold", "customer_accept", "solve"], "solved"),
    (["accept_order", "reach_threshold", "customer_accept", "fail"], "not_solved"),
]


SUCCESS_FEE_ILLEGAL_TRANSITION_CASES = [
    ("none", "solve"),
    ("hourly", "customer_accept"),
    ("report_sent", "solve"),
    ("refused", "customer_accept"),  # decision twice
    ("fee_accepted", "customer_refuse"),  # decision twice
    ("solved", "fail"),
]


SUCCESS_FEE_TOTALS_CASES = [
    (180, "solved_hourly", "480.00"),  # solved after 3 h -> 480 zł
    (300, "solved_hourly", "800.00"),
    (420, "solved_hourly", "800.00"),  # capped at the 5 h threshold
    (300, "refused", "400.00"),  # refused after 5 h -> 400 zł
    (600, "solved", "1500.00"),
    (300, "solved", "1500.00"),
    (900, "not_solved", "400.00"),
    (120, "hourly", "0.00"),  # running: nothing owed yet
]


TRAVEL_ZONES_CASES = [
    ("PL-MZ", "0.00"),
    ("PL-LD", "300.00"),
    ("PL-SK", "300.00"),
    ("PL-MA", "300.00"),
    ("PL-WP", "300.00"),
    ("PL-SL", "300.00"),
    ("PL-PM", "500.00"),
    ("PL-DS", "500.00"),
]


# No region, or no zone listing it and no default zone: no zone at all.
TRAVEL_NO_ZONE_CASES = [("", ZONES), ("PL-PM", ZONES[:2]), ("PL-MZ", [])]


ONSITE_DAYS_CASES = [
    ((2026, 3, 10), (2026, 3, 10), 1, 1),
    ((2026, 3, 10), (2026, 3, 12), 1, 3),
    ((2026, 3, 10), (2026, 3, 10), 2, 2),
]


ONSITE_AMOUNT_CASES = [
    (1, 1280, 1, "1280.00"),  # H2S Onsite
    (2, 1280, 1, "2560.00"),
    (1, 500, 1, "500.00"),  # H2S Start
    (1, 1280, 2, "2560.00"),
]


ONSITE_ZERO_DAYS_IS_AN_ERROR_CASES = [0, -1]


OKTELL_TIER_CASES = [
    (10, 50, 1, 25000),
    (20, 100, 1, 25000),
    (21, 50, 1, 46000),  # employees alone reach tier 2
    (10, 600, 1, 96000),  # calls alone reach tier 3
    (10, 50, 4, 190000),  # complexity alone reaches tier 4
    (101, 0, 1, 190000),
    (60, 200, 2, 96000),  # highest tier reached by any criterion
]


RECURRING_FEE_CASES = [
    ("fixed", {"fixed": 750}, "750.00"),
    ("fixed", {"fixed": 1500}, "1500.00"),
    ("fixed", {"fixed": 45}, "45.00"),
    ("fixed", {"fixed": 350}, "350.00"),
    (
        "tier",
        {"tiers": OKTELL, "size": {"employees": 30, "calls": 90, "complexity": 1}},
        "46000.00",
    ),
    ("licence_share", {"licence_values": [10000, 2500], "percent": 18}, "2250.00"),
    ("none", {}, "0.00"),
]


EVERY_MINUTE_OF_A_DAY_IS_INVOICED_EXACTLY_CASES = [
    45,
    160,
    1000,
    D("51.75"),
    60,
    D("0.07"),
]


LINE_PRICE_EXAMPLES_CASES = [
    (37, 45, D("0.62"), D("44.7581")),
    (67, 160, D("1.12"), D("159.5268")),
    (1, 60, D("0.02"), D("50")),
    (60, 45, D("1"), D("45")),
]


@tagged("post_install", "-at_install")
class TestEnginePricing(BaseCase):
    """Pricing of the pure engine: the prices of docs/vendors/*.md (no database)."""

    def test_engine_imports_no_odoo(self):
        with open(
            os.path.join(os.path.dirname(engine.__file__), "pricing.py")
        ) as handle:
            source = handle.read()
        self.assertTrue("import odoo" not in source and "from odoo" not in source)

    # --- durations and money ----------------------------------------------------

    def test_hours_to_minutes(self):
        for hours, minutes in HOURS_TO_MINUTES_CASES:
            with self.subTest(hours=hours, minutes=minutes):
                self.assertEqual(P.hours_to_minutes(hours), minutes)

    def test_negative_duration_is_an_error(self):
        with self.assertRaises(P.PricingError) as err:
            P.hours_to_minutes(-0.5)
        self.assertEqual(err.exception.code, "negative_duration")

    def test_hourly_rate_times_price_level(self):
        for rate, level, expected in HOURLY_RATE_TIMES_PRICE_LEVEL_CASES:
            with self.subTest(rate=rate, level=level, expected=expected):
                self.assertEqual(P.hourly_rate(rate, level), D(expected))

    def test_price_level_must_be_positive(self):
        for level in PRICE_LEVEL_MUST_BE_POSITIVE_CASES:
            with self.subTest(level=level):
                with self.assertRaises(P.PricingError) as err:
                    P.hourly_rate(45, level)
                self.assertEqual(err.exception.code, "bad_price_level")

    def test_amount_for_minutes(self):
        for minutes, rate, expected in AMOUNT_FOR_MINUTES_CASES:
            with self.subTest(minutes=minutes, rate=rate, expected=expected):
                self.assertEqual(P.amount_for_minutes(minutes, rate), D(expected))

    def test_round_minutes(self):
        for minutes, rounding, billed in ROUND_MINUTES_CASES:
            with self.subTest(minutes=minutes, rounding=rounding, billed=billed):
                self.assertEqual(P.round_minutes(minutes, rounding), billed)

    def test_round_lines(self):
        for lines, rounding, billed in ROUND_LINES_CASES:
            with self.subTest(lines=lines, rounding=rounding, billed=billed):
                self.assertEqual(P.round_lines(lines, rounding), billed)

    def test_round_lines_per_ticket_sum_is_rounded_total(self):
        lines = [7, 13, 29, 1, 44]
        rounding = P.Rounding(step=30, per_ticket=True)
        self.assertEqual(
            sum(P.round_lines(lines, rounding)), P.round_minutes(sum(lines), rounding)
        )
        # an invoiced line does not move when later lines come
        self.assertEqual(
            P.round_lines(lines[:2], rounding), P.round_lines(lines, rounding)[:2]
        )

    def test_bad_rounding(self):
        for kwargs, code in BAD_ROUNDING_CASES:
            with self.subTest(kwargs=kwargs, code=code):
                with self.assertRaises(P.PricingError) as err:
                    P.Rounding(**kwargs)
                self.assertEqual(err.exception.code, code)

    def test_match_rule(self):
        for rules, category, cause, outcome, treatment, free in MATCH_RULE_CASES:
            with self.subTest(
                rules=rules,
                category=category,
                cause=cause,
                outcome=outcome,
                treatment=treatment,
                free=free,
            ):
                rule = P.match_rule(rules, category, cause, outcome)
                self.assertEqual((rule.treatment, rule.free_minutes), (treatment, free))

    def test_match_rule_by_work_place(self):
        for category, onsite, name in MATCH_RULE_BY_WORK_PLACE_CASES:
            with self.subTest(category=category, onsite=onsite, name=name):
                rule = P.match_rule(
                    INFOTEL_V3, category, "unknown", "none", onsite=onsite
                )
                self.assertEqual(rule.name, name)

    def test_match_rule_by_kind(self):
        # One kind singled out among the kinds of its category: kind 7 has
        # 10 free minutes then is billed, other consultations stay free.
        rules = [
            P.Rule("billable", kinds=frozenset({7}), free_minutes=10, name="kind"),
            P.Rule("free", name="advice"),
        ]
        for kind, name in ((7, "kind"), (8, "advice"), (None, "advice")):
            with self.subTest(kind=kind):
                rule = P.match_rule(rules, "consultation", kind=kind)
                self.assertEqual(rule.name, name)

    def test_vendor_side_scope_and_default(self):
        rules = [P.Rule("free", cause_scope="vendor_side")]
        self.assertEqual(P.match_rule(rules, "incident", "product").treatment, "free")
        self.assertIsNone(P.match_rule(rules, "incident", "customer"))
        self.assertEqual(P.match_rule(rules, "incident", "customer", default="x"), "x")

    def test_bad_rule(self):
        for kwargs, code in BAD_RULE_CASES:
            with self.subTest(kwargs=kwargs, code=code):
                with self.assertRaises(P.PricingError) as err:
                    P.Rule(**kwargs)
                self.assertEqual(err.exception.code, code)

    def test_infotel_40_minutes_paid_is_one_hour_45_eur(self):
        terms = P.TicketTerms(
            "billable",
            reason="billable",
            rounding=HALF_HOUR,
            rate=P.hourly_rate(45, 1),
            agreement_required=True,
            agreement_date=DAY,
        )
        _planned, final = _final(terms, _lines(40))
        self.assertEqual(final, [("billable", "billable", 60, D("45.00"))])

    def test_infotel_quick_advice_free_then_paid_beyond_15_minutes(self):
        terms = P.TicketTerms(
            "billable",
            reason="billable",
            free_minutes=15,
            rounding=HALF_HOUR,
            rate=P.hourly_rate(45, "1.1"),
            agreement_required=True,
            agreement_date=DAY,
        )
        # 10 min free; then 45 more: 5 free + 40 paid -> 1 h at 49.50
        planned, final = _final(terms, _lines(10, 45))
        self.assertEqual([(p.free, p.chargeable) for p in planned], [(10, 0), (5, 60)])
        self.assertEqual(final[0][0], "free")
        self.assertEqual(final[1], ("billable", "billable", 60, D("49.50")))

    def test_infotel_up_to_15_minutes_stays_free(self):
        terms = P.TicketTerms(
            "billable", free_minutes=15, rounding=HALF_HOUR, rate=D(45)
        )
        _planned, final = _final(terms, _lines(15))
        self.assertEqual(final, [("free", "free_allowance", 0, D("0.00"))])

    def test_paid_work_needs_agreement_first(self):
        for agreement_date, verdict, reason in PAID_WORK_NEEDS_AGREEMENT_FIRST_CASES:
            with self.subTest(
                agreement_date=agreement_date, verdict=verdict, reason=reason
            ):
                terms = P.TicketTerms(
                    "billable",
                    reason="billable",
                    rounding=HALF_HOUR,
                    rate=D(45),
                    agreement_required=True,
                    agreement_date=agreement_date,
                )
                _planned, final = _final(terms, _lines(40))
                self.assertEqual(final[0][:2], (verdict, reason))

    def test_sangoma_pack_then_45_minutes_configuration(self):
        # 5-hour pack = 300 credits; 45 min of configuration -> 45 credits
        terms = P.TicketTerms("wallet", reason="wallet")
        planned = P.plan_ticket_lines(_lines(45), terms)
        target, delta = P.split_coverage(planned[0].chargeable, 0, 300)
        self.assertEqual((target, delta, 300 - delta), (45, 45, 255))
        self.assertEqual(
            P.line_charge(planned[0], target, D(0), DAY, terms),
            (
                "wallet",
                "wallet",
                0,
                D("0.00"),
            ),
        )

    def test_split_coverage(self):
        for chargeable, covered, available, target, delta in SPLIT_COVERAGE_CASES:
            with self.subTest(
                chargeable=chargeable,
                covered=covered,
                available=available,
                target=target,
                delta=delta,
            ):
                self.assertEqual(
                    P.split_coverage(chargeable, covered, available), (target, delta)
                )

    def test_h2s_pro_two_hours_included_then_160_an_hour(self):
        terms = P.TicketTerms("wallet", reason="wallet", rate=D(160))
        planned = P.plan_ticket_lines(_lines(90, 60), terms)
        first, _ = P.split_coverage(planned[0].chargeable, 0, 120)
        second, _ = P.split_coverage(planned[1].chargeable, 0, 120 - first)
        self.assertEqual((first, second), (90, 30))
        self.assertEqual(
            P.line_charge(planned[1], second, terms.rate, DAY, terms),
            (
                "billable",
                "overage",
                30,
                D("80.00"),
            ),
        )
        # a plan that does not bill overage leaves it uncovered, with the reason
        self.assertEqual(
            P.line_charge(planned[1], second, terms.rate, DAY, terms, "none")[:2],
            (
                "not_billable",
                "wallet_empty",
            ),
        )

    def test_non_chargeable_treatments(self):
        for treatment, verdict in NON_CHARGEABLE_TREATMENTS_CASES:
            with self.subTest(treatment=treatment, verdict=verdict):
                planned = P.plan_ticket_lines(_lines(30, 20), P.TicketTerms(treatment))
                self.assertEqual([p.verdict for p in planned], [verdict, verdict])
                self.assertTrue(all(p.chargeable == 0 for p in planned))

    def test_running_timer_is_pending(self):
        terms = P.TicketTerms("billable", rate=D(45))
        planned = P.plan_ticket_lines(_lines(30, 0, running=(1,)), terms)
        self.assertEqual(
            [(p.verdict, p.reason) for p in planned],
            [
                ("billable", ""),
                ("pending", "running"),
            ],
        )

    def test_billable_without_rate_is_not_billed(self):
        terms = P.TicketTerms("billable", reason="billable", rate=D(0))
        _planned, final = _final(terms, _lines(30))
        self.assertEqual(final, [("not_billable", "no_rate", 0, D("0.00"))])

    def test_webitel_actual_time_billed(self):
        terms = P.TicketTerms("billable", reason="billable", rate=D(100))
        _planned, final = _final(terms, _lines(37))
        self.assertEqual(final, [("billable", "billable", 37, D("61.67"))])

    def test_success_fee_workflow(self):
        for actions, state in SUCCESS_FEE_WORKFLOW_CASES:
            with self.subTest(actions=actions, state=state):
                current = "none"
                for action in actions:
                    current = P.success_fee_transition(current, action)
                self.assertEqual(current, state)

    def test_success_fee_illegal_transition(self):
        for state, action in SUCCESS_FEE_ILLEGAL_TRANSITION_CASES:
            with self.subTest(state=state, action=action):
                with self.assertRaises(P.PricingError) as err:
                    P.success_fee_transition(state, action)
                self.assertEqual(err.exception.code, "illegal_transition")
                self.assertTrue(
                    action in str(err.exception) and state in str(err.exception)
                )

    def test_success_fee_totals(self):
        # What a case costs, composed as the ticket composes it: the hourly
        # lines under the success-fee time terms, plus the flat fee.
        for minutes, state, total in SUCCESS_FEE_TOTALS_CASES:
            with self.subTest(minutes=minutes, state=state, total=total):
                override, cap, hold = P.success_fee_time_terms(state, SF)
                terms = P.TicketTerms(
                    override or "billable", rate=H2S_RATE, cap_minutes=cap, hold=hold
                )
                _planned, final = _final(terms, _lines(minutes))
                hourly = sum((amount for *_rest, amount in final), D(0))
                self.assertEqual(hourly + P.success_fee_amount(state, SF), D(total))

    def test_success_fee_time_terms_drive_the_lines(self):
        # while hourly: pending and capped at the threshold
        override, cap, hold = P.success_fee_time_terms("hourly", SF)
        terms = P.TicketTerms("billable", rate=H2S_RATE, cap_minutes=cap, hold=hold)
        planned = P.plan_ticket_lines(_lines(240, 120), terms)
        self.assertEqual(
            [(p.verdict, p.chargeable, p.excluded) for p in planned],
            [
                ("pending", 240, 0),
                ("pending", 60, 60),
            ],
        )
        # solved within the threshold: billable
        override, cap, hold = P.success_fee_time_terms("solved_hourly", SF)
        self.assertTrue(override is None and not hold)
        terms = P.TicketTerms("billable", rate=H2S_RATE, cap_minutes=cap)
        _planned, final = _final(terms, _lines(180))
        self.assertEqual(final[0][2:], (180, D("480.00")))
        # once the report is sent the flat fee replaces hourly billing
        self.assertEqual(P.success_fee_time_terms("report_sent", SF)[0], "not_billable")
        self.assertEqual(P.success_fee_time_terms("none", SF), (None, None, False))

    def test_travel_zones(self):
        for state, cost in TRAVEL_ZONES_CASES:
            with self.subTest(state=state, cost=cost):
                self.assertEqual(ZONE_COSTS[P.travel_zone(state, ZONES)], D(cost))

    def test_travel_listed_region_wins_over_an_earlier_default(self):
        zones = [ZONES[2], *ZONES[:2]]
        self.assertEqual(P.travel_zone("PL-MZ", zones), "local")
        self.assertEqual(P.travel_zone("PL-PM", zones), "far")

    def test_travel_no_zone(self):
        for state, zones in TRAVEL_NO_ZONE_CASES:
            with self.subTest(state=state, zones=zones):
                self.assertIsNone(P.travel_zone(state, zones))

    def test_onsite_days(self):
        for start, end, minimum, days in ONSITE_DAYS_CASES:
            with self.subTest(start=start, end=end, minimum=minimum, days=days):
                self.assertEqual(
                    P.onsite_days(datetime.date(*start), datetime.date(*end), minimum),
                    days,
                )

    def test_onsite_days_end_before_start(self):
        with self.assertRaises(P.PricingError) as err:
            P.onsite_days(DAY, DAY - datetime.timedelta(days=1))
        self.assertEqual(err.exception.code, "bad_dates")

    def test_onsite_amount(self):
        for days, rate, minimum, amount in ONSITE_AMOUNT_CASES:
            with self.subTest(days=days, rate=rate, minimum=minimum, amount=amount):
                self.assertEqual(P.onsite_amount(days, rate, minimum), D(amount))

    def test_onsite_amount_further_days_at_their_rate(self):
        # H2S Start's reading: the first day at 500, the further ones at 1280
        for days, minimum, amount in ((1, 1, "500"), (2, 1, "1780"), (1, 3, "3060")):
            with self.subTest(days=days, minimum=minimum):
                self.assertEqual(P.onsite_amount(days, 500, minimum, 1280), D(amount))

    def test_onsite_zero_days_is_an_error(self):
        for days in ONSITE_ZERO_DAYS_IS_AN_ERROR_CASES:
            with self.subTest(days=days):
                with self.assertRaises(P.PricingError) as err:
                    P.onsite_amount(days, 1280)
                self.assertEqual(err.exception.code, "bad_days")

    def test_first_of_family_is_the_entitlement_rule(self):
        # One rule for "first purchase of a family": halo_support's.  A
        # purchase without a date is unknown and ranks after every dated one
        # (never by when it was recorded); equal dates go to the smaller key.
        purchases = [
            (1, "pbx", None),
            (2, "pbx", datetime.date(2025, 6, 1)),
            (3, "cards", datetime.date(2025, 6, 1)),
            (4, "cards", datetime.date(2025, 6, 1)),
            (5, "gateways", None),
            (6, "gateways", None),
        ]
        expected = {1: False, 2: True, 3: True, 4: False, 5: True, 6: False}
        for key, family, day in purchases:
            with self.subTest(key=key):
                self.assertIs(
                    entitlement.is_first_of_family(key, family, day, purchases),
                    expected[key],
                )

    def test_oktell_tier(self):
        for employees, calls, complexity, amount in OKTELL_TIER_CASES:
            with self.subTest(
                employees=employees, calls=calls, complexity=complexity, amount=amount
            ):
                _index, tier = P.tier_for(OKTELL, employees, calls, complexity)
                self.assertEqual(tier.amount, amount)

    def test_tier_bad_input(self):
        with self.assertRaises(P.PricingError):
            P.tier_for([], 1, 1, 1)
        with self.assertRaises(P.PricingError):
            P.tier_for(OKTELL, -1, 1, 1)
        with self.assertRaises(P.PricingError):
            P.tier_for(OKTELL[:3], 500, 1, 1)

    def test_recurring_fee(self):
        for fee_type, kwargs, amount in RECURRING_FEE_CASES:
            with self.subTest(fee_type=fee_type, kwargs=kwargs, amount=amount):
                self.assertEqual(P.recurring_fee(fee_type, **kwargs), D(amount))

    def test_recurring_fee_bad_type(self):
        with self.assertRaises(P.PricingError):
            P.recurring_fee("weekly")

    def test_every_minute_of_a_day_is_invoiced_exactly(self):
        for rate in EVERY_MINUTE_OF_A_DAY_IS_INVOICED_EXACTLY_CASES:
            with self.subTest(rate=rate):
                pricer = P.LinePricer(price_digits=4)
                exact = raw = D(0)
                for minutes in range(1, 24 * 60 + 1):
                    quantity = P.quantize_quantity(minutes / 60, 2)
                    amount = P.amount_for_minutes(minutes, rate)
                    price = pricer.price(quantity, amount)
                    self.assertEqual(
                        _line(quantity, price), amount, (minutes, quantity, price)
                    )
                    exact += amount
                    raw += quantity * price
                # a document rounded globally totals the exact sum as well
                self.assertLess(abs(raw - exact), D("0.005"))

    def test_line_price_examples(self):
        for minutes, rate, quantity, price in LINE_PRICE_EXAMPLES_CASES:
            with self.subTest(
                minutes=minutes, rate=rate, quantity=quantity, price=price
            ):
                pricer = P.LinePricer(price_digits=4)
                self.assertEqual(P.quantize_quantity(minutes / 60, 2), quantity)
                self.assertEqual(
                    pricer.price(quantity, P.amount_for_minutes(minutes, rate)), price
                )

    def test_two_price_decimals_hold_an_hour_and_say_what_is_needed(self):
        # up to an hour, any amount has a 2-decimal price
        for cents in range(1, 4501):
            amount = D(cents) / 100
            self.assertEqual(
                _line(D("0.62"), P.LinePricer().price(D("0.62"), amount)), amount
            )
        # beyond, lines of 7.62 h step by 0.0762: most amounts are out of reach
        failures = []
        for cents in range(34275, 34300):
            try:
                P.LinePricer(price_digits=2).price(D("7.62"), D(cents) / 100)
            except P.PricingError as err:
                failures.append(err)
        self.assertGreater(len(failures), 15)
        self.assertEqual({err.code for err in failures}, {"price_precision"})
        self.assertEqual({err.params["needed"] for err in failures}, {3})

    def test_zero_quantity_only_for_nothing(self):
        self.assertEqual(P.LinePricer().price(0, 0), 0)
        with self.assertRaises(P.PricingError):
            P.LinePricer().price(0, 5)

    def test_selections_come_with_a_label_for_every_key(self):
        for keys, selection in (
            (P.CAUSES, P.CAUSE_SELECTION),
            (P.CAUSE_SCOPES, P.CAUSE_SCOPE_SELECTION),
            (P.OUTCOMES, P.OUTCOME_SELECTION),
            (P.TREATMENTS, P.TREATMENT_SELECTION),
            (P.WORK_PLACES, P.WORK_PLACE_SELECTION),
            (P.VERDICTS, P.VERDICT_SELECTION),
            (tuple(P.SUCCESS_FEE_TRANSITIONS), P.SUCCESS_FEE_STATE_SELECTION),
        ):
            with self.subTest(keys=keys):
                self.assertEqual(tuple(key for key, _label in selection), keys)
                self.assertTrue(all(label for _key, label in selection))
        self.assertLessEqual(P.CUSTOMER_SIDE_CAUSES, set(P.CAUSES))
        self.assertLessEqual(P.RND_FIX_OUTCOMES, set(P.OUTCOMES))
        self.assertLessEqual(P.SUCCESS_FEE_FINAL, set(P.SUCCESS_FEE_TRANSITIONS))
