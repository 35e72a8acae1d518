# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every reaction and resolution term of the vendor pages
(docs/vendors/*.md, sections SLA) on concrete dates."""

from odoo.tests import TransactionCase, tagged

from .common import (
    BRATISLAVA,
    CRITICAL,
    HIGH,
    KYIV,
    NORMAL,
    PRAGUE,
    WARSAW,
    SlaCommon,
    utc,
)

# (plan, kind, priority, received (local), metric, expected deadline (local))
# Fri 13 Nov 2026; 11 Nov (Wed) is a Polish holiday, 17 Nov (Tue) a Czech
# one; Sun 15 Nov 2026.
TERMS = [
    # -- Halo Kwadrat, Mon-Fri 08:00-18:00 Warsaw -------------------------
    # H2S Pro critical: 4 business hours (the examples).
    (
        "pro",
        "incident",
        CRITICAL,
        WARSAW,
        (2026, 11, 13, 17, 30),
        "reaction",
        (2026, 11, 16, 11, 30),
    ),
    (
        "pro",
        "incident",
        CRITICAL,
        WARSAW,
        (2026, 11, 10, 16, 0),
        "reaction",
        (2026, 11, 12, 10, 0),
    ),
    # H2S Pro others: next business day (its close).
    (
        "pro",
        "incident",
        NORMAL,
        WARSAW,
        (2026, 11, 13, 17, 30),
        "reaction",
        (2026, 11, 16, 18, 0),
    ),
    (
        "pro",
        "consultation",
        HIGH,
        WARSAW,
        (2026, 11, 10, 9, 0),
        "reaction",
        (2026, 11, 12, 18, 0),
    ),
    # H2S Pro 24: 24/7/365 -- 4 hours round the clock; next day ends at midnight.
    (
        "pro24",
        "incident",
        CRITICAL,
        WARSAW,
        (2026, 11, 13, 17, 30),
        "reaction",
        (2026, 11, 13, 21, 30),
    ),
    (
        "pro24",
        "incident",
        NORMAL,
        WARSAW,
        (2026, 11, 13, 17, 30),
        "reaction",
        (2026, 11, 15, 0, 0),
    ),
    # H2S Free: 3 business days (the holiday is skipped).
    (
        "free",
        "incident",
        NORMAL,
        WARSAW,
        (2026, 11, 13, 10, 0),
        "reaction",
        (2026, 11, 18, 10, 0),
    ),
    (
        "free",
        "incident",
        NORMAL,
        WARSAW,
        (2026, 11, 10, 10, 0),
        "reaction",
        (2026, 11, 16, 10, 0),
    ),
    # -- infotel, Variants 1 and 2 on Mon-Fri 08:30-17:00 Bratislava ------
    (
        "v1",
        "incident",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "reaction",
        (2026, 11, 16, 11, 30),
    ),
    (
        "v2",
        "incident",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "reaction",
        (2026, 11, 16, 9, 30),
    ),
    (
        "v1",
        "hardware_rma",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "replacement_shipped",
        (2026, 11, 17, 16, 0),
    ),
    (
        "v2",
        "hardware_rma",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "replacement_shipped",
        (2026, 11, 16, 16, 0),
    ),
    (
        "v1",
        "incident",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "restore",
        (2026, 11, 18, 16, 0),
    ),
    (
        "v2",
        "incident",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "restore",
        (2026, 11, 17, 16, 0),
    ),
    (
        "v1",
        "incident",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "technician_onsite",
        (2026, 11, 18, 16, 0),
    ),
    (
        "v2",
        "hardware_rma",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "technician_onsite",
        (2026, 11, 17, 16, 0),
    ),
    # Final resolution of faults: 2 weeks, calendar time.
    (
        "v1",
        "incident",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "final_resolution",
        (2026, 11, 27, 16, 0),
    ),
    # -- infotel Variant 3: Mon-Fri round the clock, Sat-Sun 09:00-18:00 --
    (
        "v3",
        "incident",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 23, 30),
        "reaction",
        (2026, 11, 14, 9, 30),
    ),
    # 24 h: Fri 16-24 (8 h), Sat 09-18 (9 h), Sun 09-16 (7 h).
    (
        "v3",
        "hardware_rma",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "replacement_shipped",
        (2026, 11, 15, 16, 0),
    ),
    (
        "v3",
        "incident",
        NORMAL,
        BRATISLAVA,
        (2026, 11, 13, 16, 0),
        "restore",
        (2026, 11, 15, 16, 0),
    ),
    # -- Oktell, working days 09:00-18:00 Prague --------------------------
    (
        "oktell",
        "complaint",
        NORMAL,
        PRAGUE,
        (2026, 11, 16, 10, 0),
        "complaint_answered",
        (2026, 11, 26, 10, 0),
    ),
    (
        "oktell",
        "consultation",
        NORMAL,
        PRAGUE,
        (2026, 11, 16, 17, 0),
        "answer_or_new_term",
        (2026, 11, 18, 17, 0),
    ),
    # -- Webitel incidents, Mon-Sun 09:00-18:00 Kyiv ----------------------
    # Pro reaction 30 min / 1 h / 2 h (the example for critical).
    (
        "webitel_pro",
        "incident",
        CRITICAL,
        KYIV,
        (2026, 11, 15, 17, 50),
        "reaction",
        (2026, 11, 16, 9, 20),
    ),
    (
        "webitel_pro",
        "incident",
        HIGH,
        KYIV,
        (2026, 11, 15, 17, 50),
        "reaction",
        (2026, 11, 16, 9, 50),
    ),
    (
        "webitel_pro",
        "incident",
        NORMAL,
        KYIV,
        (2026, 11, 15, 17, 50),
        "reaction",
        (2026, 11, 16, 10, 50),
    ),
    # Advanced reaction 1 / 2 / 4 business hours.
    (
        "webitel_adv",
        "incident",
        CRITICAL,
        KYIV,
        (2026, 11, 15, 17, 50),
        "reaction",
        (2026, 11, 16, 9, 50),
    ),
    (
        "webitel_adv",
        "incident",
        HIGH,
        KYIV,
        (2026, 11, 15, 17, 50),
        "reaction",
        (2026, 11, 16, 10, 50),
    ),
    (
        "webitel_adv",
        "incident",
        NORMAL,
        KYIV,
        (2026, 11, 15, 17, 50),
        "reaction",
        (2026, 11, 16, 12, 50),
    ),
    # Restore or downgrade 2 / 4 / 8 business hours (both packages).
    (
        "webitel_pro",
        "incident",
        CRITICAL,
        KYIV,
        (2026, 11, 15, 17, 50),
        "restore",
        (2026, 11, 16, 10, 50),
    ),
    (
        "webitel_adv",
        "bug",
        HIGH,
        KYIV,
        (2026, 11, 15, 17, 50),
        "restore",
        (2026, 11, 16, 12, 50),
    ),
    (
        "webitel_pro",
        "incident",
        NORMAL,
        KYIV,
        (2026, 11, 15, 17, 50),
        "restore",
        (2026, 11, 16, 16, 50),
    ),
    # -- Webitel requests, Mon-Fri 09:00-20:00 Kyiv -----------------------
    (
        "webitel_pro",
        "service_request",
        NORMAL,
        KYIV,
        (2026, 11, 13, 18, 0),
        "reaction",
        (2026, 11, 16, 12, 0),
    ),
    (
        "webitel_adv",
        "change",
        CRITICAL,
        KYIV,
        (2026, 11, 13, 18, 0),
        "reaction",
        (2026, 11, 16, 12, 0),
    ),
    # 40 h: Fri 2 h, Mon-Wed 3 x 11 h, Thu 5 h.
    (
        "webitel_pro",
        "service_request",
        NORMAL,
        KYIV,
        (2026, 11, 13, 18, 0),
        "resolution",
        (2026, 11, 19, 14, 0),
    ),
    # 80 h: Fri 2 h, 7 working days x 11 h, Wed 25 Nov 1 h.
    (
        "webitel_adv",
        "change",
        NORMAL,
        KYIV,
        (2026, 11, 13, 18, 0),
        "resolution",
        (2026, 11, 25, 10, 0),
    ),
]


@tagged("post_install", "-at_install")
class TestSlaPolicies(SlaCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_sla()
        cls.kinds = {
            "incident": cls.kind_incident,
            "bug": cls.env.ref("halo_support.ticket_type_bug"),
            "consultation": cls.kind_consultation,
            "hardware_rma": cls.kind_hardware,
            "complaint": cls.kind_complaint,
            "service_request": cls.kind_service,
            "change": cls.kind_change,
        }

    def test_every_term_on_concrete_dates(self):
        for plan, kind, priority, zone, received, metric, expected in TERMS:
            with self.subTest(plan=plan, kind=kind, priority=priority, metric=metric):
                ticket = self.make_ticket(
                    plan, utc(zone, *received), self.kinds[kind], priority
                )
                self.assertEqual(
                    ticket.entitlement, "covered", ticket.entitlement_reason
                )
                clock = self.clock(ticket, metric)
                self.assertEqual(clock.state, "running")
                self.assertEqual(clock.deadline, utc(zone, *expected))
                self.assertEqual(ticket.sla_status, "on_track")

    def test_only_the_terms_of_the_kind_and_priority_run(self):
        ticket = self.make_ticket(
            "webitel_pro", utc(KYIV, 2026, 11, 15, 17, 50), self.kind_incident, CRITICAL
        )
        self.assertEqual(
            sorted(ticket.sla_ids.mapped("metric")), ["reaction", "restore"]
        )
        request = self.make_ticket(
            "webitel_pro", utc(KYIV, 2026, 11, 13, 18, 0), self.kind_service, CRITICAL
        )
        self.assertEqual(
            sorted(request.sla_ids.mapped("metric")), ["reaction", "resolution"]
        )
        self.assertEqual(request.sla_ids.calendar_id, self.cal_kyiv_wd)
        # The earliest deadline is the ticket's.
        self.assertEqual(ticket.sla_deadline, utc(KYIV, 2026, 11, 16, 9, 20))

    def test_flexible_counts_from_the_order_acceptance(self):
        ticket = self.make_ticket("flexible", utc(WARSAW, 2026, 11, 13, 9, 0))
        self.assertFalse(ticket.sla_ids, "no clock before the order is accepted")
        ticket._sla_record_event(
            "order_accepted", "Terms accepted", when=utc(WARSAW, 2026, 11, 16, 14, 0)
        )
        clock = self.clock(ticket, "reaction")
        self.assertEqual(clock.start_date, utc(WARSAW, 2026, 11, 16, 14, 0))
        self.assertEqual(clock.deadline, utc(WARSAW, 2026, 11, 17, 14, 0))
        event = ticket.sla_event_ids.filtered(lambda e: e.kind == "event")
        self.assertEqual(event.code, "order_accepted")

    def test_configuration_restored_counts_from_the_delivery(self):
        ticket = self.make_ticket(
            "v1", utc(BRATISLAVA, 2026, 11, 13, 16, 0), self.kind_hardware
        )
        self.assertNotIn("configuration_restored", ticket.sla_ids.mapped("metric"))
        shipped = self.clock(ticket, "replacement_shipped")
        ticket._sla_record_event(
            "replacement_shipped", when=utc(BRATISLAVA, 2026, 11, 16, 11, 0)
        )
        self.assertEqual(shipped.state, "met")
        ticket._sla_record_event(
            "replacement_delivered", when=utc(BRATISLAVA, 2026, 11, 17, 10, 0)
        )
        restored = self.clock(ticket, "configuration_restored")
        # 3 business days from Tue 17 Nov 10:00 (17 Nov is a working day in
        # Slovakia since 2025).
        self.assertEqual(restored.deadline, utc(BRATISLAVA, 2026, 11, 20, 10, 0))
        ticket._sla_record_event(
            "configuration_restored", when=utc(BRATISLAVA, 2026, 11, 23, 9, 0)
        )
        self.assertEqual(restored.state, "breached")
        self.assertTrue(ticket.sla_breached)

    def test_uncovered_requests_run_no_clock(self):
        stranger = self.env["res.partner"].create({"name": "Stranger (SLA test)"})
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Who am I",
                "description": "<p>?</p>",
                "partner_id": stranger.id,
                "type_id": self.kind_incident.id,
                "priority": CRITICAL,
            }
        )
        self.assertNotEqual(ticket.entitlement, "covered")
        self.assertFalse(ticket.sla_ids)
        self.assertEqual(ticket.sla_status, "none")
