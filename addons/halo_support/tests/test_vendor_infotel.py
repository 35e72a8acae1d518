# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""infotel (docs/vendors/infotel.md), halo_support layer, on the vendor pack alone.

Checks 19 rules of the section: the free support, paid service and SLA
Variants 1-3 in EUR (1); the 5 product families (PBX, gateways, phones, DECT,
video conferencing) under every plan, and nothing else (6); free support
covers advice, pointers and hand-overs (consultation, incident, service
request: 3) and help unrelated to the products (a free pointer to the
manual, further help billed by support_billing), but not remote
configuration, which is paid service: quote (2); the paid service takes both (2); the SLA
Variants take configuration changes and faults (1); free support by phone
or email, paid service adds remote sessions, the Variants add technician
dispatch (onsite) (4). Prices, half-hour steps, the 15-minute threshold and
the included hours belong to support_billing; hotline hours and reaction
terms to support_sla.
"""

from odoo.tests import tagged

from .vendor_common import VendorPackCase

FAMILIES = (
    "categ_infotel_pbx",
    "categ_infotel_gateways",
    "categ_infotel_phones",
    "categ_infotel_dect",
    "categ_infotel_video",
)
PLANS = (
    "plan_infotel_free",
    "plan_infotel_paid",
    "plan_infotel_v1",
    "plan_infotel_v2",
    "plan_infotel_v3",
)


@tagged("post_install", "-at_install")
class TestVendorInfotel(VendorPackCase):
    vendor = "infotel"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pbx = cls.product("categ_infotel_pbx", "IP PBX (test)")
        cls.printer = cls.env["product.product"].create({"name": "Printer (test)"})

    def test_five_plans_in_eur(self):
        self.assertVendorPlans(
            ["INFOTEL-FREE", "INFOTEL-PAID", "INFOTEL-V1", "INFOTEL-V2", "INFOTEL-V3"],
            "EUR",
        )
        self.assertEqual(self.vendor_partner.country_id.code, "SK")

    def test_every_plan_covers_the_five_families_only(self):
        products = [self.product(categ) for categ in FAMILIES]
        for plan in PLANS:
            with self.subTest(plan=plan):
                customer = self.customer.copy({"name": f"{plan} customer"})
                contact = self.contact.copy({"parent_id": customer.id})
                lines = [self.line(p, f"{plan}-{i}") for i, p in enumerate(products)]
                lines.append(self.line(self.printer, f"{plan}-PRN"))
                self.contract(plan, lines, contacts=[contact], customer=customer)
                for i in range(len(products)):
                    ticket = self.ticket(
                        contact,
                        kind="ticket_type_consultation",
                        channel="phone",
                        support_serial=f"{plan}-{i}",
                    )
                    self.assertVerdict(ticket, "covered")
                ticket = self.ticket(
                    contact,
                    kind="ticket_type_consultation",
                    channel="phone",
                    support_serial=f"{plan}-PRN",
                )
                self.assertVerdict(ticket, "not_eligible", "not in a product family")

    def test_free_support_advice_but_not_configuration(self):
        self.contract("plan_infotel_free", [self.line(self.pbx, "FREE-PBX")])
        expected = {
            "ticket_type_consultation": "covered",
            "ticket_type_incident": "covered",
            "ticket_type_service_request": "covered",
            # Paid service: the customer is quoted before the work.
            "ticket_type_configuration": "excluded",
            # A pointer to the manual is free support; support_billing bills
            # the further help (a rule on this kind).
            "ticket_type_unrelated_software": "covered",
        }
        for kind, verdict in expected.items():
            with self.subTest(kind=kind):
                ticket = self.ticket(
                    kind=kind, channel="phone", support_serial="FREE-PBX"
                )
                self.assertVerdict(ticket, verdict)
                if verdict == "excluded":
                    self.assertIn("needs a quote", ticket.entitlement_reason)

    def test_paid_service_and_variants_take_configuration(self):
        for plan in ("plan_infotel_paid", *PLANS[2:]):
            with self.subTest(plan=plan):
                customer = self.customer.copy({"name": f"{plan} customer"})
                contact = self.contact.copy({"parent_id": customer.id})
                self.contract(
                    plan,
                    [self.line(self.pbx, f"{plan}-PBX")],
                    contacts=[contact],
                    customer=customer,
                )
                kinds = ["ticket_type_configuration", "ticket_type_change"]
                if plan == "plan_infotel_paid":
                    kinds.append("ticket_type_unrelated_software")
                else:
                    kinds.append("ticket_type_incident")
                for kind in kinds:
                    ticket = self.ticket(
                        contact,
                        kind=kind,
                        channel="email",
                        support_serial=f"{plan}-PBX",
                    )
                    self.assertVerdict(ticket, "covered")

    def test_channels(self):
        self.assertPlanChannels("plan_infotel_free", ["phone", "email"])
        self.assertPlanChannels("plan_infotel_paid", ["phone", "email", "remote"])
        for plan in PLANS[2:]:
            self.assertPlanChannels(plan, ["phone", "email", "remote", "onsite"])
        self.assertFalse(self.pack_ref("plan_infotel_free")._allows_channel("remote"))
