# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import http
from odoo.tests import HttpCase, tagged

from .test_security import SupportUsersCommon


@tagged("post_install", "-at_install")
class TestPortal(SupportUsersCommon, HttpCase):
    """A portal user of customer A gets nothing of customer B, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_users()

    def _get(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response

    def _submit(self, **values):
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "subject": "Portal request (test)",
            "description": "It does not work.",
            **values,
        }
        response = self.url_open("/submitted/ticket", data=data)
        self.assertEqual(response.status_code, 200)
        return self.env["helpdesk.ticket"].search(
            [("name", "=", "Portal request (test)")], order="id desc", limit=1
        )

    def test_my_contracts_lists_only_own(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        page = self._get("/my/support/contracts").text
        self.assertIn(self.contract_a.name, page)
        self.assertIn(self.plan_free.name, page)
        self.assertNotIn(self.contract_b.name, page)

    def test_my_contract_page(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        page = self._get(f"/my/support/contract/{self.contract_a.id}").text
        self.assertIn("A-SERIAL-1", page)
        self.assertIn("Alice A", page)
        self.assertIn(self.plan_free.name, page)
        self.assertNotIn("support_contract_not_authorised", page)

    def test_my_contract_page_tells_the_plan_terms(self):
        # What the customer bought, from the plan's configuration: its
        # channels and the kinds it covers or quotes.
        quoted = self.env.ref("halo_support.ticket_type_configuration")
        self.plan_free.excluded_type_ids = quoted
        self.authenticate("halo-alice", "halo-alice-pw")
        page = self._get(f"/my/support/contract/{self.contract_a.id}").text
        self.assertIn('id="support_contract_terms"', page)
        channels = page.split('id="support_contract_terms_channels"')[1][:300]
        self.assertIn(
            self.env.ref("halo_support.support_channel_remote").name, channels
        )
        kinds = page.split('id="support_contract_kinds"')[1].split("</tbody>")[0]
        incident = self.env.ref("halo_support.ticket_type_incident")
        for kind, covered in ((incident, "1"), (quoted, "0")):
            with self.subTest(kind=kind.name):
                row = kinds.split(f'data-covered="{covered}"')
                self.assertTrue(any(kind.name in part[:400] for part in row[1:]))
        self.assertIn("Excluded: quoted separately", kinds)

    def test_other_customer_contract_page_is_refused(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        response = self.url_open(f"/my/support/contract/{self.contract_b.id}")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertNotIn("B-SECRET-9", response.text)
        self.assertNotIn(self.contract_b.name, response.text)
        response = self.url_open("/my/support/contract/999999")
        self.assertTrue(response.url.endswith("/my"), response.url)

    def test_contract_counter(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        response = self.url_open(
            "/my/counters",
            data=json.dumps({"params": {"counters": ["support_contract_count"]}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.json()["result"]["support_contract_count"], 1)

    def test_other_customer_tickets_are_hidden(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        page = self._get("/my/tickets").text
        self.assertIn("Ticket of A", page)
        self.assertNotIn("Ticket of B (secret)", page)
        response = self.url_open(f"/my/ticket/{self.ticket_b.id}")
        self.assertTrue(response.url.endswith("/my"), response.url)
        self.assertNotIn("Ticket of B (secret)", response.text)
        page = self._get(f"/my/ticket/{self.ticket_a.id}").text
        self.assertIn(self.contract_a.name, page)
        self.assertIn("Covered by contract", page)

    def test_new_ticket_form_offers_own_contract_and_products(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        page = self._get("/new/ticket").text
        self.assertIn('name="support_contract"', page)
        self.assertIn(self.contract_a.name, page)
        self.assertIn("A-SERIAL-1", page)
        self.assertNotIn(self.contract_b.name, page)
        self.assertNotIn("B-SECRET-9", page)
        self.assertNotIn("not authorised", page)

    def test_new_ticket_form_tells_unauthorised_why(self):
        self.authenticate("halo-adam", "halo-adam-pw")
        page = self._get("/new/ticket").text
        self.assertIn(self.contract_a.name, page)
        self.assertIn("(not authorised)", page)
        self.assertIn("You are not an authorised contact", page)
        self.assertIn("Alice A", page)
        # Not authorised: no covered product to pick.
        self.assertNotIn("A-SERIAL-1", page)

    def test_submit_against_own_contract_and_product(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        ticket = self._submit(
            support_contract=self.contract_a.id,
            support_product_line=self.contract_a.line_ids.id,
        )
        self.assertEqual(ticket.partner_id, self.alice)
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertEqual(ticket.support_product_line_id, self.contract_a.line_ids)
        self.assertEqual(ticket.support_serial, "A-SERIAL-1")
        self.assertEqual(ticket.entitlement, "covered")
        self.assertFalse(ticket.support_flagged)

    def test_submit_by_unauthorised_contact_is_kept_and_flagged(self):
        self.authenticate("halo-adam", "halo-adam-pw")
        ticket = self._submit(support_contract=self.contract_a.id)
        self.assertTrue(ticket)
        self.assertEqual(ticket.partner_id, self.adam)
        self.assertEqual(ticket.entitlement, "not_authorised")
        self.assertTrue(ticket.support_flagged)
        # The requester reads why on the ticket's portal page.
        page = self._get(f"/my/ticket/{ticket.id}").text
        self.assertIn("not an authorised contact", page)

    def test_submit_against_someone_else_contract_is_kept_and_flagged(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        ticket = self._submit(support_contract=self.contract_b.id)
        self.assertTrue(ticket)
        self.assertNotEqual(ticket.support_contract_id, self.contract_b)
        # Intake found the requester's own contract instead.
        self.assertEqual(ticket.support_contract_id, self.contract_a)
        self.assertTrue(ticket.support_flagged)
        self.assertIn(f"#{self.contract_b.id}", ticket.support_intake_note)
        self.assertNotIn(ticket, self.contract_b.ticket_ids)

    def test_submit_against_someone_else_product_is_kept_and_flagged(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        ticket = self._submit(support_product_line=self.contract_b.line_ids.id)
        self.assertTrue(ticket)
        self.assertFalse(ticket.support_product_line_id)
        self.assertNotEqual(ticket.support_contract_id, self.contract_b)
        self.assertTrue(ticket.support_flagged)
        self.assertIn("covered product", ticket.support_intake_note)

    def test_submit_with_garbage_ids_is_kept(self):
        self.authenticate("halo-alice", "halo-alice-pw")
        ticket = self._submit(support_contract="abc", support_product_line="-3")
        self.assertTrue(ticket)
        self.assertTrue(ticket.support_flagged)

    def test_submit_without_contract_still_works(self):
        """helpdesk_mgmt's form keeps working without our fields."""
        self.authenticate("halo-bob", "halo-bob-pw")
        ticket = self._submit()
        self.assertEqual(ticket.partner_id, self.bob)
        self.assertEqual(ticket.support_contract_id, self.contract_b)
        self.assertFalse(ticket.support_intake_note)

    def test_home_tile_icon_is_of_the_standard_size(self):
        # Odoo 18's portal tiles draw their icon at its own size: 64 x 64.
        self.authenticate("halo-alice", "halo-alice-pw")
        page = self._get("/my").text
        icon = "/halo_support/static/src/img/support_contract.svg"
        self.assertIn('href="/my/support/contracts"', page)
        self.assertIn(f'src="{icon}"', page)
        self.assertNotIn("/halo_support/static/description/icon.png", page)
        svg = self._get(icon).text
        self.assertIn('width="64" height="64" viewBox="0 0 64 64"', svg)
