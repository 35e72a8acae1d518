# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Clocks on tickets: replies, pauses, downgrades, extensions, the sweep."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import code_translations

from .common import CRITICAL, HIGH, KYIV, NORMAL, WARSAW, SlaCommon, utc


@tagged("post_install", "-at_install")
class TestSlaClocks(SlaCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_sla()

    def pro_critical(self, *received):
        return self.make_ticket(
            "pro", utc(WARSAW, *received), self.kind_incident, CRITICAL
        )

    def test_agent_reply_stops_the_reaction_internal_note_does_not(self):
        ticket = self.pro_critical(2026, 11, 13, 17, 30)
        reaction = self.clock(ticket, "reaction")
        agent_ticket = ticket.with_user(self.agent)
        with freeze_time(utc(WARSAW, 2026, 11, 16, 9, 0)):
            agent_ticket.message_post(
                body="Looking into it (internal)",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self.assertEqual(reaction.state, "running")
        # A message of the customer is no confirmation either.
        with freeze_time(utc(WARSAW, 2026, 11, 16, 9, 10)):
            ticket.message_post(
                body="Any news?",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.contracts["pro"].id,
            )
        self.assertEqual(reaction.state, "running")
        with freeze_time(utc(WARSAW, 2026, 11, 16, 9, 30)):
            agent_ticket.message_post(
                body="We received your report and work on it.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(reaction.state, "met")
        self.assertEqual(reaction.stop_date, utc(WARSAW, 2026, 11, 16, 9, 30))
        # 30 min on Friday + 1 h 30 on Monday.
        self.assertAlmostEqual(reaction.used_hours_final, 2.0)
        self.assertEqual(ticket.sla_status, "met")
        stop = reaction.event_ids.filtered(lambda e: e.kind == "stop")
        self.assertEqual(stop.code, "confirmation_sent")
        self.assertEqual(stop.user_id, self.agent)

    def test_agent_cannot_write_the_sla_summary(self):
        ticket = self.pro_critical(2026, 11, 13, 17, 30)
        self.assertEqual(ticket.sla_status, "on_track")
        agent_ticket = ticket.with_user(self.agent)
        for vals in (
            {"sla_status": "met"},
            {"sla_breached": True},
            {"sla_deadline": False},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                agent_ticket.write(vals)
        self.assertEqual(ticket.sla_status, "on_track")

    def test_late_reply_is_a_breach(self):
        ticket = self.pro_critical(2026, 11, 10, 16, 0)
        with freeze_time(utc(WARSAW, 2026, 11, 12, 10, 1)):
            ticket.with_user(self.agent).message_post(
                body="Sorry for the delay",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        reaction = self.clock(ticket, "reaction")
        self.assertEqual(reaction.state, "breached")
        self.assertTrue(ticket.sla_breached)

    def test_pause_shifts_the_deadline_exactly(self):
        ticket = self.pro_critical(2026, 11, 13, 17, 30)
        reaction = self.clock(ticket, "reaction")
        self.assertEqual(reaction.deadline, utc(WARSAW, 2026, 11, 16, 11, 30))
        with freeze_time(utc(WARSAW, 2026, 11, 13, 17, 45)):
            ticket.stage_id = self.stage_waiting
        self.assertEqual(reaction.state, "paused")
        self.assertFalse(reaction.deadline)
        self.assertEqual(ticket.sla_status, "paused")
        with freeze_time(utc(WARSAW, 2026, 11, 16, 9, 0)):
            ticket.stage_id = self.stage_progress
        # The pause swallowed 15 min on Friday and 1 h on Monday.
        self.assertEqual(reaction.state, "running")
        self.assertEqual(reaction.paused_seconds, 75 * 60)
        self.assertEqual(reaction.deadline, utc(WARSAW, 2026, 11, 16, 12, 45))
        self.assertEqual(reaction.warn_date, utc(WARSAW, 2026, 11, 16, 11, 45))
        self.assertEqual(
            reaction.event_ids.sorted("id").mapped("kind"), ["start", "pause", "resume"]
        )
        resume = reaction.event_ids.filtered(lambda e: e.kind == "resume")
        self.assertEqual(resume.deadline_after, utc(WARSAW, 2026, 11, 16, 12, 45))
        # A pause outside working time moves nothing.
        with freeze_time(utc(WARSAW, 2026, 11, 16, 19, 0)):
            ticket.stage_id = self.stage_waiting
        with freeze_time(utc(WARSAW, 2026, 11, 17, 7, 0)):
            ticket.stage_id = self.stage_progress
        self.assertEqual(reaction.deadline, utc(WARSAW, 2026, 11, 16, 12, 45))

    def test_closing_stops_the_clocks(self):
        ticket = self.make_ticket(
            "webitel_pro", utc(KYIV, 2026, 11, 16, 10, 0), self.kind_incident, NORMAL
        )
        with freeze_time(utc(KYIV, 2026, 11, 16, 11, 0)):
            ticket.stage_id = self.stage_done
        restore = self.clock(ticket, "restore")
        self.assertEqual(restore.state, "met")
        reaction = ticket.sla_ids.filtered(lambda c: c.metric == "reaction")
        self.assertEqual(reaction.state, "cancelled", "closed without a reply")

    def test_archiving_cancels_the_clocks(self):
        ticket = self.pro_critical(2026, 11, 13, 17, 30)
        with freeze_time(utc(WARSAW, 2026, 11, 16, 9, 0)):
            ticket.active = False
        reaction = ticket.sla_ids
        self.assertEqual(reaction.state, "cancelled")
        self.assertEqual(reaction.event_ids.sorted("id")[-1].reason, "Ticket archived")
        with freeze_time(utc(WARSAW, 2026, 11, 16, 13, 0)):
            self.env["support.ticket.sla"]._cron_sla_sweep()
        self.assertEqual(reaction.state, "cancelled")

    # Coverage that changes after intake -------------------------------------

    def pro_customer(self, activate=True):
        """A new H2S Pro customer: its contract, an authorised contact and a
        contact who is not (yet) authorised."""
        Partner = self.env["res.partner"]
        customer = Partner.create(
            {"name": "Late customer (SLA test)", "is_company": True}
        )
        carol = Partner.create({"name": "Carol Late", "parent_id": customer.id})
        dave = Partner.create({"name": "Dave Late", "parent_id": customer.id})
        contract = self.env["support.contract"].create(
            {
                "partner_id": customer.id,
                "plan_id": self.plans["pro"].id,
                "date_start": date(2026, 1, 1),
                "contact_ids": [Command.set(carol.ids)],
            }
        )
        if activate:
            contract.action_activate()
        return contract, carol, dave

    def pro_ticket(self, partner):
        """A critical incident received on Monday 16 Nov 2026 09:00 Warsaw
        (H2S Pro: reaction within 4 business hours, due 13:00)."""
        with freeze_time(utc(WARSAW, 2026, 11, 16, 9, 0)):
            return self.env["helpdesk.ticket"].create(
                {
                    "name": "Exchange down",
                    "description": "<p>Down</p>",
                    "partner_id": partner.id,
                    "type_id": self.kind_incident.id,
                    "priority": CRITICAL,
                    "sla_received_at": utc(WARSAW, 2026, 11, 16, 9, 0),
                    "stage_id": self.stage_new.id,
                }
            )

    def assertClockFromReceipt(self, ticket):
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        reaction = self.clock(ticket, "reaction")
        self.assertEqual(reaction.start_date, utc(WARSAW, 2026, 11, 16, 9, 0))
        self.assertEqual(reaction.deadline, utc(WARSAW, 2026, 11, 16, 13, 0))
        start = reaction.event_ids.filtered(lambda e: e.kind == "start")
        self.assertEqual(start.date, utc(WARSAW, 2026, 11, 16, 9, 0))
        self.assertEqual(start.reason, "Now covered by the contract")
        return reaction

    def test_contact_authorised_after_filing_clocks_count_from_receipt(self):
        contract, _carol, dave = self.pro_customer()
        ticket = self.pro_ticket(dave)
        self.assertEqual(ticket.entitlement, "not_authorised")
        self.assertFalse(ticket.sla_ids)
        with freeze_time(utc(WARSAW, 2026, 11, 16, 10, 30)):
            contract.contact_ids = [Command.link(dave.id)]
        reaction = self.assertClockFromReceipt(ticket)
        # A later write that changes no SLA term leaves the clock as it is.
        with freeze_time(utc(WARSAW, 2026, 11, 16, 11, 0)):
            ticket.write({"name": "Exchange down again", "priority": CRITICAL})
        self.assertEqual(ticket.sla_ids, reaction)
        self.assertEqual(reaction.start_date, utc(WARSAW, 2026, 11, 16, 9, 0))

    def test_contract_activated_after_filing_clocks_count_from_receipt(self):
        contract, carol, _dave = self.pro_customer(activate=False)
        ticket = self.pro_ticket(carol)
        self.assertEqual(ticket.entitlement, "no_contract")
        self.assertFalse(ticket.sla_ids)
        with freeze_time(utc(WARSAW, 2026, 11, 16, 10, 30)):
            contract.action_activate()
        self.assertEqual(ticket.support_contract_id, contract)
        self.assertClockFromReceipt(ticket)

    def test_override_clocks_count_from_receipt(self):
        _contract, _carol, dave = self.pro_customer()
        ticket = self.pro_ticket(dave)
        self.assertFalse(ticket.sla_ids)
        with freeze_time(utc(WARSAW, 2026, 11, 16, 10, 30)):
            ticket.write(
                {
                    "entitlement_override": True,
                    "entitlement_override_reason": "The director called",
                }
            )
        self.assertClockFromReceipt(ticket)

    def test_no_longer_covered_cancels_the_clocks_with_the_reason(self):
        contract, carol, _dave = self.pro_customer()
        ticket = self.pro_ticket(carol)
        reaction = self.clock(ticket, "reaction")
        with freeze_time(utc(WARSAW, 2026, 11, 16, 10, 0)):
            contract.contact_ids = [Command.unlink(carol.id)]
        self.assertEqual(ticket.entitlement, "not_authorised")
        self.assertEqual(reaction.state, "cancelled")
        self.assertEqual(reaction.stop_date, utc(WARSAW, 2026, 11, 16, 10, 0))
        cancel = reaction.event_ids.filtered(lambda e: e.kind == "cancel")
        self.assertEqual(cancel.reason, "No longer covered: Not authorised")
        # Authorised again: the clock counts from the receipt once more.
        with freeze_time(utc(WARSAW, 2026, 11, 16, 11, 0)):
            contract.contact_ids = [Command.link(carol.id)]
        again = self.clock(ticket, "reaction")
        self.assertNotEqual(again, reaction)
        self.assertEqual(again.start_date, utc(WARSAW, 2026, 11, 16, 9, 0))
        # The contract is cancelled: no contract covers the ticket.
        with freeze_time(utc(WARSAW, 2026, 11, 16, 12, 0)):
            contract.action_cancel()
        self.assertEqual(again.state, "cancelled")
        self.assertEqual(
            again.event_ids.filtered(lambda e: e.kind == "cancel").reason,
            "No longer covered: No contract",
        )
        self.assertEqual(ticket.sla_status, "none")

    def test_downgrade_meets_restore_and_starts_the_new_priority(self):
        # Webitel Pro, critical incident on Monday 16 Nov 2026 10:00 Kyiv:
        # reaction due 10:30, restore or downgrade due 12:00.
        ticket = self.make_ticket(
            "webitel_pro", utc(KYIV, 2026, 11, 16, 10, 0), self.kind_incident, CRITICAL
        )
        restore = self.clock(ticket, "restore")
        reaction = self.clock(ticket, "reaction")
        self.assertEqual(restore.deadline, utc(KYIV, 2026, 11, 16, 12, 0))
        with freeze_time(utc(KYIV, 2026, 11, 16, 10, 10)):
            ticket.with_user(self.agent).message_post(
                body="On it", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        self.assertEqual(reaction.state, "met")
        with freeze_time(utc(KYIV, 2026, 11, 16, 11, 0)):
            ticket.priority = HIGH
        self.assertEqual(restore.state, "met")
        self.assertTrue(restore.met_by_downgrade)
        self.assertEqual(restore.stop_date, utc(KYIV, 2026, 11, 16, 11, 0))
        new_restore = ticket.sla_ids.filtered(
            lambda c: c.metric == "restore" and not c.stop_date
        )
        self.assertEqual(len(new_restore), 1)
        self.assertEqual(new_restore.start_date, utc(KYIV, 2026, 11, 16, 11, 0))
        # High: 4 business hours from the downgrade.
        self.assertEqual(new_restore.deadline, utc(KYIV, 2026, 11, 16, 15, 0))
        self.assertEqual(new_restore.priority, HIGH)
        # The reaction was met: the new priority does not restart it.
        self.assertEqual(
            len(ticket.sla_ids.filtered(lambda c: c.metric == "reaction")), 1
        )
        replan = new_restore.event_ids.filtered(lambda e: e.kind == "replan")
        self.assertIn("priority", replan.reason)

    def test_upgrade_cancels_and_replans(self):
        ticket = self.make_ticket(
            "webitel_adv", utc(KYIV, 2026, 11, 16, 10, 0), self.kind_incident, NORMAL
        )
        old = ticket.sla_ids
        with freeze_time(utc(KYIV, 2026, 11, 16, 10, 30)):
            ticket.priority = CRITICAL
        self.assertEqual(set(old.mapped("state")), {"cancelled"})
        new = ticket.sla_ids - old
        self.assertEqual(
            {c.metric: c.deadline for c in new},
            {
                "reaction": utc(KYIV, 2026, 11, 16, 11, 30),
                "restore": utc(KYIV, 2026, 11, 16, 12, 30),
            },
        )

    def test_kind_change_replans(self):
        ticket = self.make_ticket(
            "webitel_pro", utc(KYIV, 2026, 11, 13, 18, 0), self.kind_service, NORMAL
        )
        self.assertEqual(self.clock(ticket, "resolution").amount, 40)
        with freeze_time(utc(KYIV, 2026, 11, 16, 9, 0)):
            ticket.type_id = self.kind_change
        resolution = self.clock(ticket, "resolution")
        self.assertEqual(resolution.amount, 80)
        self.assertEqual(resolution.start_date, utc(KYIV, 2026, 11, 16, 9, 0))
        # The reaction target is the same for both kinds: it keeps running.
        reaction = self.clock(ticket, "reaction")
        self.assertEqual(reaction.start_date, utc(KYIV, 2026, 11, 13, 18, 0))

    def test_rule_violation_extends_the_terms(self):
        incident = self.make_ticket(
            "webitel_pro", utc(KYIV, 2026, 11, 15, 17, 50), self.kind_incident, CRITICAL
        )
        change = self.make_ticket(
            "webitel_pro", utc(KYIV, 2026, 11, 13, 18, 0), self.kind_change, NORMAL
        )
        wizard = self.env["support.sla.extend.wizard"].create(
            {
                "ticket_ids": [(6, 0, (incident | change).ids)],
                "reason": "Request repeated before its term ran out",
            }
        )
        wizard.action_confirm()
        # Incidents: 20 business hours on Mon-Sun 09-18 -- Sun 10 min, Mon
        # and Tue 9 h each, Wed 1 h 50.
        for metric in ("reaction", "restore"):
            clock = self.clock(incident, metric)
            self.assertTrue(clock.extended)
            self.assertEqual(clock.deadline, utc(KYIV, 2026, 11, 18, 10, 50))
            # the business time of the term follows the extension
            self.assertEqual(clock.term_hours, 20.0)
            extension = clock.event_ids.filtered(lambda e: e.kind == "extend")
            self.assertEqual(
                extension.reason, "Request repeated before its term ran out"
            )
            self.assertEqual(extension.deadline_before.date().isoformat(), "2026-11-16")
        # Changes: 100 business hours on Mon-Fri 09-20 -- Fri 2 h, 8 days of
        # 11 h, Thu 26 Nov 10 h.
        for metric in ("reaction", "resolution"):
            self.assertEqual(
                self.clock(change, metric).deadline, utc(KYIV, 2026, 11, 26, 19, 0)
            )

    def test_extension_never_shortens(self):
        ticket = self.make_ticket(
            "webitel_pro", utc(KYIV, 2026, 11, 13, 18, 0), self.kind_change, NORMAL
        )
        resolution = self.clock(ticket, "resolution")
        policy = resolution.policy_id
        policy.violation_other_hours = 10
        ticket._sla_extend_terms("too short")
        self.assertFalse(resolution.extended)
        self.assertEqual(resolution.amount, 80)

    def test_sweep_warns_then_breaches(self):
        ticket = self.pro_critical(2026, 11, 13, 17, 30)
        ticket.write({"user_id": self.agent.id, "team_id": self.team.id})
        reaction = self.clock(ticket, "reaction")
        Clock = self.env["support.ticket.sla"]
        with freeze_time(utc(WARSAW, 2026, 11, 16, 10, 0)):
            counts = Clock._cron_sla_sweep()
        self.assertEqual(counts, {"warned": 0, "breached": 0})
        with freeze_time(utc(WARSAW, 2026, 11, 16, 10, 30)):
            Clock._cron_sla_sweep()
        self.assertTrue(reaction.warned)
        self.assertEqual(ticket.sla_status, "at_risk")
        activity = ticket.activity_ids
        self.assertEqual(activity.user_id, self.agent)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("support_sla.mail_activity_sla_warning"),
        )
        leader = self.team.user_id.partner_id
        notices = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", leader.id),
                ("mail_message_id.model", "=", "helpdesk.ticket"),
                ("mail_message_id.res_id", "=", ticket.id),
            ]
        )
        self.assertEqual(len(notices), 1)
        with freeze_time(utc(WARSAW, 2026, 11, 16, 11, 31)):
            counts = Clock._cron_sla_sweep()
        self.assertEqual(counts, {"warned": 0, "breached": 1})
        self.assertEqual(reaction.state, "breached")
        self.assertTrue(ticket.sla_breached)
        self.assertEqual(ticket.sla_status, "breached")
        breach_notices = self.env["mail.notification"].search(
            [
                ("res_partner_id", "in", (leader | self.agent.partner_id).ids),
                ("mail_message_id.model", "=", "helpdesk.ticket"),
                ("mail_message_id.res_id", "=", ticket.id),
            ]
        )
        self.assertEqual(len(breach_notices), 3)
        self.assertEqual(
            reaction.event_ids.sorted("id").mapped("kind"),
            ["start", "warning", "breach"],
        )
        # A late reply keeps the breach.
        with freeze_time(utc(WARSAW, 2026, 11, 16, 12, 0)):
            ticket.with_user(self.agent).message_post(
                body="Here we are",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(reaction.state, "breached")
        self.assertTrue(reaction.stop_date)

    def test_sweep_notices_are_written_in_the_readers_language(self):
        """The warning of a ticket is written in its assignee's language;
        one without an assignee in its team leader's."""
        self.env["res.lang"]._activate_lang("fr_FR")
        key = ("support_sla", "fr_FR")
        current = code_translations.get_python_translations(*key)
        self.addCleanup(code_translations.python_translations.__setitem__, key, current)
        code_translations.python_translations[key] = {
            **current,
            "SLA at risk: %(lines)s": "SLA en danger : %(lines)s",
        }
        self.agent.lang = "fr_FR"
        self.assertNotEqual(self.team.user_id.lang, "fr_FR")
        french = self.pro_critical(2026, 11, 13, 17, 30)
        french.write({"user_id": self.agent.id, "team_id": self.team.id})
        english = self.pro_critical(2026, 11, 13, 17, 30)
        english.write({"user_id": False, "team_id": self.team.id})
        with freeze_time(utc(WARSAW, 2026, 11, 16, 10, 30)):
            self.env["support.ticket.sla"]._cron_sla_sweep()
        self.assertTrue(french.activity_ids.summary.startswith("SLA en danger : "))

        def notice(ticket):
            return ticket.message_ids.filtered(lambda m: "SLA" in (m.body or "")).body

        self.assertIn("SLA en danger : ", notice(french))
        self.assertIn("SLA at risk: ", notice(english))

    def test_sweep_queries_do_not_grow_with_the_tickets(self):
        Clock = self.env["support.ticket.sla"]

        def due_tickets(count, minute):
            tickets = self.env["helpdesk.ticket"]
            for _i in range(count):
                tickets |= self.pro_critical(2026, 11, 16, 8, minute)
            tickets.write({"user_id": self.agent.id, "team_id": self.team.id})
            return tickets

        # Warm the caches, then measure a sweep of 2 and of 8 due tickets.
        due_tickets(1, 0)
        with freeze_time(utc(WARSAW, 2026, 11, 16, 12, 59)):
            Clock._cron_sla_sweep()
        due_tickets(2, 1)
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(utc(WARSAW, 2026, 11, 16, 13, 0)):
            start = self.env.cr.sql_log_count
            Clock._cron_sla_sweep()
            self.env.flush_all()
            few = self.env.cr.sql_log_count - start
        due_tickets(8, 2)
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(utc(WARSAW, 2026, 11, 16, 13, 1)), self.assertQueryCount(few):
            Clock._cron_sla_sweep()
            self.env.flush_all()

    def test_portal_customer_message_and_ticket(self):
        contact = self.contracts["pro"]
        contact.email = "contact@pro.test"
        portal = self.env["res.users"].create(
            {
                "name": contact.name,
                "login": "sla_portal",
                "partner_id": contact.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        ticket = self.pro_critical(2026, 11, 13, 17, 30)
        ticket.message_subscribe(partner_ids=contact.ids)
        with freeze_time(utc(WARSAW, 2026, 11, 16, 9, 0)):
            ticket.with_user(portal).message_post(
                body="Still down",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(self.clock(ticket, "reaction").state, "running")
        # The portal controller creates tickets as the portal user in sudo.
        created = (
            self.env["helpdesk.ticket"]
            .with_user(portal)
            .sudo()
            .create(
                {
                    "name": "From the portal",
                    "description": "<p>Down</p>",
                    "partner_id": contact.id,
                    "type_id": self.kind_incident.id,
                    "priority": CRITICAL,
                }
            )
        )
        self.assertEqual(created.sla_status, "on_track")
        self.assertEqual(created.sla_event_ids.user_id, portal)
