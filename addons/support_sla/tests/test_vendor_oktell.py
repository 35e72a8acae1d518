# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Oktell via sipnet (docs/vendors/oktell.md, SLA) from its vendor pack alone.

Checks the 3 SLA numbers of the section on concrete dates of 2026, on each
of the four support levels: the working hours 09:00 and 18:00 (Prague, Czech
public holidays: 28 October and 17 November 2026 are skipped) and complaints
handled within 10 days. The page gives no answer term ("the provider answers
within the package's term, or tells the customer a new term"): the pack's
default reading, 1 business day to answer or announce a new term, is checked
too, as a configurable default rather than a number of the page.
"""

from datetime import date, timedelta

import pytz

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import format_datetime
from odoo.tools.safe_eval import safe_eval

from .common import PRAGUE, utc
from .test_sla_policies import TERMS
from .vendor_sla_common import VendorSlaCase

LEVELS = ("l1", "l2", "l3", "l4")


@tagged("post_install", "-at_install")
class TestVendorOktell(VendorSlaCase):
    vendor = "oktell"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cal_prague = cls.sla_ref("calendar_prague_9_18")
        cls.sync_holidays(cls.cal_prague)
        cls.licence = cls.env["product.product"].create(
            {
                "name": "Oktell licence (SLA test)",
                "categ_id": cls.env.ref("halo_support.categ_oktell").id,
            }
        )
        for level in LEVELS:
            cls.customer_on(level, f"plan_oktell_{level}", [cls.licence_line(True)])
        cls.customer_on("unregistered", "plan_oktell_l1", [cls.licence_line(False)])

    @classmethod
    def licence_line(cls, registered):
        return {
            "product_id": cls.licence.id,
            "serial": f"OKT-SLA-{registered}",
            "licence_registered": registered,
        }

    def test_pack_calendar(self):
        attendances = self.cal_prague.attendance_ids
        self.assertEqual(sorted(set(attendances.mapped("dayofweek"))), list("01234"))
        self.assertEqual(set(attendances.mapped("hour_from")), {9.0})
        self.assertEqual(set(attendances.mapped("hour_to")), {18.0})
        self.assertEqual(self.cal_prague.tz, "Europe/Prague")
        self.assertEqual(self.cal_prague.holiday_country_id.code, "CZ")
        holidays = self.cal_prague.global_leave_ids.mapped("holiday_date")
        self.assertIn(date(2026, 10, 28), holidays)
        self.assertIn(date(2026, 11, 17), holidays)

    def test_terms_on_concrete_dates_on_every_level(self):
        """The Oktell rows of the policies' table, on each level's plan."""
        for level in LEVELS:
            with self.subTest(level=level):
                self.assertEqual(self.check_terms(TERMS, {"oktell": level}), 2)

    def test_czech_independence_day_is_skipped(self):
        # Tue 27 Oct 17:00 + 1 business day: Wed 28 Oct is skipped.
        ticket = self.ticket("l3", PRAGUE, (2026, 10, 27, 17, 0), "change")
        self.assertDeadline(ticket, "answer_or_new_term", PRAGUE, (2026, 10, 29, 17, 0))
        # Mon 16 Nov 17:30 + 1 business day: Tue 17 Nov is skipped.
        late = self.ticket("l1", PRAGUE, (2026, 11, 16, 17, 30), "consultation")
        self.assertDeadline(late, "answer_or_new_term", PRAGUE, (2026, 11, 18, 17, 30))

    def test_complaint_within_ten_days(self):
        # Calendar days: the weekend, 28 October and the change of time on
        # 25 October count.
        complaint = self.ticket("l2", PRAGUE, (2026, 10, 23, 10, 0), "complaint")
        self.assertEqual(self.metrics(complaint), ["complaint_answered"])
        clock = self.assertDeadline(
            complaint, "complaint_answered", PRAGUE, (2026, 11, 2, 10, 0)
        )
        # An ordinary reply is not the answer to a complaint: the decision is.
        self.reply(complaint, PRAGUE, (2026, 10, 26, 9, 0))
        self.assertEqual(clock.state, "running")
        head = self.env.ref("base.user_admin")
        complaint.with_user(head)._support_decide_complaint(
            "upheld",
            "Our engineer missed the term",
            when=utc(PRAGUE, 2026, 11, 2, 9, 0),
        )
        self.assertEqual(clock.state, "met")
        late = self.ticket("l4", PRAGUE, (2026, 11, 2, 10, 0), "complaint")
        late.with_user(head)._support_decide_complaint(
            "rejected", "The term was kept", when=utc(PRAGUE, 2026, 11, 12, 10, 1)
        )
        self.assertEqual(late.sla_ids.state, "breached")

    def test_complaints_by_outcome_and_on_time(self):
        """The complaint report: the decision and its clock's state, stored
        for grouping."""
        head = self.env.ref("base.user_admin")
        on_time = self.ticket("l2", PRAGUE, (2026, 10, 23, 10, 0), "complaint")
        self.assertEqual(on_time.complaint_sla_state, "running")
        on_time.with_user(head)._support_decide_complaint(
            "upheld", "Our engineer missed the term", when=utc(PRAGUE, 2026, 11, 2, 9)
        )
        late = self.ticket("l4", PRAGUE, (2026, 11, 2, 10, 0), "complaint")
        late.with_user(head)._support_decide_complaint(
            "rejected", "The term was kept", when=utc(PRAGUE, 2026, 11, 12, 10, 1)
        )
        waiting = self.ticket("l1", PRAGUE, (2026, 11, 16, 10, 0), "complaint")
        tickets = on_time | late | waiting
        self.assertEqual(
            tickets.mapped("complaint_sla_state"), ["met", "breached", "running"]
        )
        groups = self.env["helpdesk.ticket"].read_group(
            [("id", "in", tickets.ids)],
            ["complaint_decision"],
            ["complaint_decision", "complaint_sla_state"],
            lazy=False,
        )
        counts = {
            (g["complaint_decision"], g["complaint_sla_state"]): g["__count"]
            for g in groups
        }
        self.assertEqual(
            counts,
            {("upheld", "met"): 1, ("rejected", "breached"): 1, (False, "running"): 1},
        )
        action = self.env.ref("support_sla.helpdesk_ticket_action_complaint_report")
        self.assertEqual(
            self.env["helpdesk.ticket"].search(
                [("id", "in", tickets.ids), *safe_eval(action.domain)]
            ),
            tickets,
        )

    def test_announcing_a_new_term_meets_the_answer_term(self):
        ticket = self.ticket("l2", PRAGUE, (2026, 11, 16, 17, 0), "consultation")
        clock = self.clock(ticket, "answer_or_new_term")
        clock._sla_pause(self._utc((2026, 11, 18, 9, 0)), "Waiting for the logs")
        clock._sla_resume(self._utc((2026, 11, 18, 10, 0)), "Logs received")
        self.assertEqual(clock.deadline, self._utc((2026, 11, 18, 18, 0)))
        # The agent writes that the answer comes on Friday: a message to
        # the customer, on time.
        self.reply(ticket, PRAGUE, (2026, 11, 18, 16, 0))
        self.assertEqual(clock.state, "met")

    def test_no_registered_licence_no_clock(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Pirate copy",
                "description": "<p>?</p>",
                "partner_id": self.contacts["unregistered"].id,
                "type_id": self.kinds["consultation"].id,
            }
        )
        self.assertNotEqual(ticket.entitlement, "covered")
        self.assertFalse(ticket.sla_ids)

    def test_excluded_training_runs_no_clock(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Train our agents",
                "description": "<p>Training</p>",
                "partner_id": self.contacts["l1"].id,
                "type_id": self.env.ref("halo_support.ticket_type_training").id,
            }
        )
        self.assertEqual(ticket.entitlement, "excluded", ticket.entitlement_reason)
        self.assertFalse(ticket.sla_ids)

    def test_refused_request_stops_its_clock(self):
        ticket = self.ticket("l3", PRAGUE, (2026, 11, 16, 10, 0), "consultation")
        clock = self.assertDeadline(
            ticket, "answer_or_new_term", PRAGUE, (2026, 11, 18, 10, 0)
        )
        ticket._support_refuse(
            self.env.ref("halo_support.refusal_ground_oktell_remote_time")
        )
        self.assertEqual(ticket.entitlement, "refused")
        self.assertEqual(clock.state, "cancelled")
        # Withdrawn: judged again, the clock counts from the received time.
        ticket.action_support_withdraw_refusal()
        self.assertDeadline(ticket, "answer_or_new_term", PRAGUE, (2026, 11, 18, 10, 0))

    # -- "answer within the term, or tell the customer a new term" --------

    def announced(self, level="l2"):
        """A consultation of Mon 16 Nov 10:00, due Wed 18 Nov 10:00 (17
        November is a holiday), whose agent announces on Wed 18 Nov 09:00
        that the answer comes on Fri 20 Nov 12:00."""
        ticket = self.ticket(level, PRAGUE, (2026, 11, 16, 10, 0), "consultation")
        clock = self.assertDeadline(
            ticket, "answer_or_new_term", PRAGUE, (2026, 11, 18, 10, 0)
        )
        ticket.with_user(self.agent)._sla_announce_new_term(
            self._utc((2026, 11, 20, 12, 0)),
            "The vendor's fix is expected on Thursday",
            when=self._utc((2026, 11, 18, 9, 0)),
        )
        return ticket, clock

    def test_announced_new_term_becomes_the_deadline(self):
        ticket, clock = self.announced()
        # The announcement is a message to the customer, not the answer.
        self.assertEqual(clock.state, "running")
        self.assertEqual(clock.deadline, self._utc((2026, 11, 20, 12, 0)))
        self.assertEqual(ticket.sla_deadline, clock.deadline)
        message = ticket.message_ids.filtered(
            lambda m: "We will answer your request by" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertFalse(message.is_internal)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn("fix is expected on Thursday", message.body)
        event = clock.event_ids.filtered(lambda e: e.kind == "new_term")
        self.assertEqual(len(event), 1)
        self.assertIn("New term announced to the customer", event.reason)
        self.assertEqual(event.deadline_before, self._utc((2026, 11, 18, 10, 0)))
        self.assertEqual(event.deadline_after, clock.deadline)
        # The answer after the original term, before the announced one.
        self.reply(ticket, PRAGUE, (2026, 11, 19, 15, 0))
        self.assertEqual(clock.state, "met")

    def test_new_term_is_told_in_the_customers_time_zone(self):
        """The agent works in UTC, the customer in Tokyo: the date told is
        the customer's wall-clock time."""
        self.agent.tz = "UTC"
        ticket = self.ticket("l2", PRAGUE, (2026, 11, 16, 10, 0), "consultation")
        ticket.partner_id.tz = "Asia/Tokyo"
        deadline = self._utc((2026, 11, 20, 12, 0))
        ticket.with_user(self.agent)._sla_announce_new_term(
            deadline, "", when=self._utc((2026, 11, 18, 9, 0))
        )
        message = ticket.message_ids.filtered(
            lambda m: "We will answer your request by" in (m.body or "")
        )
        tokyo = format_datetime(self.env, deadline, tz="Asia/Tokyo")
        self.assertIn(tokyo, message.body)
        self.assertNotIn(format_datetime(self.env, deadline, tz="UTC"), message.body)

    def test_answer_after_the_announced_term_is_a_breach(self):
        ticket, clock = self.announced("l3")
        self.reply(ticket, PRAGUE, (2026, 11, 20, 12, 5))
        self.assertEqual(clock.state, "breached")

    def test_sweep_breaches_a_missed_announced_term(self):
        ticket, clock = self.announced("l4")
        # Pauses after the announcement do not move the date told.
        clock._sla_pause(self._utc((2026, 11, 19, 9, 0)), "Waiting for the logs")
        clock._sla_resume(self._utc((2026, 11, 19, 15, 0)), "Logs received")
        self.assertEqual(clock.deadline, self._utc((2026, 11, 20, 12, 0)))
        self.env["support.ticket.sla"]._cron_sla_sweep()
        self.assertEqual(clock.state, "breached")
        self.assertTrue(ticket.sla_breached)
        self.assertEqual(clock.event_ids.sorted("id")[-1].kind, "breach")

    def test_new_term_through_the_ticket_wizard(self):
        now = fields.Datetime.now()
        local = pytz.utc.localize(now).astimezone(PRAGUE)
        ticket = self.ticket("l1", PRAGUE, local.timetuple()[:5], "change")
        clock = self.clock(ticket, "answer_or_new_term")
        action = ticket.action_sla_announce_new_term()
        Wizard = self.env[action["res_model"]].with_context(**action["context"])
        late = Wizard.create({"new_deadline": now - timedelta(hours=1)})
        with self.assertRaisesRegex(UserError, "New term"):
            late.action_confirm()
        term = (now + timedelta(days=5)).replace(microsecond=0)
        self.assertEqual(Wizard.create({}).mode, "new_term")
        wizard = Wizard.create({"new_deadline": term, "note": "Waiting for the vendor"})
        wizard.action_confirm()
        self.assertEqual(clock.state, "running")
        self.assertEqual(clock.deadline, term)
        self.assertEqual(clock.announced_deadline, term)

    def test_new_term_needs_an_open_answer_clock(self):
        complaint = self.ticket("l1", PRAGUE, (2026, 11, 2, 10, 0), "complaint")
        with self.assertRaisesRegex(UserError, "New term: .* no running clock"):
            complaint._sla_announce_new_term(
                self._utc((2026, 11, 20, 12, 0)),
                None,
                when=self._utc((2026, 11, 3, 9, 0)),
            )

    def test_default_answer_term_is_a_setting_of_the_policy(self):
        target = self.sla_ref("sla_target_oktell_l1_answer")
        self.assertEqual((target.amount, target.unit), (1, "business_days"))
        target.amount = 2
        ticket = self.ticket("l1", PRAGUE, (2026, 11, 16, 10, 0), "consultation")
        # Mon 16 Nov + 2 business days, 17 November skipped: Thu 19 Nov.
        self.assertDeadline(ticket, "answer_or_new_term", PRAGUE, (2026, 11, 19, 10, 0))

    # -- "request served": closing needs one of the five outcomes --------

    OUTCOMES = (
        "consultation",
        "configured",
        "fault_cause",
        "fault_configuration",
        "fault_update",
    )

    def outcome(self, key):
        return self.sla_ref(f"served_outcome_oktell_{key}")

    def close(self, ticket, outcome=None):
        if outcome:
            ticket.served_outcome_id = self.outcome(outcome)
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    def test_every_level_requires_one_of_the_five_served_outcomes(self):
        outcomes = self.env["support.served.outcome"].browse(
            [self.outcome(key).id for key in self.OUTCOMES]
        )
        for level in LEVELS:
            plan = self.env.ref(f"halo_support.plan_oktell_{level}")
            with self.subTest(level=level):
                self.assertTrue(plan.served_outcome_required)
                self.assertEqual(plan.served_outcome_ids, outcomes)

    def test_closing_without_a_served_outcome_is_refused(self):
        ticket = self.ticket("l1", PRAGUE, (2026, 11, 16, 10, 0), "consultation")
        with self.assertRaisesRegex(ValidationError, "Served outcome: .*Fault"):
            self.close(ticket)
        ticket.invalidate_recordset()
        self.assertFalse(ticket.stage_id.closed)
        self.close(ticket, "consultation")
        self.assertTrue(ticket.stage_id.closed)
        # Clearing the outcome of a closed ticket is refused too.
        with self.assertRaisesRegex(ValidationError, "Served outcome"):
            ticket.served_outcome_id = False

    def test_outcome_of_another_plan_is_refused(self):
        other = self.env["support.served.outcome"].create({"name": "Hardware swapped"})
        ticket = self.ticket("l2", PRAGUE, (2026, 11, 16, 10, 0), "incident")
        ticket.served_outcome_id = other
        with self.assertRaisesRegex(ValidationError, "Served outcome"):
            self.close(ticket)

    def test_a_request_not_covered_closes_without_an_outcome(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Pirate copy",
                "description": "<p>?</p>",
                "partner_id": self.contacts["unregistered"].id,
                "type_id": self.kinds["consultation"].id,
            }
        )
        self.close(ticket)
        self.assertTrue(ticket.stage_id.closed)

    def test_compliance_report_counts_tickets_per_outcome(self):
        closed = [
            ("l1", "consultation", "consultation"),
            ("l2", "change", "configured"),
            ("l3", "incident", "fault_cause"),
            ("l4", "incident", "fault_cause"),
            ("l1", "bug", "fault_update"),
        ]
        tickets = self.env["helpdesk.ticket"]
        for level, kind, outcome in closed:
            ticket = self.ticket(level, PRAGUE, (2026, 11, 16, 10, 0), kind)
            self.reply(ticket, PRAGUE, (2026, 11, 16, 11, 0))
            self.close(ticket, outcome)
            tickets |= ticket
        self.env.flush_all()
        groups = self.env["support.sla.report"].read_group(
            [("ticket_id", "in", tickets.ids)],
            ["ticket_count:sum"],
            ["served_outcome_id"],
        )
        counts = {g["served_outcome_id"][0]: g["ticket_count"] for g in groups}
        self.assertEqual(
            counts,
            {
                self.outcome("consultation").id: 1,
                self.outcome("configured").id: 1,
                self.outcome("fault_cause").id: 2,
                self.outcome("fault_update").id: 1,
            },
        )

    def _utc(self, when):
        return utc(PRAGUE, *when)
