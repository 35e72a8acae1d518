# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestPortalContract(BillingCommon, HttpCase):
    """The customer sees one contract: the OCA recurring contract that
    invoices a support contract's fee is not listed a second time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        new_test_user(
            cls.env,
            login="twin_carol",
            password="twin_carol",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            name=cls.contact.name,
            email=cls.contact.email,
        )
        cls.contract = cls.make_contract(cls.plan_h2s_pro())
        cls.twin = cls.contract.recurring_contract_id
        # A follower reads an OCA contract on the portal (OCA's rule), as
        # after "Send by Email".
        cls.twin.message_subscribe(partner_ids=cls.contact.ids)

    def _plain_oca_contract(self):
        plain = self.env["contract.contract"].create(
            {
                "name": "Hosting (plain OCA contract)",
                "code": "HOST-1",
                "partner_id": self.customer.id,
                "contract_type": "sale",
            }
        )
        plain.message_subscribe(partner_ids=self.contact.ids)
        return plain

    def _counters(self, *names):
        response = self.url_open(
            "/my/counters",
            data=json.dumps({"params": {"counters": list(names)}}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()["result"]

    def test_twin_readable_by_the_portal_user(self):
        # What the other tests hide is there to hide: OCA's own rule lets
        # the portal user read the recurring contract.
        carol = self.env["res.users"].search([("login", "=", "twin_carol")])
        self.assertEqual(
            self.env["contract.contract"].with_user(carol).search([]), self.twin
        )

    def test_home_counts_the_contract_once(self):
        self.authenticate("twin_carol", "twin_carol")
        counters = self._counters("contract_count", "support_contract_count")
        # 0 hides OCA's "Contracts" tile: "Support contracts" is the one.
        self.assertEqual(counters, {"contract_count": 0, "support_contract_count": 1})
        self._plain_oca_contract()
        counters = self._counters("contract_count", "support_contract_count")
        self.assertEqual(counters, {"contract_count": 1, "support_contract_count": 1})

    def test_my_contracts_lists_only_other_contracts(self):
        plain = self._plain_oca_contract()
        self.authenticate("twin_carol", "twin_carol")
        response = self.url_open("/my/contracts")
        self.assertEqual(response.status_code, 200)
        self.assertIn(plain.name, response.text)
        self.assertNotIn(self.twin.name, response.text)
        self.assertNotIn(f"/my/contracts/{self.twin.id}", response.text)

    def test_twin_page_is_the_support_contract_page(self):
        self.authenticate("twin_carol", "twin_carol")
        response = self.url_open(f"/my/contracts/{self.twin.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/support/contract/{self.contract.id}", response.url)
        self.assertIn(self.contract.name, response.text)
        self.assertIn('id="support_contract_wallets"', response.text)
        # The recurring invoicing is reached from the support contract.
        self.assertIn('id="support_contract_next_invoice"', response.text)
        response = self.url_open(f"/my/support/contract/{self.contract.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.contract.plan_id.name, response.text)

    def test_no_next_invoice_without_recurring_fee(self):
        contract = self.make_contract(self.plan_webitel(recurring_fee_type="none"))
        self.assertFalse(contract.recurring_contract_id)
        self.authenticate("twin_carol", "twin_carol")
        response = self.url_open(f"/my/support/contract/{contract.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(contract.name, response.text)
        self.assertNotIn('id="support_contract_next_invoice"', response.text)

    def test_plain_contract_page_still_works(self):
        plain = self._plain_oca_contract()
        self.authenticate("twin_carol", "twin_carol")
        response = self.url_open(f"/my/contracts/{plain.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"/my/contracts/{plain.id}"))
        self.assertIn("HOST-1", response.text)

    def test_recurring_invoices_stay_in_my_invoices(self):
        invoice = self.twin._recurring_create_invoice(self.today)
        self.assertEqual(len(invoice), 1)
        invoice.action_post()
        self.authenticate("twin_carol", "twin_carol")
        response = self.url_open("/my/invoices")
        self.assertEqual(response.status_code, 200)
        self.assertIn(invoice.name, response.text)


@tagged("post_install", "-at_install")
class TestRecurringTwin(BillingCommon, TransactionCase):
    """Staff side: the OCA contract is named and dated like its support
    contract and links back to it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.start = cls.today - timedelta(days=40)
        cls.contract = cls.make_contract(cls.plan_h2s_pro(), date_start=cls.start)
        cls.twin = cls.contract.recurring_contract_id

    def test_named_and_dated_like_the_support_contract(self):
        twin = self.twin
        self.assertEqual(twin.support_contract_id, self.contract)
        self.assertEqual(twin.code, self.contract.name)
        self.assertEqual(
            twin.name, f"{self.contract.name} - {self.contract.plan_id.name}"
        )
        self.assertEqual((twin.date, twin.date_start), (self.start, self.start))
        # The fee is invoiced from the activation on, not for the 40 days
        # before it.
        self.assertEqual(twin.contract_line_ids.date_start, self.today)
        self.assertEqual(twin.recurring_next_date, self.today)

    def test_new_start_date_follows(self):
        new_start = self.start + timedelta(days=5)
        self.contract.date_start = new_start
        self.assertEqual((self.twin.date, self.twin.date_start), (new_start, new_start))
        self.assertEqual(self.twin.contract_line_ids.date_start, self.today)

    def test_link_back_in_the_form(self):
        action = self.twin.action_open_support_contract()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("support.contract", self.contract.id),
        )
        arch = self.env["contract.contract"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="action_open_support_contract"', arch)
        self.assertIn('name="support_contract_id"', arch)
        self.assertIn(
            self.twin,
            self.env["contract.contract"].search(
                [("support_contract_id", "=", self.contract.id)]
            ),
        )

    def test_contract_linked_by_hand_links_back(self):
        oca = self.env["contract.contract"].create(
            {"name": "Linked by hand", "partner_id": self.customer.id}
        )
        self.assertFalse(oca.support_contract_id)
        other = self.make_contract(
            self.contract.plan_id, activate=False, recurring_contract_id=oca.id
        )
        self.assertEqual(oca.support_contract_id, other)
