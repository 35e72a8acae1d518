# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io

import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError

COLUMNS = ("plan", "team", "metric", "month", "clocks", "met", "breached", "compliance")


def compliance_rate(met, breached):
    """Share of met clocks among the clocks with an outcome, in %, or None."""
    decided = met + breached
    return round(100.0 * met / decided, 2) if decided else None


def write_workbook(headers, summary_rows, detail_headers, detail_rows):
    """The XLSX file (bytes) of the compliance report: a summary sheet and
    a sheet of the clocks it counts.

    Text (plan, team and ticket names) is written as text, never as a
    formula or a link, whatever it starts with.
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#DDDDDD"})
    percent = workbook.add_format({"num_format": "0.00"})
    stamp = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet = workbook.add_worksheet("Compliance")
    sheet.write_row(0, 0, headers, bold)
    for row_index, row in enumerate(summary_rows, start=1):
        for col, value in enumerate(row):
            if value is None:
                continue
            fmt = percent if col == len(row) - 1 else None
            sheet.write(row_index, col, value, fmt)
    sheet.autofilter(0, 0, max(len(summary_rows), 1), len(headers) - 1)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 3, 22)
    details = workbook.add_worksheet("Clocks")
    details.write_row(0, 0, detail_headers, bold)
    for row_index, row in enumerate(detail_rows, start=1):
        for col, value in enumerate(row):
            if value in (None, False):
                continue
            if hasattr(value, "year"):
                details.write_datetime(row_index, col, value, stamp)
            else:
                details.write(row_index, col, value)
    details.freeze_panes(1, 0)
    details.set_column(0, len(detail_headers) - 1, 18)
    workbook.close()
    return buffer.getvalue()


class SupportSlaReportExport(models.TransientModel):
    _name = "support.sla.report.export"
    _description = "Export SLA compliance to XLSX"

    date_from = fields.Date(string="Started from")
    date_to = fields.Date(string="Started until")
    plan_ids = fields.Many2many(comodel_name="support.plan", string="Support plans")
    team_ids = fields.Many2many(comodel_name="helpdesk.ticket.team", string="Teams")
    file_data = fields.Binary(string="File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    def _report_domain(self):
        domain = []
        if self.date_from:
            domain.append(("start_date", ">=", self.date_from))
        if self.date_to:
            domain.append(("start_date", "<", fields.Date.add(self.date_to, days=1)))
        if self.plan_ids:
            domain.append(("plan_id", "in", self.plan_ids.ids))
        if self.team_ids:
            domain.append(("team_id", "in", self.team_ids.ids))
        return domain

    def _summary_rows(self):
        """[plan, team, metric, month, clocks, met, breached, compliance]."""
        Report = self.env["support.sla.report"]
        metrics = dict(Report._fields["metric"]._description_selection(self.env))
        groups = Report._read_group(
            self._report_domain(),
            ["plan_id", "team_id", "metric", "start_date:month"],
            ["clock_count:sum", "met_count:sum", "breached_count:sum"],
        )
        rows = []
        for plan, team, metric, month, clocks, met, breached in groups:
            rows.append(
                [
                    plan.display_name or "",
                    team.display_name or "",
                    metrics.get(metric, metric or ""),
                    month.strftime("%Y-%m") if month else "",
                    clocks,
                    met,
                    breached,
                    compliance_rate(met, breached),
                ]
            )
        rows.sort(key=lambda row: (row[3], row[0], row[1], row[2]))
        return rows

    def _detail_rows(self):
        Report = self.env["support.sla.report"]
        metrics = dict(Report._fields["metric"]._description_selection(self.env))
        states = dict(Report._fields["state"]._description_selection(self.env))
        lines = Report.search(self._report_domain(), order="start_date, id")
        return [
            [
                line.ticket_id.display_name,
                line.plan_id.display_name or "",
                line.team_id.display_name or "",
                metrics.get(line.metric, ""),
                states.get(line.state, ""),
                line.start_date,
                line.deadline,
                line.stop_date,
                line.used_hours,
            ]
            for line in lines
        ]

    def action_export(self):
        self.ensure_one()
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise UserError(
                self.env._("Started until: the end date is before the start date.")
            )
        headers = [
            self.env._("Support plan"),
            self.env._("Team"),
            self.env._("Metric"),
            self.env._("Month"),
            self.env._("Clocks"),
            self.env._("Met"),
            self.env._("Breached"),
            self.env._("Compliance (%)"),
        ]
        detail_headers = [
            self.env._("Ticket"),
            self.env._("Support plan"),
            self.env._("Team"),
            self.env._("Metric"),
            self.env._("State"),
            self.env._("Started"),
            self.env._("Deadline"),
            self.env._("Stopped"),
            self.env._("Business hours used"),
        ]
        content = write_workbook(
            headers, self._summary_rows(), detail_headers, self._detail_rows()
        )
        self.write(
            {
                "file_data": base64.b64encode(content),
                "file_name": "sla_compliance.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": (
                f"/web/content/?model={self._name}&id={self.id}"
                "&field=file_data&filename_field=file_name&download=true"
            ),
            "target": "self",
        }
