# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import BaseCase, tagged

from odoo.addons.support_rma.engine import rma_decision as rd

REPORT = date(2026, 11, 16)
CASES = [
    # (case, result, cause, warranty end, decision, code)
    ("confirmed fault under warranty", "confirmed", "product_fault", date(2027, 1, 1), "authorised", "authorised"),
    ("warranty's last day still counts", "confirmed", "product_fault", REPORT, "authorised", "authorised"),
    ("warranty ended the day before", "confirmed", "product_fault", date(2026, 11, 15), "refused", "out_of_warranty"),
    ("no warranty known", "confirmed", "product_fault", None, "refused", "no_warranty"),
    ("misuse under warranty", "confirmed", "misuse", date(2027, 1, 1), "refused", "misuse"),
    ("not confirmed, whatever the rest", "not_confirmed", None, date(2027, 1, 1), "refused", "not_confirmed"),
]  # fmt: skip


@tagged("post_install", "-at_install")
class TestEngineRmaDecision(BaseCase):
    def test_decide(self):
        for case, result, cause, end, decision, code in CASES:
            with self.subTest(case=case):
                verdict = rd.decide(result, cause, end, REPORT)
                self.assertEqual((verdict.decision, verdict.code), (decision, code))

    def test_every_reason_is_reachable(self):
        reached = {code for *_rest, code in CASES}
        expected = {code for codes in rd.REASONS.values() for code in codes}
        self.assertEqual(reached, expected)

    def test_unknown_values_are_errors(self):
        with self.assertRaises(ValueError):
            rd.decide("maybe", None, None, REPORT)
        with self.assertRaises(ValueError):
            rd.decide("confirmed", None, date(2027, 1, 1), REPORT)
