"""Pure pricing of support_billing: every number of POLICIES.md (no Odoo)."""

import datetime
import os
from decimal import Decimal

import pytest
from pure_import import load_pure

engine = load_pure("addons/support_billing/engine", "support_billing_engine")
P = engine.pricing
D = Decimal
DAY = datetime.date(2026, 3, 10)


def test_engine_imports_no_odoo():
    with open(os.path.join(os.path.dirname(engine.__file__), "pricing.py")) as handle:
        source = handle.read()
    assert "import odoo" not in source and "from odoo" not in source


# --- durations and money ----------------------------------------------------


@pytest.mark.parametrize(
    "hours, minutes",
    [(0.75, 45), (1, 60), (0.6667, 40), (2.5, 150), (0, 0), (0.004, 0), (1 / 60, 1)],
)
def test_hours_to_minutes(hours, minutes):
    assert P.hours_to_minutes(hours) == minutes


def test_negative_duration_is_an_error():
    with pytest.raises(P.PricingError) as err:
        P.hours_to_minutes(-0.5)
    assert err.value.code == "negative_duration"


@pytest.mark.parametrize(
    "rate, level, expected",
    [(45, 1, "45.00"), (45, "1.2", "54.00"), (45, "0.9", "40.50"), (160, 1, "160.00")],
)
def test_hourly_rate_times_price_level(rate, level, expected):
    assert P.hourly_rate(rate, level) == D(expected)


@pytest.mark.parametrize("level", [0, -1])
def test_price_level_must_be_positive(level):
    with pytest.raises(P.PricingError) as err:
        P.hourly_rate(45, level)
    assert err.value.code == "bad_price_level"


@pytest.mark.parametrize(
    "minutes, rate, expected",
    [(60, 45, "45.00"), (30, 45, "22.50"), (180, 160, "480.00"), (1, 160, "2.67")],
)
def test_amount_for_minutes(minutes, rate, expected):
    assert P.amount_for_minutes(minutes, rate) == D(expected)


# --- rounding ---------------------------------------------------------------

HALF_HOUR = P.Rounding(step=30)


@pytest.mark.parametrize(
    "minutes, rounding, billed",
    [
        (40, HALF_HOUR, 60),  # infotel: 40 min of paid work -> 1 h
        (30, HALF_HOUR, 30),
        (31, HALF_HOUR, 60),
        (1, HALF_HOUR, 30),
        (0, HALF_HOUR, 0),
        (45, P.Rounding(), 45),  # Sangoma: minute for minute
        (10, P.Rounding(step=15, minimum=60), 60),
        (75, P.Rounding(step=15, minimum=60), 75),
    ],
)
def test_round_minutes(minutes, rounding, billed):
    assert P.round_minutes(minutes, rounding) == billed


@pytest.mark.parametrize(
    "lines, rounding, billed",
    [
        ([10, 10, 10], HALF_HOUR, [30, 30, 30]),
        ([10, 10, 10], P.Rounding(step=30, per_ticket=True), [30, 0, 0]),
        ([20, 20, 25], P.Rounding(step=30, per_ticket=True), [30, 30, 30]),
        ([40], P.Rounding(step=30, per_ticket=True), [60]),
        ([5, 0, 5], P.Rounding(step=1, minimum=15, per_ticket=True), [15, 0, 0]),
    ],
)
def test_round_lines(lines, rounding, billed):
    assert P.round_lines(lines, rounding) == billed


def test_round_lines_per_ticket_sum_is_rounded_total():
    lines = [7, 13, 29, 1, 44]
    rounding = P.Rounding(step=30, per_ticket=True)
    assert sum(P.round_lines(lines, rounding)) == P.round_minutes(sum(lines), rounding)
    # an invoiced line does not move when later lines come
    assert P.round_lines(lines[:2], rounding) == P.round_lines(lines, rounding)[:2]


@pytest.mark.parametrize(
    "kwargs, code",
    [({"step": 0}, "bad_step"), ({"minimum": -1}, "bad_minimum")],
)
def test_bad_rounding(kwargs, code):
    with pytest.raises(P.PricingError) as err:
        P.Rounding(**kwargs)
    assert err.value.code == code


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


@pytest.mark.parametrize(
    "rules, category, cause, outcome, treatment, free",
    [
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
    ],
)
def test_match_rule(rules, category, cause, outcome, treatment, free):
    rule = P.match_rule(rules, category, cause, outcome)
    assert (rule.treatment, rule.free_minutes) == (treatment, free)


# infotel Variant 3: onsite work from its own allowance, the regular PBX check
# counted in a quota of two, the rest as the other variants.
INFOTEL_V3 = [
    P.Rule("wallet", work_place="onsite", name="onsite work included"),
    P.Rule("quota", category="maintenance", name="regular PBX check"),
    P.Rule("wallet", category="incident", work_place="remote", name="remote admin"),
    P.Rule("free"),
]


@pytest.mark.parametrize(
    "category, onsite, name",
    [
        ("incident", True, "onsite work included"),
        ("maintenance", True, "onsite work included"),
        ("maintenance", False, "regular PBX check"),
        ("incident", False, "remote admin"),
        ("consultation", False, ""),
        ("consultation", True, "onsite work included"),
    ],
)
def test_match_rule_by_work_place(category, onsite, name):
    rule = P.match_rule(INFOTEL_V3, category, "unknown", "none", onsite=onsite)
    assert rule.name == name


def test_vendor_side_scope_and_default():
    rules = [P.Rule("free", cause_scope="vendor_side")]
    assert P.match_rule(rules, "incident", "product").treatment == "free"
    assert P.match_rule(rules, "incident", "customer") is None
    assert P.match_rule(rules, "incident", "customer", default="x") == "x"


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"treatment": "gratis"}, "bad_treatment"),
        ({"treatment": "free", "cause_scope": "anyone"}, "bad_cause_scope"),
        ({"treatment": "free", "free_minutes": -5}, "bad_free_minutes"),
        ({"treatment": "free", "work_place": "home"}, "bad_work_place"),
    ],
)
def test_bad_rule(kwargs, code):
    with pytest.raises(P.PricingError) as err:
        P.Rule(**kwargs)
    assert err.value.code == code


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


def test_infotel_40_minutes_paid_is_one_hour_45_eur():
    terms = P.TicketTerms(
        "billable",
        reason="billable",
        rounding=HALF_HOUR,
        rate=P.hourly_rate(45, 1),
        agreement_required=True,
        agreement_date=DAY,
    )
    _planned, final = _final(terms, _lines(40))
    assert final == [("billable", "billable", 60, D("45.00"))]


def test_infotel_quick_advice_free_then_paid_beyond_15_minutes():
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
    assert [(p.free, p.chargeable) for p in planned] == [(10, 0), (5, 60)]
    assert final[0][0] == "free"
    assert final[1] == ("billable", "billable", 60, D("49.50"))


def test_infotel_up_to_15_minutes_stays_free():
    terms = P.TicketTerms("billable", free_minutes=15, rounding=HALF_HOUR, rate=D(45))
    _planned, final = _final(terms, _lines(15))
    assert final == [("free", "free_allowance", 0, D("0.00"))]


@pytest.mark.parametrize(
    "agreement_date, verdict, reason",
    [
        (None, "not_billable", "no_agreement"),
        (DAY + datetime.timedelta(days=1), "not_billable", "no_agreement"),
        (DAY, "billable", "billable"),
    ],
)
def test_paid_work_needs_agreement_first(agreement_date, verdict, reason):
    terms = P.TicketTerms(
        "billable",
        reason="billable",
        rounding=HALF_HOUR,
        rate=D(45),
        agreement_required=True,
        agreement_date=agreement_date,
    )
    _planned, final = _final(terms, _lines(40))
    assert final[0][:2] == (verdict, reason)


def test_sangoma_pack_then_45_minutes_configuration():
    # 5-hour pack = 300 credits; 45 min of configuration -> 45 credits
    terms = P.TicketTerms("wallet", reason="wallet")
    planned = P.plan_ticket_lines(_lines(45), terms)
    target, delta = P.split_coverage(planned[0].chargeable, 0, 300)
    assert (target, delta, 300 - delta) == (45, 45, 255)
    assert P.line_charge(planned[0], target, D(0), DAY, terms) == (
        "wallet",
        "wallet",
        0,
        D("0.00"),
    )


@pytest.mark.parametrize(
    "chargeable, covered, available, target, delta",
    [
        (45, 0, 300, 45, 45),
        (45, 45, 0, 45, 0),  # recomputed: nothing moves
        (60, 45, 255, 60, 15),  # the line grew
        (30, 45, 0, 30, -15),  # the line shrank: refund
        (0, 45, 0, 0, -45),  # no longer wallet work: refund all
        (45, 0, 20, 20, 20),  # short wallet: 25 min overage
    ],
)
def test_split_coverage(chargeable, covered, available, target, delta):
    assert P.split_coverage(chargeable, covered, available) == (target, delta)


def test_h2s_pro_two_hours_included_then_160_an_hour():
    terms = P.TicketTerms("wallet", reason="wallet", rate=D(160))
    planned = P.plan_ticket_lines(_lines(90, 60), terms)
    first, _ = P.split_coverage(planned[0].chargeable, 0, 120)
    second, _ = P.split_coverage(planned[1].chargeable, 0, 120 - first)
    assert (first, second) == (90, 30)
    assert P.line_charge(planned[1], second, terms.rate, DAY, terms) == (
        "billable",
        "overage",
        30,
        D("80.00"),
    )
    # a plan that does not bill overage leaves it uncovered, with the reason
    assert P.line_charge(planned[1], second, terms.rate, DAY, terms, "none")[:2] == (
        "not_billable",
        "wallet_empty",
    )


@pytest.mark.parametrize(
    "treatment, verdict",
    [("free", "free"), ("not_billable", "not_billable"), ("quota", "wallet")],
)
def test_non_chargeable_treatments(treatment, verdict):
    planned = P.plan_ticket_lines(_lines(30, 20), P.TicketTerms(treatment))
    assert [p.verdict for p in planned] == [verdict, verdict]
    assert all(p.chargeable == 0 for p in planned)


def test_running_timer_is_pending():
    terms = P.TicketTerms("billable", rate=D(45))
    planned = P.plan_ticket_lines(_lines(30, 0, running=(1,)), terms)
    assert [(p.verdict, p.reason) for p in planned] == [
        ("billable", ""),
        ("pending", "running"),
    ]


def test_billable_without_rate_is_not_billed():
    terms = P.TicketTerms("billable", reason="billable", rate=D(0))
    _planned, final = _final(terms, _lines(30))
    assert final == [("not_billable", "no_rate", 0, D("0.00"))]


def test_webitel_actual_time_billed():
    terms = P.TicketTerms("billable", reason="billable", rate=D(100))
    _planned, final = _final(terms, _lines(37))
    assert final == [("billable", "billable", 37, D("61.67"))]


# --- success fee ------------------------------------------------------------

SF = P.SuccessFeeTerms()
H2S_RATE = D(160)


@pytest.mark.parametrize(
    "actions, state",
    [
        (["accept_order"], "hourly"),
        (["accept_order", "solve"], "solved_hourly"),
        (["accept_order", "reach_threshold", "customer_refuse"], "refused"),
        (["accept_order", "reach_threshold", "customer_accept", "solve"], "solved"),
        (["accept_order", "reach_threshold", "customer_accept", "fail"], "not_solved"),
    ],
)
def test_success_fee_workflow(actions, state):
    current = "none"
    for action in actions:
        current = P.success_fee_transition(current, action)
    assert current == state


@pytest.mark.parametrize(
    "state, action",
    [
        ("none", "solve"),
        ("hourly", "customer_accept"),
        ("report_sent", "solve"),
        ("refused", "customer_accept"),  # decision twice
        ("fee_accepted", "customer_refuse"),  # decision twice
        ("solved", "fail"),
    ],
)
def test_success_fee_illegal_transition(state, action):
    with pytest.raises(P.PricingError) as err:
        P.success_fee_transition(state, action)
    assert err.value.code == "illegal_transition"
    assert action in str(err.value) and state in str(err.value)


@pytest.mark.parametrize(
    "minutes, state, total",
    [
        (180, "solved_hourly", "480.00"),  # solved after 3 h -> 480 zł
        (300, "solved_hourly", "800.00"),
        (420, "solved_hourly", "800.00"),  # capped at the 5 h threshold
        (300, "refused", "400.00"),  # refused after 5 h -> 400 zł
        (600, "solved", "1500.00"),
        (300, "solved", "1500.00"),
        (900, "not_solved", "400.00"),
        (120, "hourly", "0.00"),  # running: nothing owed yet
    ],
)
def test_success_fee_totals(minutes, state, total):
    assert P.success_fee_total(minutes, state, H2S_RATE, SF) == D(total)


def test_success_fee_time_terms_drive_the_lines():
    # while hourly: pending and capped at the threshold
    override, cap, hold = P.success_fee_time_terms("hourly", SF)
    terms = P.TicketTerms("billable", rate=H2S_RATE, cap_minutes=cap, hold=hold)
    planned = P.plan_ticket_lines(_lines(240, 120), terms)
    assert [(p.verdict, p.chargeable, p.excluded) for p in planned] == [
        ("pending", 240, 0),
        ("pending", 60, 60),
    ]
    # solved within the threshold: billable
    override, cap, hold = P.success_fee_time_terms("solved_hourly", SF)
    assert override is None and not hold
    terms = P.TicketTerms("billable", rate=H2S_RATE, cap_minutes=cap)
    _planned, final = _final(terms, _lines(180))
    assert final[0][2:] == (180, D("480.00"))
    # once the report is sent the flat fee replaces hourly billing
    assert P.success_fee_time_terms("report_sent", SF)[0] == "not_billable"
    assert P.success_fee_time_terms("none", SF) == (None, None, False)


# --- onsite -----------------------------------------------------------------

ZONES = [
    ({"PL-MZ"}, 0),
    ({"PL-LD", "PL-SK", "PL-MA", "PL-WP", "PL-SL"}, 300),
]


@pytest.mark.parametrize(
    "state, cost",
    [
        ("PL-MZ", "0.00"),
        ("PL-LD", "300.00"),
        ("PL-SK", "300.00"),
        ("PL-MA", "300.00"),
        ("PL-WP", "300.00"),
        ("PL-SL", "300.00"),
        ("PL-PM", "500.00"),
        ("PL-DS", "500.00"),
    ],
)
def test_travel_zones(state, cost):
    assert P.travel_cost(state, ZONES, default=500) == D(cost)


@pytest.mark.parametrize(
    "state, default, code", [("", 500, "no_region"), ("PL-PM", None, "no_zone")]
)
def test_travel_bad_input(state, default, code):
    with pytest.raises(P.PricingError) as err:
        P.travel_cost(state, ZONES, default=default)
    assert err.value.code == code


@pytest.mark.parametrize(
    "start, end, minimum, days",
    [
        ((2026, 3, 10), (2026, 3, 10), 1, 1),
        ((2026, 3, 10), (2026, 3, 12), 1, 3),
        ((2026, 3, 10), (2026, 3, 10), 2, 2),
    ],
)
def test_onsite_days(start, end, minimum, days):
    assert P.onsite_days(datetime.date(*start), datetime.date(*end), minimum) == days


def test_onsite_days_end_before_start():
    with pytest.raises(P.PricingError) as err:
        P.onsite_days(DAY, DAY - datetime.timedelta(days=1))
    assert err.value.code == "bad_dates"


@pytest.mark.parametrize(
    "days, rate, minimum, amount",
    [
        (1, 1280, 1, "1280.00"),  # H2S Onsite
        (2, 1280, 1, "2560.00"),
        (1, 500, 1, "500.00"),  # H2S Start
        (1, 1280, 2, "2560.00"),
    ],
)
def test_onsite_amount(days, rate, minimum, amount):
    assert P.onsite_amount(days, rate, minimum) == D(amount)


@pytest.mark.parametrize("days", [0, -1])
def test_onsite_zero_days_is_an_error(days):
    with pytest.raises(P.PricingError) as err:
        P.onsite_amount(days, 1280)
    assert err.value.code == "bad_days"


def test_h2s_start_first_purchase_of_family():
    purchases = [
        (1, "sangoma", datetime.date(2025, 1, 5)),
        (2, "sangoma", datetime.date(2025, 6, 1)),
        (3, "3cx", datetime.date(2025, 6, 1)),
        (4, "3cx", datetime.date(2025, 6, 1)),
    ]
    assert P.first_purchase_of_family(purchases, 1)
    assert not P.first_purchase_of_family(purchases, 2)
    assert P.first_purchase_of_family(purchases, 3)
    assert not P.first_purchase_of_family(purchases, 4)
    with pytest.raises(P.PricingError):
        P.first_purchase_of_family(purchases, 9)


# --- recurring fees ---------------------------------------------------------

OKTELL = [
    P.Tier(D(25000), 20, 100, 1),
    P.Tier(D(46000), 50, 500, 2),
    P.Tier(D(96000), 100, 1000, 3),
    P.Tier(D(190000)),
]


@pytest.mark.parametrize(
    "employees, calls, complexity, amount",
    [
        (10, 50, 1, 25000),
        (20, 100, 1, 25000),
        (21, 50, 1, 46000),  # employees alone reach tier 2
        (10, 600, 1, 96000),  # calls alone reach tier 3
        (10, 50, 4, 190000),  # complexity alone reaches tier 4
        (101, 0, 1, 190000),
        (60, 200, 2, 96000),  # highest tier reached by any criterion
    ],
)
def test_oktell_tier(employees, calls, complexity, amount):
    _index, tier = P.tier_for(OKTELL, employees, calls, complexity)
    assert tier.amount == amount


def test_tier_bad_input():
    with pytest.raises(P.PricingError):
        P.tier_for([], 1, 1, 1)
    with pytest.raises(P.PricingError):
        P.tier_for(OKTELL, -1, 1, 1)
    with pytest.raises(P.PricingError):
        P.tier_for(OKTELL[:3], 500, 1, 1)


@pytest.mark.parametrize(
    "fee_type, kwargs, amount",
    [
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
    ],
)
def test_recurring_fee(fee_type, kwargs, amount):
    assert P.recurring_fee(fee_type, **kwargs) == D(amount)


def test_recurring_fee_bad_type():
    with pytest.raises(P.PricingError):
        P.recurring_fee("weekly")


# --- invoice lines of exact amounts --------------------------------------------


def _line(quantity, price):
    return (quantity * price).quantize(D("0.01"), rounding="ROUND_HALF_UP")


@pytest.mark.parametrize("rate", [45, 160, 1000, D("51.75"), 60, D("0.07")])
def test_every_minute_of_a_day_is_invoiced_exactly(rate):
    pricer = P.LinePricer(price_digits=4)
    exact = raw = D(0)
    for minutes in range(1, 24 * 60 + 1):
        quantity = P.quantize_quantity(minutes / 60, 2)
        amount = P.amount_for_minutes(minutes, rate)
        price = pricer.price(quantity, amount)
        assert _line(quantity, price) == amount, (minutes, quantity, price)
        exact += amount
        raw += quantity * price
    # a document rounded globally totals the exact sum as well
    assert abs(raw - exact) < D("0.005")


@pytest.mark.parametrize(
    "minutes, rate, quantity, price",
    [
        (37, 45, D("0.62"), D("44.7581")),
        (67, 160, D("1.12"), D("159.5268")),
        (1, 60, D("0.02"), D("50")),
        (60, 45, D("1"), D("45")),
    ],
)
def test_line_price_examples(minutes, rate, quantity, price):
    pricer = P.LinePricer(price_digits=4)
    assert P.quantize_quantity(minutes / 60, 2) == quantity
    assert pricer.price(quantity, P.amount_for_minutes(minutes, rate)) == price


def test_two_price_decimals_hold_an_hour_and_say_what_is_needed():
    # up to an hour, any amount has a 2-decimal price
    for cents in range(1, 4501):
        amount = D(cents) / 100
        assert _line(D("0.62"), P.LinePricer().price(D("0.62"), amount)) == amount
    # beyond, lines of 7.62 h step by 0.0762: most amounts are out of reach
    failures = []
    for cents in range(34275, 34300):
        try:
            P.LinePricer(price_digits=2).price(D("7.62"), D(cents) / 100)
        except P.PricingError as err:
            failures.append(err)
    assert len(failures) > 15
    assert {err.code for err in failures} == {"price_precision"}
    assert {err.params["needed"] for err in failures} == {3}


def test_zero_quantity_only_for_nothing():
    assert P.LinePricer().price(0, 0) == 0
    with pytest.raises(P.PricingError):
        P.LinePricer().price(0, 5)
