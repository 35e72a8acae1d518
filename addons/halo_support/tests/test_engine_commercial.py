# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The commercial rules as pure functions (engine.commercial), no database."""

from datetime import date

from odoo.tests import BaseCase, tagged

from ..engine import commercial as c

DAY = date(2026, 6, 30)


def req(key, day, topic=("kind", "family"), state=c.REPEAT_NONE):
    return c.Request(key=key, day=day, topic=topic, repeat_state=state)


@tagged("post_install", "-at_install")
class TestEngineCommercial(BaseCase):
    def test_repetition_warned_at_the_count_then_paid(self):
        new = req(3, DAY)
        self.assertEqual(c.repetition_verdict(new, [], 90, 2), c.REPEAT_NONE)
        one = [req(1, date(2026, 6, 1))]
        self.assertEqual(c.repetition_verdict(new, one, 90, 2), c.REPEAT_WARNED)
        self.assertEqual(c.repetition_verdict(new, one, 90, 3), c.REPEAT_NONE)
        warned = [req(1, date(2026, 6, 1)), req(2, date(2026, 6, 2), state="warned")]
        self.assertEqual(c.repetition_verdict(new, warned, 90, 2), c.REPEAT_PAID)
        # Outside the window, another topic, or the rule off: not counted.
        old = [req(1, date(2026, 1, 1), state="warned")]
        self.assertEqual(c.repetition_verdict(new, old, 90, 2), c.REPEAT_NONE)
        other = [req(1, DAY, topic=("kind", "other"), state="warned")]
        self.assertEqual(c.repetition_verdict(new, other, 90, 2), c.REPEAT_NONE)
        self.assertEqual(c.repetition_verdict(new, one, 0, 2), c.REPEAT_NONE)

    def test_offer_after_more_than_one_paid_service_once_a_half_year(self):
        paid = [date(2026, 3, 1)]
        self.assertFalse(c.offer_due(DAY, paid, 1, 6))
        paid.append(date(2026, 6, 1))
        self.assertTrue(c.offer_due(DAY, paid, 1, 6))
        self.assertFalse(c.offer_due(DAY, paid, 1, 6, last_offer=date(2026, 2, 1)))
        self.assertTrue(c.offer_due(DAY, paid, 1, 6, last_offer=date(2025, 12, 1)))
        self.assertFalse(c.offer_due(DAY, [date(2025, 12, 1), DAY], 1, 6))
        self.assertTrue(c.offer_due(DAY, [], 1, 6, warned=True))
        self.assertFalse(c.offer_due(DAY, paid, 1, 0, warned=True))

    def test_sla_priority_of_a_block(self):
        args = ("3", "2")
        self.assertEqual(c.sla_priority("3", *args, 7, {5}, True), "2")
        self.assertEqual(c.sla_priority("3", *args, 5, {5}, True), "3")
        self.assertEqual(c.sla_priority("3", *args, None, {5}, True), "3")
        self.assertEqual(c.sla_priority("3", *args, 7, {5}, False), "3")
        self.assertEqual(c.sla_priority("1", *args, 7, set(), True), "1")

    def test_configuration_refused(self):
        self.assertTrue(c.configuration_refused(True, True, "on_premises"))
        self.assertTrue(c.configuration_refused(True, True, False))
        self.assertFalse(c.configuration_refused(True, True, "cloud"))
        self.assertFalse(c.configuration_refused(True, False, "on_premises"))
        self.assertFalse(c.configuration_refused(False, True, "on_premises"))
