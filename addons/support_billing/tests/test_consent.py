# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Consent at the moment free turns paid (issue 12, point 1): the agent is
told, the customer asked (portal, email), the answer recorded with its
channel and moment, billable time counted from it, a refusal stops it."""

import datetime
import importlib.util
import os
from datetime import timedelta
from decimal import Decimal

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import BaseCase, HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.halo_support.tests.common import RpcMixin

from ..engine import pricing as P
from .common import BillingCommon

DAY = datetime.date(2026, 3, 10)
AT = datetime.datetime(2026, 3, 10, 11, 0)
HALF_HOUR = P.Rounding(step=30)


def _charge(terms, line_date, logged_at, minutes=40):
    planned = P.plan_ticket_lines(
        [P.LineInput(1, line_date, minutes, logged_at=logged_at)], terms
    )[0]
    return P.line_charge(planned, 0, terms.rate, line_date, terms, logged_at=logged_at)


@tagged("post_install", "-at_install")
class TestConsentEngine(BaseCase):
    """The pure rule of when an agreement covers a line."""

    def terms(self, **kw):
        return P.TicketTerms(
            "billable",
            reason="rule",
            rounding=HALF_HOUR,
            rate=Decimal(45),
            agreement_required=True,
            **kw,
        )

    def test_billable_from_the_moment_of_consent(self):
        terms = self.terms(agreement_date=DAY, agreement_at=AT)
        cases = [
            # (line date, logged at, verdict, reason)
            (
                DAY - timedelta(days=1),
                AT + timedelta(hours=1),
                "not_billable",
                "no_agreement",
            ),
            (DAY, AT - timedelta(minutes=1), "not_billable", "no_agreement"),
            (DAY, AT, "billable", "rule"),
            (DAY, AT + timedelta(hours=2), "billable", "rule"),
            (DAY + timedelta(days=1), AT - timedelta(days=3), "billable", "rule"),
        ]
        for line_date, logged_at, verdict, reason in cases:
            with self.subTest(line_date=line_date, logged_at=logged_at):
                self.assertEqual(
                    _charge(terms, line_date, logged_at)[:2], (verdict, reason)
                )

    def test_a_past_day_agreement_counts_the_whole_day(self):
        # no moment: every line of the day is covered (the former rule)
        terms = self.terms(agreement_date=DAY)
        self.assertEqual(_charge(terms, DAY, AT)[0], "billable")

    def test_a_specification_covers_the_ticket_whatever_the_date(self):
        terms = self.terms(agreement_date=DAY, agreement_at=AT, agreement_whole=True)
        verdict = _charge(terms, DAY - timedelta(days=5), AT - timedelta(days=5))
        self.assertEqual(verdict[:3], ("billable", "rule", 60))

    def test_refused_paid_work_is_not_billed(self):
        terms = self.terms(refused=True)
        self.assertEqual(
            _charge(terms, DAY, AT), ("not_billable", "consent_refused", 0, Decimal(0))
        )

    def test_consent_needed_when_free_turns_paid(self):
        free15 = P.TicketTerms("billable", free_minutes=15, agreement_required=True)
        cases = [
            # (terms, awaiting, worked, customer side, needed)
            (free15, False, 10, True, False),
            (free15, True, 30, True, True),
            (free15, False, 15, True, True),
            (free15, False, 15, False, False),
            (P.TicketTerms("billable", agreement_required=True), False, 0, True, True),
            (P.TicketTerms("billable"), True, 30, True, False),
            (
                P.TicketTerms("billable", agreement_required=True, refused=True),
                True,
                30,
                True,
                False,
            ),
            (
                P.TicketTerms("billable", agreement_required=True, agreement_date=DAY),
                True,
                30,
                True,
                False,
            ),
            (P.TicketTerms("free", agreement_required=True), False, 30, True, False),
        ]
        for terms, awaiting, worked, side, needed in cases:
            with self.subTest(terms=terms, awaiting=awaiting, worked=worked):
                self.assertEqual(P.needs_consent(terms, awaiting, worked, side), needed)


class ConsentCommon(BillingCommon):
    @classmethod
    def setup_consent(cls):
        cls.setup_billing()
        cls.agent = new_test_user(
            cls.env,
            login="consent_agent",
            password="consent_agent_pw",
            groups="base.group_user,halo_support.group_support_user,"
            "hr_timesheet.group_hr_timesheet_user",
            name="Agnes Agent",
        )
        cls.plan = cls.plan_infotel(name="infotel consent")
        cls.contract = cls.make_contract(cls.plan)

    def customer_side_ticket(self, **vals):
        ticket = self.make_ticket(
            self.contract, "incident", support_cause="customer", **vals
        )
        ticket.user_id = self.agent
        return ticket

    def backdate(self, line, minutes):
        """The line was logged ``minutes`` before now (one transaction gives
        every record the same creation time)."""
        line.flush_recordset()
        self.env.cr.execute(
            "UPDATE account_analytic_line SET create_date = create_date - "
            "make_interval(mins => %s) WHERE id = %s",
            [minutes, line.id],
        )
        line.invalidate_recordset(["create_date"])


@tagged("post_install", "-at_install")
class TestPaidWorkConsent(ConsentCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_consent()

    def test_free_time_used_up_asks_customer_and_tells_agent(self):
        ticket = self.customer_side_ticket()
        self.log(ticket, 10)
        self.assertEqual(ticket.support_consent_state, "none")
        line = self.log(ticket, 20)
        self.assertEqual(
            (line.support_verdict, line.support_verdict_code),
            ("not_billable", "no_agreement"),
        )
        self.assertEqual(ticket.support_consent_state, "requested")
        self.assertEqual(ticket.support_consent_kind, "paid_work")
        self.assertTrue(ticket.support_consent_requested_date)
        activity = ticket.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.agent)
        self.assertIn("waiting for the customer's consent", activity.summary)
        note = ticket.message_ids.filtered(
            lambda m: "free time of this ticket is used up" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertTrue(note.subtype_id.internal)
        asked = ticket.message_ids.filtered(
            lambda m: "/consent/accept?access_token=" in (m.body or "")
        )
        self.assertEqual(len(asked), 1)
        self.assertIn(self.contact, asked.partner_ids)
        self.assertIn(
            f"/my/ticket/{ticket.id}/consent/refuse?access_token=", asked.body
        )
        # asked once: more time asks no more
        self.log(ticket, 30)
        self.assertEqual(len(ticket.activity_ids), 1)

    def test_email_is_in_the_customer_language(self):
        template = self.env.ref("support_billing.mail_template_support_consent")
        self.env["res.lang"]._activate_lang("sk_SK")
        self.contact.lang = "sk_SK"
        ticket = self.customer_side_ticket()
        self.assertEqual(template._render_lang(ticket.ids)[ticket.id], "sk_SK")

    def test_customer_side_cause_under_billable_terms_asks_at_once(self):
        plan = self.plan_infotel(name="infotel no free minutes")
        plan.billing_rule_ids.filtered(
            lambda r: r.cause_scope == "customer_side"
        ).free_minutes = 0
        contract = self.make_contract(plan, partner=self.customer2)
        ticket = self.make_ticket(contract, "incident")
        self.assertEqual(ticket.support_consent_state, "none")
        ticket.support_cause = "customer"
        self.assertEqual(ticket.support_consent_state, "requested")

    def test_time_before_the_consent_stays_unbilled_after_is_billed(self):
        ticket = self.customer_side_ticket()
        earlier = self.log(ticket, 10, day=self.today - timedelta(days=1))
        before = self.log(ticket, 40)
        self.backdate(before, 30)
        self.assertEqual(before.support_verdict_code, "no_agreement")
        ticket._support_consent_decide("accept", "portal", self.contact)
        self.assertEqual(ticket.support_consent_state, "accepted")
        self.assertEqual(ticket.support_agreement_channel, "portal")
        self.assertEqual(ticket.support_agreement_partner_id, self.contact)
        self.assertEqual(ticket.support_consent_date, self.env.cr.now())
        after = self.log(ticket, 40)
        # logged on the consent's day before it: free time and unbilled
        self.assertEqual(earlier.support_verdict, "free")
        self.assertEqual(
            (before.support_verdict, before.support_amount), ("not_billable", 0)
        )
        self.assertEqual(
            (after.support_verdict, after.support_amount), ("billable", 45.0)
        )
        note = ticket.message_ids.filtered(
            lambda m: "Paid work agreed by" in (m.body or "")
        )
        self.assertIn("time logged from then on is billable", note.body)

    def test_refusal_stops_paid_work(self):
        ticket = self.customer_side_ticket()
        self.log(ticket, 30)
        ticket._support_consent_decide("refuse", "email", self.contact)
        self.assertEqual(ticket.support_consent_state, "refused")
        self.assertEqual(ticket.support_agreement_channel, "email")
        self.assertFalse(ticket.support_agreement_date)
        line = self.log(ticket, 60)
        self.assertEqual(
            (line.support_verdict, line.support_verdict_code),
            ("not_billable", "consent_refused"),
        )
        self.assertIn("refused paid work", line.support_verdict_reason)
        said = ticket.message_ids.filtered(
            lambda m: "Paid work refused by" in (m.body or "")
        )
        self.assertEqual(len(said), 1)
        self.assertIn("further time on this ticket is not billed", said.body)
        self.assertIn(
            "Paid work refused by the customer", ticket.activity_ids.mapped("summary")
        )

    def test_refusal_after_agreement_is_refused(self):
        ticket = self.customer_side_ticket()
        self.log(ticket, 30)
        ticket._support_consent_decide("accept", "portal", self.contact)
        with self.assertRaisesRegex(UserError, "already agreed"):
            ticket._support_consent_decide("refuse", "portal", self.contact)

    def test_only_an_authorised_contact_answers(self):
        ticket = self.customer_side_ticket()
        self.log(ticket, 30)
        with self.assertRaisesRegex(UserError, "not an authorised contact"):
            ticket._support_consent_decide("accept", "portal", self.contact2)
        self.assertEqual(ticket.support_consent_state, "requested")

    def test_agent_records_the_customer_reply_by_email(self):
        ticket = self.customer_side_ticket()
        self.log(ticket, 30)
        for decision, state in (("refuse", "refused"), ("accept", "accepted")):
            wizard = (
                self.env["support.agreement.wizard"]
                .with_context(default_ticket_id=ticket.id)
                .create(
                    {
                        "ticket_id": ticket.id,
                        "decision": decision,
                        "channel": "email",
                        "note": "Reply of 10:02",
                    }
                )
            )
            wizard.action_confirm()
            self.assertEqual(ticket.support_consent_state, state)
            self.assertEqual(ticket.support_agreement_channel, "email")

    def test_an_agreement_that_no_longer_counts_is_asked_again(self):
        plan = self.plan_infotel(name="infotel recorded", agreement_required="recorded")
        contract = self.make_contract(plan, partner=self.customer2)
        ticket = self.make_ticket(contract, "configuration")
        ticket._support_record_agreement("phone", day=self.month_start)
        self.assertEqual(self.log(ticket, 30).support_verdict, "billable")
        # the plan now wants writing: the call no longer counts
        plan.agreement_required = "written"
        line = self.log(ticket, 30)
        self.assertEqual(line.support_verdict_code, "no_agreement")
        self.assertEqual(ticket.support_consent_state, "requested")

    def test_migration_keeps_former_agreements_billable(self):
        ticket = self.customer_side_ticket()
        ticket._support_record_agreement("email", day=self.month_start)
        ticket.flush_recordset()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET support_consent_state = 'none', "
            "support_consent_date = NULL WHERE id = %s",
            [ticket.id],
        )
        path = os.path.join(
            os.path.dirname(__file__),
            "..",
            "migrations",
            "18.0.1.3.0",
            "post-migrate.py",
        )
        spec = importlib.util.spec_from_file_location("support_billing_mig_1_3", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.2.0")
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_consent_state, "accepted")
        self.assertEqual(
            ticket.support_consent_date,
            datetime.datetime.combine(self.month_start, datetime.time.min),
        )
        line = self.log(ticket, 40, day=self.month_start)
        self.assertEqual(line.support_verdict, "billable")


@tagged("post_install", "-at_install")
class TestPaidWorkConsentHttp(RpcMixin, ConsentCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_consent()
        cls.portal = new_test_user(
            cls.env,
            login="consent_carol",
            password="consent_carol_pw",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.other = new_test_user(
            cls.env,
            login="consent_dan",
            password="consent_dan_pw",
            groups="base.group_portal",
            partner_id=cls.contact2.id,
        )

    def asked_ticket(self):
        ticket = self.customer_side_ticket()
        self.log(ticket, 30)
        self.assertEqual(ticket.support_consent_state, "requested")
        ticket.message_subscribe(partner_ids=(self.contact | self.contact2).ids)
        return ticket

    def post(self, url, **data):
        return self.url_open(
            url, data={"csrf_token": http.Request.csrf_token(self), **data}
        )

    def test_portal_buttons_and_another_customer_refused(self):
        ticket = self.asked_ticket()
        self.authenticate("consent_dan", "consent_dan_pw")
        self.post(f"/my/ticket/{ticket.id}/consent/accept")
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_consent_state, "requested")
        self.authenticate("consent_carol", "consent_carol_pw")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertIn("support_refuse_paid_work", page.text)
        self.assertIn("free support of this request is used up", page.text)
        self.post(f"/my/ticket/{ticket.id}/consent/accept")
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_consent_state, "accepted")
        self.assertEqual(ticket.support_agreement_channel, "portal")
        self.assertEqual(ticket.support_agreement_partner_id, self.contact)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertIn("support_consent_accepted", page.text)

    def test_emailed_link_confirms_before_it_records(self):
        ticket = self.asked_ticket()
        url = ticket._support_consent_url("refuse")
        path = url[len(ticket.get_base_url()) :]
        # not signed in: the link's GET shows a page and changes nothing
        self.authenticate(None, None)
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("support_consent_confirm", page.text)
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_consent_state, "requested")
        # a wrong token is no consent
        self.post(f"/my/ticket/{ticket.id}/consent/refuse", access_token="forged")
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_consent_state, "requested")
        self.post(
            f"/my/ticket/{ticket.id}/consent/refuse", access_token=ticket.access_token
        )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_consent_state, "refused")
        self.assertEqual(ticket.support_agreement_channel, "email")
        self.assertEqual(ticket.support_agreement_partner_id, self.contact)
        # the portal says so
        self.authenticate("consent_carol", "consent_carol_pw")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("support_consent_refused", page)
        self.assertIn("we do no further paid work on this request", page)

    def test_consent_fields_refused_over_rpc(self):
        ticket = self.asked_ticket()
        for login in ("consent_agent", "consent_carol"):
            self.authenticate(login, f"{login}_pw")
            for vals in (
                {"support_consent_state": "accepted"},
                {"support_consent_date": "2026-01-01 00:00:00"},
                {"support_agreement_date": "2026-01-01"},
                {"support_agreement_channel": "portal"},
                {"support_agreement_partner_id": self.contact.id},
                {"support_consent_document_id": False},
            ):
                with self.subTest(login=login, vals=vals):
                    self.assertRpcRefused(
                        "helpdesk.ticket", "write", [[ticket.id], vals]
                    )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_consent_state, "requested")

    def test_specification_is_sent_then_accepted_on_the_portal(self):
        plan = self.plan_webitel(name="Webitel consent")
        plan.billing_rule_ids.filtered(
            lambda r: r.cause_scope == "customer_side"
        ).agreement_required = "specification"
        contract = self.make_contract(plan, name="SUP-SPEC")
        ticket = self.make_ticket(contract, "incident", support_cause="customer")
        ticket.user_id = self.agent
        ticket.message_subscribe(partner_ids=self.contact.ids)
        self.assertEqual(
            (ticket.support_consent_state, ticket.support_consent_kind),
            ("requested", "specification"),
        )
        line = self.log(ticket, 37)
        self.authenticate("consent_carol", "consent_carol_pw")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertNotIn("support_agree_paid_work", page, "nothing to accept yet")
        ticket.support_specification_id = self.env["ir.attachment"].create(
            {
                "name": "spec-defect.pdf",
                "raw": b"%PDF",
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            }
        )
        ticket.action_support_send_specification()
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("spec-defect.pdf", page)
        self.assertIn("support_agree_paid_work", page)
        self.post(f"/my/ticket/{ticket.id}/consent/accept")
        ticket.invalidate_recordset()
        line.invalidate_recordset()
        self.assertEqual(ticket.support_consent_state, "accepted")
        self.assertEqual(ticket.support_consent_document_id.name, "spec-defect.pdf")
        self.assertEqual(
            (line.support_verdict, line.support_amount), ("billable", 37.0)
        )
