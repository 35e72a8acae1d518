# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .support_sla_target import START_EVENTS, STOP_EVENTS

EVENT_KINDS = [
    ("start", "Start"),
    ("pause", "Pause"),
    ("resume", "Resume"),
    ("stop", "Stop"),
    ("replan", "Re-plan"),
    ("extend", "Extension"),
    ("new_term", "New term announced"),
    ("cancel", "Cancel"),
    ("warning", "Warning"),
    ("breach", "Breach"),
    ("event", "Ticket event"),
]
EVENT_CODES = START_EVENTS + [
    (code, label) for code, label in STOP_EVENTS if code != "stage"
]


class SupportTicketSlaEvent(models.Model):
    """One line of an SLA clock's history: who moved it, when and why.

    Append-only: written by the clocks, never edited by users.
    """

    _name = "support.ticket.sla.event"
    _description = "SLA clock event"
    _order = "date desc, id desc"

    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    clock_id = fields.Many2one(
        comodel_name="support.ticket.sla",
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, readonly=True
    )
    date = fields.Datetime(required=True, readonly=True, index=True)
    user_id = fields.Many2one(comodel_name="res.users", string="By", readonly=True)
    kind = fields.Selection(selection=EVENT_KINDS, required=True, readonly=True)
    code = fields.Selection(
        selection=EVENT_CODES,
        string="Event",
        readonly=True,
        index=True,
        help="The ticket event that caused this line (message sent, "
        "replacement delivered...).",
    )
    reason = fields.Char(readonly=True)
    deadline_before = fields.Datetime(readonly=True)
    deadline_after = fields.Datetime(string="Deadline", readonly=True)
    metric = fields.Selection(related="clock_id.metric")
