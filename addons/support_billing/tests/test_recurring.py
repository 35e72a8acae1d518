# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestRecurringFee(BillingCommon, TransactionCase):
    """Activating a contract creates the OCA contract that invoices its fee."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()

    def fee_line(self, contract):
        oca = contract.recurring_contract_id
        self.assertTrue(oca, "activation creates the OCA contract")
        self.assertEqual(oca.partner_id, contract.partner_id)
        line = oca.contract_line_ids
        self.assertEqual(len(line), 1)
        return line

    def test_monthly_fixed_fees(self):
        cases = [
            ("H2S Pro fee", self.pln, 750.0),
            ("H2S Pro 24 fee", self.pln, 1500.0),
            ("infotel Variant 1", self.eur, 45.0),
            ("infotel Variant 2", self.eur, 150.0),
            ("infotel Variant 3", self.eur, 350.0),
        ]
        for name, currency, fee in cases:
            with self.subTest(plan=name):
                plan = self.make_plan(
                    name,
                    {
                        "currency_id": currency.id,
                        "recurring_fee_type": "fixed",
                        "recurring_fee": fee,
                    },
                )
                contract = self.make_contract(plan)
                line = self.fee_line(contract)
                self.assertEqual(line.price_unit, fee)
                self.assertEqual(line.recurring_rule_type, "monthly")
                self.assertEqual(contract.recurring_contract_id.currency_id, currency)
                self.assertEqual(contract.recurring_fee_amount, fee)

    def test_oktell_yearly_tier_by_size(self):
        plan = self.make_plan(
            "Oktell",
            {
                "recurring_fee_type": "tier",
                "recurring_rule_type": "yearly",
                "tier_ids": [
                    Command.create(
                        {
                            "name": name,
                            "amount": amount,
                            "max_employees": emp,
                            "max_calls": calls,
                            "max_complexity": level,
                            "sequence": index,
                        }
                    )
                    for index, (name, amount, emp, calls, level) in enumerate(
                        [
                            ("Level 1", 25000, 20, 100, 1),
                            ("Level 2", 46000, 50, 500, 2),
                            ("Level 3", 96000, 100, 1000, 3),
                            ("Level 4", 190000, 0, 0, 0),
                        ]
                    )
                ],
            },
        )
        cases = [
            ((10, 80, 1), 25000.0),
            ((30, 80, 1), 46000.0),
            ((10, 700, 1), 96000.0),
            ((10, 80, 4), 190000.0),
            ((120, 50, 1), 190000.0),
        ]
        for (employees, calls, complexity), fee in cases:
            with self.subTest(size=(employees, calls, complexity)):
                contract = self.make_contract(
                    plan,
                    size_employees=employees,
                    size_calls=calls,
                    size_complexity=complexity,
                )
                line = self.fee_line(contract)
                self.assertEqual(line.price_unit, fee)
                self.assertEqual(line.recurring_rule_type, "yearly")

    def test_webitel_share_of_licence_value(self):
        plan = self.plan_webitel()
        contract = self.make_contract(
            plan,
            line_ids=[
                Command.create({"product_id": self.licence.id, "licence_value": 10000}),
                Command.create({"product_id": self.card.id, "licence_value": 2500}),
            ],
        )
        self.assertEqual(self.fee_line(contract).price_unit, 2250.0)

    def test_existing_oca_contract_is_linked(self):
        plan = self.make_plan(
            "Linked", {"recurring_fee_type": "fixed", "recurring_fee": 99.0}
        )
        oca = self.env["contract.contract"].create(
            {
                "name": "Existing (test)",
                "partner_id": self.customer.id,
                "line_recurrence": True,
            }
        )
        contract = self.make_contract(
            plan, activate=False, recurring_contract_id=oca.id
        )
        contract.action_activate()
        self.assertEqual(contract.recurring_contract_id, oca)
        self.assertEqual(oca.contract_line_ids.price_unit, 99.0)
        # activating again (after a suspension) does not add a second line
        contract.action_suspend()
        contract.action_activate()
        self.assertEqual(len(oca.contract_line_ids), 1)

    def test_oca_cron_invoices_the_fee_and_cancel_stops_it(self):
        plan = self.plan_h2s_pro()
        contract = self.make_contract(plan, date_start=self.today)
        oca = contract.recurring_contract_id
        invoices = oca._recurring_create_invoice(self.today)
        self.assertEqual(len(invoices), 1)
        self.assertEqual(invoices.amount_untaxed, 750.0)
        self.assertEqual(invoices.currency_id, self.pln)
        line = oca.contract_line_ids
        paid_until = line.last_date_invoiced
        self.assertGreaterEqual(paid_until, self.today)
        contract.action_cancel()
        # stopped at the end of the period already invoiced: no further invoice
        self.assertEqual(line.date_end, paid_until)
        self.assertFalse(oca._recurring_create_invoice(paid_until))

    def test_missing_tiers_is_a_clear_error(self):
        plan = self.make_plan("No tiers", {"recurring_fee_type": "tier"})
        contract = self.make_contract(plan, activate=False)
        with self.assertRaises(UserError) as err:
            contract.action_activate()
        self.assertIn("tiers", str(err.exception))
        self.assertEqual(contract.state, "draft")
