# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Webitel (docs/vendors/webitel.md, Billing) billed from the shipped vendor pack alone.

Checks 7 policy numbers: support priced as a percentage of the yearly
licence value (a plan field; the pack ships the PLACEHOLDER 20 %, the page
gives no number), invoiced yearly (2); Advanced: 30 consultation requests a
month, change requests included, a request beyond them flagged and billed
(3); Pro: unlimited requests (1); a defect caused by the customer, a third
party or their hardware or software billed at the time spent (1; the hourly
rate is the PLACEHOLDER 1000 UAH).
"""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import BillingCommon

PORTAL = "helpdesk_mgmt.helpdesk_ticket_channel_web"


@tagged("post_install", "-at_install")
class TestVendorWebitel(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs(["webitel"])
        cls.setup_billing()
        cls.uah = cls.env.ref("base.UAH")
        cls.advanced = cls.env.ref("halo_support.plan_webitel_advanced")
        cls.pro = cls.env.ref("halo_support.plan_webitel_pro")
        cls.licence_product = cls.env["product.product"].create(
            {
                "name": "Webitel licence (test)",
                "categ_id": cls.env.ref("halo_support.categ_webitel").id,
            }
        )

    def contract(self, plan, *licence_values):
        partner, contact = self.make_customer(
            f"{plan.name} customer (test)", "Authorised (test)"
        )
        return self.make_contract(
            plan,
            partner=partner,
            contact=contact,
            line_ids=[
                Command.create(
                    {
                        "product_id": self.licence_product.id,
                        "serial": f"WBT-{partner.id}-{index}",
                        "purchase_date": self.today - timedelta(days=30),
                        "licence_value": value,
                    }
                )
                for index, value in enumerate(licence_values or (60000,))
            ],
        )

    def ticket(self, contract, category, **vals):
        ticket = self.make_ticket(
            contract,
            category,
            support_product_line_id=contract.line_ids[:1].id,
            channel_id=self.env.ref(PORTAL).id,
            **vals,
        )
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        return ticket

    def test_share_of_the_yearly_licence_value(self):
        for plan in self.advanced | self.pro:
            with self.subTest(plan=plan.name):
                # PLACEHOLDER: the vendor's page omits the percentage
                self.assertEqual(plan.licence_share_percent, 20.0)
                contract = self.contract(plan, 300000, 60000)
                self.assertEqual(contract.recurring_fee_amount, 72000.0)
                oca = contract.recurring_contract_id
                self.assertEqual(
                    (
                        oca.contract_line_ids.price_unit,
                        oca.contract_line_ids.recurring_rule_type,
                    ),
                    (72000.0, "yearly"),
                )
                invoice = oca._recurring_create_invoice(self.today)
                self.assertEqual(
                    (invoice.amount_untaxed, invoice.currency_id), (72000.0, self.uah)
                )
        # the share follows the field
        self.pro.licence_share_percent = 15.0
        self.assertEqual(self.contract(self.pro, 360000).recurring_fee_amount, 54000.0)

    def test_advanced_30_requests_a_month_changes_included(self):
        contract = self.contract(self.advanced)
        wallet = contract._support_wallet("request")
        self.assertEqual((wallet.unit, wallet.period_amount), ("request", 30.0))
        tickets = self.env["helpdesk.ticket"]
        for index in range(30):
            tickets |= self.ticket(
                contract, "change" if index % 3 == 0 else "service_request"
            )
        self.assertEqual(set(tickets.mapped("support_quota_state")), {"counted"})
        self.assertEqual(self.balance(wallet), 0)
        counted = self.log(tickets[0], 90)
        self.assertEqual(
            (counted.support_verdict, counted.support_amount), ("wallet", 0)
        )
        # the 31st request is flagged and its time billed (placeholder rate)
        extra = self.ticket(contract, "change")
        self.assertEqual(extra.support_quota_state, "exceeded")
        line = self.log(extra, 30)
        self.assertEqual(
            (line.support_verdict, line.support_amount), ("billable", 500.0)
        )
        # incidents are not counted
        incident = self.ticket(contract, "incident")
        self.assertEqual(incident.support_quota_state, "none")
        self.assertEqual(self.log(incident, 60).support_amount, 0.0)

    def test_pro_unlimited_requests(self):
        contract = self.contract(self.pro)
        self.assertFalse(contract._support_wallet("request"))
        tickets = self.env["helpdesk.ticket"]
        for index in range(31):
            tickets |= self.ticket(
                contract, "change" if index % 2 else "service_request"
            )
        self.assertEqual(set(tickets.mapped("support_quota_state")), {"none"})
        line = self.log(tickets[-1], 45)
        self.assertEqual((line.support_verdict, line.support_amount), ("free", 0.0))

    def test_customer_caused_defect_billed_at_time_spent(self):
        for plan in self.advanced | self.pro:
            contract = self.contract(plan)
            for cause in ("customer", "third_party", "customer_hardware"):
                with self.subTest(plan=plan.name, cause=cause):
                    ticket = self.ticket(contract, "incident", support_cause=cause)
                    line = self.log(ticket, 37)
                    # billed once the customer accepts the specification
                    self.assertEqual(line.support_verdict_code, "no_agreement")
                    self.accept_specification(ticket)
                    # 37 minutes at 1000 UAH an hour (placeholder), no rounding
                    self.assertEqual(line.support_billable_minutes, 37)
                    self.assertAlmostEqual(line.support_amount, 616.67, places=2)
                    ticket.support_cause = "product"
                    line.invalidate_recordset()
                    self.assertEqual(line.support_amount, 0.0)

    def test_customer_caused_defect_asks_for_a_specification(self):
        """The page: such a request "is paid by the customer by signing the
        corresponding specification"; the cost is the time actually spent."""
        agent = new_test_user(
            self.env, login="webitel_agent", groups="halo_support.group_support_user"
        )
        contract = self.contract(self.advanced)
        ticket = self.ticket(contract, "incident")
        ticket.user_id = agent
        self.assertEqual(ticket.support_agreement_required, "none")
        ticket.support_cause = "customer"
        # the cause on the customer's side: paid work from the first minute
        self.assertEqual(ticket.support_agreement_required, "specification")
        self.assertEqual(
            (ticket.support_consent_state, ticket.support_consent_kind),
            ("requested", "specification"),
        )
        self.assertIn("Send the specification", ticket.activity_ids.summary)
        line = self.log(ticket, 37)
        self.assertEqual(
            (line.support_verdict, line.support_amount), ("not_billable", 0)
        )
        with self.assertRaisesRegex(UserError, "attach the specification"):
            ticket.action_support_send_specification()
        # an agreement by phone, or without the document, is no specification
        with self.assertRaisesRegex(UserError, "in writing"):
            ticket._support_record_agreement("phone", partner=contract.contact_ids)
        self.accept_specification(ticket)
        document = ticket.support_consent_document_id
        self.assertTrue(document)
        asked = ticket.message_ids.filtered(lambda m: document in m.attachment_ids)
        self.assertIn(contract.contact_ids, asked.partner_ids)
        self.assertEqual(ticket.support_consent_state, "accepted")
        # the specification covers the time spent, before it too
        self.assertEqual(line.support_verdict, "billable")
        self.assertAlmostEqual(line.support_amount, 616.67, places=2)
        note = ticket.message_ids.filtered(
            lambda m: (
                "Specification" in (m.body or "") and "accepted by" in (m.body or "")
            )
        )
        self.assertIn(document.name, note.body)

    # ------------------------------------------------------------------
    # The quota counts what the policy counts (issue 10, point 3)
    # ------------------------------------------------------------------

    def test_advanced_quota_counts_consultations(self):
        contract = self.contract(self.advanced)
        wallet = contract._support_wallet("request")
        consultation = self.ticket(contract, "consultation")
        self.assertEqual(consultation.support_quota_state, "counted")
        self.assertEqual(self.balance(wallet), 29)
        # the plan says which kinds its quota counts
        self.assertEqual(
            self.advanced.request_quota_type_ids,
            self.kinds["service_request"]
            | self.kinds["consultation"]
            | self.kinds["change"],
        )
        for _index in range(29):
            self.ticket(contract, "service_request")
        self.assertEqual(self.balance(wallet), 0)
        # the 31st, a consultation, is beyond the quota: its time is billed
        extra = self.ticket(contract, "consultation")
        self.assertEqual(extra.support_quota_state, "exceeded")
        line = self.log(extra, 30)
        self.assertEqual(
            (line.support_verdict, line.support_amount), ("billable", 500.0)
        )

    def test_refused_request_is_not_counted(self):
        contract = self.contract(self.advanced)
        wallet = contract._support_wallet("request")
        self.env["support.wallet"]._cron_wallet_periods()  # the month's 30
        stranger = self.env["res.partner"].create(
            {"name": "Not authorised (test)", "parent_id": contract.partner_id.id}
        )
        refused = self.make_ticket(
            contract,
            "service_request",
            partner=stranger,
            support_product_line_id=contract.line_ids[:1].id,
            channel_id=self.env.ref(PORTAL).id,
        )
        self.assertEqual(refused.entitlement, "not_authorised")
        self.assertEqual(refused.support_quota_state, "none")
        self.assertEqual(self.balance(wallet), 30)
        # a counted request that turns out refused gives its slot back
        counted = self.ticket(contract, "change")
        self.assertEqual(self.balance(wallet), 29)
        counted.partner_id = stranger
        self.assertEqual(counted.entitlement, "not_authorised")
        self.assertEqual(counted.support_quota_state, "none")
        self.assertEqual(self.balance(wallet), 30)
        refund = wallet.entry_ids.filtered(
            lambda e: e.kind == "refund" and e.ticket_id == counted
        )
        self.assertEqual(refund.amount, 1)
        self.assertIn("Refused", refund.reason)

    def test_duplicate_gives_its_slot_back(self):
        contract = self.contract(self.advanced)
        wallet = contract._support_wallet("request")
        original = self.ticket(contract, "service_request")
        repeated = self.ticket(contract, "service_request")
        self.assertEqual(self.balance(wallet), 28)
        self.env.company.helpdesk_mgmt_duplicate_tracking = True
        self.env["helpdesk.ticket.duplicate.wizard"].create(
            {"ticket_id": repeated.id, "duplicate_of_id": original.id}
        ).action_confirm()
        self.assertEqual(repeated.duplicate_id, original)
        self.assertEqual(repeated.support_quota_state, "none")
        self.assertEqual(original.support_quota_state, "counted")
        self.assertEqual(self.balance(wallet), 29)
        refund = wallet.entry_ids.filtered(
            lambda e: e.kind == "refund" and e.ticket_id == repeated
        )
        self.assertEqual(refund.amount, 1)
        self.assertIn("Duplicate", refund.reason)

    def test_request_counts_in_the_month_of_its_request_date(self):
        with freeze_time("2026-11-20"):
            partner, contact = self.make_customer("Webitel months (test)")
            contract = self.make_contract(
                self.advanced,
                partner=partner,
                contact=contact,
                date_start=date(2026, 11, 1),
                line_ids=[
                    Command.create(
                        {
                            "product_id": self.licence_product.id,
                            "serial": "WBT-MONTHS",
                            "purchase_date": date(2026, 10, 1),
                            "licence_value": 60000,
                        }
                    )
                ],
            )
            wallet = contract._support_wallet("request")
            self.ticket(contract, "service_request")
            self.assertEqual(self.balance(wallet), 29)
        with freeze_time("2026-12-02"):
            self.env["support.wallet"]._cron_wallet_periods()
            self.assertEqual(self.balance(wallet), 30)
            # received on 28 November, registered on 2 December: November's
            # quota, not December's
            late = self.ticket(
                contract, "service_request", support_request_date=date(2026, 11, 28)
            )
            self.assertEqual(late.support_quota_state, "counted")
            self.assertEqual(self.balance(wallet), 30)
            self.assertEqual(self.ledger_sum(wallet), 30)
            self.assertEqual(late.support_quota_date, date(2026, 11, 28))
            december = self.ticket(contract, "change")
            self.assertEqual(december.support_quota_date, date(2026, 12, 2))
            self.assertEqual(self.balance(wallet), 29)
        with freeze_time("2026-12-10"):
            # touching the November request later does not move it
            self.log(late, 20)
            late.support_cause = "product"
            self.assertEqual(late.support_quota_date, date(2026, 11, 28))
            self.assertEqual(self.balance(wallet), 29)

    def test_billing_run_posts_time_to_the_minute(self):
        contracts = self.contract(self.advanced) | self.contract(self.pro)
        for contract in contracts:
            ticket = self.ticket(contract, "incident", support_cause="customer")
            self.accept_specification(ticket)
            self.log(ticket, 37)  # 616.67 UAH (placeholder rate)
            self.log(ticket, 67)  # 1 h 07: 1116.67 UAH
        moves = self.bill_and_post(contracts)
        self.assertEqual(moves.mapped("amount_untaxed"), [1733.34, 1733.34])
        self.assertEqual(set(moves.mapped("currency_id")), {self.uah})
