# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
import threading
import time
from datetime import date

from psycopg2 import OperationalError

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWalletConcurrency(TransactionCase):
    """Two real database connections take the last credits of one wallet
    at the same moment.

    The data is committed by a cursor of its own (the test transaction cannot
    be seen by other connections) and removed at the end.  Each worker runs
    in its own cursor and is retried on a serialisation failure as an RPC
    request is.
    """

    def setUp(self):
        # Over 60 lines on purpose: the fixture committed for the concurrent
        # transactions, one record per statement.
        super().setUp()
        self.data = {}
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {"name": "Concurrency customer (test)", "is_company": True}
            )
            contact = env["res.partner"].create(
                {"name": "Concurrency contact (test)", "parent_id": partner.id}
            )
            plan = env["support.plan"].create(
                {
                    "name": "Sangoma concurrency (test)",
                    "code": "T-SANGOMA-CONCURRENCY",
                    "wallet_unit": "minute",
                    "hourly_rate": 120.0,
                    "billing_rule_ids": [
                        Command.create(
                            {"support_category": "configuration", "treatment": "wallet"}
                        )
                    ],
                }
            )
            contract = env["support.contract"].create(
                {
                    "partner_id": partner.id,
                    "plan_id": plan.id,
                    "contact_ids": [Command.set(contact.ids)],
                }
            )
            contract.action_activate()
            wallet = contract._support_wallet("time")
            env["support.wallet.entry"].create(
                {
                    "wallet_id": wallet.id,
                    "kind": "grant",
                    "amount": 45,
                    "reason": "Pack",
                }
            )
            project = env["project.project"].create(
                {"name": "Concurrency (test)", "allow_timesheets": True}
            )
            team = env["helpdesk.ticket.team"].create(
                {
                    "name": "Concurrency team (test)",
                    "allow_timesheet": True,
                    "default_project_id": project.id,
                }
            )
            employee = env["hr.employee"].create({"name": "Concurrency engineer"})
            tickets = env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Configuration {index} (test)",
                        "description": "x",
                        "partner_id": contact.id,
                        "team_id": team.id,
                        "project_id": project.id,
                        "type_id": env.ref("halo_support.ticket_type_configuration").id,
                        "support_contract_id": contract.id,
                    }
                    for index in range(2)
                ]
            )
            self.data = {
                "partners": (partner | contact).ids,
                "plan": plan.id,
                "contract": contract.id,
                "wallet": wallet.id,
                "project": project.id,
                "team": team.id,
                "employee": employee.id,
                "tickets": tickets.ids,
            }
            # leaving the block commits: the workers' connections see the data
        self.addCleanup(self.cleanup)

    def cleanup(self):
        data = self.data
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # The ledger is append-only by design: test data goes by SQL.
            cr.execute(
                "DELETE FROM support_wallet_entry WHERE wallet_id = %s",
                [data["wallet"]],
            )
            cr.execute(
                "DELETE FROM account_analytic_line WHERE ticket_id IN %s",
                [tuple(data["tickets"])],
            )
            cr.execute("DELETE FROM support_wallet WHERE id = %s", [data["wallet"]])
            env.invalidate_all()
            env["helpdesk.ticket"].browse(data["tickets"]).unlink()
            cr.execute(
                "UPDATE support_contract SET state = 'draft' WHERE id = %s",
                [data["contract"]],
            )
            env.invalidate_all()
            env["support.contract"].browse(data["contract"]).unlink()
            env["support.plan"].browse(data["plan"]).unlink()
            env["helpdesk.ticket.team"].browse(data["team"]).unlink()
            env["project.project"].browse(data["project"]).unlink()
            env["hr.employee"].browse(data["employee"]).unlink()
            env["res.partner"].browse(data["partners"]).unlink()

    @staticmethod
    def retrying(env, func, max_tries=5):
        """Run ``func`` until no serialisation failure: what
        ``odoo.service.model.retrying`` does for an RPC request (roll back,
        drop the caches, try again with a fresh snapshot, then commit).

        ``retrying`` itself cannot be used in a thread here: it reloads the
        registry, whose lock the test runner's main thread holds.
        """
        for tryno in range(1, max_tries + 1):
            try:
                result = func()
                env.cr.flush()
                env.cr.commit()
                return result, tryno
            except OperationalError as exc:
                env.cr.rollback()
                if not isinstance(exc, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY) or (
                    tryno == max_tries
                ):
                    raise
                time.sleep(random.uniform(0.0, 0.1 * 2**tryno))
        raise AssertionError("unreachable")

    def run_concurrently(self, work):
        """Run ``work(env, index)`` in two threads, each with its own database
        connection, released together; returns their outcomes."""
        barrier = threading.Barrier(2, timeout=30)
        results = [None, None]
        # Environments are made here: Environment() of a new cursor needs the
        # registry lock, which the test runner's main thread holds.
        envs = [
            api.Environment(self.registry.cursor(), SUPERUSER_ID, {}) for _i in "ab"
        ]
        for env in envs:
            self.addCleanup(env.cr.close)

        def worker(index):
            env = envs[index]
            tries = []

            def attempt():
                tries.append(1)
                # Start both transactions' snapshots before either takes the
                # wallet, then go at the same time.
                env["support.wallet"].browse(self.data["wallet"]).balance  # noqa: B018
                if len(tries) == 1:
                    barrier.wait()
                return work(env, index)

            try:
                result, _tries = self.retrying(env, attempt)
                results[index] = ("ok", result, len(tries))
            except UserError as err:
                env.cr.rollback()
                results[index] = ("error", err.args[0], len(tries))

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        return results

    def read_back(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT balance FROM support_wallet WHERE id = %s",
                [self.data["wallet"]],
            )
            balance = cr.fetchone()[0]
            cr.execute(
                "SELECT COALESCE(SUM(amount), 0) FROM support_wallet_entry "
                "WHERE wallet_id = %s",
                [self.data["wallet"]],
            )
            ledger = cr.fetchone()[0]
            cr.execute(
                "SELECT support_verdict, COALESCE(support_wallet_minutes, 0), "
                "COALESCE(support_billable_minutes, 0) "
                "FROM account_analytic_line WHERE ticket_id IN %s ORDER BY support_verdict",
                [tuple(self.data["tickets"])],
            )
            lines = cr.fetchall()
        return balance, ledger, lines

    def test_last_credits_logged_twice_at_once_one_goes_to_overage(self):
        def log_45_minutes(env, index):
            line = env["account.analytic.line"].create(
                {
                    "name": "Configuration",
                    "ticket_id": self.data["tickets"][index],
                    "project_id": self.data["project"],
                    "employee_id": self.data["employee"],
                    "unit_amount": 0.75,
                }
            )
            return line.support_verdict

        results = self.run_concurrently(log_45_minutes)
        self.assertEqual(sorted(r[0] for r in results), ["ok", "ok"])
        self.assertEqual(sorted(r[1] for r in results), ["billable", "wallet"])
        # the two transactions really overlapped: the later one hit the
        # wallet's lock, failed to serialise and was retried
        self.assertEqual(max(r[2] for r in results), 2)
        balance, ledger, lines = self.read_back()
        self.assertEqual((balance, ledger), (0, 0))
        # one line took the 45 credits, the other is 45 minutes of overage
        self.assertEqual(lines, [("billable", 0, 45), ("wallet", 45, 0)])

    def test_last_credits_consumed_twice_at_once_one_gets_an_error(self):
        def consume_45(env, index):
            wallet = env["support.wallet"].browse(self.data["wallet"])
            return wallet._consume(45, ticket_id=self.data["tickets"][index])

        results = self.run_concurrently(consume_45)
        outcomes = sorted(results, key=lambda r: r[0])
        self.assertEqual([r[0] for r in outcomes], ["error", "ok"])
        self.assertEqual(outcomes[1][1], 45)
        self.assertIn("holds 0 credits", outcomes[0][1])
        self.assertEqual(outcomes[0][2], 2)
        balance, ledger, _lines = self.read_back()
        self.assertEqual((balance, ledger), (0, 0))


@tagged("post_install", "-at_install")
class TestBillingRunConcurrency(TransactionCase):
    """Two users create billing runs of the same period at the same moment,
    each in a transaction of its own: neither sees the other's run, the
    database refuses the second."""

    def setUp(self):
        super().setUp()
        self.created = []
        self.addCleanup(self.cleanup)

    def cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["support.billing.run"].browse(self.created).exists().unlink()

    def create_at_once(self, periods):
        barrier = threading.Barrier(2, timeout=30)
        results = [None, None]
        envs = [
            api.Environment(self.registry.cursor(), SUPERUSER_ID, {}) for _i in "ab"
        ]
        for env in envs:
            self.addCleanup(env.cr.close)

        def worker(index):
            env = envs[index]
            Run = env["support.billing.run"]
            start, end = periods[index]
            try:
                # both snapshots are taken before either run exists: the
                # Python check of each transaction finds no other run
                Run.search_count([])
                barrier.wait()
                run = Run.create({"date_from": start, "date_to": end})
                env.cr.commit()
                self.created.append(run.id)
                results[index] = ("ok", run.id)
            except UserError as err:
                env.cr.rollback()
                results[index] = ("error", err.args[0])

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        return results

    def test_two_runs_of_one_period_at_once_one_is_refused(self):
        january = (date(2031, 1, 1), date(2031, 1, 31))
        results = self.create_at_once([january, january])
        self.assertEqual(sorted(r[0] for r in results), ["error", "ok"])
        error = next(r[1] for r in results if r[0] == "error")
        self.assertIn("2031-01-01 - 2031-01-31 is already billed", error)
        self.assertIn("at the same moment", error)
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM support_billing_run WHERE date_from = %s",
                [january[0]],
            )
            self.assertEqual(cr.fetchone()[0], 1)

    def test_overlapping_runs_at_once_one_is_refused(self):
        results = self.create_at_once(
            [
                (date(2031, 3, 1), date(2031, 3, 31)),
                (date(2031, 3, 31), date(2031, 4, 30)),
            ]
        )
        self.assertEqual(sorted(r[0] for r in results), ["error", "ok"])

    def test_adjacent_runs_at_once_are_both_created(self):
        results = self.create_at_once(
            [
                (date(2031, 5, 1), date(2031, 5, 31)),
                (date(2031, 6, 1), date(2031, 6, 30)),
            ]
        )
        self.assertEqual([r[0] for r in results], ["ok", "ok"])
