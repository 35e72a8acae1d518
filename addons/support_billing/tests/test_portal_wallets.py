# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestPortalWallets(BillingCommon, HttpCase):
    """The portal contract page shows the contract's open wallets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        new_test_user(
            cls.env,
            login="wallet_carol",
            password="wallet_carol",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            name=cls.contact.name,
            email=cls.contact.email,
        )

    def _page(self, contract):
        self.authenticate("wallet_carol", "wallet_carol")
        response = self.url_open(f"/my/support/contract/{contract.id}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_hours_included_and_left(self):
        contract = self.make_contract(self.plan_h2s_pro())
        ticket = self.make_ticket(contract, "configuration")
        self.log(ticket, 45)
        page = self._page(contract)
        self.assertIn('id="support_contract_wallets"', page)
        self.assertIn('data-unit="hour"', page)
        self.assertIn("2.00 h", page)  # included each month
        self.assertIn("1.25 h", page)  # left

    def test_minute_credits_and_request_quota(self):
        sangoma = self.make_contract(self.plan_sangoma())
        wallet = sangoma._support_wallet("time")
        self.env["support.wallet.entry"].create(
            {"wallet_id": wallet.id, "kind": "grant", "amount": 300, "reason": "Pack"}
        )
        page = self._page(sangoma)
        self.assertIn('data-unit="minute"', page)
        self.assertIn("300 credits", page)
        webitel = self.make_contract(self.plan_webitel(recurring_fee_type="none"))
        page = self._page(webitel)
        self.assertIn('data-unit="request"', page)
        self.assertIn("30 requests", page)

    def test_closed_wallet_and_no_wallet_not_shown(self):
        contract = self.make_contract(self.plan_h2s_pro())
        contract._support_wallet("time").action_close()
        self.assertNotIn('id="support_contract_wallets"', self._page(contract))
        infotel = self.make_contract(self.plan_infotel())
        self.assertNotIn('id="support_contract_wallets"', self._page(infotel))

    def test_contract_page_tells_hours_and_prices(self):
        # infotel SLA Variant 3 from its vendor pack: 350 a month, 4 hours
        # included, 2 onsite hours and 2 PBX checks, 45 an hour in half-hour
        # steps, written agreement, travel at the customer's price list.
        self.env["support.vendor.pack"]._load_vendor_packs(["infotel"])
        plan = self.env.ref("halo_support.plan_infotel_v3")
        contract = self.make_contract(plan)
        page = self._page(contract)
        terms = page.split('id="support_contract_billing_terms"')[1]
        wallet = terms.split('id="support_terms_wallet"')[1].split("</li>")[0]
        self.assertIn("<strong>4</strong>", wallet)
        self.assertIn("hours", wallet)
        allowances = terms.split('class="o_support_terms_allowance"')[1:]
        self.assertEqual(len(allowances), 2)
        self.assertIn("<strong>2</strong>", allowances[0])
        rate = terms.split('id="support_terms_hourly_rate"')[1].split("</li>")[0]
        self.assertIn("45.00", rate)
        self.assertIn("30", rate)
        fee = terms.split('id="support_terms_fee"')[1].split("</li>")[0]
        self.assertIn("350.00", fee)
        self.assertIn("a month", fee)
        self.assertIn('id="support_terms_agreement"', terms)
        self.assertIn("Transport costs", terms.split('id="support_terms_travel"')[1])
        # the kinds with their billing: configuration from the included
        # hours, help unrelated to the products a pointer then paid
        kinds = page.split('id="support_contract_kinds"')[1].split("</tbody>")[0]
        self.assertIn("Configuration: included remote administration", kinds)
        self.assertIn("a pointer to the manual is free (10 minutes)", kinds)

    def test_contract_page_tells_the_onsite_day_rate(self):
        contract = self.make_contract(self.plan_onsite(), partner=self.customer)
        terms = self._page(contract).split('id="support_terms_onsite"')[1]
        self.assertIn("1,280.00", terms.split("</li>")[0])
