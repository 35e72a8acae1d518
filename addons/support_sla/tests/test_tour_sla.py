# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT
from odoo.addons.halo_support.tests.tour_common import HaloTourCase


class SlaTourCommon:
    """A 24/7 plan with a reaction and a restore term, a customer, its
    authorised contact on the portal and an agent."""

    @classmethod
    def setup_sla_tour(cls):
        # Over 60 lines on purpose: the tour's whole world (calendar, policy,
        # contract, portal user, tickets) declared in one place.
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        ref = cls.env.ref
        cls.stage_new = ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_awaiting = ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.plan = cls.env["support.plan"].create(
            {"name": "Tour 24/7", "code": "T-TOUR-247"}
        )
        cls.policy = cls.env["support.sla.policy"].create(
            {
                "name": "Tour 24/7 terms",
                "plan_id": cls.plan.id,
                "calendar_id": ref("support_sla.calendar_24_7").id,
                "pause_stage_ids": [Command.set(cls.stage_awaiting.ids)],
                "target_ids": [
                    Command.create(
                        {"metric": "reaction", "amount": 1, "unit": "business_hours"}
                    ),
                    Command.create(
                        {"metric": "restore", "amount": 24, "unit": "business_hours"}
                    ),
                ],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Tour Telecom", "is_company": True}
        )
        cls.carol = cls.env["res.partner"].create(
            {
                "name": "Carol Tour",
                "parent_id": cls.customer.id,
                "email": "carol@tour.test",
            }
        )
        cls.gateway = cls.env["product.product"].create({"name": "SmartNode 4131"})
        cls.contract = cls.env["support.contract"].create(
            {
                "name": "SUP-TOUR-SLA",
                "partner_id": cls.customer.id,
                "plan_id": cls.plan.id,
                "date_start": fields.Date.today() - relativedelta(months=6),
                "contact_ids": [Command.set(cls.carol.ids)],
                "line_ids": [
                    Command.create(
                        {"product_id": cls.gateway.id, "serial": "TOUR-GW-7"}
                    )
                ],
            }
        )
        cls.contract.action_activate()
        cls.user_carol = new_test_user(
            cls.env,
            login="tour_carol",
            password="tour_carol",
            groups="base.group_portal",
            partner_id=cls.carol.id,
            name=cls.carol.name,
            email=cls.carol.email,
            tz="Europe/Warsaw",
        )
        cls.user_agent = new_test_user(
            cls.env,
            login="tour_agent",
            password="tour_agent",
            groups="halo_support.group_support_user",
            name="Agata Agent",
            email="agata@halo.test",
            tz="Europe/Warsaw",
        )

    def clocks(self, ticket):
        return {
            clock.metric: clock
            for clock in ticket.sla_ids.filtered(lambda c: c.state != "cancelled")
        }


@tagged("post_install", "-at_install", "halo_tour")
class TestTourSla(SlaTourCommon, HaloTourCase):
    """SLA journeys in Chromium: the customer sees the deadlines; an agent's
    reply meets the reaction term and a waiting stage pauses the others."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_sla_tour()

    def test_portal_submission_shows_deadlines(self):
        self.start_tour("/my", "support_sla_portal_deadlines", login="tour_carol")
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.carol.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "Tour: calls drop after 30 seconds")
        self.assertEqual(ticket.support_contract_id, self.contract)
        self.assertEqual(ticket.support_serial, "TOUR-GW-7")
        clocks = self.clocks(ticket)
        self.assertEqual(set(clocks), {"reaction", "restore"})
        self.assertEqual(
            {m: c.state for m, c in clocks.items()},
            {"reaction": "running", "restore": "running"},
        )
        # 1 and 24 hours on the 24/7 calendar.
        for metric, hours in (("reaction", 1), ("restore", 24)):
            clock = clocks[metric]
            span = clocks[metric].deadline - clock.start_date
            self.assertEqual(span.total_seconds(), hours * 3600, metric)

    def test_agent_reply_meets_reaction_and_waiting_pauses(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_context(mail_create_nolog=True)
            .create(
                {
                    "name": "Tour: phones reboot every hour",
                    "description": "<p>All desk phones reboot at :00.</p>",
                    "partner_id": self.carol.id,
                    "user_id": self.user_agent.id,
                    "stage_id": self.stage_new.id,
                }
            )
        )
        self.assertEqual(self.clocks(ticket)["reaction"].state, "running")
        self.start_tour("/odoo", "support_sla_agent_reply_pause", login="tour_agent")
        ticket.invalidate_recordset()
        clocks = self.clocks(ticket)
        self.assertEqual(ticket.stage_id, self.stage_awaiting)
        self.assertEqual(clocks["reaction"].state, "met")
        self.assertTrue(clocks["reaction"].stop_date)
        self.assertEqual(clocks["restore"].state, "paused")
        self.assertTrue(clocks["restore"].paused_since)
        self.assertEqual(ticket.sla_status, "paused")
        reply = ticket.message_ids.filtered(
            lambda m: "We are looking at the phones" in (m.body or "")
        )
        self.assertEqual(reply.author_id, self.user_agent.partner_id)
