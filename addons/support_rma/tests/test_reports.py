# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The measures of the returns reports: the share of confirmed defects and
the days from the report to the replacement."""

from datetime import date, datetime

from odoo.tests import tagged

from .common import SangomaRmaCase


@tagged("post_install", "-at_install")
class TestReturnsReports(SangomaRmaCase):
    def test_share_of_confirmed_defects(self):
        _t, confirmed = self.defect(date(2025, 3, 10), date(2026, 11, 16))
        _t, misuse = self.defect(date(2025, 3, 10), date(2026, 11, 16), cause="misuse")
        _t, not_confirmed = self.defect(
            date(2025, 3, 10), date(2026, 11, 16), result="not_confirmed"
        )
        analyses = confirmed | misuse | not_confirmed
        self.assertEqual(analyses.mapped("defect_confirmed"), [1, 1, 0])
        [group] = self.env["support.failure.analysis"].read_group(
            [("id", "in", analyses.ids)],
            ["defect_confirmed:sum", "defect_confirmed_share:avg"],
            ["product_categ_id"],
        )
        self.assertEqual(group["product_categ_id"][0], self.vega.categ_id.id)
        self.assertEqual(group["product_categ_id_count"], 3)
        self.assertEqual(group["defect_confirmed"], 2)
        self.assertAlmostEqual(group["defect_confirmed_share"], 200 / 3, places=2)

    def test_days_from_report_to_replacement(self):
        ticket, analysis = self.defect(date(2025, 3, 10), date(2026, 11, 16))
        analysis.action_decide()
        rma = analysis.rma_id
        self.assertEqual(rma.support_product_categ_id, self.vega.categ_id)
        self.assertEqual(rma.support_cause, "product_fault")
        self.assertEqual(rma.support_report_date, date(2026, 11, 16))
        self.assertEqual(rma.support_days_to_replacement, 0)
        self.assertTrue(
            ticket._on_replacement_delivered(rma, datetime(2026, 11, 19, 14, 0))
        )
        self.assertEqual(
            rma.support_replacement_delivered_at.date(), date(2026, 11, 19)
        )
        self.assertEqual(rma.support_days_to_replacement, 3)
        [group] = self.env["rma"].read_group(
            [("id", "=", rma.id)], ["support_days_to_replacement:avg"], ["state"]
        )
        self.assertEqual(group["support_days_to_replacement"], 3)
