# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""infotel (docs/vendors/infotel.md, Billing) billed from the shipped vendor pack alone.

Checks 22 policy numbers: free advice up to 15 minutes; help not related to
the products free for a pointer to the manual (10 minutes), then paid; paid service 45 EUR
an hour, in half-hour steps, times the contract's price level, agreed in
writing (5); SLA Variant 1 45 EUR a month with 1 h of remote administration
a month for faults only, Variant 2 150 EUR with 3 h, Variant 3 350 EUR with
4 h, both usable for configuration changes (9: fee, included hours and
their use per variant); Variant 3's 2 h of onsite work a month, apart from
its remote hours and not rolled over, then paid; its 2 regular PBX checks a
month, the third flagged and paid; onsite work paid per price list under
the other variants (4); a technician's travel and transport billed per
visit at the customer's pricelist (2); the draft invoice of a billing run
(1 sum).
"""

from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestVendorInfotel(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs(["infotel"])
        cls.setup_billing()
        cls.plans = {
            code: cls.env.ref(f"halo_support.plan_infotel_{code}")
            for code in ("free", "paid", "v1", "v2", "v3")
        }
        cls.pbx = cls.env["product.product"].create(
            {
                "name": "PBX (infotel test)",
                "categ_id": cls.env.ref("halo_support.categ_infotel_pbx").id,
            }
        )

    def contract(self, code, **vals):
        partner, contact = self.make_customer(f"infotel {code} customer (test)")
        return self.make_contract(
            self.plans[code],
            partner=partner,
            contact=contact,
            line_ids=[
                Command.create(
                    {
                        "product_id": self.pbx.id,
                        "serial": f"PBX-{code}",
                        "purchase_date": self.today - timedelta(days=100),
                    }
                )
            ],
            **vals,
        )

    def ticket(self, contract, category, **vals):
        ticket = self.make_ticket(
            contract, category, support_product_line_id=contract.line_ids.id, **vals
        )
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        return ticket

    def verdict(self, line):
        line.invalidate_recordset()
        return (
            line.support_verdict,
            line.support_wallet_minutes,
            line.support_billable_minutes,
            line.support_amount,
        )

    # --- free support and paid service ---------------------------------------

    def test_free_advice_up_to_15_minutes_then_paid(self):
        for code in ("free", "paid"):
            with self.subTest(plan=code):
                contract = self.contract(code)
                advice = self.ticket(contract, "consultation")
                self.agree(advice)
                self.assertEqual(self.verdict(self.log(advice, 50))[0], "free")
                # the cause is the customer's router: 15 minutes stay free
                router = self.ticket(contract, "incident", support_cause="customer")
                self.agree(router)
                self.assertEqual(self.verdict(self.log(router, 15)), ("free", 0, 0, 0))
                # 40 more minutes are paid: one hour in half-hour steps
                self.assertEqual(
                    self.verdict(self.log(router, 40)), ("billable", 0, 60, 45.0)
                )

    def test_unrelated_help_pointer_free_then_paid(self):
        # The WAV-to-GSM question: the product manager points to the manual
        # (its first 10 minutes, the rule's free minutes); further help is
        # paid service, from the customer's agreement in writing.
        unrelated = self.env.ref("halo_support.ticket_type_unrelated_software")
        for code in ("free", "paid", "v2"):
            with self.subTest(plan=code):
                contract = self.contract(code)
                ticket = self.ticket(contract, "consultation", type_id=unrelated.id)
                self.assertEqual(self.verdict(self.log(ticket, 10)), ("free", 0, 0, 0))
                further = self.log(ticket, 20)
                self.assertEqual(
                    self.verdict(further), ("not_billable", 0, 0, 0), "no agreement"
                )
                self.agree(ticket)
                self.assertEqual(self.verdict(further), ("billable", 0, 30, 22.5))
                # another consultation stays free advice, whatever its length
                advice = self.ticket(contract, "consultation")
                self.agree(advice)
                self.assertEqual(self.verdict(self.log(advice, 40))[0], "free")

    def test_paid_45_an_hour_in_half_hour_steps(self):
        contract = self.contract("paid")
        ticket = self.ticket(contract, "configuration")
        self.agree(ticket)
        cases = [(10, 30, 22.5), (30, 30, 22.5), (31, 60, 45.0), (95, 120, 90.0)]
        for minutes, billed, amount in cases:
            with self.subTest(minutes=minutes):
                self.assertEqual(
                    self.verdict(self.log(ticket, minutes)),
                    ("billable", 0, billed, amount),
                )

    def test_price_level(self):
        contract = self.contract("paid", price_level=1.2)
        ticket = self.ticket(contract, "configuration")
        self.agree(ticket)
        self.assertEqual(self.verdict(self.log(ticket, 40)), ("billable", 0, 60, 54.0))

    def test_paid_service_agreed_in_writing(self):
        contract = self.contract("paid")
        ticket = self.ticket(contract, "configuration")
        line = self.log(ticket, 40)
        self.assertEqual(self.verdict(line)[0], "not_billable")
        with self.assertRaises(UserError):
            ticket._support_record_agreement("phone")
        ticket._support_record_agreement("email", day=self.month_start)
        self.assertEqual(self.verdict(line), ("billable", 0, 60, 45.0))

    # --- SLA variants -------------------------------------------------------

    def test_variants_fee_and_included_hours(self):
        variants = {"v1": (45.0, 1.0, False), "v2": (150.0, 3.0, True)}
        variants["v3"] = (350.0, 4.0, True)
        for code, (fee, hours, changes) in variants.items():
            with self.subTest(variant=code):
                contract = self.contract(code)
                line = contract.recurring_contract_id.contract_line_ids
                self.assertEqual(
                    (line.price_unit, line.recurring_rule_type), (fee, "monthly")
                )
                invoice = contract.recurring_contract_id._recurring_create_invoice(
                    self.today
                )
                self.assertEqual(
                    (invoice.amount_untaxed, invoice.currency_id), (fee, self.eur)
                )
                wallet = contract._support_wallet("time")
                self.assertEqual((wallet.unit, wallet.period_amount), ("hour", hours))
                full = round(hours * 60)
                # a fault uses the included remote administration
                fault = self.ticket(contract, "incident")
                self.assertEqual(
                    self.verdict(self.log(fault, 40)), ("wallet", 60, 0, 0.0)
                )
                change = self.ticket(contract, "configuration")
                self.agree(change)
                change_line = self.log(change, 20)
                if changes:
                    self.assertEqual(self.verdict(change_line), ("wallet", 30, 0, 0))
                    left = full - 90
                else:
                    # Variant 1: included hours are for faults only
                    self.assertEqual(
                        self.verdict(change_line), ("billable", 0, 30, 22.5)
                    )
                    left = full - 60
                self.assertEqual(self.balance(wallet), left)
                # the rest of the month's hours, then paid service at 45 EUR an
                # hour, agreed in writing like any paid service
                if left:
                    rest = self.log(fault, left)
                    self.assertEqual(self.verdict(rest), ("wallet", left, 0, 0.0))
                beyond = self.log(fault, 30)
                self.assertEqual(self.verdict(beyond), ("not_billable", 0, 0, 0.0))
                self.agree(fault)
                self.assertEqual(self.verdict(beyond), ("billable", 0, 30, 22.5))
                self.assertEqual(self.balance(wallet), 0)

    def test_variant3_onsite_work_and_pbx_checks(self):
        contract = self.contract("v3")
        onsite = self.env.ref("support_billing.allowance_infotel_v3_onsite")
        checks = self.env.ref("support_billing.allowance_infotel_v3_pbx_check")
        remote = contract._support_wallet("time")
        work = contract._support_wallet("time", allowance=onsite)
        quota = contract._support_wallet("request", allowance=checks)
        self.assertEqual(
            [(w.unit, w.period_amount, w.period_rollover) for w in (work, quota)],
            [("hour", 2.0, False), ("request", 2.0, False)],
        )
        # a fault: an hour of remote administration, then 90 minutes onsite
        fault = self.ticket(contract, "incident")
        self.assertEqual(self.verdict(self.log(fault, 60)), ("wallet", 60, 0, 0.0))
        visit = self.log(fault, 90, support_onsite=True)
        self.assertEqual(self.verdict(visit), ("wallet", 90, 0, 0.0))
        self.assertEqual(visit.support_wallet_id, work)
        self.assertEqual((self.balance(remote), self.balance(work)), (180, 30))
        # two regular PBX checks a month are included; their onsite work comes
        # from the same 2 hours, then it is paid per price list
        pbx_check = self.env.ref("halo_support.ticket_type_infotel_pbx_check")
        tickets = [
            self.ticket(contract, "maintenance", type_id=pbx_check.id)
            for _check in range(3)
        ]
        first, second, third = tickets
        self.assertEqual(
            [t.support_quota_state for t in tickets],
            ["counted", "counted", "exceeded"],
        )
        self.assertEqual(self.balance(quota), 0)
        # a counted check's own time is part of the request
        counted = self.log(first, 10)
        self.assertEqual(self.verdict(counted), ("wallet", 0, 0, 0.0))
        self.assertEqual(counted.support_wallet_id, quota)
        self.assertEqual(
            self.verdict(self.log(first, 30, support_onsite=True)),
            ("wallet", 30, 0, 0.0),
        )
        beyond = self.log(second, 45, support_onsite=True)
        self.assertEqual(self.verdict(beyond), ("not_billable", 0, 0, 0.0))
        self.agree(second)
        self.assertEqual(self.verdict(beyond), ("billable", 0, 60, 45.0))
        # the third check of the month is flagged; its remote time is paid
        self.agree(third)
        self.assertEqual(self.verdict(self.log(third, 20)), ("billable", 0, 30, 22.5))
        self.assertEqual((self.balance(remote), self.balance(work)), (180, 0))
        # next month: 2 new hours of onsite work, the unused rest never rolls over
        next_month = self.month_end + timedelta(days=1)
        for wallet, amount in ((work, 120), (quota, 2), (remote, 240)):
            wallet._lock()
            wallet._prepare_period(next_month)
            self.assertEqual(self.balance(wallet), amount, wallet.name)

    def test_variant3_line_marked_onsite_later_changes_wallet(self):
        contract = self.contract("v3")
        onsite = self.env.ref("support_billing.allowance_infotel_v3_onsite")
        remote = contract._support_wallet("time")
        work = contract._support_wallet("time", allowance=onsite)
        fault = self.ticket(contract, "incident")
        line = self.log(fault, 45)  # a half-hour step: one hour
        self.assertEqual(line.support_wallet_id, remote)
        line.support_onsite = True
        self.assertEqual(self.verdict(line), ("wallet", 60, 0, 0.0))
        self.assertEqual(line.support_wallet_id, work)
        # the remote hours got their hour back, through the ledger
        self.assertEqual((self.balance(remote), self.balance(work)), (240, 60))
        self.assertEqual(self.ledger_sum(remote), 240)
        self.assertEqual(
            remote.entry_ids.filtered(lambda e: e.kind == "refund").amount, 60
        )

    def test_onsite_work_paid_under_the_other_variants(self):
        for code in ("paid", "v1", "v2"):
            with self.subTest(plan=code):
                contract = self.contract(code)
                fault = self.ticket(contract, "incident")
                self.agree(fault)
                visit = self.log(fault, 40, support_onsite=True)
                self.assertEqual(self.verdict(visit), ("billable", 0, 60, 45.0))
                # the included remote hours are not touched
                self.assertFalse(visit.support_wallet_id)
                self.assertFalse(
                    contract.wallet_ids.entry_ids.filtered(
                        lambda e: e.kind == "consumption"
                    )
                )

    # --- technician dispatch: travel per price list -------------------------

    def visit(self, contract):
        """A completed technician's visit for a fault of ``contract``."""
        fault = self.ticket(contract, "incident")
        location = self.env["fsm.location"].create(
            {
                "name": f"Site of {contract.partner_id.name}",
                "owner_id": contract.partner_id.id,
            }
        )
        start = datetime.combine(self.today, datetime.min.time()) + timedelta(hours=8)
        order = self.env["fsm.order"].create(
            {
                "ticket_id": fault.id,
                "location_id": location.id,
                "scheduled_date_start": start,
                "scheduled_date_end": start + timedelta(hours=3),
                "date_start": start,
                "date_end": start + timedelta(hours=3),
            }
        )
        order.action_complete()
        return order

    def run_billing(self):
        run = self.env["support.billing.run"].create(
            {"date_from": self.month_start, "date_to": self.month_end}
        )
        run.action_run()
        return run

    def test_technician_travel_per_customer_pricelist(self):
        travel = self.env.ref("support_billing.product_infotel_travel_time")
        transport = self.env.ref("support_billing.product_infotel_transport")
        travel.list_price = 30.0
        transport.list_price = 20.0
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "infotel partner prices (test)",
                "currency_id": self.eur.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": travel.id,
                            "compute_price": "fixed",
                            "fixed_price": 24.0,
                        }
                    ),
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": transport.id,
                            "compute_price": "percentage",
                            "percent_price": 50.0,
                        }
                    ),
                ],
            }
        )
        listed = self.contract("v1")
        priced = self.contract("v3")
        priced.partner_id.property_product_pricelist = pricelist
        orders = {contract: self.visit(contract) for contract in (listed, priced)}
        for order in orders.values():
            self.assertTrue(order.support_billable)
            self.assertFalse(order.support_plan_id)  # no day rate: work is time
        run = self.run_billing()
        self.assertFalse(run.error_message)
        # list prices are in the company's currency, the plans bill in EUR
        company = self.env.company

        def eur(amount):
            return company.currency_id._convert(amount, self.eur, company, self.today)

        for contract, expected in (
            (listed, {travel: eur(30.0), transport: eur(20.0)}),
            (priced, {travel: 24.0, transport: eur(20.0) / 2}),
        ):
            with self.subTest(customer=contract.partner_id.name):
                move = self.env["account.move"].search(
                    [("support_contract_id", "=", contract.id)]
                )
                prices = {
                    line.product_id: line.price_unit for line in move.invoice_line_ids
                }
                self.assertEqual(set(prices), set(expected))
                for product, price in expected.items():
                    self.assertAlmostEqual(prices[product], price, places=2)
                self.assertEqual(move.currency_id, self.eur)
                self.assertEqual(orders[contract].support_invoice_line_id.move_id, move)
        # billed once: running again adds nothing
        run.action_run()
        moves = self.env["account.move"].search(
            [("support_contract_id", "in", (listed | priced).ids)]
        )
        self.assertEqual(len(moves.invoice_line_ids), 4)

    def test_technician_travel_without_a_price_is_not_billed(self):
        contract = self.contract("v2")
        order = self.visit(contract)
        run = self.run_billing()
        self.assertIn("Travel price", run.error_message)
        self.assertIn(contract.name, run.error_message)
        self.assertFalse(order.support_invoice_line_id)

    # --- billing run --------------------------------------------------------

    def test_billing_run_draft_invoice(self):
        contract = self.contract("paid", price_level=1.2)
        config = self.ticket(contract, "configuration")
        router = self.ticket(contract, "incident", support_cause="customer")
        for ticket in config | router:
            self.agree(ticket)
        self.log(config, 40)  # 1 h x 54
        self.log(router, 55)  # 15 free + 40 paid: 1 h x 54
        self.log(self.ticket(contract, "consultation"), 20)  # free advice
        run = self.env["support.billing.run"].create(
            {"date_from": self.month_start, "date_to": self.month_end}
        )
        run.action_run()
        invoice = self.env["account.move"].search(
            [("support_contract_id", "=", contract.id)]
        )
        self.assertEqual(
            (invoice.state, invoice.currency_id, invoice.amount_untaxed),
            ("draft", self.eur, 108.0),
        )
        self.assertEqual(len(invoice.invoice_line_ids), 2)

    def test_billing_run_posts_time_at_any_price_level(self):
        # 51.75 EUR an hour: half hours of 25.875 are no whole cents
        contract = self.contract("paid", price_level=1.15)
        config = self.ticket(contract, "configuration")
        self.agree(config)
        self.log(config, 37)  # 1 h: 51.75
        self.log(config, 67)  # 1.5 h: 77.63
        self.log(config, 10)  # 0.5 h: 25.88
        move = self.bill_and_post(contract)
        self.assertEqual(move.amount_untaxed, 155.26)
        self.assertEqual(move.currency_id, self.eur)

    # --- consent at the moment free turns paid (issue 12, point 1) ----------

    def test_customer_asked_when_quick_support_turns_paid(self):
        """The page: "our worker contacts the customer at the moment quick
        support turns into paid service"; paid service "is agreed in
        writing (e-mail), by the ticket portal"."""
        contract = self.contract("free")
        contact = contract.contact_ids
        ticket = self.ticket(contract, "incident", support_cause="customer")
        self.log(ticket, 10)
        self.assertEqual(ticket.support_consent_state, "none")
        # the 15 free minutes used up: asked before the next, paid, minute
        self.log(ticket, 5)
        self.assertEqual(ticket.support_consent_state, "requested")
        asked = self.log(ticket, 40)
        self.assertEqual(self.verdict(asked), ("not_billable", 0, 0, 0))
        # logged half an hour before the customer's answer
        asked.flush_recordset()
        self.env.cr.execute(
            "UPDATE account_analytic_line SET create_date = create_date - "
            "interval '30 minutes' WHERE id = %s",
            [asked.id],
        )
        asked.invalidate_recordset(["create_date"])
        with self.assertRaisesRegex(UserError, "in writing"):
            ticket._support_consent_decide("accept", "phone", contact)
        ticket._support_consent_decide("accept", "email", contact)
        self.assertEqual(ticket.support_consent_state, "accepted")
        self.assertEqual(self.verdict(asked), ("not_billable", 0, 0, 0))
        self.assertEqual(self.verdict(self.log(ticket, 40)), ("billable", 0, 60, 45.0))

    def test_refused_paid_service_is_not_billed(self):
        contract = self.contract("paid")
        ticket = self.ticket(contract, "configuration")
        self.log(ticket, 20)
        self.assertEqual(ticket.support_consent_state, "requested")
        ticket._support_consent_decide("refuse", "portal", contract.contact_ids)
        line = self.log(ticket, 60)
        self.assertEqual(self.verdict(line), ("not_billable", 0, 0, 0))
        self.assertEqual(line.support_verdict_code, "consent_refused")
