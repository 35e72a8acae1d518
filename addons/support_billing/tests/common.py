# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from ..engine import ledger


class BillingCommon:
    """Vendor plans of docs/vendors/*.md, customers, a timesheet-enabled team."""

    @classmethod
    def setup_billing(cls):
        # Over 60 lines on purpose: the shared fixture (partners, plans, contracts) of
        # every billing test, one record per statement.
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.today = fields.Date.context_today(cls.env["support.contract"])
        cls.month_start, cls.month_end = ledger.month_period(cls.today)
        cls.eur = cls.env.ref("base.EUR")
        cls.pln = cls.env.ref("base.PLN")
        (cls.eur | cls.pln).active = True
        cls.project = cls.env["project.project"].create(
            {"name": "Support (billing test)", "allow_timesheets": True}
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Support team (billing test)",
                "allow_timesheet": True,
                "default_project_id": cls.project.id,
            }
        )
        cls.employee = cls.env["hr.employee"].create({"name": "Engineer (test)"})
        cls.kinds = {
            category: cls.env.ref(f"halo_support.ticket_type_{category}")
            for category in (
                "incident",
                "bug",
                "service_request",
                "change",
                "consultation",
                "configuration",
                "hardware_rma",
                "maintenance",
            )
        }
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {"name": "Customer (billing test)", "is_company": True}
        )
        cls.contact = Partner.create(
            {"name": "Carol Contact", "parent_id": cls.customer.id, "email": "c@c.test"}
        )
        cls.customer2 = Partner.create(
            {"name": "Second customer (billing test)", "is_company": True}
        )
        cls.contact2 = Partner.create(
            {"name": "Dan Contact", "parent_id": cls.customer2.id, "email": "d@d.test"}
        )
        cls.categ_cards = cls.env["product.category"].create(
            {"name": "Sangoma cards (billing test)"}
        )
        cls.categ_3cx = cls.env["product.category"].create(
            {"name": "3CX licences (billing test)"}
        )
        cls.card = cls.env["product.product"].create(
            {"name": "Sangoma card (billing test)", "categ_id": cls.categ_cards.id}
        )
        cls.licence = cls.env["product.product"].create(
            {"name": "3CX licence (billing test)", "categ_id": cls.categ_3cx.id}
        )
        cls.poland = cls.env.ref("base.pl")
        cls.zones = (
            cls.env.ref("support_billing.travel_zone_pl_mazowieckie")
            | cls.env.ref("support_billing.travel_zone_pl_neighbours")
            | cls.env.ref("support_billing.travel_zone_pl_other")
        )

    # ------------------------------------------------------------------
    # Plans of docs/vendors/*.md
    # ------------------------------------------------------------------

    @classmethod
    def rules(cls, *rules):
        return [
            Command.create(dict(rule, sequence=index))
            for index, rule in enumerate(rules)
        ]

    @classmethod
    def make_plan(cls, name, defaults, **vals):
        return cls.env["support.plan"].create(
            {
                "name": f"{name} (test)",
                "code": f"T-{name.upper().replace(' ', '-')}",
                **dict(defaults, **vals),
            }
        )

    @classmethod
    def plan_infotel(cls, **vals):
        """Pay-as-you-go: 45 EUR/h x price level, half-hour steps, written
        agreement; quick advice free up to 15 minutes."""
        return cls.make_plan(
            vals.pop("name", "infotel"),
            {
                "currency_id": cls.eur.id,
                "hourly_rate": 45.0,
                "rounding_step": 30,
                "agreement_required": "written",
                "billing_rule_ids": cls.rules(
                    {
                        "name": "Remote configuration",
                        "support_category": "configuration",
                        "treatment": "billable",
                    },
                    {
                        "name": "Cause on the customer's side",
                        "cause_scope": "customer_side",
                        "treatment": "billable",
                        "free_minutes": 15,
                    },
                    {"name": "Free support", "treatment": "free"},
                ),
            },
            **vals,
        )

    @classmethod
    def plan_sangoma(cls, **vals):
        return cls.make_plan(
            vals.pop("name", "Sangoma"),
            {
                "currency_id": cls.eur.id,
                "wallet_unit": "minute",
                "refund_on_rnd_fix": True,
                "billing_rule_ids": cls.rules(
                    {
                        "name": "Bug solved by configuration",
                        "support_category": "bug",
                        "outcome": "configuration",
                        "treatment": "wallet",
                    },
                    {
                        "name": "Bug work",
                        "support_category": "bug",
                        "treatment": "not_billable",
                    },
                    {
                        "name": "Professional services",
                        "support_category": "configuration",
                        "treatment": "wallet",
                    },
                    {"name": "Other", "treatment": "free"},
                ),
            },
            **vals,
        )

    @classmethod
    def plan_webitel(cls, **vals):
        return cls.make_plan(
            vals.pop("name", "Webitel Advanced"),
            {
                "currency_id": cls.eur.id,
                "hourly_rate": 60.0,
                "request_quota": 30,
                "recurring_fee_type": "licence_share",
                "recurring_rule_type": "yearly",
                "licence_share_percent": 18.0,
                "billing_rule_ids": cls.rules(
                    {
                        "name": "Defect caused by the customer's side",
                        "support_category": "incident",
                        "cause_scope": "customer_side",
                        "treatment": "billable",
                    },
                    {
                        "name": "Consultation request",
                        "support_category": "service_request",
                        "treatment": "quota",
                    },
                    {
                        "name": "Change request",
                        "support_category": "change",
                        "treatment": "quota",
                    },
                    {"name": "Other", "treatment": "free"},
                ),
            },
            **vals,
        )

    @classmethod
    def plan_h2s_pro(cls, **vals):
        return cls.make_plan(
            vals.pop("name", "H2S Pro"),
            {
                "currency_id": cls.pln.id,
                "hourly_rate": 160.0,
                "wallet_unit": "hour",
                "wallet_period_amount": 2.0,
                "recurring_fee_type": "fixed",
                "recurring_fee": 750.0,
                "billing_default_treatment": "wallet",
            },
            **vals,
        )

    @classmethod
    def plan_h2s_flexible(cls, **vals):
        return cls.make_plan(
            vals.pop("name", "H2S Flexible"),
            {
                "currency_id": cls.pln.id,
                "hourly_rate": 160.0,
                "agreement_required": "recorded",
                "success_fee": True,
                "billing_default_treatment": "billable",
            },
            **vals,
        )

    @classmethod
    def plan_onsite(cls, **vals):
        return cls.make_plan(
            vals.pop("name", "H2S Onsite"),
            {
                "currency_id": cls.pln.id,
                "onsite_day_rate": 1280.0,
                "onsite_min_days": 1,
                "travel_zone_ids": [Command.set(cls.zones.ids)],
            },
            **vals,
        )

    @classmethod
    def plan_start(cls, **vals):
        return cls.plan_onsite(
            name=vals.pop("name", "H2S Start"),
            onsite_day_rate=500.0,
            onsite_once_per_family=True,
            **vals,
        )

    # ------------------------------------------------------------------
    # Contracts, tickets, time
    # ------------------------------------------------------------------

    @classmethod
    def make_customer(cls, name, contact_name=None):
        """A new customer company and its authorised contact."""
        partner = cls.env["res.partner"].create({"name": name, "is_company": True})
        contact = cls.env["res.partner"].create(
            {"name": contact_name or f"Contact of {name}", "parent_id": partner.id}
        )
        return partner, contact

    @classmethod
    def make_contract(cls, plan, partner=None, contact=None, activate=True, **vals):
        partner = partner or cls.customer
        contact = contact or (cls.contact if partner == cls.customer else cls.contact2)
        contract = cls.env["support.contract"].create(
            {
                "partner_id": partner.id,
                "plan_id": plan.id,
                "date_start": vals.pop("date_start", cls.month_start),
                "contact_ids": [Command.set(contact.ids)],
                **vals,
            }
        )
        if activate:
            contract.action_activate()
            if contract.state == "awaiting_payment":
                # Staff put it in force at once: these tests are not about
                # the first payment (see TestVendorHaloKwadrat for that).
                contract.action_activate()
        return contract

    @classmethod
    def make_ticket(cls, contract, category="incident", **vals):
        partner = vals.pop("partner", contract.contact_ids[:1] or contract.partner_id)
        ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": vals.pop("name", f"{category} request"),
                "description": "<p>Help</p>",
                "partner_id": partner.id,
                "team_id": cls.team.id,
                "project_id": cls.project.id,
                "type_id": cls.kinds[category].id,
                **vals,
            }
        )
        if ticket.support_contract_id != contract:
            ticket.support_contract_id = contract
        return ticket

    @classmethod
    def log(cls, ticket, minutes, day=None, **vals):
        return cls.env["account.analytic.line"].create(
            {
                "name": vals.pop("name", "Work"),
                "ticket_id": ticket.id,
                "project_id": ticket.project_id.id,
                "employee_id": cls.employee.id,
                "unit_amount": minutes / 60.0,
                "date": day or cls.today,
                **vals,
            }
        )

    def bill_and_post(self, contracts):
        """Run the billing of this month and post its invoices of
        ``contracts``; check that the run skipped nothing and that every
        billable line is invoiced at its verdict's amount, in hours.

        Returns the posted invoices."""
        run = self.env["support.billing.run"].create(
            {"date_from": self.month_start, "date_to": self.month_end}
        )
        run.action_run()
        self.assertFalse(run.error_message)
        self.assertEqual(run.state, "done")
        moves = self.env["account.move"].search(
            [("support_contract_id", "in", contracts.ids)]
        )
        moves.action_post()
        hour = self.env.ref("uom.product_uom_hour")
        for contract in contracts:
            move = moves.filtered(lambda m, c=contract: m.support_contract_id == c)
            lines = self.env["account.analytic.line"].search(
                [
                    ("support_contract_id", "=", contract.id),
                    ("support_verdict", "=", "billable"),
                ]
            )
            expected = sum(lines.mapped("support_amount"))
            if not lines:
                self.assertFalse(move)
                continue
            self.assertEqual(move.state, "posted")
            self.assertEqual(lines.support_invoice_line_id.move_id, move)
            currency = move.currency_id
            for line in lines:
                invoiced = line.support_invoice_line_id
                self.assertEqual(invoiced.product_uom_id, hour)
                self.assertEqual(
                    invoiced.quantity, round(line.support_billable_minutes / 60, 2)
                )
                self.assertEqual(
                    currency.compare_amounts(
                        invoiced.price_subtotal, line.support_amount
                    ),
                    0,
                    f"{invoiced.name}: {invoiced.price_subtotal} for "
                    f"{line.support_amount}",
                )
            self.assertEqual(
                currency.compare_amounts(move.amount_untaxed, expected),
                0,
                f"{move.name}: {move.amount_untaxed} for {expected}",
            )
        return moves

    def agree(self, ticket, channel="email", day=None):
        ticket._support_record_agreement(channel, day=day or self.month_start)

    def accept_specification(self, ticket, partner=None, channel="email"):
        """The agent sends a specification of the ticket's paid work, the
        customer's authorised contact accepts it."""
        ticket.support_specification_id = self.env["ir.attachment"].create(
            {
                "name": f"Specification {ticket.name}.pdf",
                "raw": b"%PDF specification",
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            }
        )
        ticket.action_support_send_specification()
        ticket._support_consent_decide(
            "accept", channel, partner or ticket.support_contract_id.contact_ids[:1]
        )

    def balance(self, wallet):
        wallet.invalidate_recordset(["balance"])
        return wallet.balance

    def ledger_sum(self, wallet):
        self.env.cr.execute(
            "SELECT COALESCE(SUM(amount), 0) FROM support_wallet_entry WHERE wallet_id = %s",
            [wallet.id],
        )
        return self.env.cr.fetchone()[0]
