# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Halo Kwadrat (docs/vendors/halo_kwadrat.md, SLA) from its vendor pack alone.

Checks the 8 SLA numbers of the section on concrete dates of 2026 through
tickets on the pack's plans: H2S Free 3 business days; H2S Flexible 1
business day from the order's acceptance; H2S Pro critical 4 business hours,
others the next business day, on Mon-Fri 08:00 to 18:00 (2 numbers); H2S
Pro 24 critical 4 hours, others the next business day, 24/7/365. Polish
public holidays (11 Nov 2026) are skipped by the business-day plans, not by
Pro 24. H2S Onsite and H2S Start have no term (agreed with the manager).
"""

from datetime import date

from odoo.tests import tagged

from .common import CRITICAL, HIGH, NORMAL, WARSAW, utc
from .test_sla_policies import TERMS
from .vendor_sla_common import VendorSlaCase


@tagged("post_install", "-at_install")
class TestVendorHaloKwadrat(VendorSlaCase):
    vendor = "halo_kwadrat"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cal_warsaw = cls.sla_ref("calendar_warsaw_8_18")
        cls.sync_holidays(cls.cal_warsaw)
        card = cls.env["product.product"].create(
            {
                "name": "Sangoma A200 (SLA test)",
                "categ_id": cls.env.ref("halo_support.categ_sangoma_cards").id,
            }
        )
        # H2S Free: a card bought from Halo Kwadrat within 3 months.
        cls.customer_on(
            "free",
            "plan_h2s_free",
            [
                {
                    "product_id": card.id,
                    "serial": "A200-SLA-1",
                    "purchase_date": date(2026, 10, 1),
                    "bought_from_us": True,
                }
            ],
        )
        cls.ticket_defaults["free"] = {"support_serial": "A200-SLA-1"}
        for key in ("flexible", "pro", "pro24", "onsite", "start"):
            cls.customer_on(key, f"plan_h2s_{key}")

    def test_pack_terms(self):
        """The pack gives each plan its policy and calendar."""
        policies = self.env["support.sla.policy"].search(
            [
                (
                    "plan_id.vendor_partner_id",
                    "=",
                    self.ref("halo_support.vendor_halo_kwadrat"),
                )
            ]
        )
        by_plan = {p.plan_id.code: p for p in policies}
        self.assertEqual(
            sorted(by_plan), ["H2S-FLEXIBLE", "H2S-FREE", "H2S-PRO", "H2S-PRO24"]
        )
        self.assertEqual(by_plan["H2S-PRO"].calendar_id, self.cal_warsaw)
        self.assertEqual(
            by_plan["H2S-PRO24"].calendar_id, self.sla_ref("calendar_24_7")
        )
        # Mon-Fri 08:00-18:00 Warsaw, Polish holidays.
        attendances = self.cal_warsaw.attendance_ids
        self.assertEqual(sorted(set(attendances.mapped("dayofweek"))), list("01234"))
        self.assertEqual(set(attendances.mapped("hour_from")), {8.0})
        self.assertEqual(set(attendances.mapped("hour_to")), {18.0})
        self.assertEqual(self.cal_warsaw.holiday_country_id.code, "PL")
        self.assertIn(
            date(2026, 11, 11),
            self.cal_warsaw.global_leave_ids.mapped("holiday_date"),
        )
        # Loading the pack again creates nothing new.
        count = self.env["support.sla.target"].search_count([])
        self.env["support.vendor.pack"]._load_vendor_packs([self.vendor])
        self.assertEqual(self.env["support.sla.target"].search_count([]), count)

    def test_terms_on_concrete_dates(self):
        """The Halo Kwadrat rows of the policies' table, on the pack's plans."""
        checked = self.check_terms(
            TERMS, {"free": "free", "pro": "pro", "pro24": "pro24"}
        )
        self.assertEqual(checked, 8)

    def test_independence_day_is_skipped_by_business_days(self):
        # Free: Tue 10 Nov 16:00 + 3 business days, Wed 11 Nov skipped.
        free = self.ticket("free", WARSAW, (2026, 11, 10, 16, 0))
        self.assertDeadline(free, "reaction", WARSAW, (2026, 11, 16, 16, 0))
        # Pro, not critical: the next business day after Tue 10 is Thu 12.
        pro = self.ticket("pro", WARSAW, (2026, 11, 10, 9, 0), "configuration", HIGH)
        self.assertDeadline(pro, "reaction", WARSAW, (2026, 11, 12, 18, 0))
        # Pro critical received on the holiday: 4 hours from Thu 08:00.
        critical = self.ticket("pro", WARSAW, (2026, 11, 11, 10, 0), priority=CRITICAL)
        self.assertDeadline(critical, "reaction", WARSAW, (2026, 11, 12, 12, 0))
        # Pro 24 works on the holiday: 4 hours round the clock.
        pro24 = self.ticket("pro24", WARSAW, (2026, 11, 11, 10, 0), priority=CRITICAL)
        self.assertDeadline(pro24, "reaction", WARSAW, (2026, 11, 11, 14, 0))
        # Pro 24, not critical: the next day, ending at midnight.
        pro24_normal = self.ticket("pro24", WARSAW, (2026, 11, 11, 10, 0))
        self.assertDeadline(pro24_normal, "reaction", WARSAW, (2026, 11, 13, 0, 0))

    def test_pro_hours_boundaries(self):
        # Received before 08:00: the 4 hours run 08:00-12:00.
        early = self.ticket("pro", WARSAW, (2026, 11, 16, 6, 30), priority=CRITICAL)
        self.assertDeadline(early, "reaction", WARSAW, (2026, 11, 16, 12, 0))
        # Received at 16:00: 2 hours until 18:00, 2 more from 08:00.
        late = self.ticket("pro", WARSAW, (2026, 11, 16, 16, 0), priority=CRITICAL)
        self.assertDeadline(late, "reaction", WARSAW, (2026, 11, 17, 10, 0))

    def test_flexible_counts_from_the_order_acceptance(self):
        ticket = self.ticket("flexible", WARSAW, (2026, 11, 9, 9, 0))
        self.assertFalse(ticket.sla_ids, "no clock before the order is accepted")
        if hasattr(ticket, "_support_record_agreement"):
            # With support_billing, the order is accepted only once the
            # customer accepted the terms (its TestVendorHaloKwadrat).
            ticket._support_record_agreement("email")
        ticket._sla_record_event(
            "order_accepted", "Terms accepted", when=utc(WARSAW, 2026, 11, 10, 15, 0)
        )
        clock = self.assertDeadline(ticket, "reaction", WARSAW, (2026, 11, 12, 15, 0))
        self.assertEqual(clock.start_date, utc(WARSAW, 2026, 11, 10, 15, 0))
        self.reply(ticket, WARSAW, (2026, 11, 12, 14, 59))
        self.assertEqual(clock.state, "met")

    def test_reply_meets_late_reply_breaches(self):
        on_time = self.ticket("pro", WARSAW, (2026, 11, 13, 17, 30), priority=CRITICAL)
        reaction = self.clock(on_time, "reaction")
        self.reply(on_time, WARSAW, (2026, 11, 16, 11, 0))
        self.assertEqual(reaction.state, "met")
        # 30 min on Friday, 3 h on Monday.
        self.assertAlmostEqual(reaction.used_hours_final, 3.5)
        self.assertEqual(on_time.sla_status, "met")
        late = self.ticket("free", WARSAW, (2026, 11, 13, 10, 0))
        self.reply(late, WARSAW, (2026, 11, 18, 10, 1))
        self.assertEqual(late.sla_ids.state, "breached")
        self.assertTrue(late.sla_breached)

    def test_agent_message_is_the_confirmation(self):
        """A real reply posted now meets a clock started a minute before."""
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Gateway down",
                "description": "<p>Help</p>",
                "partner_id": self.contacts["pro24"].id,
                "type_id": self.kinds["incident"].id,
                "priority": CRITICAL,
            }
        )
        reaction = self.clock(ticket, "reaction")
        ticket.with_user(self.agent).message_post(
            body="We received your report.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertEqual(reaction.state, "met")

    def test_waiting_for_the_customer_pauses(self):
        ticket = self.ticket("pro", WARSAW, (2026, 11, 13, 17, 30), priority=CRITICAL)
        reaction = self.assertDeadline(
            ticket, "reaction", WARSAW, (2026, 11, 16, 11, 30)
        )
        reaction._sla_pause(utc(WARSAW, 2026, 11, 13, 17, 45), "Waiting")
        self.assertEqual(ticket.sla_status, "paused")
        reaction._sla_resume(utc(WARSAW, 2026, 11, 16, 9, 0), "Answered")
        # The pause swallowed 15 min on Friday and 1 h on Monday.
        self.assertEqual(reaction.deadline, utc(WARSAW, 2026, 11, 16, 12, 45))
        # The pack's pausing stage is the helpdesk's Awaiting stage.
        ticket.stage_id = self.stage_awaiting
        self.assertEqual(reaction.state, "paused")
        ticket.stage_id = self.stage_progress
        self.assertEqual(reaction.state, "running")

    def test_onsite_and_start_run_no_clock(self):
        for key in ("onsite", "start"):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": f"Visit {key}",
                    "description": "<p>Visit</p>",
                    "partner_id": self.contacts[key].id,
                    "type_id": self.kinds["change"].id,
                    "priority": NORMAL,
                }
            )
            self.assertFalse(ticket.sla_ids)
            self.assertEqual(ticket.sla_status, "none")
