# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sangoma (docs/vendors/sangoma.md), halo_support layer, on the vendor pack alone.

Checks 10 rules of the section: one support plan in USD (1); the three
commercial kinds of work, each with its request category and covered:
technical support for bugs (and incidents), professional services
(configuration), hardware defect evaluation before RMA (4); minor
configuration assistance (consultation, change) is a professional service
covered by the plan, paid in credits (2); Sangoma's families
(cards, appliances and phones, software) covered, other products not (2);
the plan states the credit rules (1 credit = 1 minute, packs of 2, 5 and 10
hours, bugs never consume credits, refund on an R&D fix) and the RMA
warranty condition for the agents (1). The credits themselves belong to
support_billing.
"""

from odoo.tests import tagged

from .vendor_common import VendorPackCase


@tagged("post_install", "-at_install")
class TestVendorSangoma(VendorPackCase):
    vendor = "sangoma"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card = cls.product("categ_sangoma_cards", "Sangoma A200 (test)")
        cls.vega = cls.product("categ_sangoma_hardware", "Vega 3000G (test)")
        cls.pbxact = cls.product("categ_sangoma_software", "PBXact (test)")
        cls.printer = cls.env["product.product"].create({"name": "Printer (test)"})
        cls.contract(
            "plan_sangoma_support",
            [
                cls.line(cls.card, "SNG-CARD", months=30),
                cls.line(cls.vega, "SNG-VEGA", months=3),
                cls.line(cls.pbxact, "SNG-PBXACT", months=8),
                cls.line(cls.printer, "SNG-PRN", months=8),
            ],
        )

    def test_one_plan_in_usd(self):
        self.assertVendorPlans(["SANGOMA"], "USD")

    def test_three_kinds_of_work(self):
        expected = {
            # kind: (request category, verdict)
            "ticket_type_bug": ("bug", "covered"),
            "ticket_type_incident": ("incident", "covered"),
            "ticket_type_configuration": ("configuration", "covered"),
            "ticket_type_hardware_rma": ("hardware_rma", "covered"),
            "ticket_type_consultation": ("consultation", "covered"),
            "ticket_type_change": ("change", "covered"),
        }
        for kind, (category, verdict) in expected.items():
            with self.subTest(kind=kind):
                ticket = self.ticket(
                    kind=kind, channel="portal", support_serial="SNG-PBXACT"
                )
                self.assertEqual(ticket.support_category, category)
                self.assertVerdict(ticket, verdict)
                if verdict == "excluded":
                    self.assertIn("does not include", ticket.entitlement_reason)

    def test_sangoma_families_only(self):
        for serial, verdict in (
            ("SNG-CARD", "covered"),
            ("SNG-VEGA", "covered"),
            ("SNG-PBXACT", "covered"),
            ("SNG-PRN", "not_eligible"),
        ):
            with self.subTest(serial=serial):
                ticket = self.ticket(
                    kind="ticket_type_hardware_rma", support_serial=serial
                )
                self.assertVerdict(ticket, verdict)

    def test_credit_and_rma_rules_are_stated(self):
        work = self.pack_ref("plan_sangoma_support").included_work
        for wording in (
            "never consume credits",
            "1 credit = 1 minute",
            "packs of 2, 5 and 10 hours",
            "credits used are refunded",
            "under a valid warranty",
        ):
            self.assertIn(wording, work)
