# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class SupportBillingStatementWizard(models.TransientModel):
    _name = "support.billing.statement.wizard"
    _description = "Support statement of a contract and period"

    contract_id = fields.Many2one(
        comodel_name="support.contract", required=True, ondelete="cascade"
    )
    date_from = fields.Date(
        required=True, default=lambda self: self._default_dates()[0]
    )
    date_to = fields.Date(required=True, default=lambda self: self._default_dates()[1])

    @api.model
    def _default_dates(self):
        first = fields.Date.context_today(self).replace(day=1)
        return first - relativedelta(months=1), first - relativedelta(days=1)

    def action_print(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("Period: the statement ends before it starts."))
        return self.env.ref(
            "support_billing.action_report_support_statement"
        ).report_action(
            self.contract_id,
            data={
                "date_from": fields.Date.to_string(self.date_from),
                "date_to": fields.Date.to_string(self.date_to),
            },
            # an XLSX needs no company letterhead: skip the layout wizard
            config=False,
        )
