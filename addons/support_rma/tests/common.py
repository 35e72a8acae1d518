# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A Sangoma customer with a covered hardware unit (vendor pack alone)."""

from odoo.tests import new_test_user

from odoo.addons.halo_support.tests.vendor_common import VendorPackCase


class SangomaRmaCase(VendorPackCase):
    """A Sangoma customer with one covered unit, and a support user."""

    vendor = "sangoma"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vega = cls.product("categ_sangoma_hardware", "Vega 3000G (test)")
        cls.vega.support_warranty_months = 24
        cls.lot = cls.env["stock.lot"].create(
            {"name": "SNG-VEGA-1", "product_id": cls.vega.id}
        )
        cls.contract_s = cls.contract(
            "plan_sangoma_support",
            [cls.line(cls.vega, "SNG-VEGA-1", months=None, lot_id=cls.lot.id)],
        )
        cls.unit = cls.contract_s.line_ids
        cls.agent = new_test_user(
            cls.env,
            login="sangoma-rma-agent",
            groups="base.group_user,halo_support.group_support_user",
        )

    def defect(self, purchase, reported, result="confirmed", cause="product_fault"):
        """A finished analysis of the unit bought on ``purchase``, reported on
        ``reported``, as the agent."""
        self.unit.purchase_date = purchase
        ticket = self.ticket(
            kind="ticket_type_hardware_rma",
            support_serial="SNG-VEGA-1",
            support_request_date=reported,
        )
        self.assertEqual(ticket.support_product_line_id, self.unit)
        action = ticket.with_user(self.agent).action_support_new_analysis()
        analysis = (
            self.env["support.failure.analysis"]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create(
                {
                    "symptoms": "No dial tone on port 3",
                    "tests_done": "Loopback test, port swap",
                    "result": result,
                    "cause": cause if result == "confirmed" else False,
                }
            )
        )
        analysis.action_done()
        return ticket, analysis

    def told(self, ticket):
        return ticket.message_ids.filtered(
            lambda m: self.contact in m.partner_ids and m.message_type == "comment"
        )
