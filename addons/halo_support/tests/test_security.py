# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import SupportCommon


class SupportUsersCommon(SupportCommon):
    """Customers A and B with contracts, tickets and portal users."""

    @classmethod
    def setup_users(cls):
        cls.setup_support()
        portal = cls.env.ref("base.group_portal")
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.user_alice = Users.create(
            {
                "login": "halo-alice",
                "password": "halo-alice-pw",
                "partner_id": cls.alice.id,
                "groups_id": [Command.set(portal.ids)],
            }
        )
        cls.user_adam = Users.create(
            {
                "login": "halo-adam",
                "password": "halo-adam-pw",
                "partner_id": cls.adam.id,
                "groups_id": [Command.set(portal.ids)],
            }
        )
        cls.user_bob = Users.create(
            {
                "login": "halo-bob",
                "password": "halo-bob-pw",
                "partner_id": cls.bob.id,
                "groups_id": [Command.set(portal.ids)],
            }
        )
        cls.contract_a = cls.make_contract(
            cls.customer_a,
            cls.plan_free,
            contacts=[cls.alice],
            lines=[
                {
                    "product_id": cls.card.id,
                    "serial": "A-SERIAL-1",
                    "purchase_date": cls.months_ago(1),
                    "bought_from_us": True,
                }
            ],
        )
        cls.contract_b = cls.make_contract(
            cls.customer_b,
            cls.plan_oktell,
            contacts=[cls.bob],
            lines=[
                {
                    "product_id": cls.oktell.id,
                    "serial": "B-SECRET-9",
                    "licence_registered": True,
                }
            ],
        )
        cls.ticket_a = cls.make_ticket(
            cls.alice, name="Ticket of A", support_serial="A-SERIAL-1"
        )
        cls.ticket_b = cls.make_ticket(cls.bob, name="Ticket of B (secret)")


@tagged("post_install", "-at_install")
class TestSecurity(SupportUsersCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_users()

    def test_portal_user_sees_only_own_customer_contracts(self):
        Contract = self.env["support.contract"].with_user(self.user_alice)
        self.assertEqual(Contract.search([]), self.contract_a)
        with self.assertRaises(AccessError):
            Contract.browse(self.contract_b.id).read(["name"])
        Line = self.env["support.contract.product"].with_user(self.user_alice)
        self.assertEqual(Line.search([]), self.contract_a.line_ids)
        self.assertFalse(Line.search([("serial", "=", "B-SECRET-9")]))
        with self.assertRaises(AccessError):
            Line.browse(self.contract_b.line_ids.id).read(["serial"])
        Plan = self.env["support.plan"].with_user(self.user_alice)
        self.assertEqual(Plan.search([]), self.plan_free)

    def test_portal_user_sees_only_own_customer_tickets(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_alice)
        self.assertIn(self.ticket_a, Ticket.search([]))
        self.assertNotIn(self.ticket_b, Ticket.search([]))
        with self.assertRaises(AccessError):
            Ticket.browse(self.ticket_b.id).read(["name"])
        # Bob sees his, not A's.
        Ticket = self.env["helpdesk.ticket"].with_user(self.user_bob)
        self.assertEqual(
            Ticket.search([("id", "in", (self.ticket_a | self.ticket_b).ids)]),
            self.ticket_b,
        )

    def test_portal_user_cannot_change_contracts(self):
        contract = self.contract_a.with_user(self.user_alice)
        with self.assertRaises(AccessError):
            contract.write({"contact_ids": [Command.link(self.adam.id)]})
        with self.assertRaises(AccessError):
            self.env["support.contract"].with_user(self.user_alice).create(
                {"partner_id": self.customer_a.id}
            )
        with self.assertRaises(AccessError):
            contract.line_ids.write({"bought_from_us": False})

    def test_support_user_and_manager(self):
        user = new_test_user(
            self.env,
            login="halo-agent",
            groups="base.group_user,halo_support.group_support_user",
        )
        self.assertTrue(user.has_group("helpdesk_mgmt.group_helpdesk_user"))
        contract = (
            self.env["support.contract"]
            .with_user(user)
            .create({"partner_id": self.customer_a.id, "plan_id": self.plan_free.id})
        )
        contract.action_activate()
        contract.action_cancel()
        with self.assertRaises(AccessError):
            contract.unlink()
        with self.assertRaises(AccessError):
            self.plan_free.with_user(user).write({"name": "Renamed"})
        manager = new_test_user(
            self.env,
            login="halo-manager",
            groups="base.group_user,halo_support.group_support_manager",
        )
        self.assertTrue(manager.has_group("helpdesk_mgmt.group_helpdesk_manager"))
        self.assertTrue(manager.has_group("halo_support.group_support_user"))
        self.plan_free.with_user(manager).write({"name": "Renamed"})
        self.assertEqual(self.plan_free.name, "Renamed")

    def test_helpdesk_user_reads_the_contract_of_a_ticket(self):
        user = new_test_user(
            self.env,
            login="halo-helpdesk",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user",
        )
        ticket = self.ticket_a.with_user(user)
        ticket.read(
            [
                "support_contract_id",
                "support_plan_id",
                "support_product_line_id",
                "entitlement",
                "entitlement_reason",
            ]
        )
        self.assertEqual(ticket.support_contract_id.name, self.contract_a.name)
        self.assertEqual(ticket.entitlement, "covered")
        with self.assertRaises(AccessError):
            ticket.support_contract_id.write({"date_end": False})

    def test_multi_company(self):
        company_2 = self.env["res.company"].create({"name": "Halo Second (test)"})
        contract_2 = self.make_contract(
            self.customer_a,
            self.plan_pro.copy({"company_id": company_2.id, "code": "T-C2"}),
            company_id=company_2.id,
        )
        agent = new_test_user(
            self.env,
            login="halo-agent-c1",
            groups="base.group_user,halo_support.group_support_user",
        )
        Contract = self.env["support.contract"].with_user(agent)
        self.assertNotIn(contract_2, Contract.search([]))
        with self.assertRaises(AccessError):
            Contract.browse(contract_2.id).read(["name"])
        agent.company_ids = [Command.link(company_2.id)]
        Contract = Contract.with_context(allowed_company_ids=[company_2.id])
        self.assertIn(contract_2, Contract.search([]))
        # A ticket of company 1 is never matched with a contract of company 2.
        ticket = self.make_ticket(self.alice)
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertEqual(ticket.support_contract_candidate_count, 1)
