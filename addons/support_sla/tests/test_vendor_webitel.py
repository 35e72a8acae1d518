# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Webitel (docs/vendors/webitel.md, SLA) from its vendor pack alone.

Checks the 19 SLA numbers of the section on concrete dates of 2026 through
tickets on Advanced and Pro: restore or downgrade within 2 / 4 / 8 business
hours; reaction Advanced 1 / 2 / 4 business hours and Pro 30 minutes / 1
hour / 2 hours; the incident hours 09:00 to 18:00 Mon-Sun (UTC+3, read as
written: a fixed offset, 2 numbers); service requests processed within 40 business
hours and changes within 80, each with a reaction within 5 (4 numbers); the
request hours 09:00 to 20:00 Mon-Fri (2 numbers); the rule-violation
extension to 20 business hours for incidents and 100 for the other requests
(2 numbers). A downgrade meets the restore term and starts the lower
priority's. Ukrainian public holidays come from the holidays library, which
lists none for 2026 (suspended under martial law): 24 August is worked.
"""

from datetime import date

import pytz

from odoo.tests import tagged

from ..engine import public_holidays
from .common import CRITICAL, HIGH, LOW, NORMAL, utc
from .test_sla_policies import TERMS
from .vendor_sla_common import VendorSlaCase

# The page's "UTC +03:00", all year (the tz database writes it Etc/GMT-3).
UTC3 = pytz.timezone("Etc/GMT-3")

# (plan, kind, priority, received, metric, expected deadline), Kyiv time:
# the terms test_sla_policies.TERMS does not show for both packages.
TERMS_MORE = [
    # Restore: Sun 15 Nov 17:50, 10 min on Sunday, the rest from Mon 09:00.
    (
        "advanced",
        "incident",
        CRITICAL,
        (2026, 11, 15, 17, 50),
        "restore",
        (2026, 11, 16, 10, 50),
    ),
    (
        "pro",
        "incident",
        HIGH,
        (2026, 11, 15, 17, 50),
        "restore",
        (2026, 11, 16, 12, 50),
    ),
    (
        "advanced",
        "bug",
        NORMAL,
        (2026, 11, 15, 17, 50),
        "restore",
        (2026, 11, 16, 16, 50),
    ),
    # Priority 3 is any priority below High.
    (
        "pro",
        "incident",
        LOW,
        (2026, 11, 15, 17, 50),
        "reaction",
        (2026, 11, 16, 10, 50),
    ),
    # Consultations are service requests (information, advice).
    (
        "pro",
        "consultation",
        NORMAL,
        (2026, 11, 13, 18, 0),
        "reaction",
        (2026, 11, 16, 12, 0),
    ),
    (
        "advanced",
        "consultation",
        NORMAL,
        (2026, 11, 13, 18, 0),
        "resolution",
        (2026, 11, 19, 14, 0),
    ),
    ("pro", "change", HIGH, (2026, 11, 13, 18, 0), "resolution", (2026, 11, 25, 10, 0)),
    (
        "advanced",
        "service_request",
        NORMAL,
        (2026, 11, 13, 18, 0),
        "reaction",
        (2026, 11, 16, 12, 0),
    ),
]


@tagged("post_install", "-at_install")
class TestVendorWebitel(VendorSlaCase):
    vendor = "webitel"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cal_incidents = cls.sla_ref("calendar_webitel_incidents")
        cls.cal_requests = cls.sla_ref("calendar_webitel_requests")
        cls.sync_holidays(cls.cal_incidents, cls.cal_requests)
        cls.customer_on("advanced", "plan_webitel_advanced")
        cls.customer_on("pro", "plan_webitel_pro")

    def test_pack_calendars_and_policies(self):
        for calendar, days, hours in (
            (self.cal_incidents, list("0123456"), (9.0, 18.0)),
            (self.cal_requests, list("01234"), (9.0, 20.0)),
        ):
            with self.subTest(calendar=calendar.name):
                attendances = calendar.attendance_ids
                self.assertEqual(sorted(set(attendances.mapped("dayofweek"))), days)
                self.assertEqual(
                    {(a.hour_from, a.hour_to) for a in attendances}, {hours}
                )
                self.assertEqual(calendar.tz, "Etc/GMT-3")
                self.assertEqual(calendar.holiday_country_id.code, "UA")
        policies = self.env["support.sla.policy"].search(
            [
                (
                    "plan_id.vendor_partner_id",
                    "=",
                    self.ref("halo_support.vendor_webitel"),
                )
            ]
        )
        # Two per package, one for the 24/7/365 variant.
        self.assertEqual(len(policies), 5)
        self.assertEqual(set(policies.mapped("violation_incident_hours")), {20.0})
        self.assertEqual(set(policies.mapped("violation_other_hours")), {100.0})

    def test_support_hours_are_utc_plus_3_all_year(self):
        """In winter Kyiv is UTC+2: the desk opens at 08:00 Kyiv time. A
        critical incident at 06:30 UTC on Mon 16 Nov (08:30 Kyiv, 09:30 by
        the page) is due 07:00 UTC; read as Kyiv time it would be 07:30."""
        kyiv = pytz.timezone("Europe/Kyiv")
        ticket = self.ticket("pro", kyiv, (2026, 11, 16, 8, 30), priority=CRITICAL)
        self.assertDeadline(ticket, "reaction", pytz.utc, (2026, 11, 16, 7, 0))
        # In summer Kyiv is UTC+3 too: the same hour either way.
        ticket = self.ticket("pro", kyiv, (2026, 7, 13, 8, 30), priority=CRITICAL)
        self.assertDeadline(ticket, "reaction", pytz.utc, (2026, 7, 13, 6, 30))
        # A vendor who means Kyiv time sets the calendar's zone (a setting).
        self.cal_incidents.tz = "Europe/Kyiv"
        ticket = self.ticket("pro", kyiv, (2026, 11, 16, 8, 30), priority=CRITICAL)
        self.assertDeadline(ticket, "reaction", pytz.utc, (2026, 11, 16, 7, 30))

    def test_terms_on_concrete_dates(self):
        """The Webitel rows of the policies' table, on the pack's plans."""
        # The table's rows are wall-clock times of the generic Kyiv calendars
        # in November; the pack's hours are the same wall-clock hours in UTC+3.
        in_utc3 = [(*row[:3], UTC3, *row[4:]) for row in TERMS]
        checked = self.check_terms(
            in_utc3, {"webitel_adv": "advanced", "webitel_pro": "pro"}
        )
        self.assertEqual(checked, 13)
        for plan, kind, priority, received, metric, expected in TERMS_MORE:
            with self.subTest(plan=plan, kind=kind, priority=priority, metric=metric):
                ticket = self.ticket(plan, UTC3, received, kind, priority)
                self.assertDeadline(ticket, metric, UTC3, expected)

    def test_ukrainian_holidays_per_the_library(self):
        library = {day for day, _name in public_holidays("UA", [2026])}
        for calendar in (self.cal_incidents, self.cal_requests):
            generated = {
                leave.holiday_date
                for leave in calendar.global_leave_ids
                if leave.holiday_date and leave.holiday_date.year == 2026
            }
            self.assertEqual(generated, library)
        self.assertNotIn(date(2026, 8, 24), library)
        # Independence Day, Mon 24 Aug 2026, is worked: a service request of
        # Fri 21 Aug 19:00 gets 1 h on Friday and 4 h on Monday.
        request = self.ticket("pro", UTC3, (2026, 8, 21, 19, 0), "service_request")
        self.assertDeadline(request, "reaction", UTC3, (2026, 8, 24, 13, 0))
        incident = self.ticket("pro", UTC3, (2026, 8, 24, 17, 0), priority=CRITICAL)
        self.assertDeadline(incident, "reaction", UTC3, (2026, 8, 24, 17, 30))

    def test_downgrades_meet_restore_and_start_the_lower_priority(self):
        # Pro, priority 1 on Mon 16 Nov 10:00: reaction 10:30, restore 12:00.
        ticket = self.ticket("pro", UTC3, (2026, 11, 16, 10, 0), priority=CRITICAL)
        reaction = self.assertDeadline(ticket, "reaction", UTC3, (2026, 11, 16, 10, 30))
        restore = self.assertDeadline(ticket, "restore", UTC3, (2026, 11, 16, 12, 0))
        self.reply(ticket, UTC3, (2026, 11, 16, 10, 10))
        self.assertEqual(reaction.state, "met")
        # Worked around at 11:00: priority 2, whose 4 hours run from then.
        self.downgrade(ticket, HIGH, (2026, 11, 16, 11, 0))
        self.assertEqual(restore.state, "met")
        self.assertTrue(restore.met_by_downgrade)
        high = self.assertDeadline(ticket, "restore", UTC3, (2026, 11, 16, 15, 0))
        self.assertEqual(high.priority, HIGH)
        # Downgraded again at 14:00: priority 3, 8 business hours (4 on
        # Monday until 18:00, 4 on Tuesday from 09:00).
        self.downgrade(ticket, NORMAL, (2026, 11, 16, 14, 0))
        self.assertTrue(high.met_by_downgrade)
        normal = self.assertDeadline(ticket, "restore", UTC3, (2026, 11, 17, 13, 0))
        self.assertFalse(normal.stop_on_downgrade)
        # The reaction was met: no new reaction clock.
        self.assertEqual(self.metrics(ticket).count("reaction"), 1)

    def test_priority_write_is_a_downgrade(self):
        """Lowering the priority on the ticket itself meets the restore term."""
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Outage",
                "description": "<p>Down</p>",
                "partner_id": self.contacts["advanced"].id,
                "type_id": self.kinds["incident"].id,
                "priority": CRITICAL,
            }
        )
        restore = self.clock(ticket, "restore")
        ticket.priority = HIGH
        self.assertEqual(restore.state, "met")
        self.assertTrue(restore.met_by_downgrade)
        self.assertEqual(self.clock(ticket, "restore").amount, 4)

    def test_rule_violation_extends_the_terms(self):
        incident = self.ticket("pro", UTC3, (2026, 11, 15, 17, 50), priority=CRITICAL)
        change = self.ticket("advanced", UTC3, (2026, 11, 13, 18, 0), "change")
        self.env["support.sla.extend.wizard"].create(
            {
                "ticket_ids": [(6, 0, (incident | change).ids)],
                "reason": "Request repeated before its term ran out",
            }
        ).action_confirm()
        # Incidents: 20 business hours on Mon-Sun 09-18 -- Sun 10 min, Mon
        # and Tue 9 h each, Wed 1 h 50.
        for metric in ("reaction", "restore"):
            clock = self.assertDeadline(incident, metric, UTC3, (2026, 11, 18, 10, 50))
            self.assertTrue(clock.extended)
        # Changes: 100 business hours on Mon-Fri 09-20 -- Fri 2 h, 8 days of
        # 11 h, Thu 26 Nov 10 h.
        for metric in ("reaction", "resolution"):
            clock = self.assertDeadline(change, metric, UTC3, (2026, 11, 26, 19, 0))
            self.assertEqual(clock.amount, 100)

    def test_pause_while_waiting_for_the_customer(self):
        # Advanced change, Fri 13 Nov 18:00: reaction 5 h, Mon 16 12:00.
        ticket = self.ticket("advanced", UTC3, (2026, 11, 13, 18, 0), "change")
        reaction = self.assertDeadline(ticket, "reaction", UTC3, (2026, 11, 16, 12, 0))
        reaction._sla_pause(utc(UTC3, 2026, 11, 13, 19, 0), "Waiting")
        reaction._sla_resume(utc(UTC3, 2026, 11, 16, 10, 0), "Answered")
        # Paused 1 h on Friday and 1 h on Monday.
        self.assertEqual(reaction.deadline, utc(UTC3, 2026, 11, 16, 14, 0))

    def downgrade(self, ticket, priority, when):
        """Lower ``ticket``'s priority at the local time ``when``."""
        ticket.with_context(sla_no_replan=True).priority = priority
        ticket._sla_update(
            {ticket.id: "Worked around"}, downgraded={ticket.id}, when=utc(UTC3, *when)
        )
