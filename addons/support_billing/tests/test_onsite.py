# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestOnsite(BillingCommon, TransactionCase):
    """H2S Onsite 1280 zł a day, H2S Start 500 zł a day (once per family),
    minimum one day, travel by voivodeship: Mazowieckie 0; Łódzkie,
    Świętokrzyskie, Małopolskie, Wielkopolskie, Śląskie 300; other 500."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.onsite = cls.plan_onsite()
        cls.start = cls.plan_start()
        cls.contract = cls.make_contract(cls.onsite)
        cls.states = {
            code: cls.env.ref(f"l10n_pl.state_pl_{code}")
            for code in ("mz", "ld", "sk", "mp", "wp", "sl", "pm", "ds")
        }

    def site(self, state_code=None, partner=None):
        return self.env["fsm.location"].create(
            {
                "name": f"Site {state_code or 'nowhere'} (test)",
                "owner_id": (partner or self.customer).id,
                "country_id": self.poland.id,
                "state_id": self.states[state_code].id if state_code else False,
            }
        )

    def order(self, ticket, location, days=1, **vals):
        start = datetime.combine(self.today, datetime.min.time()) + timedelta(hours=8)
        return self.env["fsm.order"].create(
            {
                "ticket_id": ticket.id,
                "location_id": location.id,
                "scheduled_date_start": start,
                "scheduled_date_end": start + timedelta(days=days - 1, hours=8),
                **vals,
            }
        )

    def test_zones_of_the_voivodeships(self):
        ticket = self.make_ticket(self.contract, "incident")
        expected = {
            "mz": 0.0,
            "ld": 300.0,
            "sk": 300.0,
            "mp": 300.0,
            "wp": 300.0,
            "sl": 300.0,
            "pm": 500.0,
            "ds": 500.0,
        }
        for code, cost in expected.items():
            with self.subTest(state=code):
                order = self.order(ticket, self.site(code))
                self.assertEqual(order.support_plan_id, self.onsite)
                self.assertEqual(order.support_travel_amount, cost)
                self.assertEqual(order.support_onsite_amount, 1280.0)

    def test_stage_made_invoiceable_later_makes_its_orders_billable(self):
        ticket = self.make_ticket(self.contract, "incident")
        stage = self.env["fsm.stage"].create(
            {"name": "Signed off (test)", "sequence": 90, "stage_type": "order"}
        )
        order = self.order(ticket, self.site("mz"), stage_id=stage.id)
        self.assertFalse(order.support_billable)
        stage.is_invoiceable = True
        self.assertTrue(order.support_billable)
        self.assertIn(
            order,
            self.env["fsm.order"].search([("support_billable", "=", True)]),
        )

    def test_days_from_the_order(self):
        ticket = self.make_ticket(self.contract, "incident")
        order = self.order(ticket, self.site("ld"), days=3)
        self.assertEqual(order.support_days, 3)
        self.assertEqual(order.support_onsite_amount, 3840.0)
        self.assertEqual(order.support_travel_zone_id.amount, 300.0)

    def test_minimum_days(self):
        plan = self.plan_onsite(name="Onsite two days", onsite_min_days=2)
        contract = self.make_contract(plan, partner=self.customer2)
        order = self.order(self.make_ticket(contract, "incident"), self.site("mz"))
        self.assertEqual(order.support_days, 1)
        self.assertEqual(order.support_onsite_amount, 2560.0)

    def test_order_without_region_is_refused(self):
        ticket = self.make_ticket(self.contract, "incident")
        location = self.site(None)
        with self.assertRaises(ValidationError) as err:
            self.order(ticket, location)
        self.assertIn("no region", str(err.exception))
        self.assertFalse(self.env["fsm.order"].search([("ticket_id", "=", ticket.id)]))

    def test_zero_days_is_refused(self):
        ticket = self.make_ticket(self.contract, "incident")
        order = self.order(ticket, self.site("mz"))
        with self.assertRaises(ValidationError) as err:
            order.support_days = 0
        self.assertIn("at least one day", str(err.exception))

    def test_region_without_zone_is_refused(self):
        plan = self.plan_onsite(
            name="Onsite Warsaw only",
            travel_zone_ids=[
                Command.set(
                    self.env.ref("support_billing.travel_zone_pl_mazowieckie").ids
                )
            ],
        )
        contract = self.make_contract(plan, partner=self.customer2)
        ticket = self.make_ticket(contract, "incident")
        with self.assertRaises(ValidationError) as err:
            self.order(ticket, self.site("pm"))
        self.assertIn("Travel zone", str(err.exception))

    def test_start_once_per_family_at_first_purchase(self):
        contract = self.make_contract(
            self.start,
            partner=self.customer2,
            line_ids=[
                Command.create(
                    {
                        "product_id": self.card.id,
                        "serial": "CARD-1",
                        "purchase_date": self.today - timedelta(days=10),
                    }
                ),
                Command.create(
                    {
                        "product_id": self.card.id,
                        "serial": "CARD-2",
                        "purchase_date": self.today - timedelta(days=5),
                    }
                ),
                Command.create(
                    {
                        "product_id": self.licence.id,
                        "serial": "3CX-1",
                        "purchase_date": self.today - timedelta(days=5),
                    }
                ),
            ],
        )
        first_card, second_card, licence = contract.line_ids.sorted("id")
        ticket = self.make_ticket(
            contract, "incident", support_product_line_id=first_card.id
        )
        order = self.order(ticket, self.site("mz", self.customer2))
        self.assertEqual(order.support_onsite_amount, 500.0)
        self.assertEqual(order.support_product_categ_id, self.categ_cards)
        # a second Start day for the same family is refused
        again = self.make_ticket(
            contract, "incident", support_product_line_id=first_card.id
        )
        with self.assertRaises(ValidationError) as err:
            self.order(again, self.site("mz", self.customer2))
        self.assertIn("already had its day", str(err.exception))
        # nor for a later purchase of the family
        order.action_cancel()
        later = self.make_ticket(
            contract, "incident", support_product_line_id=second_card.id
        )
        with self.assertRaises(ValidationError) as err:
            self.order(later, self.site("mz", self.customer2))
        self.assertIn("first purchase", str(err.exception))
        # another family gets its own day
        other = self.make_ticket(
            contract, "incident", support_product_line_id=licence.id
        )
        self.assertEqual(
            self.order(other, self.site("ld", self.customer2)).support_travel_amount,
            300.0,
        )

    def test_dispatcher_list_shows_day_technician_site_zone_cost(self):
        view = self.env.ref("support_billing.fsm_order_onsite_view_list")
        arch = view.arch
        for field in (
            "scheduled_date_start",
            "person_id",
            "location_id",
            "support_travel_zone_id",
            "support_onsite_amount",
            "support_travel_amount",
        ):
            self.assertIn(f'name="{field}"', arch)

    def test_day_rate_plan_with_travel_at_the_customer_pricelist(self):
        # An onsite plan may price travel by the customer's pricelist instead
        # of the zones: the site needs no region, the visit bills its day and
        # one unit of each travel product at the pricelist's price.
        transport = self.env["product.product"].create(
            {"name": "Transport (test)", "type": "service", "list_price": 0.0}
        )
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Onsite customer prices (test)",
                "currency_id": self.pln.id,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": transport.id,
                            "compute_price": "fixed",
                            "fixed_price": 120.0,
                        }
                    )
                ],
            }
        )
        plan = self.plan_onsite(
            name="Onsite, travel per price list",
            travel_pricing="pricelist",
            travel_zone_ids=[Command.clear()],
            travel_pricelist_product_ids=[Command.set(transport.ids)],
        )
        contract = self.make_contract(plan, partner=self.customer2)
        contract.partner_id.property_product_pricelist = pricelist
        order = self.order(self.make_ticket(contract, "incident"), self.site(None))
        self.assertEqual(order.support_plan_id, plan)
        self.assertFalse(order.support_travel_zone_id)
        order.action_complete()
        run = self.env["support.billing.run"].create(
            {"date_from": self.month_start, "date_to": self.month_end}
        )
        run.action_run()
        self.assertFalse(run.error_message)
        move = self.env["account.move"].search(
            [("support_contract_id", "=", contract.id)]
        )
        self.assertEqual(
            sorted(move.invoice_line_ids.mapped("price_subtotal")), [120.0, 1280.0]
        )
        self.assertEqual(order.support_invoice_line_id.move_id, move)
