# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access as the user who would abuse it, over HTTP and JSON-RPC."""

import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import RpcMixin
from .test_security import SupportUsersCommon


@tagged("post_install", "-at_install")
class TestAccessRpc(RpcMixin, SupportUsersCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_users()
        cls.agent = new_test_user(
            cls.env,
            login="halo-rpc-agent",
            password="halo-rpc-agent-pw",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user",
        )
        cls.support_user = new_test_user(
            cls.env,
            login="halo-rpc-support",
            password="halo-rpc-support-pw",
            groups="base.group_user,halo_support.group_support_user",
        )
        cls.ticket_b.support_intake_note = "Submitted against contract #1 (ignored)"
        cls.contract_b.note = "<p>Gives a discount when they complain</p>"

    # -- a plain helpdesk agent -----------------------------------------

    def test_agent_cannot_write_the_verdict(self):
        self.authenticate("halo-rpc-agent", "halo-rpc-agent-pw")
        ticket = self.ticket_b
        self.assertEqual(ticket.entitlement, "covered")
        # Flagged by its intake note: the agent cannot simply unflag it.
        self.assertTrue(ticket.support_flagged)
        for vals in (
            {"entitlement": "not_eligible"},
            {"entitlement_auto": "covered"},
            {"entitlement_reason": "Forged"},
            {"support_flagged": False},
            {"support_contract_candidate_count": 7},
        ):
            with self.subTest(vals=vals):
                self.assertRpcRefused("helpdesk.ticket", "write", [[ticket.id], vals])
        ticket.invalidate_recordset()
        self.assertEqual(ticket.entitlement, "covered")
        self.assertTrue(ticket.support_flagged)
        # What agents do edit still goes through.
        self.call_kw("helpdesk.ticket", "write", [[ticket.id], {"name": "Renamed"}])
        self.assertEqual(ticket.name, "Renamed")

    def test_agent_cannot_override_the_entitlement(self):
        self.authenticate("halo-rpc-agent", "halo-rpc-agent-pw")
        vals = {"entitlement_override": True, "entitlement_override_reason": "Friend"}
        self.assertRpcRefused("helpdesk.ticket", "write", [[self.ticket_a.id], vals])
        self.assertRpcRefused(
            "helpdesk.ticket",
            "create",
            [
                [
                    {"name": "Sneaky", "description": "x", "partner_id": self.alice.id}
                    | vals
                ]
            ],
        )
        self.assertFalse(self.ticket_a.entitlement_override)

    def test_agent_cannot_refuse_a_request(self):
        ground = self.env["support.refusal.ground"].create(
            {
                "name": "Needs an engineer on site (test)",
                "customer_message": "Refused.",
                "plan_ids": [(4, self.ticket_a.support_plan_id.id)],
            }
        )
        self.authenticate("halo-rpc-agent", "halo-rpc-agent-pw")
        vals = {"support_refusal_ground_id": ground.id}
        self.assertRpcRefused("helpdesk.ticket", "write", [[self.ticket_a.id], vals])
        self.assertFalse(self.ticket_a.support_refusal_ground_id)
        self.authenticate("halo-rpc-support", "halo-rpc-support-pw")
        self.call_kw("helpdesk.ticket", "write", [[self.ticket_a.id], vals])
        self.assertEqual(self.ticket_a.entitlement, "refused")

    def test_support_user_may_override(self):
        self.authenticate("halo-rpc-support", "halo-rpc-support-pw")
        ticket = self.make_ticket(self.adam, name="Adam is not authorised")
        self.assertEqual(ticket.entitlement, "not_authorised")
        self.call_kw(
            "helpdesk.ticket",
            "write",
            [
                [ticket.id],
                {
                    "entitlement_override": True,
                    "entitlement_override_reason": "Adam is the new IT head",
                },
            ],
        )
        self.assertEqual(ticket.entitlement, "covered")

    # -- a Support User ---------------------------------------------------

    def test_support_user_cannot_set_a_contract_state(self):
        self.authenticate("halo-rpc-support", "halo-rpc-support-pw")
        contract = self.make_contract(self.customer_a, self.plan_free, state="draft")
        self.assertRpcRefused(
            "support.contract", "write", [[contract.id], {"state": "active"}]
        )
        self.assertEqual(contract.state, "draft")
        self.assertRpcRefused(
            "support.contract",
            "create",
            [[{"partner_id": self.customer_a.id, "state": "active"}]],
        )
        # The action is the way, with its checks.
        self.call_kw("support.contract", "action_activate", [[contract.id]])
        self.assertEqual(contract.state, "active")
        # A context default is not obeyed either.
        new_id = self.call_kw(
            "support.contract",
            "create",
            [[{"partner_id": self.customer_a.id, "plan_id": self.plan_free.id}]],
            {"context": {"default_state": "active"}},
        )[0]
        self.assertEqual(self.env["support.contract"].browse(new_id).state, "draft")

    def test_guard_in_the_orm_too(self):
        """The same refusal without HTTP, with a message naming the field."""
        contract = self.contract_a.with_user(self.support_user)
        with self.assertRaisesRegex(AccessError, r"\(state\)"):
            contract.write({"state": "cancelled"})
        # The product's own code writes it.
        contract.action_suspend()
        self.assertEqual(self.contract_a.state, "suspended")

    # -- a portal user ------------------------------------------------------

    def test_portal_cannot_read_internal_fields(self):
        self.authenticate("halo-bob", "halo-bob-pw")
        for model, record, field in (
            ("helpdesk.ticket", self.ticket_b, "support_intake_note"),
            ("helpdesk.ticket", self.ticket_b, "entitlement_override_reason"),
            ("support.contract", self.contract_b, "note"),
        ):
            with self.subTest(field=field):
                self.assertRpcRefused(model, "read", [[record.id], [field]])
        # The rest of their own records stays readable.
        [values] = self.call_kw(
            "helpdesk.ticket", "read", [[self.ticket_b.id], ["name", "entitlement"]]
        )
        self.assertEqual(values["entitlement"], "covered")

    def _closing_stage(self):
        stage = self.env["helpdesk.ticket.stage"].search(
            [("close_from_portal", "=", True), ("closed", "=", True)], limit=1
        )
        if not stage:
            stage = self.env["helpdesk.ticket.stage"].create(
                {"name": "Solved (test)", "closed": True, "close_from_portal": True}
            )
        return stage

    def test_portal_cannot_close_another_customers_ticket(self):
        stage = self._closing_stage()
        before = self.ticket_a.stage_id
        self.authenticate("halo-bob", "halo-bob-pw")
        data = {
            "ticket_id": self.ticket_a.id,
            "stage_id": stage.id,
            "csrf_token": self.page_csrf_token(),
        }
        response = self.url_open("/ticket/close", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        # helpdesk_mgmt's GET link is gone.
        response = self.url_open(
            f"/ticket/close?ticket_id={self.ticket_a.id}&stage_id={stage.id}",
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 405)
        self.ticket_a.invalidate_recordset()
        self.assertEqual(self.ticket_a.stage_id, before)
        self.assertFalse(self.ticket_a.closed_date)

    def test_portal_close_needs_the_csrf_token(self):
        stage = self._closing_stage()
        self.authenticate("halo-alice", "halo-alice-pw")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/ticket/close",
                data={"ticket_id": self.ticket_a.id, "stage_id": stage.id},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.ticket_a.closed_date)
        response = self.url_open(
            "/ticket/close",
            data={
                "ticket_id": self.ticket_a.id,
                "stage_id": stage.id,
                "csrf_token": self.page_csrf_token(),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 302)
        self.ticket_a.invalidate_recordset()
        self.assertEqual(self.ticket_a.stage_id, stage)

    def test_portal_close_form_posts_with_the_token(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        self._closing_stage()
        page = self.url_open(f"/my/ticket/{self.ticket_a.id}").text
        forms = re.findall(
            r'<form[^>]*action="/ticket/close".*?</form>', page, flags=re.S
        )
        self.assertTrue(forms, "the page offers to close the ticket")
        for form in forms:
            self.assertRegex(form, r'^<form[^>]*method="POST"')
            self.assertIn('name="csrf_token"', form)
