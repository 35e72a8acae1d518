# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Halo Kwadrat (docs/vendors/halo_kwadrat.md, Billing) billed from the shipped vendor pack alone.

Checks 24 policy numbers: H2S Free 0 zł; Flexible 160 zł/h, the 5-hour
threshold, refused 400 zł, accepted and solved 1500 zł, accepted and not
solved 400 zł, terms accepted before the work (7); Pro 750 zł/month, 2 h
included a month, 160 zł beyond (3); Pro 24 1500 zł/month, 2 h included,
160 zł beyond (3); Onsite 1280 zł/day, minimum 1 day (2); Start 500 zł/day,
minimum 1 day, once per product family (3); travel Mazowieckie 0 zł, the five
neighbouring voivodeships 300 zł, any other 500 zł (3: every voivodeship of
the table checked); the draft invoice of a billing run (flexible 480 + 400,
onsite 2 x 1280 + 300, Pro 30 min beyond the wallet 80) (3 sums).
"""

import base64
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon

PORTAL = "helpdesk_mgmt.helpdesk_ticket_channel_web"
EMAIL = "helpdesk_mgmt.helpdesk_ticket_channel_email"


@tagged("post_install", "-at_install")
class TestVendorHaloKwadrat(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs(["halo_kwadrat"])
        cls.setup_billing()
        cls.plans = {
            code: cls.env.ref(f"halo_support.plan_h2s_{code}")
            for code in ("free", "flexible", "pro", "pro24", "onsite", "start")
        }
        cls.families = {
            code: cls.env.ref(f"halo_support.categ_{code}")
            for code in ("sangoma_cards", "patton_smartnode", "3cx")
        }
        cls.products = {
            code: cls.env["product.product"].create(
                {"name": f"{categ.name} (test)", "categ_id": categ.id}
            )
            for code, categ in cls.families.items()
        }
        cls.states = {
            code: cls.env.ref(f"l10n_pl.state_pl_{code}")
            for code in ("mz", "ld", "sk", "mp", "wp", "sl", "pm", "ds", "zp")
        }

    # --- helpers ------------------------------------------------------------

    def contract(self, code, partner=None, products=(("sangoma_cards", 10),)):
        """A contract on ``plan_h2s_<code>`` covering products bought from us
        ``days`` ago."""
        if partner:
            contact = self.env["res.partner"].create(
                {"name": f"Contact of {partner.name}", "parent_id": partner.id}
            )
        else:
            partner, contact = self.make_customer(f"H2S {code} customer (test)")
        return self.make_contract(
            self.plans[code],
            partner=partner,
            contact=contact,
            line_ids=[
                Command.create(
                    {
                        "product_id": self.products[family].id,
                        "serial": f"{code.upper()}-{index}",
                        "purchase_date": self.today - timedelta(days=days),
                        "bought_from_us": True,
                    }
                )
                for index, (family, days) in enumerate(products)
            ],
        )

    def ticket(self, contract, category="incident", line=None, channel=EMAIL):
        ticket = self.make_ticket(
            contract,
            category,
            support_product_line_id=(line or contract.line_ids[:1]).id,
            channel_id=self.env.ref(channel).id,
        )
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        return ticket

    def amounts(self, ticket):
        ticket.timesheet_ids.invalidate_recordset()
        return sum(ticket.timesheet_ids.mapped("support_amount"))

    def site(self, state_code, partner):
        return self.env["fsm.location"].create(
            {
                "name": f"Site {state_code} (test)",
                "owner_id": partner.id,
                "country_id": self.poland.id,
                "state_id": self.states[state_code].id,
            }
        )

    def order(self, ticket, location, days=1, done=False):
        start = datetime.combine(self.today, datetime.min.time()) + timedelta(hours=8)
        end = start + timedelta(days=days - 1, hours=8)
        vals = {
            "ticket_id": ticket.id,
            "location_id": location.id,
            "scheduled_date_start": start,
            "scheduled_date_end": end,
        }
        if done:
            vals.update(date_start=start, date_end=end)
        order = self.env["fsm.order"].create(vals)
        if done:
            order.action_complete()
        return order

    def flexible_case(self, contract):
        ticket = self.ticket(contract)
        self.agree(ticket, channel="portal")
        ticket.action_success_fee_accept_order()
        return ticket

    def report(self, ticket):
        ticket.success_fee_report_id = self.env["ir.attachment"].create(
            {"name": "report.pdf", "datas": base64.b64encode(b"%PDF report")}
        )
        ticket.action_success_fee_send_report()

    # --- H2S Free -----------------------------------------------------------

    def test_free_costs_nothing(self):
        contract = self.contract("free")
        ticket = self.ticket(contract, channel=PORTAL)
        line = self.log(ticket, 150)
        self.assertEqual(line.support_verdict, "free")
        self.assertEqual(self.amounts(ticket), 0.0)
        self.assertFalse(contract.recurring_contract_id)
        self.assertEqual(contract.recurring_fee_amount, 0.0)
        self.assertFalse(contract._support_wallet("time"))

    # --- H2S Flexible -------------------------------------------------------

    def test_flexible_terms(self):
        plan = self.plans["flexible"]
        self.assertEqual(
            (
                plan.hourly_rate,
                plan.success_fee_threshold,
                plan.success_fee_refused,
                plan.success_fee_solved,
                plan.success_fee_not_solved,
            ),
            (160.0, 5.0, 400.0, 1500.0, 400.0),
        )

    def test_flexible_terms_accepted_before_work(self):
        ticket = self.ticket(self.contract("flexible"))
        with self.assertRaises(UserError):
            ticket.action_success_fee_accept_order()
        line = self.log(ticket, 60)
        self.assertNotEqual(line.support_verdict, "billable")
        self.assertEqual(self.amounts(ticket), 0.0)

    def test_flexible_acceptance_starts_clock_and_hourly_billing_at_once(self):
        """Accepting a Flexible order is one action: the reaction clock
        starts and the hourly billing opens at the same moment, whether the
        agent uses the ticket's button or records the SLA event; neither
        happens without the other, and an order is accepted once."""

        def reaction(ticket):
            return ticket.sla_ids.filtered(lambda c: c.metric == "reaction")

        contract = self.contract("flexible")
        by_button, by_event = self.ticket(contract), self.ticket(contract)
        for ticket in (by_button, by_event):
            self.assertFalse(reaction(ticket))
            self.assertEqual(ticket.success_fee_state, "none")
        # the terms not yet accepted: refused on both paths, nothing recorded
        with self.assertRaises(UserError):
            by_button.action_support_accept_order()
        wizard = self.env["support.sla.event.wizard"].create(
            {"ticket_ids": [Command.set(by_event.ids)], "code": "order_accepted"}
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        for ticket in (by_button, by_event):
            self.assertFalse(reaction(ticket))
            self.assertEqual(ticket.success_fee_state, "none")
            self.assertFalse(ticket.support_order_accepted_at)
            self.agree(ticket, channel="portal")
        by_button.action_support_accept_order()
        wizard.action_confirm()
        for ticket in (by_button, by_event):
            with self.subTest(ticket=ticket.name):
                self.assertTrue(ticket.support_order_accepted_at)
                self.assertEqual(ticket.success_fee_state, "hourly")
                self.assertEqual(
                    reaction(ticket).start_date, ticket.support_order_accepted_at
                )
                # once: neither path accepts it again
                with self.assertRaises(UserError):
                    ticket.action_success_fee_accept_order()
                with self.assertRaises(UserError):
                    ticket._sla_record_event("order_accepted")
                self.assertEqual(len(reaction(ticket)), 1)
                # the hourly billing is open: an hour solved is 160 zł
                self.log(ticket, 60)
                ticket.action_success_fee_solve()
                self.assertEqual(self.amounts(ticket), 160.0)

    def test_flexible_solved_within_5_hours_160_an_hour(self):
        ticket = self.flexible_case(self.contract("flexible"))
        self.log(ticket, 120)
        self.log(ticket, 60)
        ticket.action_success_fee_solve()
        self.assertEqual(self.amounts(ticket), 480.0)  # 3 h x 160
        self.assertEqual(ticket.success_fee_amount, 0.0)

    def test_flexible_hourly_stops_at_5_hours(self):
        ticket = self.flexible_case(self.contract("flexible"))
        self.log(ticket, 290)
        self.log(ticket, 50)
        ticket.action_success_fee_solve()
        self.assertEqual(self.amounts(ticket), 800.0)  # 5 h x 160

    def test_flexible_report_needs_5_hours(self):
        ticket = self.flexible_case(self.contract("flexible"))
        self.log(ticket, 299)
        with self.assertRaises(UserError):
            self.report(ticket)
        self.log(ticket, 1)
        self.report(ticket)
        self.assertEqual(ticket.success_fee_state, "report_sent")

    def test_flexible_success_fee_outcomes(self):
        contract = self.contract("flexible")
        cases = {
            "refused": ("action_success_fee_customer_refuse", None, 400.0),
            "solved": ("action_success_fee_customer_accept", "solve", 1500.0),
            "diagnosis": ("action_success_fee_customer_accept", "diagnosis", 1500.0),
            "not_solved": ("action_success_fee_customer_accept", "fail", 400.0),
        }
        for name, (decision, outcome, fee) in cases.items():
            with self.subTest(case=name):
                ticket = self.flexible_case(contract)
                self.log(ticket, 300)
                self.report(ticket)
                getattr(ticket, decision)()
                self.log(ticket, 120)
                if outcome:
                    getattr(ticket, f"action_success_fee_{outcome}")()
                self.assertEqual(ticket.success_fee_amount, fee)
                self.assertEqual(self.amounts(ticket), 0.0)

    # --- H2S Pro, Pro 24 ----------------------------------------------------

    def test_pro_and_pro24_fee_hours_and_rate(self):
        for code, fee in (("pro", 750.0), ("pro24", 1500.0)):
            with self.subTest(plan=code):
                contract = self.contract(code)
                oca = contract.recurring_contract_id
                line = oca.contract_line_ids
                self.assertEqual(
                    (line.price_unit, line.recurring_rule_type), (fee, "monthly")
                )
                invoice = oca._recurring_create_invoice(self.today)
                self.assertEqual(len(invoice), 1)
                self.assertEqual(invoice.amount_untaxed, fee)
                self.assertEqual(invoice.currency_id, self.pln)
                wallet = contract._support_wallet("time")
                self.assertEqual((wallet.unit, wallet.period_amount), ("hour", 2.0))
                ticket = self.ticket(contract)
                first = self.log(ticket, 90)
                second = self.log(ticket, 60)
                self.assertEqual(first.support_amount, 0.0)
                # 30 minutes left in the month's 2 hours, 30 at 160 zł/h
                self.assertEqual(
                    (second.support_wallet_minutes, second.support_billable_minutes),
                    (30, 30),
                )
                self.assertEqual(second.support_amount, 80.0)
                self.assertEqual(self.balance(wallet), 0)

    def pay(self, invoice, amount):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount})._create_payments()

    def test_pro_starts_when_the_first_month_is_paid(self):
        """Pro and Pro 24: "support starts once the contract is signed and
        the first month is paid"; a request before it is kept and told why,
        and covered once the first invoice is paid in full."""
        for code, fee in (("pro", 750.0), ("pro24", 1500.0)):
            with self.subTest(plan=code):
                self.assertTrue(self.plans[code].start_on_first_payment)
                partner, contact = self.make_customer(f"H2S {code} signed (test)")
                contract = self.make_contract(
                    self.plans[code],
                    partner=partner,
                    contact=contact,
                    activate=False,
                    date_start=self.today,
                    line_ids=[
                        Command.create(
                            {
                                "product_id": self.products["3cx"].id,
                                "serial": f"SIGNED-{code}",
                            }
                        )
                    ],
                )
                contract.action_activate()
                self.assertEqual(contract.state, "awaiting_payment")
                self.assertFalse(contract._support_wallet("time", create=False))
                ticket = self.make_ticket(
                    contract,
                    support_product_line_id=contract.line_ids.id,
                    channel_id=self.env.ref(EMAIL).id,
                )
                self.assertEqual(ticket.support_contract_id, contract)
                self.assertEqual(ticket.entitlement, "no_contract")
                self.assertEqual(ticket.entitlement_reason_code, "awaiting_payment")
                self.assertIn("first invoice is paid", ticket.entitlement_reason)
                invoice = contract.recurring_contract_id._recurring_create_invoice(
                    self.today
                )
                if invoice.state == "draft":
                    invoice.action_post()
                self.assertEqual(invoice.amount_untaxed, fee)
                # a partial payment is not the first month paid
                self.pay(invoice, 100.0)
                self.assertEqual(invoice.payment_state, "partial")
                self.assertEqual(contract.state, "awaiting_payment")
                self.pay(invoice, invoice.amount_residual)
                self.assertIn(invoice.payment_state, ("paid", "in_payment"))
                self.assertEqual(contract.state, "active")
                self.assertEqual(ticket.entitlement, "covered")
                wallet = contract._support_wallet("time", create=False)
                self.assertEqual((wallet.unit, wallet.period_amount), ("hour", 2.0))

    # --- H2S Onsite, Start, travel -----------------------------------------

    def test_onsite_days_and_travel_by_voivodeship(self):
        contract = self.contract("onsite")
        ticket = self.ticket(contract)
        travel = {"mz": 0.0, "ld": 300.0, "sk": 300.0, "mp": 300.0, "wp": 300.0}
        travel.update(sl=300.0, pm=500.0, ds=500.0, zp=500.0)
        for code, cost in travel.items():
            with self.subTest(voivodeship=code):
                order = self.order(ticket, self.site(code, contract.partner_id))
                self.assertEqual(order.support_travel_amount, cost)
                self.assertEqual(order.support_days, 1)
                self.assertEqual(order.support_onsite_amount, 1280.0)
        order = self.order(ticket, self.site("ld", contract.partner_id), days=3)
        self.assertEqual(order.support_onsite_amount, 3840.0)

    def test_start_500_a_day_once_per_family(self):
        contract = self.contract(
            "start", products=(("sangoma_cards", 10), ("patton_smartnode", 5))
        )
        card, smartnode = contract.line_ids.sorted("id")
        order = self.order(
            self.ticket(contract, "configuration", card),
            self.site("mz", contract.partner_id),
        )
        self.assertEqual((order.support_days, order.support_onsite_amount), (1, 500.0))
        self.assertEqual(order.support_travel_amount, 0.0)
        with self.assertRaises(ValidationError):
            self.order(
                self.ticket(contract, "configuration", card),
                self.site("mz", contract.partner_id),
            )
        other = self.order(
            self.ticket(contract, "configuration", smartnode),
            self.site("pm", contract.partner_id),
        )
        self.assertEqual(
            (other.support_onsite_amount, other.support_travel_amount), (500.0, 500.0)
        )

    def test_start_first_day_500_further_days_at_the_onsite_rate(self):
        """H2S Start read as the first day at 500 zł and further days at the
        H2S Onsite rate (1280 zł), shown on the visit and invoiced so."""
        start = self.plans["start"]
        self.assertEqual(
            (start.onsite_day_rate, start.onsite_further_day_rate), (500.0, 1280.0)
        )
        self.assertEqual(
            start.onsite_further_day_rate, self.plans["onsite"].onsite_day_rate
        )
        contract = self.contract("start")
        order = self.order(
            self.ticket(contract, "configuration"),
            self.site("ld", contract.partner_id),
            days=3,
            done=True,
        )
        self.assertEqual(order.support_days, 3)
        self.assertEqual(
            (order.support_day_rate, order.support_further_day_rate), (500.0, 1280.0)
        )
        self.assertEqual(order.support_onsite_amount, 3060.0)  # 500 + 2 x 1280
        self.env["support.billing.run"].create(
            {"date_from": self.month_start, "date_to": self.month_end}
        ).action_run()
        invoice = self.env["account.move"].search(
            [("support_contract_id", "=", contract.id)]
        )
        self.assertEqual(invoice.amount_untaxed, 3360.0)  # 3060 + 300 travel
        self.assertEqual(
            sorted(invoice.invoice_line_ids.mapped("price_subtotal")),
            [300.0, 500.0, 2560.0],
        )
        self.assertEqual(order.support_invoice_line_id.price_subtotal, 500.0)

    # --- billing run --------------------------------------------------------

    def test_billing_run_draft_invoices(self):
        flexible = self.contract("flexible")
        solved = self.flexible_case(flexible)
        self.log(solved, 180)
        solved.action_success_fee_solve()
        refused = self.flexible_case(flexible)
        self.log(refused, 300)
        self.report(refused)
        refused.action_success_fee_customer_refuse()
        onsite = self.contract("onsite")
        self.order(
            self.ticket(onsite), self.site("sl", onsite.partner_id), days=2, done=True
        )
        pro = self.contract("pro")
        pro_ticket = self.ticket(pro)
        self.log(pro_ticket, 150)
        run = self.env["support.billing.run"].create(
            {"date_from": self.month_start, "date_to": self.month_end}
        )
        run.action_run()

        def invoice(contract):
            return self.env["account.move"].search(
                [("support_contract_id", "=", contract.id)]
            )

        self.assertEqual(invoice(flexible).amount_untaxed, 880.0)  # 480 + 400
        self.assertEqual(invoice(onsite).amount_untaxed, 2860.0)  # 2 x 1280 + 300
        self.assertEqual(
            sorted(invoice(onsite).invoice_line_ids.mapped("price_subtotal")),
            [300.0, 2560.0],
        )
        self.assertEqual(invoice(pro).amount_untaxed, 80.0)  # 30 min beyond 2 h
        for move in invoice(flexible) | invoice(onsite) | invoice(pro):
            self.assertEqual(
                (move.state, move.move_type, move.currency_id),
                ("draft", "out_invoice", self.pln),
            )

    def test_billing_run_posts_time_to_the_minute(self):
        flexible = self.contract("flexible")
        case = self.flexible_case(flexible)
        self.log(case, 37)  # 98.67 zł
        self.log(case, 67)  # 1 h 07: 178.67 zł
        case.action_success_fee_solve()
        pro = self.contract("pro")
        ticket = self.ticket(pro)
        self.log(ticket, 120)  # the month's 2 hours
        self.log(ticket, 37)  # beyond: 98.67 zł
        self.log(ticket, 67)  # 178.67 zł
        moves = self.bill_and_post(flexible | pro)
        self.assertEqual(sorted(moves.mapped("amount_untaxed")), [277.34, 277.34])
        self.assertEqual(set(moves.mapped("currency_id")), {self.pln})
