"""Pure wallet ledger arithmetic of support_billing (no Odoo)."""

import datetime

import pytest
from pure_import import load_pure

engine = load_pure("addons/support_billing/engine", "support_billing_engine")
L = engine.ledger
PricingError = engine.pricing.PricingError
E = L.Entry


def d(month, day):
    return datetime.date(2026, month, day)


@pytest.mark.parametrize(
    "kind, amount, reason",
    [
        ("grant", 300, ""),
        ("consumption", -45, ""),
        ("refund", 45, ""),
        ("expiry", -75, ""),
        ("adjustment", 10, "goodwill"),
        ("adjustment", -10, "entered twice"),
    ],
)
def test_valid_entries(kind, amount, reason):
    L.validate_entry(kind, amount, reason)


@pytest.mark.parametrize(
    "kind, amount, reason, code",
    [
        ("grant", -300, "", "bad_sign"),
        ("consumption", 45, "", "bad_sign"),
        ("refund", -45, "", "bad_sign"),
        ("expiry", 5, "", "bad_sign"),
        ("grant", 0, "", "zero_amount"),
        ("adjustment", 10, "  ", "no_reason"),
        ("gift", 10, "", "bad_kind"),
        ("grant", 1.5, "", "bad_amount"),
        ("grant", True, "", "bad_amount"),
    ],
)
def test_invalid_entries(kind, amount, reason, code):
    with pytest.raises(PricingError) as err:
        L.validate_entry(kind, amount, reason)
    assert err.value.code == code


def test_sangoma_pack_balance():
    entries = [E(1, "grant", 300, d(3, 1)), E(2, "consumption", -45, d(3, 2), ref="l1")]
    assert L.balance(entries) == 255
    assert L.net_consumed(entries, "l1") == 45


def test_refund_limits():
    entries = [
        E(1, "grant", 300, d(3, 1)),
        E(2, "consumption", -45, d(3, 2), ref="t1"),
        E(3, "refund", 20, d(3, 3), ref="t1"),
    ]
    L.check_refund(entries, "t1", 25)
    with pytest.raises(PricingError) as err:
        L.check_refund(entries, "t1", 26)
    assert err.value.code == "refund_too_large"
    with pytest.raises(PricingError):
        L.check_refund(entries, "t2", 1)
    with pytest.raises(PricingError):
        L.check_refund(entries, "t1", 0)


@pytest.mark.parametrize(
    "balance, quantity, partial, taken",
    [(300, 45, False, 45), (45, 45, False, 45), (20, 45, True, 20), (0, 45, True, 0)],
)
def test_consumable(balance, quantity, partial, taken):
    assert L.consumable(balance, quantity, partial) == taken


@pytest.mark.parametrize(
    "balance, quantity, partial, code",
    [
        (20, 45, False, "insufficient"),
        (300, 0, False, "bad_quantity"),
        (300, -5, True, "bad_quantity"),
    ],
)
def test_consumable_errors(balance, quantity, partial, code):
    with pytest.raises(PricingError) as err:
        L.consumable(balance, quantity, partial)
    assert err.value.code == code


def test_period_grant_used_before_pack_and_expires():
    # H2S Pro style: 120 min included in March (expires 31 March) + a pack
    entries = [
        E("pack", "grant", 120, d(3, 1)),
        E("march", "grant", 120, d(3, 1), expires=d(3, 31)),
        E("c1", "consumption", -90, d(3, 10)),
    ]
    assert L.lots(entries) == {"pack": (120, None), "march": (30, d(3, 31))}
    assert L.to_expire(entries, d(3, 31)) == []
    assert L.to_expire(entries, d(4, 1)) == [("march", 30)]
    entries.append(E("x1", "expiry", -30, d(4, 1), ref="march"))
    assert L.balance(entries) == 120
    assert L.to_expire(entries, d(4, 2)) == []


def test_expired_lot_is_not_drawn():
    entries = [
        E("feb", "grant", 120, d(2, 1), expires=d(2, 28)),
        E("pack", "grant", 60, d(2, 1)),
        E("c1", "consumption", -60, d(3, 2)),
    ]
    assert L.lots(entries) == {"feb": (120, d(2, 28)), "pack": (0, None)}


def test_overdrawn_ledger_is_inconsistent():
    entries = [E(1, "grant", 30, d(3, 1)), E(2, "consumption", -45, d(3, 2))]
    with pytest.raises(PricingError) as err:
        L.lots(entries)
    assert err.value.code == "overdrawn"


def test_expiry_larger_than_lot():
    entries = [E(1, "grant", 30, d(3, 1)), E(2, "expiry", -45, d(4, 1), ref=1)]
    with pytest.raises(PricingError) as err:
        L.lots(entries)
    assert err.value.code == "bad_expiry"


@pytest.mark.parametrize(
    "day, start, end",
    [
        (d(1, 15), d(1, 1), d(1, 31)),
        (d(2, 28), d(2, 1), d(2, 28)),
        (
            datetime.date(2028, 2, 10),
            datetime.date(2028, 2, 1),
            datetime.date(2028, 2, 29),
        ),
        (d(12, 31), d(12, 1), d(12, 31)),
    ],
)
def test_month_period(day, start, end):
    assert L.month_period(day) == (start, end)
