# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


class SupportSlaExtendWizard(models.TransientModel):
    """Move a ticket's SLA terms: extend them after the customer broke the
    rules of the support policy (the policy says by how much), or announce
    a new term to the customer (the date becomes the deadline)."""

    _name = "support.sla.extend.wizard"
    _description = "Extend SLA terms"

    ticket_ids = fields.Many2many(comodel_name="helpdesk.ticket", required=True)
    mode = fields.Selection(
        selection=[
            ("violation", "Rule violation: the policy's extended terms"),
            ("new_term", "Announce a new term to the customer"),
        ],
        required=True,
        default="violation",
    )
    new_deadline = fields.Datetime(
        string="New term",
        help="When the customer will have the answer: posted to the customer "
        "and made the deadline of the clock that waits for an answer or a "
        "new term.",
    )
    reason = fields.Text(
        help="Which rule the customer broke (e.g. the request was repeated "
        "before its term ran out): it is logged on every extended clock.",
    )
    note = fields.Text(
        string="Note to the customer",
        help="Why the answer takes longer (optional): posted to the customer "
        "with the new term, and logged.",
    )

    def action_confirm(self):
        self.ensure_one()
        if self.mode == "new_term":
            if not self.new_deadline:
                raise UserError(
                    self.env._("New term: say when the customer gets the answer.")
                )
            for ticket in self.ticket_ids:
                ticket._sla_announce_new_term(
                    self.new_deadline, (self.note or "").strip() or None
                )
            return {"type": "ir.actions.act_window_close"}
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Reason: say which rule the customer broke."))
        extended = self.ticket_ids._sla_extend_terms(reason)
        if not extended:
            raise UserError(
                self.env._(
                    "No term was extended: the tickets have no open clock, "
                    "their plan's SLA policy does not allow extended terms "
                    "(Extended terms for rule violations), or their terms are "
                    "already longer than the extension."
                )
            )
        return {"type": "ir.actions.act_window_close"}
