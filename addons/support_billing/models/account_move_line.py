# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    support_timesheet_ids = fields.One2many(
        comodel_name="account.analytic.line",
        inverse_name="support_invoice_line_id",
        string="Billed support time",
    )
    support_fee_ticket_ids = fields.One2many(
        comodel_name="helpdesk.ticket",
        inverse_name="success_fee_invoice_line_id",
        string="Billed success fees",
    )
    support_onsite_order_ids = fields.One2many(
        comodel_name="fsm.order",
        inverse_name="support_invoice_line_id",
        string="Billed onsite visits",
    )
    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Support contract",
        copy=False,
        help="For a pack of support hours: the contract whose wallet it tops "
        "up (by default the invoice's, or the customer's only active one).",
    )

    def _reconcile_plan(self, reconciliation_plan):
        """Every reconciliation of Odoo (a registered payment, an outstanding
        credit assigned, a bank statement matched) runs through here: after
        it, the moves whose lines were reconciled hear of their payment
        (``account.move._support_on_payment``)."""
        res = super()._reconcile_plan(reconciliation_plan)
        lines = self.browse()

        def gather(plan):
            nonlocal lines
            for item in plan:
                if isinstance(item, models.BaseModel):
                    lines |= item
                else:
                    gather(item)

        gather(reconciliation_plan)
        lines.move_id._support_on_payment()
        return res
