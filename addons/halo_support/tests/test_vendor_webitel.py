# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Webitel (docs/vendors/webitel.md), halo_support layer, on the vendor pack alone.

Checks 19 rules of the section: Advanced and Pro in UAH (1); requests count
only when an authorised contact registers them on the support portal (portal
by an authorised contact covered; email and phone kept but not eligible
until registered on the portal; an unauthorised contact refused on the
portal too: 4, on both packages: 2); offline support (email, portal) in both
packages, online support (phone, chat, remote session) only in Pro (5); the
request kinds: incidents, service requests, changes and consultations
covered, new development needs a quote (5); the Webitel licence is the
covered family and carries its yearly value, the base of the support price
(2). Quotas, the licence percentage and the billed work belong to
support_billing; the incident and request terms and the 20/100-hour
extensions to support_sla.
"""

from odoo.tests import tagged

from .vendor_common import HELPDESK_CHANNELS, VendorPackCase


@tagged("post_install", "-at_install")
class TestVendorWebitel(VendorPackCase):
    vendor = "webitel"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.licence = cls.product("categ_webitel", "Webitel licence (test)")
        cls.pro = cls.contract(
            "plan_webitel_pro",
            [cls.line(cls.licence, "WBT-PRO", months=9, licence_value=360000.0)],
        )
        cls.adv_customer = cls.customer.copy({"name": "Advanced customer (test)"})
        cls.adv_contact = cls.contact.copy({"parent_id": cls.adv_customer.id})
        cls.advanced = cls.contract(
            "plan_webitel_advanced",
            [cls.line(cls.licence, "WBT-ADV", months=3)],
            contacts=[cls.adv_contact],
            customer=cls.adv_customer,
        )

    def test_two_packages_in_uah(self):
        # The two packages and the individually priced 24/7/365 variant.
        self.assertVendorPlans(
            ["WEBITEL-24-7", "WEBITEL-ADVANCED", "WEBITEL-PRO"], "UAH"
        )
        self.assertEqual(self.vendor_partner.country_id.code, "UA")

    def test_portal_only_intake_by_authorised_contacts(self):
        for contract, contact in (
            (self.pro, self.contact),
            (self.advanced, self.adv_contact),
        ):
            with self.subTest(plan=contract.plan_id.code):
                ticket = self.ticket(contact, channel="portal")
                self.assertEqual(ticket.support_contract_id, contract)
                self.assertVerdict(ticket, "covered")
                for channel in ("email", "phone"):
                    ticket = self.ticket(contact, channel=channel)
                    self.assertVerdict(
                        ticket, "not_eligible", "only through Support portal"
                    )
                # Registered on the portal afterwards: now it counts.
                ticket.channel_id = self.env.ref(HELPDESK_CHANNELS["portal"])
                self.assertVerdict(ticket, "covered")
        stranger = self.ticket(self.stranger, channel="portal")
        self.assertVerdict(stranger, "not_authorised")

    def test_offline_support_in_both_online_only_in_pro(self):
        advanced = self.pack_ref("plan_webitel_advanced")
        pro = self.pack_ref("plan_webitel_pro")
        for code in ("email", "portal"):
            self.assertTrue(advanced._allows_channel(code), code)
            self.assertTrue(pro._allows_channel(code), code)
        for code in ("phone", "chat", "remote"):
            self.assertFalse(advanced._allows_channel(code), code)
            self.assertTrue(pro._allows_channel(code), code)

    def test_request_kinds(self):
        expected = {
            "ticket_type_incident": "covered",
            "ticket_type_service_request": "covered",
            "ticket_type_change": "covered",
            "ticket_type_consultation": "covered",
            "ticket_type_development": "excluded",
        }
        for kind, verdict in expected.items():
            with self.subTest(kind=kind):
                ticket = self.ticket(kind=kind, channel="portal")
                self.assertVerdict(ticket, verdict)
        development = self.pack_ref("ticket_type_development")
        self.assertEqual(development.support_category, "change")

    def test_licence_family_and_value(self):
        other = self.env["product.product"].create({"name": "Printer (test)"})
        self.pro.line_ids = [(0, 0, self.line(other, "WBT-PRN"))]
        ticket = self.ticket(channel="portal", support_serial="WBT-PRN")
        self.assertVerdict(ticket, "not_eligible", "not in a product family")
        line = self.pro.line_ids.filtered(lambda ln: ln.serial == "WBT-PRO")
        self.assertEqual(line.licence_value, 360000.0)
        self.assertEqual(line.currency_id.name, "UAH")
