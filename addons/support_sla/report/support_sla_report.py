# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.support_sla_target import METRICS
from ..models.support_ticket_sla import CLOCK_STATES


class SupportSlaReport(models.Model):
    """SLA compliance: one line per clock that reached an outcome or runs.

    Compliance is the share of met clocks among the clocks with an outcome
    (met or breached); cancelled clocks do not count.
    """

    _name = "support.sla.report"
    _description = "SLA compliance report"
    _auto = False
    _order = "start_date desc"
    _rec_name = "metric"
    _depends = {
        "support.ticket.sla": [
            "ticket_id",
            "plan_id",
            "policy_id",
            "company_id",
            "metric",
            "state",
            "priority",
            "start_date",
            "deadline",
            "stop_date",
            "used_hours_final",
        ],
        "helpdesk.ticket": ["team_id", "user_id", "served_outcome_id"],
    }

    clock_id = fields.Many2one(comodel_name="support.ticket.sla", readonly=True)
    ticket_id = fields.Many2one(comodel_name="helpdesk.ticket", readonly=True)
    plan_id = fields.Many2one(
        comodel_name="support.plan", string="Support plan", readonly=True
    )
    policy_id = fields.Many2one(comodel_name="support.sla.policy", readonly=True)
    team_id = fields.Many2one(comodel_name="helpdesk.ticket.team", readonly=True)
    user_id = fields.Many2one(
        comodel_name="res.users", string="Assignee", readonly=True
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    served_outcome_id = fields.Many2one(
        comodel_name="support.served.outcome", string="Served outcome", readonly=True
    )
    ticket_count = fields.Integer(
        string="Tickets",
        readonly=True,
        help="Each ticket counts once, on its first clock: the number of "
        "tickets of a group (e.g. per served outcome).",
    )
    metric = fields.Selection(selection=METRICS, readonly=True)
    state = fields.Selection(selection=CLOCK_STATES, readonly=True)
    priority = fields.Char(readonly=True)
    start_date = fields.Datetime(string="Started", readonly=True)
    deadline = fields.Datetime(readonly=True)
    stop_date = fields.Datetime(string="Stopped", readonly=True)
    clock_count = fields.Integer(string="Clocks", readonly=True)
    met_count = fields.Integer(string="Met", readonly=True)
    breached_count = fields.Integer(string="Breached", readonly=True)
    compliance = fields.Float(
        string="Compliance (%)",
        readonly=True,
        aggregator="avg",
        help="Share of met clocks among met and breached ones.",
    )
    used_hours = fields.Float(
        string="Business hours used", readonly=True, aggregator="avg"
    )

    @property
    def _table_query(self):
        return """
            SELECT
                c.id AS id,
                c.id AS clock_id,
                c.ticket_id AS ticket_id,
                c.plan_id AS plan_id,
                c.policy_id AS policy_id,
                t.team_id AS team_id,
                t.user_id AS user_id,
                c.company_id AS company_id,
                c.metric AS metric,
                c.state AS state,
                c.priority AS priority,
                c.start_date AS start_date,
                c.deadline AS deadline,
                c.stop_date AS stop_date,
                t.served_outcome_id AS served_outcome_id,
                1 AS clock_count,
                CASE
                    WHEN ROW_NUMBER() OVER (PARTITION BY c.ticket_id ORDER BY c.id) = 1
                    THEN 1 ELSE 0
                END AS ticket_count,
                CASE WHEN c.state = 'met' THEN 1 ELSE 0 END AS met_count,
                CASE WHEN c.state = 'breached' THEN 1 ELSE 0 END AS breached_count,
                CASE
                    WHEN c.state = 'met' THEN 100.0
                    WHEN c.state = 'breached' THEN 0.0
                END AS compliance,
                c.used_hours_final AS used_hours
            FROM support_ticket_sla c
            JOIN helpdesk_ticket t ON t.id = c.ticket_id
            WHERE c.state != 'cancelled'
        """
