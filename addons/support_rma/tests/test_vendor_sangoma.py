# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sangoma's hardware defect evaluation (docs/vendors/sangoma.md): the
failure analysis, the RMA decision by the warranty and the terms of use,
and the OCA RMA an authorisation creates."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SangomaRmaCase


@tagged("post_install", "-at_install")
class TestVendorSangomaRma(SangomaRmaCase):
    def test_warranty_end_from_the_purchase_and_the_product(self):
        self.unit.purchase_date = date(2025, 3, 10)
        self.assertEqual(self.unit.warranty_end, date(2027, 3, 9))
        self.unit.warranty_end = date(2027, 6, 30)  # extended by hand
        self.assertEqual(self.unit.warranty_end, date(2027, 6, 30))
        with self.assertRaisesRegex(
            ValidationError, "Warranty end: .* before its purchase"
        ):
            self.unit.warranty_end = date(2025, 1, 1)

    def test_confirmed_under_warranty_authorises_the_rma(self):
        ticket, analysis = self.defect(date(2025, 3, 10), date(2026, 11, 16))
        analysis.with_user(self.agent).action_decide()
        self.assertEqual(analysis.decision, "authorised")
        rma = analysis.rma_id
        self.assertTrue(rma)
        self.assertEqual(rma.support_ticket_id, ticket)
        self.assertEqual(ticket.support_rma_ids, rma)
        self.assertEqual(rma.product_id, self.vega)
        self.assertEqual(rma.partner_id, self.contact)
        self.assertEqual(rma.operation_id, self.env.ref("rma.rma_operation_replace"))
        self.assertIn("SNG-VEGA-1", rma.origin)
        self.assertIn("under warranty until", self.told(ticket).body)

    def test_out_of_warranty_is_refused_and_told(self):
        ticket, analysis = self.defect(date(2024, 11, 16), date(2026, 11, 16))
        self.assertEqual(self.unit.warranty_end, date(2026, 11, 15))
        analysis.with_user(self.agent).action_decide()
        self.assertEqual(
            (analysis.decision, analysis.decision_reason_code),
            ("refused", "out_of_warranty"),
        )
        self.assertFalse(analysis.rma_id)
        self.assertFalse(ticket.support_rma_ids)
        self.assertIn("warranty of Vega 3000G", self.told(ticket).body)

    def test_misuse_is_refused(self):
        ticket, analysis = self.defect(
            date(2026, 1, 5), date(2026, 11, 16), cause="misuse"
        )
        analysis.with_user(self.agent).action_decide()
        self.assertEqual(analysis.decision_reason_code, "misuse")
        self.assertIn("not used within its terms", self.told(ticket).body)

    def test_defect_not_confirmed_is_refused(self):
        _ticket, analysis = self.defect(
            date(2026, 1, 5), date(2026, 11, 16), result="not_confirmed"
        )
        analysis.with_user(self.agent).action_decide()
        self.assertEqual(analysis.decision_reason_code, "not_confirmed")

    def test_decision_on_an_unfinished_analysis_is_refused(self):
        ticket = self.ticket(
            kind="ticket_type_hardware_rma", support_serial="SNG-VEGA-1"
        )
        analysis = self.env["support.failure.analysis"].create(
            {
                "ticket_id": ticket.id,
                "line_id": self.unit.id,
                "report_date": date(2026, 11, 16),
                "symptoms": "Reboots",
            }
        )
        with self.assertRaisesRegex(
            UserError, "is not finished: fill in Tests done, Result"
        ):
            analysis.action_done()
        with self.assertRaisesRegex(UserError, "not finished .*mark it analysed"):
            analysis.action_decide()
        self.assertFalse(
            self.env["rma"].search([("support_analysis_id", "=", analysis.id)])
        )

    def test_unit_of_another_customer_is_refused(self):
        other = self.env["res.partner"].create(
            {"name": "Other customer (test)", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Other contact", "parent_id": other.id}
        )
        foreign = self.contract(
            "plan_sangoma_support",
            [self.line(self.vega, "SNG-VEGA-9")],
            contacts=[contact],
            customer=other,
        ).line_ids
        ticket = self.ticket(
            kind="ticket_type_hardware_rma", support_serial="SNG-VEGA-1"
        )
        with self.assertRaisesRegex(
            ValidationError, "Unit: .* is covered for Other customer"
        ):
            self.env["support.failure.analysis"].create(
                {
                    "ticket_id": ticket.id,
                    "line_id": foreign.id,
                    "report_date": date(2026, 11, 16),
                }
            )

    def test_decided_analysis_is_locked(self):
        _ticket, analysis = self.defect(date(2025, 3, 10), date(2026, 11, 16))
        analysis.action_decide()
        with self.assertRaisesRegex(UserError, "cannot change"):
            analysis.result = "not_confirmed"
        with self.assertRaisesRegex(UserError, "not finished"):
            analysis.action_decide()
        self.assertEqual(
            len(self.env["rma"].search([("support_analysis_id", "=", analysis.id)])), 1
        )

    def test_no_replacement_in_stock_offers_the_technician_visit(self):
        self.vega.is_storable = True
        ticket, analysis = self.defect(date(2025, 3, 10), date(2026, 11, 16))
        analysis.action_decide()
        activity = ticket.activity_ids.filtered(
            lambda a: a.summary == "No replacement in stock"
        )
        self.assertIn("offer the customer the technician visit", activity.note)
        # With a unit in stock, no such activity.
        warehouse = self.env["stock.warehouse"].search([], limit=1)
        self.env["stock.quant"]._update_available_quantity(
            self.vega, warehouse.lot_stock_id, 2
        )
        ticket, analysis = self.defect(date(2025, 3, 10), date(2026, 11, 17))
        analysis.action_decide()
        self.assertFalse(
            ticket.activity_ids.filtered(
                lambda a: a.summary == "No replacement in stock"
            )
        )

    def test_decision_and_links_refused_to_users_writes(self):
        # Read-only on the form is not enough: the decision is the engine's.
        ticket, analysis = self.defect(
            date(2024, 11, 16), date(2026, 11, 16), result="not_confirmed"
        )
        as_agent = analysis.with_user(self.agent)
        for vals in (
            {"decision": "authorised"},
            {"state": "decided"},
            {"decision_reason_code": "authorised"},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_agent.write(vals)
        with self.assertRaises(AccessError):
            self.env["rma"].with_user(self.agent).create(
                {
                    "partner_id": self.contact.id,
                    "product_id": self.vega.id,
                    "support_ticket_id": ticket.id,
                }
            )
        self.assertEqual(analysis.state, "done")
        self.assertFalse(analysis.decision)

    def test_latest_valid_backup_is_marked(self):
        backups = self.env["support.device.backup"].create(
            [
                {
                    "line_id": self.unit.id,
                    "backup_date": "2026-10-01 08:00:00",
                    "data": b"b25l",
                },
                {
                    "line_id": self.unit.id,
                    "backup_date": "2026-11-01 08:00:00",
                    "data": b"dHdv",
                },
                {
                    "line_id": self.unit.id,
                    "backup_date": "2026-11-10 08:00:00",
                    "data": b"dGhy",
                    "valid": False,
                },
            ]
        )
        self.assertEqual(self.unit.last_backup_id, backups[1])
        self.assertEqual(backups.mapped("is_latest"), [False, True, False])
