"""support_billing benchmark: ``make bench`` (or ``harness.py bench --only billing``).

The billing run of one month for 1,000 contracts with 10 billable timesheet
lines each (10,000 lines -> 1,000 draft invoices of 10 lines), its time and
its queries per contract; then the same run again (idempotence: it must add
nothing).  Reference, measured in the same run: creating 200 such invoices of 10
lines directly with ``account.move.create``, one call each as the run does
(Odoo's own cost of an invoice, without finding and linking the sources),
compared per invoice.
"""

import os
import time

from dateutil.relativedelta import relativedelta

from odoo import Command, fields

CONTRACTS = int(os.environ.get("BENCH_BILLING_CONTRACTS", 1_000))
LINES = 10
# The reference creates this many invoices, one create() each as the run
# does, and is compared per invoice.
REFERENCE = min(CONTRACTS, 200)


def _timed(env, func):
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries, result


_PHASE = [0.0]


def _phase(name):
    now = time.perf_counter()
    if _PHASE[0]:
        print(f"  setup {name}: {now - _PHASE[0]:.1f} s")
    _PHASE[0] = now


def setup(env):
    """1,000 active contracts of an hourly plan, one ticket each with ten
    45-minute lines (half-hour steps: 1 h billed each, 45 EUR)."""
    _phase("start")
    today = fields.Date.context_today(env["support.contract"])
    month_start = today.replace(day=1)
    eur = env.ref("base.EUR")
    eur.active = True
    plan = env["support.plan"].create(
        {
            "name": "Bench hourly plan",
            "code": "BENCH-HOURLY",
            "currency_id": eur.id,
            "hourly_rate": 45.0,
            "rounding_step": 30,
            "billing_default_treatment": "billable",
        }
    )
    project = env["project.project"].create(
        {"name": "Bench support", "allow_timesheets": True}
    )
    team = env["helpdesk.ticket.team"].create(
        {
            "name": "Bench team",
            "allow_timesheet": True,
            "default_project_id": project.id,
        }
    )
    employee = env["hr.employee"].create({"name": "Bench engineer"})
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {i}", "is_company": True} for i in range(CONTRACTS)]
    )
    contracts = env["support.contract"].create(
        [
            {
                "partner_id": partner.id,
                "plan_id": plan.id,
                "date_start": month_start,
                "contact_ids": [Command.set(partner.ids)],
            }
            for partner in partners
        ]
    )
    contracts.action_activate()
    _phase("contracts")
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"Bench request {i}",
                "description": "bench",
                "partner_id": contract.partner_id.id,
                "team_id": team.id,
                "project_id": project.id,
                "type_id": env.ref("halo_support.ticket_type_configuration").id,
                "support_contract_id": contract.id,
            }
            for i, contract in enumerate(contracts)
        ]
    )
    _phase("tickets")
    env["account.analytic.line"].create(
        [
            {
                "name": f"Work {n}",
                "ticket_id": ticket.id,
                "project_id": project.id,
                "employee_id": employee.id,
                "unit_amount": 0.75,
                "date": today,
            }
            for ticket in tickets
            for n in range(LINES)
        ]
    )
    env.flush_all()
    _phase("timesheet lines (judged on create)")
    return contracts, month_start, today


def main(env):
    env = env(context=dict(env.context, tracking_disable=True, mail_notrack=True))
    started = time.perf_counter()
    contracts, month_start, _today = setup(env)
    setup_time = time.perf_counter() - started
    billable = env["account.analytic.line"].search_count(
        [
            ("support_contract_id", "in", contracts.ids),
            ("support_verdict", "=", "billable"),
        ]
    )
    print(
        f"setup: {CONTRACTS} contracts, {billable} billable lines in {setup_time:.1f} s"
    )
    month_end = month_start + relativedelta(months=1, days=-1)
    run = env["support.billing.run"].create(
        {"date_from": month_start, "date_to": month_end}
    )
    run_time, run_queries, _res = _timed(env, run.action_run)
    moves = run.move_ids
    lines = sum(len(move.invoice_line_ids) for move in moves)
    total = sum(moves.mapped("amount_untaxed"))
    print(
        f"billing run: {len(moves)} invoices, {lines} lines, {total:.2f} EUR untaxed "
        f"in {run_time:.2f} s ({run_time / CONTRACTS * 1000:.1f} ms and "
        f"{run_queries / CONTRACTS:.1f} queries per contract)"
    )
    again_time, again_queries, _res = _timed(env, run.action_run)
    lines_again = sum(len(move.invoice_line_ids) for move in run.move_ids)
    print(
        f"rerun (idempotence): {lines_again - lines} lines added, {again_time:.2f} s, "
        f"{again_queries} queries"
    )
    assert lines_again == lines and len(run.move_ids) == len(moves)
    assert len(moves) == CONTRACTS and lines == CONTRACTS * LINES
    # Reference: Odoo creating the same invoices directly.
    product = env.ref("support_billing.product_support_hour")
    hour = env.ref("uom.product_uom_hour")
    journal = moves[:1].journal_id

    def reference():
        return [
            env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": contract.partner_id.id,
                    "journal_id": journal.id,
                    "currency_id": contract.plan_id.currency_id.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": f"Reference line {n}",
                                "quantity": 1.0,
                                "product_uom_id": hour.id,
                                "price_unit": 45.0,
                            }
                        )
                        for n in range(LINES)
                    ],
                }
            )
            for contract in contracts[:REFERENCE]
        ]

    ref_time, ref_queries, _res = _timed(env, reference)
    per_run = run_time / CONTRACTS
    per_ref = ref_time / REFERENCE
    print(
        f"reference, account.move.create of {REFERENCE} such invoices one by one: "
        f"{ref_time:.2f} s ({per_ref * 1000:.1f} ms and "
        f"{ref_queries / REFERENCE:.1f} queries per invoice); "
        f"billing run / reference per invoice = {per_run / per_ref:.2f}"
    )
