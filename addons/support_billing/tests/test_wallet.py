# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import mute_logger

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestWallet(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.sangoma = cls.plan_sangoma()
        cls.contract = cls.make_contract(cls.sangoma)
        cls.wallet = cls.contract._support_wallet("time")
        cls.Entry = cls.env["support.wallet.entry"]

    def post(self, kind, amount, wallet=None, **vals):
        return self.Entry.create(
            {
                "wallet_id": (wallet or self.wallet).id,
                "kind": kind,
                "amount": amount,
                **vals,
            }
        )

    def assertNothingWritten(self, before_count, before_balance):
        self.assertEqual(len(self.wallet.entry_ids), before_count)
        self.assertEqual(self.balance(self.wallet), before_balance)

    def test_activation_creates_wallet(self):
        self.assertEqual(self.wallet.contract_id, self.contract)
        self.assertEqual((self.wallet.unit, self.wallet.state), ("minute", "open"))
        self.assertEqual(self.contract.wallet_count, 1)

    def test_customer_locked_once_the_wallet_has_entries(self):
        self.contract.partner_id = self.customer2
        self.contract.partner_id = self.customer
        self.post("grant", 300, reason="Pack")
        with self.assertRaisesRegex(
            ValidationError, r"Customer: .*wallet entries \(1\)"
        ):
            self.contract.partner_id = self.customer2

    def test_ledger_is_append_only(self):
        entry = self.post("grant", 300, reason="Pack")
        with self.assertRaises(UserError):
            entry.amount = 3000
        with self.assertRaises(UserError):
            entry.unlink()
        with self.assertRaises(UserError):
            self.wallet.write({"balance": 1000})
        with self.assertRaises(UserError):
            self.wallet.unlink()
        self.assertEqual(self.balance(self.wallet), 300)

    def test_balance_follows_ledger(self):
        self.post("grant", 300, reason="Pack")
        self.wallet._consume(45)
        self.post("adjustment", -5, reason="Entered twice")
        self.post("adjustment", 20, reason="Goodwill")
        self.assertEqual(self.balance(self.wallet), 270)
        self.assertEqual(self.ledger_sum(self.wallet), 270)
        last = self.wallet.entry_ids.sorted("id")[-1]
        self.assertEqual(last.balance_after, 270)

    def test_zero_or_negative_consumption(self):
        self.post("grant", 300, reason="Pack")
        for quantity in (0, -10):
            with self.assertRaises(UserError):
                self.wallet._consume(quantity)
        self.assertNothingWritten(1, 300)

    def test_wrong_signs_and_missing_reason(self):
        cases = [
            ("grant", -10, {}),
            ("consumption", 10, {}),
            ("refund", -10, {}),
            ("grant", 0, {}),
            ("adjustment", 10, {"reason": ""}),
        ]
        for kind, amount, vals in cases:
            with self.subTest(kind=kind, amount=amount), self.assertRaises(UserError):
                self.post(kind, amount, **vals)
        self.assertNothingWritten(0, 0)

    def test_consumption_beyond_balance_is_refused(self):
        self.post("grant", 30, reason="Pack")
        with self.assertRaises(UserError) as err:
            self.wallet._consume(45)
        self.assertIn("30 credits", str(err.exception))
        self.assertNothingWritten(1, 30)
        self.assertEqual(self.wallet._consume(45, partial=True), 30)
        self.assertEqual(self.balance(self.wallet), 0)

    def test_database_never_holds_negative_balance(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE support_wallet SET balance = -1 WHERE id = %s",
                [self.wallet.id],
            )

    def test_closed_wallet(self):
        self.post("grant", 300, reason="Pack")
        self.wallet.action_close()
        with self.assertRaises(UserError) as err:
            self.wallet._consume(10)
        self.assertIn("closed", str(err.exception))
        with self.assertRaises(UserError):
            self.post("grant", 60, reason="Late pack")
        self.assertNothingWritten(1, 300)

    def test_expired_wallet(self):
        self.post("grant", 300, reason="Pack")
        self.wallet.date_end = self.today - timedelta(days=1)
        with self.assertRaises(UserError) as err:
            self.wallet._consume(10)
        self.assertIn("expired", str(err.exception))
        self.assertNothingWritten(1, 300)

    def test_refund_larger_than_consumed(self):
        self.post("grant", 300, reason="Pack")
        ticket = self.make_ticket(self.contract, "configuration")
        self.log(ticket, 45)
        self.assertEqual(self.balance(self.wallet), 255)
        count = len(self.wallet.entry_ids)
        with self.assertRaises(UserError) as err:
            self.wallet._refund(46, ticket_id=ticket.id)
        self.assertIn("only 45", str(err.exception))
        self.assertNothingWritten(count, 255)
        self.wallet._refund(45, ticket_id=ticket.id, reason="Goodwill")
        self.assertEqual(self.balance(self.wallet), 300)
        with self.assertRaises(UserError):
            self.wallet._refund(1, ticket_id=ticket.id)

    def test_manual_operation_wizard(self):
        wizard = Form(
            self.env["support.wallet.operation"].with_context(
                default_wallet_id=self.wallet.id
            )
        )
        wizard.kind = "grant"
        wizard.quantity = 120
        wizard.reason = "Welcome credits"
        wizard.save().action_confirm()
        wizard = Form(
            self.env["support.wallet.operation"].with_context(
                default_wallet_id=self.wallet.id
            )
        )
        wizard.kind = "adjustment"
        wizard.quantity = -20
        wizard.reason = "Correction"
        wizard.save().action_confirm()
        self.assertEqual(self.balance(self.wallet), 100)
        wizard = Form(
            self.env["support.wallet.operation"].with_context(
                default_wallet_id=self.wallet.id
            )
        )
        wizard.kind = "grant"
        wizard.quantity = -20
        wizard.reason = "Wrong"
        with self.assertRaises(UserError):
            wizard.save().action_confirm()

    def test_monthly_grant_expires_and_does_not_roll_over(self):
        plan = self.plan_h2s_pro(name="H2S Pro wallet test")
        contract = self.make_contract(plan, partner=self.customer2)
        wallet = contract._support_wallet("time")
        wallet._lock()
        wallet._prepare_period(self.today)
        wallet._prepare_period(self.today)  # idempotent
        grants = wallet.entry_ids.filtered(lambda e: e.kind == "grant")
        self.assertEqual(len(grants), 1)
        self.assertEqual(self.balance(wallet), 120)
        wallet._consume(30)
        # next month: the 90 unused minutes expire, 120 new are granted
        next_month = self.month_end + timedelta(days=1)
        wallet._lock()
        wallet._prepare_period(next_month)
        self.assertEqual(self.balance(wallet), 120)
        expiry = wallet.entry_ids.filtered(lambda e: e.kind == "expiry")
        self.assertEqual((expiry.amount, expiry.lot_id), (-90, grants))
        self.assertEqual(self.ledger_sum(wallet), 120)

    def plan_with_allowances(self, name="H2S Pro allowances"):
        """H2S Pro with two further allowances: onsite hours, checks."""
        return self.plan_h2s_pro(
            name=name,
            allowance_ids=[
                Command.create({"name": "Onsite work", "unit": "hour", "amount": 2}),
                Command.create({"name": "Checks", "unit": "request", "amount": 2}),
            ],
        )

    def test_allowances_get_wallets_of_their_own(self):
        plan = self.plan_with_allowances()
        onsite, checks = plan.allowance_ids
        contract = self.make_contract(plan, partner=self.customer2)
        main = contract._support_wallet("time")
        work = contract._support_wallet("time", allowance=onsite)
        count = contract._support_wallet("request", allowance=checks)
        self.assertEqual(contract.wallet_count, 3)
        self.assertEqual(len(main | work | count), 3)
        self.assertEqual(
            [(w.unit, w.period_amount, w.allowance_id) for w in (main, work, count)],
            [
                ("hour", 2.0, plan.allowance_ids[:0]),
                ("hour", 2.0, onsite),
                ("request", 2.0, checks),
            ],
        )
        self.assertTrue(work.name.endswith("/ Onsite work"), work.name)
        # each ledger is its own: using one allowance leaves the others
        work._consume(90)
        for wallet, left in ((main, 120), (work, 30), (count, 2)):
            wallet._lock()
            wallet._prepare_period(self.today)
            self.assertEqual(self.balance(wallet), left, wallet.name)
        # a second open wallet of the same allowance is refused by the database
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["support.wallet"].create(
                {"contract_id": contract.id, "unit": "hour", "allowance_id": onsite.id}
            )

    def test_allowance_bad_input(self):
        plan = self.plan_with_allowances()
        onsite, checks = plan.allowance_ids
        with self.assertRaisesRegex(ValidationError, "Included per month"):
            onsite.amount = 0
        Rule = self.env["support.billing.rule"]
        other = self.plan_with_allowances("H2S Pro other allowances")
        cases = [
            ("wallet", checks, "minutes or hours"),
            ("quota", onsite, "allowance in requests"),
            ("billable", onsite, "only 'covered by the wallet'"),
            ("wallet", other.allowance_ids[0], "another plan"),
        ]
        for treatment, allowance, message in cases:
            with (
                self.subTest(treatment=treatment, allowance=allowance.name),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                Rule.create(
                    {
                        "plan_id": plan.id,
                        "treatment": treatment,
                        "allowance_id": allowance.id,
                    }
                )

    def test_cron_grants_the_month_once_and_then_leaves_the_wallet_alone(self):
        plan = self.plan_h2s_pro(name="H2S Pro cron test")
        contract = self.make_contract(plan, partner=self.customer2)
        wallet = contract._support_wallet("time")
        Wallet = self.env["support.wallet"]
        self.assertIn(wallet, Wallet._wallets_due(self.today))
        Wallet._cron_wallet_periods()
        self.assertEqual(self.balance(wallet), 120)
        self.assertNotIn(wallet, Wallet._wallets_due(self.today))
        Wallet._cron_wallet_periods()
        self.assertEqual(len(wallet.entry_ids), 1)
        # next month it is due again: the rest expires, a new month is granted
        next_month = self.month_end + timedelta(days=1)
        self.assertIn(wallet, Wallet._wallets_due(next_month))

    def test_pack_on_a_closed_wallet_opens_the_plan_wallet(self):
        plan = self.plan_h2s_pro(name="H2S Pro pack test")
        contract = self.make_contract(plan, partner=self.customer2)
        contract._support_wallet("time").action_close()
        invoice = self.pack_invoice(
            "support_billing.product_support_pack_2h", partner=self.customer2
        )
        invoice.action_post()
        wallet = contract._support_wallet("time", create=False)
        # the new wallet keeps the plan's monthly grant besides the pack
        self.assertEqual((wallet.unit, wallet.period_amount), ("hour", 2.0))
        self.assertEqual(self.balance(wallet), 120)

    def test_pack_on_a_cancelled_contract_opens_no_wallet(self):
        self.contract.action_cancel()
        self.assertEqual(self.wallet.state, "closed")
        invoice = self.pack_invoice("support_billing.product_support_pack_2h")
        invoice.invoice_line_ids.support_contract_id = self.contract
        with self.assertRaises(UserError) as err:
            invoice.action_post()
        self.assertIn("is not in force", str(err.exception))
        self.assertEqual(self.contract.wallet_ids, self.wallet)

    def pack_invoice(self, xmlid, partner=None):
        pack = self.env.ref(xmlid)
        return self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or self.customer).id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": pack.id, "quantity": 1, "price_unit": 100}
                    )
                ],
            }
        )

    def test_pack_invoice_tops_up_and_credit_note_takes_back(self):
        invoice = self.pack_invoice("support_billing.product_support_pack_5h")
        self.assertEqual(self.balance(self.wallet), 0)
        invoice.action_post()
        self.assertEqual(self.balance(self.wallet), 300)
        # posting is idempotent per invoice line
        invoice._support_grant_packs()
        self.assertEqual(self.balance(self.wallet), 300)
        # reset to draft takes the pack back, posting again grants it again
        invoice.button_draft()
        self.assertEqual(self.balance(self.wallet), 0)
        invoice.action_post()
        self.assertEqual(self.balance(self.wallet), 300)
        # 45 minutes of configuration -> 255 left
        ticket = self.make_ticket(self.contract, "configuration")
        self.log(ticket, 45)
        self.assertEqual(self.balance(self.wallet), 255)
        # used credits cannot be taken back by a reset
        with self.assertRaises(UserError):
            invoice.button_draft()
        self.assertEqual(invoice.state, "posted")
        # a 2-hour pack, then its credit note
        small = self.pack_invoice("support_billing.product_support_pack_2h")
        small.action_post()
        self.assertEqual(self.balance(self.wallet), 375)
        reversal = small._reverse_moves()
        reversal.action_post()
        self.assertEqual(self.balance(self.wallet), 255)
        self.assertEqual(self.ledger_sum(self.wallet), 255)

    def test_pack_with_several_contracts_names_its_contract(self):
        other = self.make_contract(self.plan_sangoma(name="Sangoma second"))
        invoice = self.pack_invoice("support_billing.product_support_pack_10h")
        with self.assertRaises(UserError) as err:
            invoice.action_post()
        self.assertIn("Set the contract on the invoice line", str(err.exception))
        self.assertEqual(invoice.state, "draft")
        invoice.invoice_line_ids.support_contract_id = other
        invoice.action_post()
        self.assertEqual(self.balance(other._support_wallet("time")), 600)
        self.assertEqual(self.balance(self.wallet), 0)

    def test_pack_needs_a_contract(self):
        pack = self.env.ref("support_billing.product_support_pack_2h")
        stranger = self.env["res.partner"].create({"name": "No contract (test)"})
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": stranger.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": pack.id, "quantity": 1, "price_unit": 50}
                    )
                ],
            }
        )
        with self.assertRaises(UserError) as err:
            invoice.action_post()
        self.assertIn("contract", str(err.exception))
        self.assertEqual(invoice.state, "draft")
