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
        """One sheet per kind of usage (time, credits, quota, fees) and a
        summary row per contract, for the period of ``data``."""
        start, end = self._period(data)
        fmt = self._statement_formats(workbook)
        sheets = {}
        for key, (title, columns) in self._statement_columns().items():
            sheet = sheets[key] = workbook.add_worksheet(title)
            sheet.write_row(0, 0, columns, fmt["bold"])
            if key != "summary":
                sheet.freeze_panes(1, 0)
        rows = dict.fromkeys(sheets, 1)
        labels = self._statement_labels()
        writers = {
            "time": self._statement_time_rows,
            "credits": self._statement_credit_rows,
            "quota": self._statement_quota_rows,
            "fees": self._statement_fee_rows,
        }
        for contract in contracts:
            usage = self._statement_usage(contract, start, end)
            for key, writer in writers.items():
                for cells in writer(contract, usage, labels, fmt):
                    self._write_cells(sheets[key], rows[key], cells)
                    rows[key] += 1
            self._write_cells(
                sheets["summary"],
                rows["summary"],
                self._statement_summary_row(contract, usage, start, end, fmt),
            )
            rows["summary"] += 1

    # ------------------------------------------------------------------
    # Layout
    # ------------------------------------------------------------------

    def _statement_formats(self, workbook):
        return {
            "bold": workbook.add_format({"bold": True}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
            "hours": workbook.add_format({"num_format": "0.00"}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        }

    def _statement_columns(self):
        """``{sheet key: (title, column headings)}`` in the sheets' order."""
        # Over 60 lines on purpose: a declaration table (one translatable
        # heading per line), no logic.
        return {
            "summary": (
                self.env._("Summary"),
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
            ),
            "time": (
                self.env._("Time"),
                [
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
            ),
            "credits": (
                self.env._("Credits"),
                [
                    self.env._("Contract"),
                    self.env._("Wallet"),
                    self.env._("Date"),
                    self.env._("Kind"),
                    self.env._("Amount"),
                    self.env._("Balance after"),
                    self.env._("Reason"),
                ],
            ),
            "quota": (
                self.env._("Quota"),
                [
                    self.env._("Contract"),
                    self.env._("Ticket"),
                    self.env._("Subject"),
                    self.env._("Date"),
                    self.env._("Quota"),
                ],
            ),
            "fees": (
                self.env._("Fees"),
                [
                    self.env._("Contract"),
                    self.env._("Kind"),
                    self.env._("Reference"),
                    self.env._("Date"),
                    self.env._("Quantity"),
                    self.env._("Amount"),
                    self.env._("Invoice"),
                ],
            ),
        }

    def _statement_labels(self):
        """The selection labels the sheets show, in the reader's language."""

        def labels(model, field):
            return dict(self.env[model]._fields[field]._description_selection(self.env))

        return {
            "verdict": labels("account.analytic.line", "support_verdict"),
            "kind": labels("support.wallet.entry", "kind"),
            "fee_state": labels("helpdesk.ticket", "success_fee_state"),
            "quota_state": labels("helpdesk.ticket", "support_quota_state"),
        }

    @staticmethod
    def _write_cells(sheet, row, cells):
        """Write ``cells`` (a value, or ``(value, format)``) from column 0;
        xlsxwriter's ``write`` picks text, number or date by the value."""
        for col, cell in enumerate(cells):
            value, cell_format = cell if isinstance(cell, tuple) else (cell, None)
            sheet.write(row, col, value, cell_format)

    # ------------------------------------------------------------------
    # Content
    # ------------------------------------------------------------------

    def _statement_usage(self, contract, start, end):
        """The records of ``contract`` the statement of ``start``-``end``
        lists: timesheet lines, wallet entries, quota tickets, success-fee
        tickets and onsite orders."""
        in_period = [("date", ">=", start), ("date", "<=", end)]
        Ticket = self.env["helpdesk.ticket"]
        return {
            "lines": self.env["account.analytic.line"].search(
                [("support_contract_id", "=", contract.id), *in_period],
                order="date, id",
            ),
            "entries": self.env["support.wallet.entry"].search(
                [("wallet_id.contract_id", "=", contract.id), *in_period],
                order="date, id",
            ),
            "quota_tickets": Ticket.search(
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
            ),
            "fee_tickets": Ticket.search(
                [
                    ("support_contract_id", "=", contract.id),
                    ("success_fee_date", ">=", start),
                    ("success_fee_date", "<=", end),
                    ("success_fee_amount", ">", 0),
                ]
            ),
            "orders": self.env["fsm.order"].search(
                [
                    ("support_contract_id", "=", contract.id),
                    ("support_plan_id", "!=", False),
                    ("support_date", ">=", start),
                    ("support_date", "<=", end),
                ]
            ),
        }

    def _statement_time_rows(self, contract, usage, labels, fmt):
        for line in usage["lines"]:
            yield [
                contract.name,
                line.ticket_id.number or "",
                line.ticket_id.name or "",
                (line.date, fmt["date"]),
                line.employee_id.name or "",
                (line.unit_amount, fmt["hours"]),
                labels["verdict"].get(line.support_verdict, ""),
                line.support_verdict_reason or "",
                line.support_wallet_minutes,
                line.support_billable_minutes,
                (line.support_rate, fmt["money"]),
                (line.support_amount, fmt["money"]),
                line.support_invoice_line_id.move_id.name or "",
            ]

    def _statement_credit_rows(self, contract, usage, labels, fmt):
        for entry in usage["entries"]:
            yield [
                contract.name,
                entry.wallet_id.name or "",
                (entry.date, fmt["date"]),
                labels["kind"].get(entry.kind, ""),
                (entry.amount_display, fmt["hours"]),
                (entry.balance_after_display, fmt["hours"]),
                entry.reason or "",
            ]

    def _statement_quota_rows(self, contract, usage, labels, fmt):
        for ticket in usage["quota_tickets"]:
            yield [
                contract.name,
                ticket.number or "",
                ticket.name or "",
                fields.Date.to_string(ticket.create_date.date()),
                labels["quota_state"][ticket.support_quota_state],
            ]

    def _statement_fee_rows(self, contract, usage, labels, fmt):
        """Success fees, then the onsite days and travel of each visit."""
        for ticket in usage["fee_tickets"]:
            yield [
                contract.name,
                self.env._(
                    "Success fee: %(state)s",
                    state=labels["fee_state"][ticket.success_fee_state],
                ),
                ticket.number or "",
                (ticket.success_fee_date, fmt["date"]),
                1,
                (ticket.success_fee_amount, fmt["money"]),
                ticket.success_fee_invoice_line_id.move_id.name or "",
            ]
        for order in usage["orders"]:
            invoice = order.support_invoice_line_id.move_id.name or ""
            travel = self.env._(
                "Travel: %(zone)s", zone=order.support_travel_zone_id.name or ""
            )
            for kind, quantity, amount in (
                (
                    self.env._("Onsite days"),
                    order.support_days,
                    order.support_onsite_amount,
                ),
                (travel, 1, order.support_travel_amount),
            ):
                yield [
                    contract.name,
                    kind,
                    order.name,
                    (order.support_date, fmt["date"]),
                    quantity,
                    (amount, fmt["money"]),
                    invoice,
                ]

    def _statement_summary_row(self, contract, usage, start, end, fmt):
        lines, orders = usage["lines"], usage["orders"]
        quota_states = usage["quota_tickets"].mapped("support_quota_state")
        return [
            contract.name,
            contract.partner_id.display_name,
            contract.plan_id.display_name or "",
            (start, fmt["date"]),
            (end, fmt["date"]),
            (sum(lines.mapped("support_amount")), fmt["money"]),
            (sum(lines.mapped("support_wallet_minutes")) / 60.0, fmt["hours"]),
            (sum(usage["fee_tickets"].mapped("success_fee_amount")), fmt["money"]),
            (sum(orders.mapped("support_onsite_amount")), fmt["money"]),
            (sum(orders.mapped("support_travel_amount")), fmt["money"]),
            quota_states.count("counted"),
            quota_states.count("exceeded"),
            contract.currency_id.name or "",
        ]
