# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer follows the RMA of its ticket on the portal, over HTTP; a
portal user of another customer sees none of it."""

from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged

from .common import SangomaRmaCase


@tagged("post_install", "-at_install")
class TestPortalReturns(SangomaRmaCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal = new_test_user(
            cls.env,
            login="rma-portal",
            password="rma-portal-pw",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        other = cls.env["res.partner"].create(
            {"name": "Other customer (test)", "is_company": True}
        )
        cls.stranger_user = new_test_user(
            cls.env,
            login="rma-stranger",
            password="rma-stranger-pw",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "Other contact", "parent_id": other.id})
            .id,
        )

    def test_customer_sees_the_decision_and_its_rma(self):
        ticket, analysis = self.defect(date(2025, 3, 10), date(2026, 11, 16))
        analysis.action_decide()
        rma = analysis.rma_id
        self.authenticate("rma-portal", "rma-portal-pw")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("Hardware returns", page)
        self.assertIn("RMA authorised", page)
        self.assertIn(rma.name, page)
        self.assertIn(f"/my/rmas/{rma.id}?report_type=pdf", page)
        detail = self.url_open(f"/my/rmas/{rma.id}")
        self.assertEqual(detail.status_code, 200)
        self.assertIn(rma.name, detail.text)
        form = self.url_open(f"/my/rmas/{rma.id}?report_type=html")
        self.assertEqual(form.status_code, 200)
        self.assertIn(rma.name, form.text)

    def test_rma_list_beside_the_contract_list(self):
        # rma's and contract's portals share a method name; each list keeps
        # its own records whatever the order the addons load in.
        _ticket, analysis = self.defect(date(2025, 3, 10), date(2026, 11, 16))
        analysis.action_decide()
        self.authenticate("rma-portal", "rma-portal-pw")
        rmas = self.url_open("/my/rmas")
        self.assertEqual(rmas.status_code, 200)
        self.assertIn(analysis.rma_id.name, rmas.text)
        contracts = self.url_open("/my/contracts")
        self.assertEqual(contracts.status_code, 200)
        self.assertNotIn(self.contract_s.name, contracts.text)

    def test_refusal_reason_is_shown(self):
        ticket, analysis = self.defect(date(2024, 11, 16), date(2026, 11, 16))
        analysis.action_decide()
        self.authenticate("rma-portal", "rma-portal-pw")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("the warranty of Vega 3000G", page)

    def test_other_customer_sees_nothing(self):
        ticket, analysis = self.defect(date(2025, 3, 10), date(2026, 11, 16))
        analysis.action_decide()
        self.authenticate("rma-stranger", "rma-stranger-pw")
        detail = self.url_open(f"/my/rmas/{analysis.rma_id.id}", allow_redirects=False)
        self.assertNotEqual(detail.status_code, 200)
        page = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertNotIn(analysis.rma_id.name, page.text)

    def test_shipment_and_receipt_are_shown(self):
        self.vega.is_storable = True
        ticket, analysis = self.defect(date(2025, 3, 10), date(2026, 11, 16))
        analysis.action_decide()
        # the warehouse's work, not the support agent's
        rma = self.env["rma"].browse(analysis.rma_id.id)
        rma.action_confirm()
        self.authenticate("rma-portal", "rma-portal-pw")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertNotIn("Replacement shipped", page)
        self.assertNotIn("Faulty unit received", page)
        # The faulty unit comes back first (plain replacement), then the
        # replacement leaves.
        rma.reception_move_id.quantity = 1
        rma.reception_move_id.picking_id.button_validate()
        self.assertEqual(rma.reception_move_id.state, "done")
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )
        self.env["stock.quant"]._update_available_quantity(
            self.vega, warehouse.lot_stock_id, 1
        )
        rma.create_replace(
            date(2026, 11, 17), warehouse, self.vega, 1, self.vega.uom_id
        )
        picking = rma.delivery_move_ids.picking_id
        tracked = "carrier_tracking_ref" in picking._fields
        if tracked:
            # with a delivery addon installed, the carrier's reference
            picking.carrier_tracking_ref = "TRACK-4711"
        picking.action_assign()
        picking.move_ids.quantity = 1
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("Replacement shipped", page)
        self.assertIn(picking.name, page)
        self.assertEqual("TRACK-4711" in page, tracked)
        self.assertIn("Faulty unit received", page)
