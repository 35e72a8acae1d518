# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A month of ordinary use, step by step, on a vendor's shipped pack.

The steps are the ones a vendor's staff and customers take: a customer files
through the portal and another by email, an agent triages, engineers log
their time on the day and days late, a contact is authorised mid-month, a
contract is cancelled mid-month, the billing run invoices the month, an
accountant posts, credits one invoice in full and the next run bills it
again with the following month.  Each step runs at its own (frozen) time.
"""

from datetime import date, datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo import Command, http
from odoo.exceptions import UserError
from odoo.tests import new_test_user

from odoo.addons.halo_support.tests.common import RpcMixin

from .common import BillingCommon

EMAIL = "helpdesk_mgmt.helpdesk_ticket_channel_email"
PORTAL = "helpdesk_mgmt.helpdesk_ticket_channel_web"

NOV = date(2026, 11, 1)
NOV_END = date(2026, 11, 30)
DEC = date(2026, 12, 1)
DEC_END = date(2026, 12, 31)


def at(day, hour=10, minute=0, tz="Europe/Warsaw"):
    """A naive UTC datetime for a local wall-clock time."""
    local = pytz.timezone(tz).localize(datetime.combine(day, time(hour, minute)))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


class MonthOfUseCase(RpcMixin, BillingCommon):
    """Mixed with ``HttpCase`` by each vendor's test class."""

    vendor = None
    tz = "Europe/Warsaw"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["support.vendor.pack"]._load_vendor_packs([cls.vendor])
        cls.setup_billing()
        cls.env.company.helpdesk_mgmt_portal_select_team = True
        cls.team.show_in_portal = True
        cls.accountant = new_test_user(
            cls.env,
            login=f"{cls.vendor}-accountant",
            password=f"{cls.vendor}-accountant-pw",
            groups="base.group_user,account.group_account_invoice",
        )

    def setUp(self):
        super().setUp()
        # One clock for the whole month, moved forward step by step; the
        # HTTP requests of the portal see it too.
        freezer = freeze_time(at(NOV - timedelta(days=2), 15, tz=self.tz))
        self.clock = freezer.start()
        self.addCleanup(freezer.stop)

    def go(self, when):
        """Move the clock to ``when`` (a naive UTC datetime), never back."""
        self.assertGreaterEqual(when, datetime.now(), "the month runs forward")
        self.clock.move_to(when)

    # ------------------------------------------------------------------
    # People
    # ------------------------------------------------------------------

    def new_customer(self, name, *contacts):
        """A customer company and its people: ``(company, [contacts])``; each
        contact gets an email address and a portal login named after it."""
        company = self.env["res.partner"].create({"name": name, "is_company": True})
        people = []
        for contact in contacts:
            login = f"{self.vendor}-{contact.lower()}"
            partner = self.env["res.partner"].create(
                {
                    "name": contact,
                    "parent_id": company.id,
                    "email": f"{login}@customer.test",
                    "tz": self.tz,
                }
            )
            new_test_user(
                self.env,
                login=login,
                password=f"{login}-pw",
                groups="base.group_portal",
                partner_id=partner.id,
                email=partner.email,
            )
            people.append(partner)
        return company, people

    def login(self, partner):
        login = partner.user_ids[:1].login
        self.authenticate(login, f"{login}-pw")

    # ------------------------------------------------------------------
    # Intake
    # ------------------------------------------------------------------

    def file_by_portal(self, partner, subject, when, **values):
        """The contact files a request on the portal at ``when``."""
        self.go(when)
        self.login(partner)
        response = self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "subject": subject,
                "description": "Filed on the portal.",
                "team": self.team.id,
                **values,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.logout()
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", subject)], order="id desc", limit=1
        )
        self.assertEqual(ticket.partner_id, partner)
        self.assertEqual(ticket.channel_id, self.env.ref(PORTAL))
        return ticket

    def file_by_email(self, partner, subject, when):
        """The contact's email reaches the mail gateway at ``when``."""
        message = (
            f"From: {partner.name} <{partner.email}>\r\n"
            f"To: support@{self.vendor}.test\r\n"
            f"Subject: {subject}\r\n"
            f"Message-ID: <{subject.replace(' ', '.')}@customer.test>\r\n"
            f"Date: {when:%a, %d %b %Y %H:%M:%S} +0000\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Sent by email.\r\n"
        )
        self.go(when)
        ticket_id = self.env["mail.thread"].message_process(
            "helpdesk.ticket",
            message,
            custom_values={
                "team_id": self.team.id,
                "channel_id": self.env.ref(EMAIL).id,
            },
        )
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        self.assertEqual(ticket.partner_id, partner)
        return ticket

    def triage(self, ticket, category, **vals):
        """The agent sets the kind of request (and what else they know)."""
        ticket.write({"type_id": self.kinds[category].id, **vals})
        return ticket

    # ------------------------------------------------------------------
    # Time
    # ------------------------------------------------------------------

    def work(self, ticket, minutes, day, typed_on=None):
        """``minutes`` of work done on ``day``, typed on ``typed_on`` at 17:00."""
        self.go(at(typed_on or day, 17, tz=self.tz))
        return self.log(ticket, minutes, day=day)

    # ------------------------------------------------------------------
    # Billing
    # ------------------------------------------------------------------

    def run_billing(self, date_from, date_to, on):
        self.go(at(on, 6, tz=self.tz))
        run = (
            self.env["support.billing.run"]
            .with_user(self.accountant)
            .create({"date_from": date_from, "date_to": date_to})
        )
        run.action_run()
        self.assertEqual(run.state, "done", run.error_message)
        return run

    def invoices(self, contract, run=None):
        domain = [
            ("support_contract_id", "=", contract.id),
            ("move_type", "=", "out_invoice"),
            ("state", "!=", "cancel"),
        ]
        if run:
            domain.append(("support_billing_run_id", "=", run.id))
        return self.env["account.move"].search(domain, order="id")

    def post(self, invoices, on):
        self.go(at(on, 9, tz=self.tz))
        invoices.with_user(self.accountant).action_post()
        self.assertEqual(set(invoices.mapped("state")), {"posted"})

    def reversal(self, invoice, on, reason):
        """Odoo's reversal wizard, opened by the accountant on ``on``."""
        self.go(at(on, 10, tz=self.tz))
        return (
            self.env["account.move.reversal"]
            .with_user(self.accountant)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"reason": reason, "journal_id": invoice.journal_id.id, "date": on})
        )

    def credit_in_full(self, invoice, on):
        """The accountant reverses the invoice in full (a credit note)."""
        self.reversal(invoice, on, "Customer disputes the invoice").refund_moves()
        credit = self.env["account.move"].search(
            [("reversed_entry_id", "=", invoice.id)]
        )
        self.assertEqual(len(credit), 1)
        if credit.state == "draft":
            credit.with_user(self.accountant).action_post()
        self.assertEqual(credit.amount_total, invoice.amount_total)
        return credit

    def credit_and_rebill(self, invoice, on):
        """The accountant reverses the invoice in full and gets a new draft
        of it to correct (Odoo's *Reverse and create invoice*)."""
        action = self.reversal(invoice, on, "Wrong customer size").modify_moves()
        self.assertEqual(invoice.payment_state, "reversed")
        return self.env["account.move"].browse(action["res_id"])

    # ------------------------------------------------------------------
    # What is checked at the end of every month
    # ------------------------------------------------------------------

    def assertInvoiceLines(self, invoice, expected):
        """The invoice's lines, in hours and currency: the ``(quantity,
        subtotal)`` pairs, sorted."""
        self.assertEqual(
            sorted(
                (round(line.quantity, 2), line.price_subtotal)
                for line in invoice.invoice_line_ids
            ),
            sorted(expected),
        )
        for line in invoice.invoice_line_ids:
            self.assertEqual(line.product_uom_id, line.product_id.uom_id)

    def assertLedgerInvariants(self, contracts):
        """The wallets' ledger is append-only, never below zero, and each
        wallet's balance is the sum of its entries; each source is billed at
        most once by the invoices in force."""
        wallets = contracts.wallet_ids
        self.env.flush_all()
        for wallet in wallets:
            self.env.cr.execute(
                """SELECT amount, balance_after FROM support_wallet_entry
                    WHERE wallet_id = %s ORDER BY id""",
                [wallet.id],
            )
            running = 0
            for amount, balance_after in self.env.cr.fetchall():
                running += amount
                self.assertGreaterEqual(running, 0, wallet.display_name)
                self.assertEqual(balance_after, running, wallet.display_name)
            self.assertEqual(self.balance(wallet), running, wallet.display_name)
        entry = wallets.entry_ids[:1]
        if entry:
            with self.assertRaises(UserError):
                entry.write({"amount": entry.amount + 1})
            with self.assertRaises(UserError):
                entry.unlink()
        lines = self.env["account.analytic.line"].search(
            [("support_contract_id", "in", contracts.ids)]
        )
        self.env.cr.execute(
            """SELECT aal.id, COUNT(*)
                 FROM account_analytic_line aal
                 JOIN account_move_line aml ON aml.id = aal.support_invoice_line_id
                 JOIN account_move am ON am.id = aml.move_id
                WHERE aal.id IN %s AND am.state != 'cancel'
                  AND am.payment_state != 'reversed'
             GROUP BY aal.id HAVING COUNT(*) > 1""",
            [tuple(lines.ids) or (0,)],
        )
        self.assertFalse(self.env.cr.fetchall(), "a line billed twice")

    def balance_of(self, contract, unit_kind="time"):
        """The balance of the contract's open wallet (made on first use)."""
        wallet = contract._support_wallet(unit_kind, create=False)
        self.assertTrue(wallet, f"{contract.name} has an open {unit_kind} wallet")
        return self.balance(wallet)

    def billed(self, contracts):
        """What the customer owes: invoices minus credit notes, posted, in
        the invoices' currency (not the company's)."""
        moves = self.env["account.move"].search(
            [("support_contract_id", "in", contracts.ids), ("state", "=", "posted")]
        )
        moves |= self.env["account.move"].search(
            [("reversed_entry_id", "in", moves.ids), ("state", "=", "posted")]
        )
        return round(sum(moves.mapped("amount_untaxed_in_currency_signed")), 2)

    def product_of(self, categ_xmlid, name):
        return self.env["product.product"].create(
            {"name": f"{name} (month test)", "categ_id": self.env.ref(categ_xmlid).id}
        )

    def covered(self, product, serial, days_before, **vals):
        """The contract's covered product, bought ``days_before`` November."""
        return [
            Command.create(
                {
                    "product_id": product.id,
                    "serial": serial,
                    "purchase_date": NOV - timedelta(days=days_before),
                    **vals,
                }
            )
        ]

    def contract_on(self, plan, partner, contacts, day=NOV, **vals):
        """A contract signed and activated before ``day`` (at the clock's
        time), starting on ``day``."""
        return self.make_contract(
            plan, partner=partner, contact=contacts[0], date_start=day, **vals
        )

    def authorise(self, contract, partner, when):
        self.go(when)
        contract.write({"contact_ids": [Command.link(partner.id)]})

    def cancel(self, contract, when):
        self.go(when)
        contract.action_cancel()
