# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sangoma (docs/vendors/sangoma.md, SLA) from its vendor pack alone.

The Sangoma support policy gives no time at all: no reaction, resolution or
RMA term for technical support, professional services or hardware defect
evaluation. So this module checks 0 SLA numbers: it checks that the pack
invents none -- no SLA policy on the Sangoma plan, and covered requests of
every kind the plan includes run no clock ("No SLA").
"""

from odoo.tests import tagged

from .common import CRITICAL, WARSAW
from .vendor_sla_common import VendorSlaCase


@tagged("post_install", "-at_install")
class TestVendorSangoma(VendorSlaCase):
    vendor = "sangoma"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env.ref("halo_support.plan_sangoma_support")
        cls.customer_on("sangoma", "plan_sangoma_support")

    def test_no_policy_is_invented(self):
        self.assertFalse(
            self.env["support.sla.policy"]
            .with_context(active_test=False)
            .search([("plan_id", "=", self.plan.id)])
        )

    def test_covered_requests_run_no_clock(self):
        for kind in ("bug", "incident", "configuration", "hardware_rma"):
            with self.subTest(kind=kind):
                ticket = self.ticket(
                    "sangoma", WARSAW, (2026, 11, 16, 10, 0), kind, CRITICAL
                )
                self.assertFalse(ticket.sla_ids)
                self.assertEqual(ticket.sla_status, "none")
                self.assertFalse(ticket.sla_deadline)
