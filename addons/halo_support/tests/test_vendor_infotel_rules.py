# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""infotel's commercial rules (docs/vendors/infotel.md), halo_support layer.

SLA customers' tickets come first in the agents' queue; repeated questions
of one customer on a similar topic are warned, then paid; a customer warned
(or using paid service more than once in half a year, see support_billing's
TestVendorInfotelRules) gets an activity for the account manager to offer an
SLA package and the trainings in Zvolen, once per half-year.
"""

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .vendor_common import VendorPackCase


@tagged("post_install", "-at_install")
class TestVendorInfotelRules(VendorPackCase):
    vendor = "infotel"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pbx = cls.product("categ_infotel_pbx", "IP PBX (test)")
        cls.phone = cls.product("categ_infotel_phones", "IP phone (test)")
        cls.manager = cls.env["res.users"].create(
            {
                "name": "Account manager (infotel test)",
                "login": "infotel_account_manager",
                "lang": "en_US",
            }
        )
        cls.customer.lang = "en_US"
        cls.free = cls.contract("plan_infotel_free", [cls.line(cls.pbx, "INF-PBX")])
        cls.free.user_id = cls.manager
        cls.sla_customer = cls.customer.copy({"name": "SLA customer (test)"})
        cls.sla_contact = cls.contact.copy({"parent_id": cls.sla_customer.id})
        cls.v2 = cls.contract(
            "plan_infotel_v2",
            [cls.line(cls.pbx, "INF-V2")],
            contacts=[cls.sla_contact],
            customer=cls.sla_customer,
        )

    def question(self, requester=None, days_ago=0, product=None, **vals):
        return self.ticket(
            requester,
            kind="ticket_type_consultation",
            support_product_id=(product or self.pbx).id,
            support_request_date=self.today - relativedelta(days=days_ago),
            **vals,
        )

    def test_sla_customers_first_in_the_queue(self):
        ranks = {
            plan: self.pack_ref(plan).queue_rank
            for plan in (
                "plan_infotel_free",
                "plan_infotel_paid",
                "plan_infotel_v1",
                "plan_infotel_v2",
                "plan_infotel_v3",
            )
        }
        self.assertEqual(ranks["plan_infotel_free"], 0)
        self.assertEqual(ranks["plan_infotel_paid"], 0)
        for variant in ("plan_infotel_v1", "plan_infotel_v2", "plan_infotel_v3"):
            self.assertGreater(ranks[variant], ranks["plan_infotel_paid"])
        free_ticket = self.question(name="Free first (test)")
        sla_ticket = self.question(self.sla_contact, name="SLA later (test)")
        self.assertEqual(sla_ticket.support_queue_rank, ranks["plan_infotel_v2"])
        self.assertEqual(free_ticket.support_queue_rank, 0)
        Ticket = self.env["helpdesk.ticket"]
        for view_type in ("list", "kanban"):
            with self.subTest(view=view_type):
                arch = Ticket.get_view(view_type=view_type)["arch"]
                root = etree.fromstring(arch)
                order = root.get("default_order")
                self.assertTrue(order.startswith("support_queue_rank desc"), order)
                self.assertTrue(root.xpath("//field[@name='support_queue_rank']"))
                found = Ticket.search(
                    [("id", "in", (free_ticket | sla_ticket).ids)], order=order
                )
                self.assertEqual(found[0], sla_ticket)
        # Groupable and filterable.
        groups = Ticket._read_group(
            [("id", "in", (free_ticket | sla_ticket).ids)],
            ["support_queue_rank"],
            ["__count"],
        )
        self.assertEqual(len(groups), 2)
        # The plan's rank follows on the open tickets.
        self.pack_ref("plan_infotel_v2").queue_rank = 30
        self.assertEqual(sla_ticket.support_queue_rank, 30)

    def test_repeated_questions_warned_then_paid(self):
        plan = self.pack_ref("plan_infotel_free")
        self.assertEqual((plan.repeat_window_days, plan.repeat_count), (90, 2))
        first = self.question(days_ago=40)
        self.assertEqual(first.support_repeat_state, "none")
        # Another topic (another product family) is not a repetition.
        other = self.question(days_ago=30, product=self.phone)
        self.assertEqual(other.support_repeat_state, "none")
        second = self.question(days_ago=20)
        self.assertEqual(second.support_repeat_state, "warned")
        warning = second.message_ids.filtered(
            lambda m: "repeated question" in (m.body or "")
        )
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.message_type, "comment")
        self.assertIn(self.contact, warning.partner_ids)
        third = self.question()
        self.assertEqual(third.support_repeat_state, "paid")
        self.assertTrue(
            third.message_ids.filtered(lambda m: "is paid service" in (m.body or ""))
        )
        # The phone question of 30 days ago is repeated: warned on its own.
        phone = self.question(product=self.phone)
        self.assertEqual(phone.support_repeat_state, "warned")
        # Outside the window, a question starts afresh.
        self.env["helpdesk.ticket"].search(
            [("commercial_partner_id", "=", self.customer.id)]
        ).sudo().write({"support_request_date": self.today - relativedelta(days=200)})
        fresh = self.question()
        self.assertEqual(fresh.support_repeat_state, "none")
        # SLA customers' questions are not counted (the rule is the free plan's).
        for _i in range(3):
            sla = self.question(self.sla_contact)
        self.assertEqual(sla.support_repeat_state, "none")

    def test_warned_customer_gets_the_account_managers_offer_once(self):
        self.question(days_ago=10)
        self.question(days_ago=5)
        activities = self.free.activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.manager)
        self.assertIn("Offer an SLA package and a training", activities.summary)
        self.assertIn("Zvolen", activities.note)
        self.assertIn("up to 5", activities.note)
        self.assertIn("4 times a year", activities.note)
        self.assertEqual(self.free.offer_date, self.today - relativedelta(days=5))
        # Warned again on another topic within the half-year: no new activity.
        self.question(days_ago=3, product=self.phone)
        self.question(days_ago=1, product=self.phone)
        self.assertEqual(len(self.free.activity_ids), 1)

    def test_queue_rank_and_repetition_refused_to_rpc_writes(self):
        ticket = self.question()
        agent = self.env["res.users"].create(
            {
                "name": "Agent (infotel rules test)",
                "login": "infotel_rules_agent",
                "groups_id": [
                    (6, 0, [self.env.ref("halo_support.group_support_user").id])
                ],
            }
        )
        for vals in (
            {"support_queue_rank": 99},
            {"support_repeat_state": "none"},
            {"support_paid_service": True},
        ):
            with self.subTest(field=next(iter(vals))), self.assertRaises(AccessError):
                ticket.with_user(agent).write(vals)
