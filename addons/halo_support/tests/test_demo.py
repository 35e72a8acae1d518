# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from ..models.support_vendor_pack import VENDOR_CODES

# Every demo ticket and the verdict it shows (purchase dates are relative to
# the day the demo was installed, so the verdicts hold on any day).
DEMO_VERDICTS = {
    "demo_ticket_halo_kwadrat_free_covered": "covered",
    "demo_ticket_halo_kwadrat_free_too_old": "not_eligible",
    "demo_ticket_halo_kwadrat_free_elsewhere": "not_eligible",
    "demo_ticket_halo_kwadrat_pro_critical": "covered",
    "demo_ticket_halo_kwadrat_pro_normal": "covered",
    "demo_ticket_halo_kwadrat_pro_unauthorised": "not_authorised",
    "demo_ticket_halo_kwadrat_flexible_covered": "covered",
    "demo_ticket_halo_kwadrat_pro24_critical": "covered",
    "demo_ticket_halo_kwadrat_onsite_visit": "covered",
    "demo_ticket_halo_kwadrat_start_first": "covered",
    "demo_ticket_halo_kwadrat_start_not_first": "not_eligible",
    "demo_ticket_halo_kwadrat_no_contract": "no_contract",
    "demo_ticket_infotel_free_advice": "covered",
    "demo_ticket_infotel_free_configuration": "excluded",
    "demo_ticket_infotel_paid_configuration": "covered",
    "demo_ticket_infotel_v1_fault": "covered",
    "demo_ticket_infotel_v2_change": "covered",
    "demo_ticket_infotel_v3_hardware": "covered",
    "demo_ticket_sangoma_bug": "covered",
    "demo_ticket_sangoma_configuration": "covered",
    "demo_ticket_sangoma_rma": "covered",
    # minor configuration assistance: a professional service (credits)
    "demo_ticket_sangoma_consultation": "covered",
    "demo_ticket_sangoma_unauthorised": "not_authorised",
    "demo_ticket_oktell_consultation": "covered",
    "demo_ticket_oktell_change": "covered",
    "demo_ticket_oktell_complaint": "covered",
    "demo_ticket_oktell_report": "excluded",
    "demo_ticket_oktell_training": "excluded",
    "demo_ticket_oktell_unauthorised": "not_authorised",
    "demo_ticket_oktell_portal": "not_eligible",
    "demo_ticket_oktell_no_licence": "not_eligible",
    "demo_ticket_webitel_incident_p1": "covered",
    "demo_ticket_webitel_incident_p3": "covered",
    "demo_ticket_webitel_service_request": "covered",
    "demo_ticket_webitel_change": "covered",
    "demo_ticket_webitel_development": "excluded",
    "demo_ticket_webitel_email": "not_eligible",
    "demo_ticket_webitel_unauthorised": "not_authorised",
    "demo_ticket_webitel_advanced_covered": "covered",
}


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """The demo data (installed by `make test` and `make run`) shows each verdict."""

    def test_demo_loads_every_vendor(self):
        Pack = self.env["support.vendor.pack"]
        for vendor in VENDOR_CODES:
            self.assertTrue(Pack._vendor_pack_is_loaded(vendor), vendor)
            contracts = self.env["support.contract"].search(
                [
                    (
                        "plan_id.vendor_partner_id",
                        "=",
                        self.env.ref(f"halo_support.vendor_{vendor}").id,
                    )
                ]
            )
            self.assertIn(
                self.env.ref(f"halo_support.demo_contract_{vendor}_1"), contracts
            )

    def test_demo_verdicts(self):
        for xmlid, verdict in DEMO_VERDICTS.items():
            ticket = self.env.ref(f"halo_support.{xmlid}")
            self.assertEqual(ticket.entitlement, verdict, xmlid)
            self.assertTrue(ticket.entitlement_reason)

    def test_demo_shows_every_verdict_of_every_vendor(self):
        tickets = self.env["helpdesk.ticket"].browse(
            self.env.ref(f"halo_support.{xmlid}").id for xmlid in DEMO_VERDICTS
        )
        self.assertEqual(
            set(tickets.mapped("entitlement")),
            {"covered", "not_authorised", "not_eligible", "excluded", "no_contract"},
        )
        for vendor in VENDOR_CODES:
            partner = self.env.ref(f"halo_support.vendor_{vendor}")
            mine = tickets.filtered(
                lambda t, p=partner: t.support_plan_id.vendor_partner_id == p
            )
            self.assertIn("covered", mine.mapped("entitlement"), vendor)
            self.assertTrue(set(mine.mapped("entitlement")) - {"covered"}, vendor)

    def test_demo_portal_user_has_contracts_of_two_vendors(self):
        portal = self.env.ref("base.demo_user0")
        contracts = self.env["support.contract"].with_user(portal).search([])
        self.assertEqual(
            contracts.sorted("id"),
            (
                self.env.ref("halo_support.demo_contract_halo_kwadrat_1")
                | self.env.ref(
                    "halo_support.demo_contract_halo_kwadrat_portal_flexible"
                )
                | self.env.ref("halo_support.demo_contract_webitel_2")
            ).sorted("id"),
        )
        ticket = self.env.ref("halo_support.demo_ticket_halo_kwadrat_portal_flexible")
        self.assertEqual(
            ticket.support_contract_id,
            self.env.ref("halo_support.demo_contract_halo_kwadrat_portal_flexible"),
        )
        self.assertEqual(set(contracts.mapped("state")), {"active"})
        for contract in contracts:
            self.assertTrue(contract._is_authorised(portal.partner_id))

    def test_demo_complaint_awaits_the_heads_decision(self):
        complaint = self.env.ref("halo_support.demo_ticket_oktell_complaint")
        head = complaint.support_contract_id.plan_id.complaint_user_id
        self.assertTrue(head)
        self.assertEqual(complaint.support_category, "complaint")
        self.assertFalse(complaint.complaint_decision)
        self.assertIn(complaint, complaint._support_complaints_to_decide())
        self.assertEqual(
            complaint.activity_ids.filtered(lambda a: a.user_id == head).mapped(
                "summary"
            ),
            ["Decide the complaint"],
        )
