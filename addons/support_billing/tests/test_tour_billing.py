# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.halo_support.tests.tour_common import HaloTourCase

from .common import BillingCommon


@tagged("post_install", "-at_install", "halo_tour")
class TestTourBilling(BillingCommon, HaloTourCase):
    """Billing journeys in Chromium: wallets and the success fee on the
    portal, onsite planning and the billing run in the back office."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()

    @classmethod
    def portal_user(cls, login, partner):
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            groups="base.group_portal",
            partner_id=partner.id,
            name=partner.name,
            email=partner.email,
        )

    def test_portal_wallet_balances(self):
        self.portal_user("tour_billing_carol", self.contact)
        contract = self.make_contract(
            self.plan_h2s_pro(name="Tour H2S Pro"), name="SUP-TOUR-PRO"
        )
        ticket = self.make_ticket(contract, "configuration", name="Tour: new IVR")
        self.log(ticket, 30)
        wallet = contract._support_wallet("time")
        self.assertEqual(self.balance(wallet), 90)
        self.start_tour(
            "/my", "support_billing_portal_wallets", login="tour_billing_carol"
        )
        # Reading the page moves nothing.
        self.assertEqual(self.balance(wallet), 90)
        self.assertEqual(self.ledger_sum(wallet), 90)

    def test_portal_success_fee_accepted(self):
        self.portal_user("tour_billing_dan", self.contact2)
        contract = self.make_contract(
            self.plan_h2s_flexible(name="Tour H2S Flexible"),
            partner=self.customer2,
            name="SUP-TOUR-FLEX",
        )
        ticket = self.make_ticket(
            contract, "incident", name="Tour: echo on long-distance calls"
        )
        ticket._support_record_agreement("phone", day=self.month_start)
        ticket.action_success_fee_accept_order()
        self.log(ticket, 300)
        ticket.success_fee_report_id = self.env["ir.attachment"].create(
            {"name": "preliminary-report.pdf", "datas": base64.b64encode(b"%PDF-1.4")}
        )
        ticket.action_success_fee_send_report()
        self.assertEqual(ticket.success_fee_state, "report_sent")
        self.start_tour(
            "/my", "support_billing_portal_success_fee", login="tour_billing_dan"
        )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.success_fee_state, "fee_accepted")
        note = ticket.message_ids.filtered(
            lambda m: "Customer accepts the success fee" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn(self.contact2.name, note.body)
        self.assertIn("the portal", note.body)

    def test_dispatcher_plans_onsite_visit(self):
        onsite = self.plan_onsite(name="Tour H2S Onsite")
        contract = self.make_contract(onsite, name="SUP-TOUR-ONSITE")
        site = self.env["fsm.location"].create(
            {
                "name": "Łódź office",
                "owner_id": self.customer.id,
                "country_id": self.poland.id,
                "state_id": self.env.ref("l10n_pl.state_pl_ld").id,
            }
        )
        ticket = self.make_ticket(
            contract, "configuration", name="Tour: install the gateway on site"
        )
        ticket.fsm_location_id = site
        technician = self.env["fsm.person"].create({"name": "Tomasz Technik"})
        new_test_user(
            self.env,
            login="tour_dispatcher",
            password="tour_dispatcher",
            groups="halo_support.group_support_user,fieldservice.group_fsm_dispatcher",
            name="Dorota Dispatcher",
        )
        self.start_tour(
            "/odoo", "support_billing_dispatcher_onsite", login="tour_dispatcher"
        )
        order = ticket.fsm_order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.location_id, site)
        self.assertEqual(order.person_id, technician)
        # Next week's Monday, 9:00 in the browser's time zone.
        self.assertGreater(order.scheduled_date_start, fields.Datetime.now())
        self.assertEqual(order.scheduled_duration, 8.0)
        self.assertEqual(order.support_contract_id, contract)
        self.assertEqual(order.support_plan_id, onsite)
        self.assertEqual(order.support_days, 1)
        self.assertEqual(order.support_onsite_amount, 1280.0)
        self.assertEqual(order.support_travel_amount, 300.0)

    def test_accountant_runs_billing_and_opens_draft_invoices(self):
        # A company of its own: the run bills every contract of its company
        # and a period once, whatever else the database holds.
        # Over 60 lines on purpose: the fixture and the checks of one browser tour.
        company = self.env["res.company"].create(
            {"name": "Tour Billing Company", "currency_id": self.eur.id}
        )
        self.env["account.chart.template"].try_loading(
            "generic_coa", company=company, install_demo=False
        )
        company.currency_id = self.eur  # the generic chart sets USD
        env = self.env(context=dict(self.env.context, allowed_company_ids=company.ids))
        last_month = self.month_start - relativedelta(months=1)
        project = (
            env["project.project"]
            .with_company(company)
            .create(
                {
                    "name": "Support (tour company)",
                    "allow_timesheets": True,
                    "company_id": company.id,
                }
            )
        )
        team = env["helpdesk.ticket.team"].create(
            {
                "name": "Support (tour company)",
                "company_id": company.id,
                "allow_timesheet": True,
                "default_project_id": project.id,
            }
        )
        employee = env["hr.employee"].create(
            {"name": "Engineer (tour company)", "company_id": company.id}
        )
        plan = self.plan_infotel(
            name="Tour infotel", company_id=company.id, currency_id=self.eur.id
        )
        contract = (
            env["support.contract"]
            .with_company(company)
            .create(
                {
                    "name": "SUP-TOUR-BILL",
                    "partner_id": self.customer.id,
                    "plan_id": plan.id,
                    "company_id": company.id,
                    "date_start": last_month,
                    "contact_ids": [Command.set(self.contact.ids)],
                }
            )
        )
        contract.action_activate()
        ticket = (
            env["helpdesk.ticket"]
            .with_company(company)
            .create(
                {
                    "name": "Tour: new dial plan",
                    "description": "<p>Route 0800 numbers to the hotline.</p>",
                    "partner_id": self.contact.id,
                    "company_id": company.id,
                    "team_id": team.id,
                    "project_id": project.id,
                    "type_id": self.kinds["configuration"].id,
                    "support_request_date": last_month,
                }
            )
        )
        self.assertEqual(ticket.support_contract_id, contract)
        ticket._support_record_agreement("email", day=last_month)
        # 50 minutes of configuration: one hour in half-hour steps, 45 EUR.
        line = env["account.analytic.line"].create(
            {
                "name": "Dial plan",
                "ticket_id": ticket.id,
                "project_id": project.id,
                "employee_id": employee.id,
                "unit_amount": 50 / 60,
                "date": last_month + relativedelta(days=3),
            }
        )
        self.assertEqual(line.support_verdict, "billable")
        new_test_user(
            self.env,
            login="tour_accountant",
            password="tour_accountant",
            groups="account.group_account_invoice",
            name="Anna Accountant",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        self.start_tour(
            "/odoo", "support_billing_accountant_run", login="tour_accountant"
        )
        run = self.env["support.billing.run"].search([("company_id", "=", company.id)])
        self.assertEqual(len(run), 1)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.date_from, last_month)
        invoice = run.move_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.state, "draft")
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.partner_id, self.customer)
        self.assertEqual(invoice.support_contract_id, contract)
        self.assertEqual(invoice.amount_untaxed, 45.0)
        self.assertEqual(line.support_invoice_line_id.move_id, invoice)


@tagged("post_install", "-at_install")
class TestTicketFormRights(BillingCommon, TransactionCase):
    """A plain support agent can open tickets (found by the agent's tour)."""

    def test_agent_reads_the_time_of_a_ticket(self):
        self.setup_billing()
        agent = new_test_user(
            self.env, login="rights_agent", groups="halo_support.group_support_user"
        )
        self.assertTrue(agent.has_group("hr_timesheet.group_hr_timesheet_user"))
        contract = self.make_contract(self.plan_h2s_pro())
        ticket = self.make_ticket(contract, "configuration")
        line = self.log(ticket, 30)
        values = ticket.with_user(agent).read(
            ["timesheet_ids", "support_wallet_hours", "support_billable_amount"]
        )[0]
        self.assertEqual(values["timesheet_ids"], line.ids)
        self.assertEqual(values["support_wallet_hours"], 0.5)

    def _form_arch(self, groups):
        user = new_test_user(self.env, login=f"form_{len(groups)}", groups=groups)
        views = self.env["helpdesk.ticket"].with_user(user).get_views([(False, "form")])
        return views["views"]["form"]["arch"]

    def test_agent_without_field_service_sees_no_orders(self):
        self.assertNotIn(
            "fsm_order_ids", self._form_arch("halo_support.group_support_user")
        )

    def test_dispatcher_sees_orders(self):
        arch = self._form_arch(
            "halo_support.group_support_user,fieldservice.group_fsm_dispatcher"
        )
        self.assertIn("fsm_order_ids", arch)
