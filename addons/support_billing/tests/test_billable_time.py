# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestBillableTime(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.infotel = cls.plan_infotel()
        cls.sangoma = cls.plan_sangoma()
        cls.webitel = cls.plan_webitel()
        cls.h2s_pro = cls.plan_h2s_pro()

    def verdicts(self, lines):
        lines.invalidate_recordset()
        return [
            (
                line.support_verdict,
                line.support_wallet_minutes,
                line.support_billable_minutes,
                line.support_amount,
            )
            for line in lines
        ]

    # --- infotel ------------------------------------------------------------

    def test_infotel_40_minutes_paid_is_one_hour_45_eur(self):
        contract = self.make_contract(self.infotel)
        ticket = self.make_ticket(contract, "configuration")
        self.agree(ticket)
        line = self.log(ticket, 40)
        self.assertEqual(self.verdicts(line), [("billable", 0, 60, 45.0)])
        self.assertEqual(line.support_rate, 45.0)
        self.assertIn("45.0", line.support_verdict_reason)

    def test_infotel_price_level(self):
        contract = self.make_contract(self.infotel, price_level=1.2)
        ticket = self.make_ticket(contract, "configuration")
        self.agree(ticket)
        line = self.log(ticket, 40)
        self.assertEqual(self.verdicts(line), [("billable", 0, 60, 54.0)])

    def test_rate_through_the_customer_pricelist(self):
        hour = self.infotel.time_product_id
        cases = [
            # (pricelist rule, price level, hourly rate, amount of 40 min -> 1 h)
            ({"compute_price": "percentage", "percent_price": 10}, 1.0, 40.5),
            ({"compute_price": "percentage", "percent_price": 10}, 1.2, 48.6),
            (
                {
                    "compute_price": "fixed",
                    "fixed_price": 50,
                    "applied_on": "0_product_variant",
                    "product_id": hour.id,
                },
                1.0,
                50.0,
            ),
            (
                {
                    "compute_price": "formula",
                    "price_discount": -20,
                    "base": "list_price",
                },
                1.0,
                54.0,
            ),
        ]
        for index, (rule, level, rate) in enumerate(cases):
            with self.subTest(rule=rule, level=level):
                customer = self.env["res.partner"].create(
                    {"name": f"Pricelist customer {index}", "is_company": True}
                )
                contact = self.env["res.partner"].create(
                    {"name": f"Contact {index}", "parent_id": customer.id}
                )
                customer.property_product_pricelist = self.env[
                    "product.pricelist"
                ].create(
                    {
                        "name": f"Support customers {index} (test)",
                        "currency_id": self.eur.id,
                        "item_ids": [Command.create(rule)],
                    }
                )
                contract = self.make_contract(
                    self.infotel, partner=customer, contact=contact, price_level=level
                )
                ticket = self.make_ticket(contract, "configuration")
                self.agree(ticket)
                line = self.log(ticket, 40)
                self.assertEqual(line.support_rate, rate)
                self.assertEqual(self.verdicts(line), [("billable", 0, 60, rate)])

    def test_infotel_quick_advice_free_up_to_15_minutes(self):
        contract = self.make_contract(self.infotel)
        ticket = self.make_ticket(contract, "consultation", support_cause="customer")
        self.agree(ticket)
        first = self.log(ticket, 15)
        self.assertEqual(self.verdicts(first), [("free", 0, 0, 0.0)])
        # beyond 15 minutes it is paid: 40 more minutes -> 1 h
        second = self.log(ticket, 40)
        self.assertEqual(self.verdicts(second), [("billable", 0, 60, 45.0)])

    def test_infotel_cause_decides_and_recomputes(self):
        contract = self.make_contract(self.infotel)
        ticket = self.make_ticket(contract, "incident")
        self.agree(ticket)
        line = self.log(ticket, 55)
        # cause unknown: free support
        self.assertEqual(self.verdicts(line), [("free", 0, 0, 0.0)])
        # the agent finds the cause at the customer's router: 15 free + 40 paid
        ticket.support_cause = "customer"
        self.assertEqual(self.verdicts(line), [("billable", 0, 60, 45.0)])
        # then the product after all: free again
        ticket.support_cause = "product"
        self.assertEqual(self.verdicts(line), [("free", 0, 0, 0.0)])

    def test_infotel_paid_work_needs_written_agreement(self):
        contract = self.make_contract(self.infotel)
        ticket = self.make_ticket(contract, "configuration")
        line = self.log(ticket, 40)
        self.assertEqual(self.verdicts(line), [("not_billable", 0, 0, 0.0)])
        self.assertIn("agreement", line.support_verdict_reason)
        # a recorded call is not "in writing"
        with self.assertRaises(UserError):
            ticket._support_record_agreement("phone")
        ticket._support_record_agreement("portal", day=self.month_start)
        self.assertEqual(self.verdicts(line), [("billable", 0, 60, 45.0)])

    def test_rounding_per_ticket(self):
        plan = self.plan_infotel(name="infotel per ticket", rounding_per_ticket=True)
        contract = self.make_contract(plan)
        ticket = self.make_ticket(contract, "configuration")
        self.agree(ticket)
        lines = self.log(ticket, 10) | self.log(ticket, 10) | self.log(ticket, 25)
        # per ticket: 45 min -> 1 h in total, the first line carries 30 min
        self.assertEqual(
            [line.support_billable_minutes for line in lines.sorted("id")], [30, 0, 30]
        )
        self.assertEqual(sum(lines.mapped("support_amount")), 45.0)

    def test_rounding_per_line(self):
        contract = self.make_contract(self.infotel)
        ticket = self.make_ticket(contract, "configuration")
        self.agree(ticket)
        lines = self.log(ticket, 10) | self.log(ticket, 10) | self.log(ticket, 25)
        self.assertEqual(sum(lines.mapped("support_billable_minutes")), 90)
        self.assertEqual(sum(lines.mapped("support_amount")), 67.5)

    def test_infotel_sla_variants_included_remote_hours(self):
        """Variant 1: 1 h a month for faults only; Variant 2: 3 h a month,
        also for configuration changes; beyond, 45 EUR an hour."""
        variants = {}
        for name, hours, config_treatment in (
            ("infotel Variant 1", 1.0, "billable"),
            ("infotel Variant 2", 3.0, "wallet"),
        ):
            variants[name] = self.make_plan(
                name,
                {
                    "currency_id": self.eur.id,
                    "hourly_rate": 45.0,
                    "rounding_step": 30,
                    "wallet_unit": "hour",
                    "wallet_period_amount": hours,
                    "recurring_fee_type": "fixed",
                    "recurring_fee": 45.0 if hours == 1.0 else 150.0,
                    "billing_rule_ids": self.rules(
                        {"support_category": "incident", "treatment": "wallet"},
                        {
                            "support_category": "configuration",
                            "treatment": config_treatment,
                        },
                    ),
                },
            )
        v1 = self.make_contract(variants["infotel Variant 1"])
        fault = self.log(self.make_ticket(v1, "incident"), 40)
        change = self.log(self.make_ticket(v1, "configuration"), 40)
        # 40 min of a fault -> 1 h from the month's hour; the change is paid
        self.assertEqual(self.verdicts(fault), [("wallet", 60, 0, 0.0)])
        self.assertEqual(self.verdicts(change), [("billable", 0, 60, 45.0)])
        v2 = self.make_contract(variants["infotel Variant 2"], partner=self.customer2)
        change2 = self.log(self.make_ticket(v2, "configuration"), 40)
        self.assertEqual(self.verdicts(change2), [("wallet", 60, 0, 0.0)])
        self.assertEqual(self.balance(v2._support_wallet("time")), 120)

    # --- Sangoma -----------------------------------------------------------

    def grant(self, wallet, minutes, reason="Pack"):
        return self.env["support.wallet.entry"].create(
            {
                "wallet_id": wallet.id,
                "kind": "grant",
                "amount": minutes,
                "reason": reason,
            }
        )

    def test_sangoma_pack_then_45_minutes_configuration(self):
        contract = self.make_contract(self.sangoma)
        wallet = contract._support_wallet("time")
        self.assertEqual(wallet.unit, "minute")
        self.grant(wallet, 300, "5-hour pack")
        ticket = self.make_ticket(contract, "configuration")
        line = self.log(ticket, 45)
        self.assertEqual(self.verdicts(line), [("wallet", 45, 0, 0.0)])
        self.assertEqual(self.balance(wallet), 255)
        self.assertEqual(self.ledger_sum(wallet), 255)
        self.assertEqual(line.support_wallet_id, wallet)

    def test_sangoma_bug_work_never_consumes(self):
        contract = self.make_contract(self.sangoma)
        wallet = contract._support_wallet("time")
        self.grant(wallet, 300)
        ticket = self.make_ticket(contract, "bug")
        line = self.log(ticket, 90)
        self.assertEqual(self.verdicts(line), [("not_billable", 0, 0, 0.0)])
        self.assertEqual(self.balance(wallet), 300)
        # a "bug" solved by standard configuration uses credits
        ticket.support_outcome = "configuration"
        self.assertEqual(self.verdicts(line), [("wallet", 90, 0, 0.0)])
        self.assertEqual(self.balance(wallet), 210)

    def test_sangoma_rnd_patch_refunds_credits(self):
        contract = self.make_contract(self.sangoma)
        wallet = contract._support_wallet("time")
        self.grant(wallet, 300)
        ticket = self.make_ticket(contract, "configuration")
        line = self.log(ticket, 45)
        self.assertEqual(self.balance(wallet), 255)
        ticket.write({"support_rnd_escalated": True, "support_outcome": "patch"})
        self.assertEqual(self.verdicts(line), [("free", 0, 0, 0.0)])
        self.assertEqual(self.balance(wallet), 300)
        kinds = wallet.entry_ids.sorted("id").mapped("kind")
        self.assertEqual(kinds, ["grant", "consumption", "refund"])
        self.assertEqual(self.ledger_sum(wallet), 300)

    def test_sangoma_line_changes_move_the_wallet(self):
        contract = self.make_contract(self.sangoma)
        wallet = contract._support_wallet("time")
        self.grant(wallet, 300)
        ticket = self.make_ticket(contract, "configuration")
        line = self.log(ticket, 45)
        line.unit_amount = 1.0
        self.assertEqual(self.balance(wallet), 240)
        line.unit_amount = 0.5
        self.assertEqual(self.balance(wallet), 270)
        line.unlink()
        self.assertEqual(self.balance(wallet), 300)
        self.assertEqual(self.ledger_sum(wallet), 300)

    def test_sangoma_short_wallet_overage(self):
        plan = self.plan_sangoma(name="Sangoma overage", hourly_rate=120.0)
        contract = self.make_contract(plan)
        wallet = contract._support_wallet("time")
        self.grant(wallet, 30)
        ticket = self.make_ticket(contract, "configuration")
        line = self.log(ticket, 45)
        # 30 credits cover 30 min; 15 min beyond the wallet at 120/h
        self.assertEqual(self.verdicts(line), [("billable", 30, 15, 30.0)])
        self.assertIn("beyond wallet", line.support_verdict_reason)
        self.assertEqual(self.balance(wallet), 0)

    def test_block_overage_leaves_time_unbilled_with_reason(self):
        plan = self.plan_sangoma(name="Sangoma strict", wallet_overage="block")
        contract = self.make_contract(plan)
        wallet = contract._support_wallet("time")
        self.grant(wallet, 30)
        ticket = self.make_ticket(contract, "configuration")
        line = self.log(ticket, 45)
        self.assertEqual(self.verdicts(line), [("not_billable", 30, 0, 0.0)])
        self.assertIn("empty", line.support_verdict_reason)

    # --- Webitel -----------------------------------------------------------

    def test_webitel_customer_defect_billed_actual_time(self):
        contract = self.make_contract(self.webitel)
        ticket = self.make_ticket(contract, "incident", support_cause="third_party")
        line = self.log(ticket, 37)
        self.assertEqual(self.verdicts(line), [("billable", 0, 37, 37.0)])
        ticket.support_cause = "product"
        self.assertEqual(self.verdicts(line), [("free", 0, 0, 0.0)])

    def test_webitel_request_quota(self):
        plan = self.plan_webitel(name="Webitel small quota", request_quota=2)
        contract = self.make_contract(plan)
        tickets = [self.make_ticket(contract, "service_request") for _i in range(2)]
        wallet = contract._support_wallet("request")
        self.assertEqual(self.balance(wallet), 0)
        self.assertEqual(
            [t.support_quota_state for t in tickets], ["counted", "counted"]
        )
        third = self.make_ticket(contract, "change")
        self.assertEqual(third.support_quota_state, "exceeded")
        line = self.log(third, 30)
        self.assertEqual(self.verdicts(line), [("billable", 0, 30, 30.0)])
        counted_line = self.log(tickets[0], 30)
        self.assertEqual(self.verdicts(counted_line), [("wallet", 0, 0, 0.0)])
        # a counted request that turns out to be an incident gives its slot back
        tickets[1].type_id = self.kinds["incident"]
        self.assertEqual(tickets[1].support_quota_state, "none")
        self.assertEqual(self.balance(wallet), 1)

    def test_request_moves_to_the_quota_of_its_new_rule(self):
        plan = self.plan_webitel(
            name="Webitel with checks",
            allowance_ids=[
                Command.create({"name": "Checks", "unit": "request", "amount": 2})
            ],
        )
        checks = plan.allowance_ids
        self.env["support.billing.rule"].create(
            {
                "plan_id": plan.id,
                "sequence": -1,
                "support_category": "maintenance",
                "treatment": "quota",
                "allowance_id": checks.id,
            }
        )
        contract = self.make_contract(plan)
        main = contract._support_wallet("request")
        check_quota = contract._support_wallet("request", allowance=checks)
        ticket = self.make_ticket(contract, "change")
        self.assertEqual(ticket.support_quota_wallet_id, main)
        self.assertEqual(self.balance(main), 29)
        self.assertFalse(check_quota.entry_ids)
        # it was a regular check: counted there, the plan's request given back
        ticket.type_id = self.kinds["maintenance"]
        self.assertEqual(
            (ticket.support_quota_state, ticket.support_quota_wallet_id),
            ("counted", check_quota),
        )
        self.assertEqual((self.balance(main), self.balance(check_quota)), (30, 1))
        # re-judging the ticket (time logged) does not count it twice
        self.log(ticket, 20)
        self.assertEqual((self.balance(main), self.balance(check_quota)), (30, 1))

    # --- H2S Pro -----------------------------------------------------------

    def test_h2s_pro_two_hours_included_then_160_an_hour(self):
        contract = self.make_contract(self.h2s_pro)
        wallet = contract._support_wallet("time")
        self.assertEqual(wallet.unit, "hour")
        ticket = self.make_ticket(contract, "incident")
        first = self.log(ticket, 90)
        second = self.log(ticket, 60)
        self.assertEqual(self.verdicts(first), [("wallet", 90, 0, 0.0)])
        self.assertEqual(self.verdicts(second), [("billable", 30, 30, 80.0)])
        self.assertEqual(self.balance(wallet), 0)
        grant = wallet.entry_ids.filtered(lambda e: e.kind == "grant")
        self.assertEqual((grant.amount, grant.expires), (120, self.month_end))
        self.assertEqual(wallet.balance_display, 0.0)

    # --- bad input ---------------------------------------------------------

    def test_negative_duration_is_rejected(self):
        contract = self.make_contract(self.infotel)
        ticket = self.make_ticket(contract, "configuration")
        with self.assertRaises(ValidationError):
            self.log(ticket, -30)

    def test_zero_duration_is_pending_timer(self):
        contract = self.make_contract(self.infotel)
        ticket = self.make_ticket(contract, "configuration")
        self.agree(ticket)
        line = self.log(ticket, 0)
        self.assertEqual(line.support_verdict, "pending")

    def test_ticket_without_contract_is_not_billable(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "No contract",
                "description": "x",
                "team_id": self.team.id,
                "project_id": self.project.id,
            }
        )
        line = self.log(ticket, 30)
        self.assertEqual(line.support_verdict, "not_billable")
        self.assertIn("contract", line.support_verdict_reason)

    # --- entitlement changes and the contract's end ------------------------

    def test_contact_authorised_after_filing_judges_the_time_again(self):
        contract = self.make_contract(self.infotel)
        dan = self.env["res.partner"].create(
            {"name": "Dan Late", "parent_id": self.customer.id}
        )
        ticket = self.make_ticket(contract, "configuration", partner=dan)
        # only an authorised contact's agreement counts
        ticket._support_record_agreement(
            "email", partner=self.contact, day=self.month_start
        )
        line = self.log(ticket, 40)
        self.assertEqual(ticket.entitlement, "not_authorised")
        self.assertEqual(self.verdicts(line), [("not_billable", 0, 0, 0.0)])
        contract.contact_ids = [Command.link(dan.id)]
        self.assertEqual(ticket.entitlement, "covered")
        self.assertEqual(self.verdicts(line), [("billable", 0, 60, 45.0)])

    def test_cancelled_contract_keeps_judged_time_and_lists_it(self):
        contract = self.make_contract(self.infotel)
        ticket = self.make_ticket(contract, "configuration", name="Dial plan")
        self.agree(ticket)
        judged = self.log(ticket, 40)
        contract.action_cancel()
        self.assertEqual(contract.date_end, self.today)
        self.assertEqual(ticket.entitlement, "no_contract")
        # Judged while the contract was in force: billed as judged.
        self.assertEqual(self.verdicts(judged), [("billable", 0, 60, 45.0)])
        note = contract.message_ids.filtered(
            lambda m: "no longer covered" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Dial plan", note.body)
        self.assertIn("1.00 h billable", note.body)
        # Time logged after the end is not billed under the contract.
        late = self.log(ticket, 30)
        self.assertEqual(self.verdicts(late), [("not_billable", 0, 0, 0.0)])
        self.assertIn("ended on", late.support_verdict_reason)
        run = self.env["support.billing.run"].create(
            {"date_from": self.month_start, "date_to": self.month_end}
        )
        run.action_run()
        self.assertTrue(judged.support_invoice_line_id)
        self.assertFalse(late.support_invoice_line_id)
        self.assertEqual(judged.support_invoice_line_id.move_id.amount_untaxed, 45.0)

    def test_judged_time_changed_after_the_end_is_not_billed(self):
        contract = self.make_contract(self.infotel)
        ticket = self.make_ticket(contract, "configuration")
        self.agree(ticket)
        line = self.log(ticket, 40)
        contract.action_cancel()
        line.unit_amount = 1.0
        self.assertEqual(self.verdicts(line), [("not_billable", 0, 0, 0.0)])
        self.assertIn("ended on", line.support_verdict_reason)

    def test_cancelled_contract_gets_no_new_wallet_or_grant(self):
        contract = self.make_contract(self.h2s_pro)
        wallet = contract._support_wallet("time")
        ticket = self.make_ticket(contract, "incident")
        contract.action_cancel()
        self.assertEqual(wallet.state, "closed")
        line = self.log(ticket, 60)
        self.assertEqual(self.verdicts(line), [("not_billable", 0, 0, 0.0)])
        self.assertEqual(contract.wallet_ids, wallet)
        self.assertFalse(contract._support_wallet("time"))
        self.assertFalse(wallet.entry_ids)
        # Even an open wallet of a contract no longer in force gets no grant.
        wallet.sudo().state = "open"
        self.env["support.wallet"]._cron_wallet_periods()
        self.assertFalse(wallet.entry_ids)

    def test_ticket_with_wallet_time_cannot_be_deleted(self):
        contract = self.make_contract(self.h2s_pro)
        ticket = self.make_ticket(contract, "incident")
        line = self.log(ticket, 90)
        self.assertEqual(self.verdicts(line), [("wallet", 90, 0, 0.0)])
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            ticket.unlink()
        self.assertTrue(line.exists())
        # Without time taken from a wallet it may go.
        line.unlink()
        ticket.unlink()
        self.assertFalse(ticket.exists())

    def test_timesheet_outside_tickets_untouched(self):
        line = self.env["account.analytic.line"].create(
            {
                "name": "Internal",
                "project_id": self.project.id,
                "employee_id": self.employee.id,
                "unit_amount": 1.0,
            }
        )
        self.assertFalse(line.support_verdict)


@tagged("post_install", "-at_install")
class TestBillingRights(BillingCommon, TransactionCase):
    """Agents log time with their own rights: they only read wallets, and
    may not write their colleagues' timesheet lines, yet the ticket is
    re-judged and the wallet moves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.contract = cls.make_contract(cls.plan_sangoma())
        cls.wallet = cls.contract._support_wallet("time")
        cls.env["support.wallet.entry"].create(
            {
                "wallet_id": cls.wallet.id,
                "kind": "grant",
                "amount": 300,
                "reason": "Pack",
            }
        )
        groups = "halo_support.group_support_user,hr_timesheet.group_hr_timesheet_user"
        cls.agents = [
            new_test_user(cls.env, login=f"billing_agent_{n}", groups=groups)
            for n in "ab"
        ]
        for agent in cls.agents:
            cls.env["hr.employee"].create({"name": agent.name, "user_id": agent.id})

    def test_agents_log_time_on_a_wallet_plan(self):
        ticket = self.make_ticket(self.contract, "configuration")
        for agent, minutes in zip(self.agents, (45, 30), strict=True):
            self.env["account.analytic.line"].with_user(agent).create(
                {
                    "name": "Configuration",
                    "ticket_id": ticket.id,
                    "project_id": self.project.id,
                    "unit_amount": minutes / 60.0,
                }
            )
        self.assertEqual(self.balance(self.wallet), 225)
        # agent a re-judges the ticket (a bug after all): b's line moves too
        ticket.with_user(self.agents[0]).type_id = self.kinds["bug"]
        lines = ticket.timesheet_ids
        self.assertEqual(set(lines.mapped("support_verdict")), {"not_billable"})
        self.assertEqual(self.balance(self.wallet), 300)
        with self.assertRaises(AccessError):
            self.env["support.wallet.entry"].with_user(self.agents[0]).create(
                {
                    "wallet_id": self.wallet.id,
                    "kind": "grant",
                    "amount": 60,
                    "reason": "x",
                }
            )
