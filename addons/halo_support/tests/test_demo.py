# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """The demo data (installed by `make test` and `make run`) shows each verdict."""

    def test_demo_verdicts(self):
        expected = {
            "demo_ticket_portal_covered": "covered",
            "demo_ticket_portal_too_old": "not_eligible",
            "demo_ticket_azure_report": "excluded",
            "demo_ticket_azure_unauthorised": "not_authorised",
        }
        for xmlid, verdict in expected.items():
            ticket = self.env.ref(f"halo_support.{xmlid}")
            self.assertEqual(ticket.entitlement, verdict, xmlid)
            self.assertTrue(ticket.entitlement_reason)

    def test_demo_portal_user_has_a_contract(self):
        portal = self.env.ref("base.demo_user0")
        contracts = self.env["support.contract"].with_user(portal).search([])
        self.assertIn(self.env.ref("halo_support.demo_contract_portal"), contracts)
        self.assertEqual(set(contracts.mapped("state")), {"active"})
