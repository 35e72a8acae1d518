# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Halo Kwadrat (docs/vendors/halo_kwadrat.md), halo_support layer, on the vendor pack alone.

Checks 27 numbers and rules of the section: the 6 packages with their codes
and PLN (1); H2S Free's 3 months after purchase (2 months covered, exactly 3
covered, 3 months and a day and 4 months not eligible: 4), products bought
from us only (1), its 4 product families (4) and not the open-source
platforms (1), intake through the support portal (1); H2S Flexible's 4
families plus Asterisk, FreeSWITCH, Kamailio and sipXecs (4), wherever and
whenever bought (1); H2S Pro and Pro 24 on Asterisk, FreeSWITCH, Kamailio but
not sipXecs (2); remote only for Free, Flexible, Pro, Pro 24 and onsite only
for Onsite and Start (6); H2S Start once per family on the first Sangoma
card, SmartNode gateway or 3CX licence, not TelcoBridges (2). Fees, hours,
success fee and travel belong to support_billing, reaction terms to
support_sla.
"""

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from .vendor_common import VendorPackCase

FAMILIES = (
    "categ_sangoma_cards",
    "categ_patton_smartnode",
    "categ_3cx",
    "categ_telcobridges_tmg",
)


@tagged("post_install", "-at_install")
class TestVendorHaloKwadrat(VendorPackCase):
    vendor = "halo_kwadrat"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card = cls.product("categ_sangoma_cards", "Sangoma A200 (test)")
        cls.card_2 = cls.product("categ_sangoma_cards", "Sangoma A400 (test)")
        cls.smartnode = cls.product("categ_patton_smartnode", "SmartNode (test)")
        cls.threecx = cls.product("categ_3cx", "3CX licence (test)")
        cls.tmg = cls.product("categ_telcobridges_tmg", "TMG800 (test)")
        cls.asterisk = cls.product("categ_asterisk", "Asterisk system (test)")
        cls.freeswitch = cls.product("categ_freeswitch", "FreeSWITCH (test)")
        cls.kamailio = cls.product("categ_kamailio", "Kamailio (test)")
        cls.sipxecs = cls.product("categ_sipxecs", "sipXecs (test)")

    def test_six_packages_in_pln(self):
        self.assertVendorPlans(
            [
                "H2S-FLEXIBLE",
                "H2S-FREE",
                "H2S-ONSITE",
                "H2S-PRO",
                "H2S-PRO24",
                "H2S-START",
            ],
            "PLN",
        )
        self.assertEqual(self.vendor_partner.country_id.code, "PL")

    # H2S Free ---------------------------------------------------------------

    def test_free_three_months_after_purchase(self):
        # Judged on a 15th (no month-end clipping), the request's day.
        day = self.request_day
        cases = [
            # (serial, purchase date, verdict)
            ("FREE-2M", day - relativedelta(months=2), "covered"),
            ("FREE-3M", day - relativedelta(months=3), "covered"),
            ("FREE-3M1D", day - relativedelta(months=3, days=1), "not_eligible"),
            ("FREE-4M", day - relativedelta(months=4), "not_eligible"),
        ]
        self.contract(
            "plan_h2s_free",
            [
                self.line(self.card, serial, purchase_date=bought)
                for serial, bought, _verdict in cases
            ],
        )
        self.assertEqual(self.pack_ref("plan_h2s_free").eligibility_months, 3)
        for serial, _bought, verdict in cases:
            with self.subTest(serial=serial):
                ticket = self.ticket(
                    channel="portal", support_serial=serial, support_request_date=day
                )
                self.assertVerdict(ticket, verdict)
                if verdict == "not_eligible":
                    self.assertIn("3 months after purchase", ticket.entitlement_reason)

    def test_free_only_products_bought_from_us(self):
        self.contract(
            "plan_h2s_free",
            [self.line(self.card, "ELSEWHERE", months=1, bought_from_us=False)],
        )
        ticket = self.ticket(channel="portal", support_serial="ELSEWHERE")
        self.assertVerdict(ticket, "not_eligible", "only products bought from us")

    def test_free_families_not_open_source_platforms(self):
        products = [self.card, self.smartnode, self.threecx, self.tmg]
        self.assertEqual(
            [p.categ_id for p in products], [self.pack_ref(c) for c in FAMILIES]
        )
        lines = [self.line(p, f"FREE-{i}") for i, p in enumerate(products)]
        lines.append(self.line(self.asterisk, "FREE-AST"))
        self.contract("plan_h2s_free", lines)
        for i in range(len(products)):
            with self.subTest(family=FAMILIES[i]):
                ticket = self.ticket(channel="portal", support_serial=f"FREE-{i}")
                self.assertVerdict(ticket, "covered")
        ticket = self.ticket(channel="portal", support_serial="FREE-AST")
        self.assertVerdict(ticket, "not_eligible", "not in a product family")

    def test_free_requests_through_the_support_portal(self):
        self.contract("plan_h2s_free", [self.line(self.card, "FREE-P")])
        self.assertVerdict(
            self.ticket(channel="portal", support_serial="FREE-P"), "covered"
        )
        ticket = self.ticket(channel="email", support_serial="FREE-P")
        self.assertVerdict(ticket, "not_eligible", "only through Support portal")
        ticket.channel_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        self.assertVerdict(ticket, "covered")

    # H2S Flexible, Pro, Pro 24 ------------------------------------------------

    def test_flexible_any_product_and_the_open_source_platforms(self):
        products = [
            self.card,
            self.smartnode,
            self.threecx,
            self.tmg,
            self.asterisk,
            self.freeswitch,
            self.kamailio,
            self.sipxecs,
        ]
        # Wherever and whenever bought: elsewhere, three years ago.
        self.contract(
            "plan_h2s_flexible",
            [
                self.line(p, f"FLEX-{i}", months=36, bought_from_us=False)
                for i, p in enumerate(products)
            ],
        )
        for i, product in enumerate(products):
            with self.subTest(product=product.name):
                ticket = self.ticket(channel="email", support_serial=f"FLEX-{i}")
                self.assertVerdict(ticket, "covered")
        platforms = self.pack_ref("plan_h2s_flexible").platform_ids.mapped("code")
        self.assertEqual(
            sorted(platforms), ["asterisk", "freeswitch", "kamailio", "sipxecs"]
        )

    def test_pro_and_pro24_on_asterisk_freeswitch_kamailio(self):
        for plan in ("plan_h2s_pro", "plan_h2s_pro24"):
            with self.subTest(plan=plan):
                customer = self.customer.copy({"name": f"{plan} customer"})
                contact = self.contact.copy({"parent_id": customer.id})
                self.contract(
                    plan,
                    [
                        self.line(self.asterisk, f"{plan}-AST"),
                        self.line(self.freeswitch, f"{plan}-FS"),
                        self.line(self.kamailio, f"{plan}-KAM"),
                        self.line(self.tmg, f"{plan}-TMG"),
                        self.line(self.sipxecs, f"{plan}-SIPX"),
                    ],
                    contacts=[contact],
                    customer=customer,
                )
                for suffix in ("AST", "FS", "KAM", "TMG"):
                    ticket = self.ticket(
                        contact, channel="phone", support_serial=f"{plan}-{suffix}"
                    )
                    self.assertVerdict(ticket, "covered")
                ticket = self.ticket(
                    contact, channel="phone", support_serial=f"{plan}-SIPX"
                )
                self.assertVerdict(ticket, "not_eligible", "not in a product family")

    def test_channels_remote_only_or_onsite(self):
        for plan in (
            "plan_h2s_free",
            "plan_h2s_flexible",
            "plan_h2s_pro",
            "plan_h2s_pro24",
        ):
            self.assertPlanChannels(plan, ["remote"])
            self.assertFalse(self.pack_ref(plan)._allows_channel("onsite"))
        for plan in ("plan_h2s_onsite", "plan_h2s_start"):
            self.assertPlanChannels(plan, ["onsite"])
            self.assertFalse(self.pack_ref(plan)._allows_channel("remote"))

    # H2S Start --------------------------------------------------------------

    def test_start_once_per_family_on_the_first_purchase(self):
        self.contract(
            "plan_h2s_start",
            [
                self.line(
                    self.card, "START-CARD-1", purchase_date=self.months_ago(0, 10)
                ),
                self.line(
                    self.card_2, "START-CARD-2", purchase_date=self.months_ago(0, 2)
                ),
                self.line(self.smartnode, "START-SN-1", months=1),
                self.line(self.threecx, "START-3CX-1", months=1),
                self.line(self.tmg, "START-TMG-1", months=1),
            ],
        )
        expected = {
            "START-CARD-1": "covered",  # the first Sangoma card
            "START-CARD-2": "not_eligible",  # the second one
            "START-SN-1": "covered",  # the first SmartNode gateway
            "START-3CX-1": "covered",  # the first 3CX licence
            "START-TMG-1": "not_eligible",  # TelcoBridges is not in H2S Start
        }
        for serial, verdict in expected.items():
            with self.subTest(serial=serial):
                ticket = self.ticket(
                    kind="ticket_type_configuration",
                    channel="email",
                    support_serial=serial,
                )
                self.assertVerdict(ticket, verdict)
        ticket = self.ticket(channel="email", support_serial="START-CARD-2")
        self.assertIn("not the first of its family", ticket.entitlement_reason)
        self.assertEqual(
            self.pack_ref("plan_h2s_start").eligibility_rule, "first_of_family"
        )
