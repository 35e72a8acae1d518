# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.halo_support.tests.tour_common import HaloTourCase

from .common import BillingCommon


@tagged("post_install", "-at_install", "halo_tour")
class TestTourConsent(BillingCommon, HaloTourCase):
    """Customers told on the portal, in Chromium: an infotel customer
    consents to paid work after the agent's notice; an H2S Pro customer's
    request before the first payment says why it waits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs(["infotel", "halo_kwadrat"])
        cls.setup_billing()

    @classmethod
    def portal_user(cls, login, partner):
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            groups="base.group_portal",
            partner_id=partner.id,
            name=partner.name,
            email=partner.email or f"{login}@example.com",
        )

    def test_infotel_customer_consents_to_paid_work_on_the_portal(self):
        partner, contact = self.make_customer("Autoservis (tour)", "Jana Tour")
        self.portal_user("tour_consent_jana", contact)
        pbx = self.env["product.product"].create(
            {
                "name": "PBX (tour)",
                "categ_id": self.env.ref("halo_support.categ_infotel_pbx").id,
            }
        )
        contract = self.make_contract(
            self.env.ref("halo_support.plan_infotel_free"),
            partner=partner,
            contact=contact,
            name="SUP-TOUR-INFOTEL",
            line_ids=[
                Command.create(
                    {
                        "product_id": pbx.id,
                        "serial": "PBX-TOUR",
                        "purchase_date": self.today - timedelta(days=100),
                    }
                )
            ],
        )
        agent = new_test_user(
            self.env,
            login="tour_consent_agent",
            groups="halo_support.group_support_user",
        )
        ticket = self.make_ticket(
            contract,
            "incident",
            name="Tour: calls drop behind our router",
            support_product_line_id=contract.line_ids.id,
            user_id=agent.id,
        )
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        # The agent finds the customer's router at fault and works on: the
        # free 15 minutes run out, the agent is told, the customer asked.
        ticket.support_cause = "customer"
        before = self.log(ticket, 40, day=self.today - timedelta(days=1))
        self.assertEqual(ticket.support_consent_state, "requested")
        self.assertEqual(ticket.activity_ids.user_id, agent)
        self.assertEqual(before.support_verdict_code, "no_agreement")
        self.start_tour(
            "/my", "support_billing_portal_consent", login="tour_consent_jana"
        )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_consent_state, "accepted")
        self.assertEqual(ticket.support_agreement_channel, "portal")
        self.assertEqual(ticket.support_agreement_partner_id, contact)
        self.assertTrue(ticket.support_consent_date)
        # the time before the consent stays unbilled, later time is billed
        # (the next day's: this test's transaction began before the tour, so
        # a line it logs today counts as logged before the consent)
        later = self.log(ticket, 40, day=self.today + timedelta(days=1))
        before.invalidate_recordset()
        self.assertEqual(
            (before.support_verdict, before.support_amount), ("not_billable", 0)
        )
        self.assertEqual(
            (later.support_verdict, later.support_amount), ("billable", 45.0)
        )

    def test_h2s_pro_request_before_first_payment_is_told_why(self):
        partner, contact = self.make_customer("H2S Pro signed (tour)", "Piotr Tour")
        self.portal_user("tour_consent_piotr", contact)
        contract = self.make_contract(
            self.env.ref("halo_support.plan_h2s_pro"),
            partner=partner,
            contact=contact,
            activate=False,
            name="SUP-TOUR-H2S-PRO",
            date_start=self.today,
        )
        contract.action_activate()
        self.assertEqual(contract.state, "awaiting_payment")
        self.start_tour(
            "/my", "support_billing_portal_awaiting_payment", login="tour_consent_piotr"
        )
        ticket = self.env["helpdesk.ticket"].search([("partner_id", "=", contact.id)])
        self.assertEqual(len(ticket), 1, "the request is kept")
        self.assertEqual(ticket.support_contract_id, contract)
        self.assertEqual(ticket.entitlement, "no_contract")
        self.assertEqual(ticket.entitlement_reason_code, "awaiting_payment")
