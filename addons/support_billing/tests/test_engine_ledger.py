"""Pure wallet ledger arithmetic of support_billing (no Odoo)."""

import datetime

from odoo.tests import BaseCase, tagged

from odoo.addons.support_billing import engine

L = engine.ledger
PricingError = engine.pricing.PricingError
E = L.Entry


def d(month, day):
    return datetime.date(2026, month, day)


# -- time belongs to the period of its date ------------------------------

NOV_GRANT = E("nov", "grant", 600, d(11, 1), expires=d(11, 30))
NOV_USED = E("c1", "consumption", -540, d(11, 28))
NOV_EXPIRED = E("x1", "expiry", -60, d(12, 1), ref="nov")
DEC_GRANT = E("dec", "grant", 600, d(12, 1), expires=d(12, 31))


VALID_ENTRIES_CASES = [
    ("grant", 300, ""),
    ("consumption", -45, ""),
    ("refund", 45, ""),
    ("expiry", -75, ""),
    ("adjustment", 10, "goodwill"),
    ("adjustment", -10, "entered twice"),
]


INVALID_ENTRIES_CASES = [
    ("grant", -300, "", "bad_sign"),
    ("consumption", 45, "", "bad_sign"),
    ("refund", -45, "", "bad_sign"),
    ("expiry", 5, "", "bad_sign"),
    ("grant", 0, "", "zero_amount"),
    ("adjustment", 10, "  ", "no_reason"),
    ("gift", 10, "", "bad_kind"),
    ("grant", 1.5, "", "bad_amount"),
    ("grant", True, "", "bad_amount"),
]


CONSUMABLE_CASES = [
    (300, 45, False, 45),
    (45, 45, False, 45),
    (20, 45, True, 20),
    (0, 45, True, 0),
]


CONSUMABLE_ERRORS_CASES = [
    (20, 45, False, "insufficient"),
    (300, 0, False, "bad_quantity"),
    (300, -5, True, "bad_quantity"),
]


MONTH_PERIOD_CASES = [
    (d(1, 15), d(1, 1), d(1, 31)),
    (d(2, 28), d(2, 1), d(2, 28)),
    (
        datetime.date(2028, 2, 10),
        datetime.date(2028, 2, 1),
        datetime.date(2028, 2, 29),
    ),
    (d(12, 31), d(12, 1), d(12, 31)),
]


@tagged("post_install", "-at_install")
class TestEngineLedger(BaseCase):
    """The wallet ledger arithmetic of the pure engine (no database)."""

    def test_valid_entries(self):
        for kind, amount, reason in VALID_ENTRIES_CASES:
            with self.subTest(kind=kind, amount=amount, reason=reason):
                L.validate_entry(kind, amount, reason)

    def test_invalid_entries(self):
        for kind, amount, reason, code in INVALID_ENTRIES_CASES:
            with self.subTest(kind=kind, amount=amount, reason=reason, code=code):
                with self.assertRaises(PricingError) as err:
                    L.validate_entry(kind, amount, reason)
                self.assertEqual(err.exception.code, code)

    def test_sangoma_pack_balance(self):
        entries = [
            E(1, "grant", 300, d(3, 1)),
            E(2, "consumption", -45, d(3, 2), ref="l1"),
        ]
        self.assertEqual(L.balance(entries), 255)
        self.assertEqual(L.net_consumed(entries, "l1"), 45)

    def test_refund_limits(self):
        entries = [
            E(1, "grant", 300, d(3, 1)),
            E(2, "consumption", -45, d(3, 2), ref="t1"),
            E(3, "refund", 20, d(3, 3), ref="t1"),
        ]
        L.check_refund(entries, "t1", 25)
        with self.assertRaises(PricingError) as err:
            L.check_refund(entries, "t1", 26)
        self.assertEqual(err.exception.code, "refund_too_large")
        with self.assertRaises(PricingError):
            L.check_refund(entries, "t2", 1)
        with self.assertRaises(PricingError):
            L.check_refund(entries, "t1", 0)

    def test_consumable(self):
        for balance, quantity, partial, taken in CONSUMABLE_CASES:
            with self.subTest(
                balance=balance, quantity=quantity, partial=partial, taken=taken
            ):
                self.assertEqual(L.consumable(balance, quantity, partial), taken)

    def test_consumable_errors(self):
        for balance, quantity, partial, code in CONSUMABLE_ERRORS_CASES:
            with self.subTest(
                balance=balance, quantity=quantity, partial=partial, code=code
            ):
                with self.assertRaises(PricingError) as err:
                    L.consumable(balance, quantity, partial)
                self.assertEqual(err.exception.code, code)

    def test_period_grant_used_before_pack_and_expires(self):
        # H2S Pro style: 120 min included in March (expires 31 March) + a pack
        entries = [
            E("pack", "grant", 120, d(3, 1)),
            E("march", "grant", 120, d(3, 1), expires=d(3, 31)),
            E("c1", "consumption", -90, d(3, 10)),
        ]
        self.assertEqual(
            L.lots(entries), {"pack": (120, None), "march": (30, d(3, 31))}
        )
        self.assertEqual(L.to_expire(entries, d(3, 31)), [])
        self.assertEqual(L.to_expire(entries, d(4, 1)), [("march", 30)])
        entries.append(E("x1", "expiry", -30, d(4, 1), ref="march"))
        self.assertEqual(L.balance(entries), 120)
        self.assertEqual(L.to_expire(entries, d(4, 2)), [])

    def test_expired_lot_is_not_drawn(self):
        entries = [
            E("feb", "grant", 120, d(2, 1), expires=d(2, 28)),
            E("pack", "grant", 60, d(2, 1)),
            E("c1", "consumption", -60, d(3, 2)),
        ]
        self.assertEqual(L.lots(entries), {"feb": (120, d(2, 28)), "pack": (0, None)})

    def test_overdrawn_ledger_is_inconsistent(self):
        entries = [E(1, "grant", 30, d(3, 1)), E(2, "consumption", -45, d(3, 2))]
        with self.assertRaises(PricingError) as err:
            L.lots(entries)
        self.assertEqual(err.exception.code, "overdrawn")

    def test_expiry_larger_than_lot(self):
        entries = [E(1, "grant", 30, d(3, 1)), E(2, "expiry", -45, d(4, 1), ref=1)]
        with self.assertRaises(PricingError) as err:
            L.lots(entries)
        self.assertEqual(err.exception.code, "bad_expiry")

    def test_month_period(self):
        for day, start, end in MONTH_PERIOD_CASES:
            with self.subTest(day=day, start=start, end=end):
                self.assertEqual(L.month_period(day), (start, end))

    def test_late_consumption_reopens_the_expired_rest_of_its_month(self):
        entries = [NOV_GRANT, NOV_USED, NOV_EXPIRED, DEC_GRANT]
        # 90 minutes dated 30 Nov: the 60 left of November, never December's
        self.assertEqual(L.plan_consumption(entries, d(11, 30), 90), (60, {"nov": 60}))
        reopened = [
            *entries,
            E("r1", "reopen", 60, d(12, 2), ref="nov"),
            E("c2", "consumption", -60, d(11, 30)),
        ]
        self.assertEqual(
            L.lots(reopened),
            {
                "nov": (0, d(11, 30)),
                "dec": (600, d(12, 31)),
            },
        )
        self.assertEqual(L.balance(reopened), 600)

    def test_late_consumption_without_reopen_leaves_the_expired_month_closed(self):
        entries = [NOV_GRANT, NOV_USED, NOV_EXPIRED, DEC_GRANT]
        self.assertEqual(
            L.plan_consumption(entries, d(11, 30), 90, reopen=False), (0, {})
        )
        pack = E("pack", "grant", 120, d(11, 5))
        taken = L.plan_consumption([*entries, pack], d(11, 30), 90, reopen=False)
        self.assertEqual(taken, (90, {}))

    def test_consumption_in_the_current_month_draws_its_own_grant(self):
        entries = [NOV_GRANT, NOV_USED, NOV_EXPIRED, DEC_GRANT]
        self.assertEqual(L.plan_consumption(entries, d(12, 3), 700), (600, {}))

    def test_backdated_consumption_leaves_later_entries_paid(self):
        pack = E("pack", "grant", 100, d(11, 1))
        later = E("c3", "consumption", -80, d(12, 5))
        # the pack pays 80 minutes of December: only 20 are left for 30 Nov
        self.assertEqual(L.plan_consumption([pack, later], d(11, 30), 50), (20, {}))

    def test_reopen_is_netted_against_the_expiry_of_its_lot(self):
        L.validate_entry("reopen", 10)
        with self.assertRaises(PricingError):
            L.validate_entry("reopen", -10)
        # a reopen never consumed would leave the lot with its rest again
        entries = [
            NOV_GRANT,
            NOV_USED,
            NOV_EXPIRED,
            E("r", "reopen", 60, d(12, 2), ref="nov"),
        ]
        self.assertEqual(L.lots(entries)["nov"], (60, d(11, 30)))
        self.assertEqual(L.to_expire(entries, d(12, 3)), [("nov", 60)])
