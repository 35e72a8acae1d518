# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""infotel (docs/vendors/infotel.md, SLA) from its vendor pack alone.

Checks the 20 SLA numbers of the section on concrete dates of 2026 through
tickets on the three SLA variants: the hours of variants 1 and 2 (Mon-Fri
08:30 to 17:00: 2 numbers) and of variant 3 (24/7, Sat-Sun 09:00 to 18:00:
2 numbers); reaction 4 / 2 / 1 h; replacement shipped within 2 business
days / 1 business day / 24 h; guaranteed fault elimination 3 / 2 business
days / 24 h; technician dispatched 3 / 2 business days / 24 h; configuration
restored 3 / 2 business days / 24 h from the delivery of the replacement
(3 numbers each); final resolution of faults within 2 weeks. Slovak public
holidays come from the holidays library: Good Friday and Easter Monday 2026
are skipped; 1 September and 17 November are working days since 2025.
"""

from datetime import date

from odoo.tests import tagged

from .common import BRATISLAVA, utc
from .test_sla_policies import TERMS
from .vendor_sla_common import VendorSlaCase

# (variant, kind, received, metric, expected deadline), local times: the
# terms test_sla_policies.TERMS does not show for every variant.
TERMS_MORE = [
    # Technician: variant 3, 24 h on its calendar -- Fri 16-24 (8 h), Sat
    # 09-18 (9 h), Sun 09-16 (7 h).
    (
        "v3",
        "hardware_rma",
        (2026, 11, 13, 16, 0),
        "technician_onsite",
        (2026, 11, 15, 16, 0),
    ),
    (
        "v1",
        "hardware_rma",
        (2026, 11, 13, 16, 0),
        "technician_onsite",
        (2026, 11, 18, 16, 0),
    ),
    # Final resolution of faults: 2 calendar weeks on every variant.
    (
        "v2",
        "incident",
        (2026, 11, 13, 16, 0),
        "final_resolution",
        (2026, 11, 27, 16, 0),
    ),
    ("v3", "bug", (2026, 11, 14, 3, 0), "final_resolution", (2026, 11, 28, 3, 0)),
    # Variant 3 reaction on Saturday afternoon: 1 h from 17:30 is Sun 09:30.
    ("v3", "incident", (2026, 11, 14, 17, 30), "reaction", (2026, 11, 15, 9, 30)),
]


@tagged("post_install", "-at_install")
class TestVendorInfotel(VendorSlaCase):
    vendor = "infotel"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cal_weekdays = cls.sla_ref("calendar_bratislava_8_30_17")
        cls.cal_v3 = cls.sla_ref("calendar_bratislava_weekdays_24h_weekend_9_18")
        cls.sync_holidays(cls.cal_weekdays)
        for n in (1, 2, 3):
            cls.customer_on(f"v{n}", f"plan_infotel_v{n}")
        cls.customer_on("free", "plan_infotel_free")

    def test_pack_calendars(self):
        weekdays = self.cal_weekdays.attendance_ids
        self.assertEqual(sorted(set(weekdays.mapped("dayofweek"))), list("01234"))
        self.assertEqual(set(weekdays.mapped("hour_from")), {8.5})
        self.assertEqual(set(weekdays.mapped("hour_to")), {17.0})
        self.assertEqual(self.cal_weekdays.holiday_country_id.code, "SK")
        weekend = self.cal_v3.attendance_ids.filtered(
            lambda a: a.dayofweek in ("5", "6")
        )
        self.assertEqual(
            sorted((a.hour_from, a.hour_to) for a in weekend), [(9.0, 18.0)] * 2
        )
        policies = self.env["support.sla.policy"].search(
            [
                (
                    "plan_id",
                    "in",
                    [self.ref(f"halo_support.plan_infotel_v{n}") for n in (1, 2, 3)],
                )
            ]
        )
        self.assertEqual(len(policies), 3)
        self.assertEqual(policies.calendar_id, self.cal_weekdays | self.cal_v3)

    def test_terms_on_concrete_dates(self):
        """The infotel rows of the policies' table, on the pack's plans."""
        checked = self.check_terms(TERMS, {"v1": "v1", "v2": "v2", "v3": "v3"})
        self.assertEqual(checked, 12)
        for variant, kind, received, metric, expected in TERMS_MORE:
            with self.subTest(variant=variant, kind=kind, metric=metric):
                ticket = self.ticket(variant, BRATISLAVA, received, kind)
                self.assertDeadline(ticket, metric, BRATISLAVA, expected)

    def test_easter_is_skipped_september_first_is_worked(self):
        # Variant 1, Thu 2 Apr 2026 16:00: 1 h on Thursday, Good Friday and
        # Easter Monday off, 3 h on Tuesday 7 April.
        easter = self.ticket("v1", BRATISLAVA, (2026, 4, 2, 16, 0))
        self.assertDeadline(easter, "reaction", BRATISLAVA, (2026, 4, 7, 11, 30))
        # Variant 2, Mon 31 Aug 16:00: 1 h on Monday, 1 h on Tue 1 September,
        # a working day since 2025.
        september = self.ticket("v2", BRATISLAVA, (2026, 8, 31, 16, 0))
        self.assertDeadline(september, "reaction", BRATISLAVA, (2026, 9, 1, 9, 30))
        holidays = self.cal_weekdays.global_leave_ids.mapped("holiday_date")
        self.assertIn(date(2026, 4, 3), holidays)
        self.assertNotIn(date(2026, 9, 1), holidays)
        self.assertNotIn(date(2026, 11, 17), holidays)

    def test_replacement_then_configuration_restored(self):
        """Configuration restored counts from the delivery of the
        replacement: 3 / 2 business days / 24 h (17 Nov 2026 is worked).
        """
        expected = {
            "v1": (2026, 11, 20, 10, 0),
            "v2": (2026, 11, 19, 10, 0),
            "v3": (2026, 11, 18, 10, 0),
        }
        for variant, deadline in expected.items():
            with self.subTest(variant=variant):
                ticket = self.ticket(
                    variant, BRATISLAVA, (2026, 11, 13, 16, 0), "hardware_rma"
                )
                self.assertNotIn("configuration_restored", self.metrics(ticket))
                shipped = self.clock(ticket, "replacement_shipped")
                ticket._sla_record_event(
                    "replacement_shipped", when=utc(BRATISLAVA, 2026, 11, 13, 16, 30)
                )
                self.assertEqual(shipped.state, "met")
                ticket._sla_record_event(
                    "replacement_delivered", when=utc(BRATISLAVA, 2026, 11, 17, 10, 0)
                )
                restored = self.assertDeadline(
                    ticket, "configuration_restored", BRATISLAVA, deadline
                )
                ticket._sla_record_event(
                    "configuration_restored", when=utc(BRATISLAVA, *deadline)
                )
                self.assertEqual(restored.state, "met")

    def test_confirmation_of_receipt_and_pause(self):
        # Variant 1, Mon 16 Nov 09:00: reaction due 13:00.
        ticket = self.ticket("v1", BRATISLAVA, (2026, 11, 16, 9, 0))
        reaction = self.assertDeadline(
            ticket, "reaction", BRATISLAVA, (2026, 11, 16, 13, 0)
        )
        reaction._sla_pause(utc(BRATISLAVA, 2026, 11, 16, 10, 0), "Waiting")
        reaction._sla_resume(utc(BRATISLAVA, 2026, 11, 16, 11, 30), "Answered")
        self.assertEqual(reaction.deadline, utc(BRATISLAVA, 2026, 11, 16, 14, 30))
        self.reply(ticket, BRATISLAVA, (2026, 11, 16, 14, 0))
        self.assertEqual(reaction.state, "met")
        # Variant 3, 1 h: a confirmation after 1 h 5 min is late.
        late = self.ticket("v3", BRATISLAVA, (2026, 11, 16, 22, 0))
        self.reply(late, BRATISLAVA, (2026, 11, 16, 23, 5))
        self.assertEqual(
            late.sla_ids.filtered(lambda c: c.metric == "reaction").state, "breached"
        )

    def test_free_support_runs_no_clock(self):
        ticket = self.ticket("free", BRATISLAVA, (2026, 11, 16, 9, 0), "consultation")
        self.assertFalse(ticket.sla_ids)
        self.assertEqual(ticket.sla_status, "none")
