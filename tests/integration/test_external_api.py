"""An integration's view of the product: Odoo's external API (XML-RPC) only.

A client system creates a customer and its contract, opens a ticket, logs
time, runs the month's billing and reads the draft invoice back -- through
the running server of `make test` (see conftest.py), with the public methods
any integration may call.
"""

import datetime

import pytest

HOURLY_RATE = 45.0


@pytest.fixture(scope="module")
def scenario(rpc):
    """Everything an integration creates before billing."""
    # The client's today; the server bills by dates, as any integration does.
    month_start = datetime.date.today().replace(day=1)
    customer = rpc(
        "res.partner",
        "create",
        {"name": "Integration Telecom s.r.o.", "is_company": True},
    )
    contact = rpc(
        "res.partner",
        "create",
        {
            "name": "Ivana Integration",
            "parent_id": customer,
            "email": "ivana@integration.test",
        },
    )
    plan = rpc(
        "support.plan",
        "create",
        {
            "name": "Integration hourly support",
            "code": "INTEGRATION-HOURLY",
            "hourly_rate": HOURLY_RATE,
            "rounding_step": 30,
            "billing_default_treatment": "billable",
        },
    )
    contract = rpc(
        "support.contract",
        "create",
        {
            "partner_id": contact,  # the contract goes to the company
            "plan_id": plan,
            "date_start": month_start.isoformat(),
            "contact_ids": [(6, 0, [contact])],
        },
    )
    rpc("support.contract", "action_activate", [contract])
    project = rpc(
        "project.project",
        "create",
        {"name": "Integration support", "allow_timesheets": True},
    )
    team = rpc(
        "helpdesk.ticket.team",
        "create",
        {
            "name": "Integration support",
            "allow_timesheet": True,
            "default_project_id": project,
        },
    )
    kind = rpc(
        "helpdesk.ticket.type",
        "search",
        [("support_category", "=", "configuration")],
        limit=1,
    )[0]
    ticket = rpc(
        "helpdesk.ticket",
        "create",
        {
            "name": "Integration: configure the call queue",
            "description": "<p>Opened by the customer's ERP.</p>",
            "partner_id": contact,
            "team_id": team,
            "project_id": project,
            "type_id": kind,
        },
    )
    employee = rpc("hr.employee", "create", {"name": "Integration engineer"})
    timesheet = rpc(
        "account.analytic.line",
        "create",
        {
            "name": "Queue and announcements",
            "ticket_id": ticket,
            "project_id": project,
            "employee_id": employee,
            "unit_amount": 50 / 60,  # 50 minutes: one hour in half-hour steps
            "date": month_start.isoformat(),
        },
    )
    return {
        "month_start": month_start,
        "customer": customer,
        "contact": contact,
        "plan": plan,
        "contract": contract,
        "ticket": ticket,
        "timesheet": timesheet,
    }


def test_contract_and_ticket_are_linked(rpc, scenario):
    contract = rpc(
        "support.contract",
        "read",
        [scenario["contract"]],
        fields=["partner_id", "state", "name"],
    )[0]
    assert contract["partner_id"][0] == scenario["customer"]
    assert contract["state"] == "active"
    ticket = rpc(
        "helpdesk.ticket",
        "read",
        [scenario["ticket"]],
        fields=["support_contract_id", "entitlement", "number"],
    )[0]
    assert ticket["support_contract_id"][0] == scenario["contract"]
    assert ticket["entitlement"] == "covered"


def test_time_is_judged_billable(rpc, scenario):
    line = rpc(
        "account.analytic.line",
        "read",
        [scenario["timesheet"]],
        fields=["support_verdict", "support_billable_minutes", "support_amount"],
    )[0]
    assert line["support_verdict"] == "billable"
    assert line["support_billable_minutes"] == 60
    assert line["support_amount"] == HOURLY_RATE


def _billing_run(rpc, month_start):
    """A run of the month: one that already overlaps it is run again (it only
    adds what is not billed yet, up to its end), as the product asks."""
    month_end = (month_start + datetime.timedelta(days=31)).replace(
        day=1
    ) - datetime.timedelta(days=1)
    runs = rpc(
        "support.billing.run",
        "search",
        [
            ("date_from", "<=", month_end.isoformat()),
            ("date_to", ">=", month_start.isoformat()),
        ],
    )
    if runs:
        return runs[0]
    return rpc(
        "support.billing.run",
        "create",
        {"date_from": month_start.isoformat(), "date_to": month_end.isoformat()},
    )


def _invoices(rpc, contract):
    return rpc(
        "account.move",
        "search_read",
        [("support_contract_id", "=", contract)],
        fields=[
            "state",
            "move_type",
            "partner_id",
            "amount_untaxed",
            "invoice_line_ids",
            "support_billing_run_id",
        ],
    )


def test_billing_run_drafts_the_invoice(rpc, scenario):
    run = _billing_run(rpc, scenario["month_start"])
    rpc("support.billing.run", "action_run", [run])
    # Other contracts of the database may have problems of their own; ours
    # must not be one of them.
    problems = rpc("support.billing.run", "read", [run], fields=["error_message"])[0][
        "error_message"
    ]
    contract_name = rpc(
        "support.contract", "read", [scenario["contract"]], fields=["name"]
    )[0]["name"]
    assert contract_name not in (problems or "")
    invoices = _invoices(rpc, scenario["contract"])
    assert len(invoices) == 1
    invoice = invoices[0]
    assert invoice["state"] == "draft"
    assert invoice["move_type"] == "out_invoice"
    assert invoice["partner_id"][0] == scenario["customer"]
    assert invoice["support_billing_run_id"][0] == run
    assert invoice["amount_untaxed"] == HOURLY_RATE
    lines = rpc(
        "account.move.line",
        "read",
        invoice["invoice_line_ids"],
        fields=["name", "quantity", "price_unit", "price_subtotal"],
    )
    assert len(lines) == 1
    assert "Integration: configure the call queue" in lines[0]["name"]
    assert lines[0]["quantity"] == 1.0
    assert lines[0]["price_subtotal"] == HOURLY_RATE
    timesheet = rpc(
        "account.analytic.line",
        "read",
        [scenario["timesheet"]],
        fields=["support_invoice_line_id"],
    )[0]
    assert timesheet["support_invoice_line_id"][0] == lines[0]["id"]

    # Running again bills nothing twice.
    rpc("support.billing.run", "action_run", [run])
    again = _invoices(rpc, scenario["contract"])
    assert [i["invoice_line_ids"] for i in again] == [invoice["invoice_line_ids"]]
