# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Oktell via sipnet (docs/vendors/oktell.md, Billing) billed from the shipped vendor pack alone.

Checks 16 policy numbers: the yearly prices 25 000, 46 000, 96 000 and
190 000 Kč (4); the employee limits 20, 50, 100 (3); the calls-a-day limits
100, 500, 1000 (3); the complexity levels 1-4 (4); the highest tier reached
by any criterion (1); invoiced once a year through the OCA contract (1).
The plan's level is a floor (level N pays at least tier N).
"""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon

EMAIL = "helpdesk_mgmt.helpdesk_ticket_channel_email"


@tagged("post_install", "-at_install")
class TestVendorOktell(BillingCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs(["oktell"])
        cls.setup_billing()
        cls.czk = cls.env.ref("base.CZK")
        cls.oktell = cls.env["product.product"].create(
            {
                "name": "Oktell licence (test)",
                "categ_id": cls.env.ref("halo_support.categ_oktell").id,
            }
        )

    def contract(self, level, employees, calls, complexity):
        partner, contact = self.make_customer(
            f"Call centre {employees}/{calls}/{complexity}", "Authorised (test)"
        )
        return self.make_contract(
            self.env.ref(f"halo_support.plan_oktell_l{level}"),
            partner=partner,
            contact=contact,
            size_employees=employees,
            size_calls=calls,
            size_complexity=complexity,
            line_ids=[
                Command.create(
                    {
                        "product_id": self.oktell.id,
                        "serial": f"OKT-{partner.id}",
                        "purchase_date": self.today - timedelta(days=300),
                        "licence_registered": True,
                    }
                )
            ],
        )

    def test_yearly_tier_is_the_highest_reached_by_any_criterion(self):
        cases = [
            # (employees, calls a day, complexity) -> Kč a year, on level 1
            ((15, 300, 1), 46000.0),
            ((10, 80, 1), 25000.0),
            ((20, 100, 1), 25000.0),
            ((21, 100, 1), 46000.0),
            ((20, 101, 1), 46000.0),
            ((20, 100, 2), 46000.0),
            ((50, 500, 2), 46000.0),
            ((51, 80, 1), 96000.0),
            ((10, 501, 1), 96000.0),
            ((10, 80, 3), 96000.0),
            ((100, 1000, 3), 96000.0),
            ((101, 80, 1), 190000.0),
            ((10, 1001, 1), 190000.0),
            ((10, 80, 4), 190000.0),
            ((500, 5000, 4), 190000.0),
        ]
        for size, fee in cases:
            with self.subTest(size=size):
                contract = self.contract(1, *size)
                self.assertEqual(contract.recurring_fee_amount, fee)
                line = contract.recurring_contract_id.contract_line_ids
                self.assertEqual(
                    (line.price_unit, line.recurring_rule_type), (fee, "yearly")
                )

    def test_plan_level_is_a_floor(self):
        for level, fee in ((1, 25000.0), (2, 46000.0), (3, 96000.0), (4, 190000.0)):
            with self.subTest(level=level):
                small = self.contract(level, 10, 80, 1)
                self.assertEqual(small.recurring_fee_amount, fee)
        # a bigger call centre on level 2 pays its own tier
        self.assertEqual(self.contract(2, 70, 80, 1).recurring_fee_amount, 96000.0)

    def test_yearly_invoice_in_czk(self):
        contract = self.contract(1, 15, 300, 1)
        invoice = contract.recurring_contract_id._recurring_create_invoice(self.today)
        self.assertEqual(len(invoice), 1)
        self.assertEqual(
            (invoice.amount_untaxed, invoice.currency_id, invoice.state),
            (46000.0, self.czk, "draft"),
        )
        # once a year: nothing more to invoice within the year
        self.assertFalse(
            contract.recurring_contract_id._recurring_create_invoice(
                self.today + timedelta(days=200)
            )
        )

    def test_included_work_is_not_billed(self):
        contract = self.contract(1, 15, 300, 1)
        for category in ("consultation", "change", "configuration"):
            with self.subTest(kind=category):
                ticket = self.make_ticket(
                    contract,
                    category,
                    support_product_line_id=contract.line_ids.id,
                    channel_id=self.env.ref(EMAIL).id,
                )
                self.assertEqual(ticket.entitlement, "covered")
                line = self.log(ticket, 90)
                self.assertEqual(
                    (line.support_verdict, line.support_amount), ("free", 0)
                )

    def test_refused_request_is_not_worked_under_the_contract(self):
        contract = self.contract(1, 15, 300, 1)
        ticket = self.make_ticket(
            contract,
            "configuration",
            support_product_line_id=contract.line_ids.id,
            channel_id=self.env.ref(EMAIL).id,
        )
        ticket._support_refuse(
            self.env.ref("halo_support.refusal_ground_oktell_engineer_onsite")
        )
        self.assertEqual(ticket.entitlement, "refused")
        line = self.log(ticket, 30)
        self.assertEqual(
            (line.support_verdict, line.support_amount), ("not_billable", 0)
        )

    def test_billing_run_time_not_a_whole_hour_is_included(self):
        # Oktell bills no time: the yearly fee includes the work
        contract = self.contract(2, 40, 300, 2)
        ticket = self.make_ticket(
            contract,
            "configuration",
            support_product_line_id=contract.line_ids.id,
            channel_id=self.env.ref(EMAIL).id,
        )
        lines = self.log(ticket, 37) | self.log(ticket, 67)
        self.assertEqual(set(lines.mapped("support_verdict")), {"free"})
        self.assertFalse(self.bill_and_post(contract))

    def test_remote_only_plan_refuses_an_onsite_visit(self):
        """Support by email or phone only: a field-service order on an
        Oktell ticket is refused and names the onsite package to offer;
        with the package set as its onsite plan, the visit is accepted."""
        onsite = self.plan_onsite(name="Onsite package (test)")
        contract = self.contract(1, 10, 80, 1)
        ticket = self.make_ticket(contract, "incident")
        state = self.zones.state_ids[:1]
        location = self.env["fsm.location"].create(
            {
                "name": "Call centre site (test)",
                "owner_id": contract.partner_id.id,
                "country_id": state.country_id.id,
                "state_id": state.id,
            }
        )
        with self.assertRaisesRegex(
            ValidationError,
            r"Onsite plan: plan .*level 1.* only, not on site.*Onsite package \(test\)",
        ):
            self.env["fsm.order"].create(
                {"ticket_id": ticket.id, "location_id": location.id}
            )
        order = self.env["fsm.order"].create(
            {
                "ticket_id": ticket.id,
                "location_id": location.id,
                "support_plan_id": onsite.id,
            }
        )
        self.assertEqual(order.support_contract_id, contract)
        self.assertEqual(order.support_plan_id, onsite)
