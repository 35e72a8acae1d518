# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, models


class SupportStatementXlsx(models.AbstractModel):
    """Statement of a contract for a period: time, credits, quota and fees."""

    _name = "report.support_billing.statement_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Support statement (XLSX)"

    def _period(self, data):
        data = data or {}
        today = fields.Date.context_today(self)
        start = fields.Date.to_date(data.get("date_from")) or today.replace(day=1)
        end = fields.Date.to_date(data.get("date_to")) or today
        return start, end

    def get_workbook_options(self):
        """Customer text (ticket subjects, names, reasons) is written as text:
        a subject such as ``=HYPERLINK(...)`` must not become a live formula
        or link in the accountant's spreadsheet."""
        options = dict(super().get_workbook_options())
        options.update(strings_to_formulas=False, strings_to_urls=False)
        return options

    def generate_xlsx_report(self, workbook, data, contracts):
        start, end = self._period(data)
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        hours = workbook.add_format({"num_format": "0.00"})
        date_fmt = workbook.add_format({"num_format": "yyyy-mm-dd"})
        summary = workbook.add_worksheet(self.env._("Summary"))
        time_ws = workbook.add_worksheet(self.env._("Time"))
        credit_ws = workbook.add_worksheet(self.env._("Credits"))
        quota_ws = workbook.add_worksheet(self.env._("Quota"))
        fee_ws = workbook.add_worksheet(self.env._("Fees"))
        heads = {
            time_ws: [
                self.env._("Contract"),
                self.env._("Ticket"),
                self.env._("Subject"),
                self.env._("Date"),
                self.env._("Employee"),
                self.env._("Hours"),
                self.env._("Verdict"),
                self.env._("Why"),
                self.env._("From wallet (min)"),
                self.env._("Billed (min)"),
                self.env._("Rate"),
                self.env._("Amount"),
                self.env._("Invoice"),
            ],
            credit_ws: [
                self.env._("Contract"),
                self.env._("Wallet"),
                self.env._("Date"),
                self.env._("Kind"),
                self.env._("Amount"),
                self.env._("Balance after"),
                self.env._("Reason"),
            ],
            quota_ws: [
                self.env._("Contract"),
                self.env._("Ticket"),
                self.env._("Subject"),
                self.env._("Date"),
                self.env._("Quota"),
            ],
            fee_ws: [
                self.env._("Contract"),
                self.env._("Kind"),
                self.env._("Reference"),
                self.env._("Date"),
                self.env._("Quantity"),
                self.env._("Amount"),
                self.env._("Invoice"),
            ],
        }
        for sheet, columns in heads.items():
            sheet.write_row(0, 0, columns, bold)
            sheet.freeze_panes(1, 0)
        rows = dict.fromkeys(heads, 1)
        summary.write_row(
            0,
            0,
            [
                self.env._("Contract"),
                self.env._("Customer"),
                self.env._("Plan"),
                self.env._("From"),
                self.env._("To"),
                self.env._("Billable time"),
                self.env._("Wallet time (h)"),
                self.env._("Success fees"),
                self.env._("Onsite"),
                self.env._("Travel"),
                self.env._("Requests counted"),
                self.env._("Requests beyond quota"),
                self.env._("Currency"),
            ],
            bold,
        )
        verdicts = dict(
            self.env["account.analytic.line"]
            ._fields["support_verdict"]
            ._description_selection(self.env)
        )
        kinds = dict(
            self.env["support.wallet.entry"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        fee_states = dict(
            self.env["helpdesk.ticket"]
            ._fields["success_fee_state"]
            ._description_selection(self.env)
        )
        for index, contract in enumerate(contracts, start=1):
            name = contract.name
            lines = self.env["account.analytic.line"].search(
                [
                    ("support_contract_id", "=", contract.id),
                    ("date", ">=", start),
                    ("date", "<=", end),
                ],
                order="date, id",
            )
            for line in lines:
                time_ws.write_row(
                    rows[time_ws],
                    0,
                    [
                        name,
                        line.ticket_id.number or "",
                        line.ticket_id.name or "",
                    ],
                )
                time_ws.write_datetime(rows[time_ws], 3, line.date, date_fmt)
                time_ws.write(rows[time_ws], 4, line.employee_id.name or "")
                time_ws.write_number(rows[time_ws], 5, line.unit_amount, hours)
                time_ws.write_row(
                    rows[time_ws],
                    6,
                    [
                        verdicts.get(line.support_verdict, ""),
                        line.support_verdict_reason or "",
                        line.support_wallet_minutes,
                        line.support_billable_minutes,
                    ],
                )
                time_ws.write_number(rows[time_ws], 10, line.support_rate, money)
                time_ws.write_number(rows[time_ws], 11, line.support_amount, money)
                time_ws.write(
                    rows[time_ws], 12, line.support_invoice_line_id.move_id.name or ""
                )
                rows[time_ws] += 1
            entries = self.env["support.wallet.entry"].search(
                [
                    ("wallet_id.contract_id", "=", contract.id),
                    ("date", ">=", start),
                    ("date", "<=", end),
                ],
                order="date, id",
            )
            for entry in entries:
                credit_ws.write_row(
                    rows[credit_ws], 0, [name, entry.wallet_id.name or ""]
                )
                credit_ws.write_datetime(rows[credit_ws], 2, entry.date, date_fmt)
                credit_ws.write(rows[credit_ws], 3, kinds.get(entry.kind, ""))
                credit_ws.write_number(rows[credit_ws], 4, entry.amount_display, hours)
                credit_ws.write_number(
                    rows[credit_ws], 5, entry.balance_after_display, hours
                )
                credit_ws.write(rows[credit_ws], 6, entry.reason or "")
                rows[credit_ws] += 1
            quota_tickets = self.env["helpdesk.ticket"].search(
                [
                    ("support_contract_id", "=", contract.id),
                    ("support_quota_state", "!=", "none"),
                    ("create_date", ">=", fields.Datetime.to_datetime(start)),
                    (
                        "create_date",
                        "<",
                        fields.Datetime.to_datetime(end) + timedelta(days=1),
                    ),
                ],
                order="create_date, id",
            )
            for ticket in quota_tickets:
                quota_ws.write_row(
                    rows[quota_ws],
                    0,
                    [
                        name,
                        ticket.number or "",
                        ticket.name or "",
                        fields.Date.to_string(ticket.create_date.date()),
                        dict(
                            ticket._fields[
                                "support_quota_state"
                            ]._description_selection(self.env)
                        )[ticket.support_quota_state],
                    ],
                )
                rows[quota_ws] += 1
            fee_tickets = self.env["helpdesk.ticket"].search(
                [
                    ("support_contract_id", "=", contract.id),
                    ("success_fee_date", ">=", start),
                    ("success_fee_date", "<=", end),
                    ("success_fee_amount", ">", 0),
                ]
            )
            for ticket in fee_tickets:
                fee_ws.write_row(
                    rows[fee_ws],
                    0,
                    [
                        name,
                        self.env._(
                            "Success fee: %(state)s",
                            state=fee_states[ticket.success_fee_state],
                        ),
                        ticket.number or "",
                    ],
                )
                fee_ws.write_datetime(
                    rows[fee_ws], 3, ticket.success_fee_date, date_fmt
                )
                fee_ws.write_number(rows[fee_ws], 4, 1)
                fee_ws.write_number(rows[fee_ws], 5, ticket.success_fee_amount, money)
                fee_ws.write(
                    rows[fee_ws],
                    6,
                    ticket.success_fee_invoice_line_id.move_id.name or "",
                )
                rows[fee_ws] += 1
            orders = self.env["fsm.order"].search(
                [
                    ("support_contract_id", "=", contract.id),
                    ("support_plan_id", "!=", False),
                    ("support_date", ">=", start),
                    ("support_date", "<=", end),
                ]
            )
            for order in orders:
                invoice = order.support_invoice_line_id.move_id.name or ""
                for kind, quantity, amount in (
                    (
                        self.env._("Onsite days"),
                        order.support_days,
                        order.support_onsite_amount,
                    ),
                    (
                        self.env._(
                            "Travel: %(zone)s",
                            zone=order.support_travel_zone_id.name or "",
                        ),
                        1,
                        order.support_travel_amount,
                    ),
                ):
                    fee_ws.write_row(rows[fee_ws], 0, [name, kind, order.name])
                    fee_ws.write_datetime(rows[fee_ws], 3, order.support_date, date_fmt)
                    fee_ws.write_number(rows[fee_ws], 4, quantity)
                    fee_ws.write_number(rows[fee_ws], 5, amount, money)
                    fee_ws.write(rows[fee_ws], 6, invoice)
                    rows[fee_ws] += 1
            summary.write_row(
                index,
                0,
                [
                    name,
                    contract.partner_id.display_name,
                    contract.plan_id.display_name or "",
                ],
            )
            summary.write_datetime(index, 3, start, date_fmt)
            summary.write_datetime(index, 4, end, date_fmt)
            summary.write_number(index, 5, sum(lines.mapped("support_amount")), money)
            summary.write_number(
                index, 6, sum(lines.mapped("support_wallet_minutes")) / 60.0, hours
            )
            summary.write_number(
                index, 7, sum(fee_tickets.mapped("success_fee_amount")), money
            )
            summary.write_number(
                index, 8, sum(orders.mapped("support_onsite_amount")), money
            )
            summary.write_number(
                index, 9, sum(orders.mapped("support_travel_amount")), money
            )
            summary.write_number(
                index,
                10,
                len(
                    quota_tickets.filtered(lambda t: t.support_quota_state == "counted")
                ),
            )
            summary.write_number(
                index,
                11,
                len(
                    quota_tickets.filtered(
                        lambda t: t.support_quota_state == "exceeded"
                    )
                ),
            )
            summary.write(index, 12, contract.currency_id.name or "")
