# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The commercial rules of a plan: queue rank, repeated questions, the
account manager's offer, functional blocks under the priority-1 terms,
configuration reserved to Cloud deployments, support bound to the licence
period. The rules themselves are ``engine.commercial``'s."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, is_html_empty

from ..engine import commercial
from .helpdesk_ticket import PRIORITY_CRITICAL, PRIORITY_HIGH

DEPLOYMENTS = [("cloud", "Cloud"), ("on_premises", "On-premises")]
MANAGER = "halo_support.group_support_manager"


class SupportFunctionalBlock(models.Model):
    """An additional functional block of a product (e.g. an autodialer, a
    REST API): a contract chooses which of them its priority-1 terms cover."""

    _name = "support.functional.block"
    _description = "Functional block"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)


class SupportPlan(models.Model):
    _inherit = "support.plan"

    queue_rank = fields.Integer(
        tracking=True,
        help="Tickets covered by contracts of plans of a higher rank come first "
        "in the agents' queue (e.g. SLA packages 10, free support 0).",
    )
    repeat_window_days = fields.Integer(
        string="Repeated questions: window (days)",
        tracking=True,
        help="Similar requests of one customer (same kind of request, same "
        "product family) received within this many days count as repeated "
        "questions. 0: the rule is off.",
    )
    repeat_count = fields.Integer(
        string="Repeated questions: count",
        tracking=True,
        help="The similar request that reaches this count within the window "
        "is a repetition: the customer is warned that further ones are paid, "
        "and the next similar one is paid service.",
    )
    offer_paid_count = fields.Integer(
        string="Offer after paid services",
        tracking=True,
        help="A customer who used paid service more than this many times "
        "within the offer period (or was warned for repeated questions) gets "
        "the account manager's offer. 0: only the warning triggers it.",
    )
    offer_months = fields.Integer(
        string="Offer period (months)",
        tracking=True,
        help="The period paid services are counted in, and the offer made at "
        "most once in it. 0: no offer.",
    )
    offer_note = fields.Html(
        translate=True,
        help="What the account manager offers (an SLA package, trainings): "
        "the note of the activity.",
    )
    configuration_cloud_only = fields.Boolean(
        string="Configuration for Cloud customers only",
        tracking=True,
        help="Configuration work by our engineers is included only when the "
        "contract's deployment is Cloud; for other deployments it needs a "
        "quote.",
    )
    functional_block_ids = fields.Many2many(
        comodel_name="support.functional.block",
        relation="support_plan_functional_block_rel",
        column1="plan_id",
        column2="block_id",
        string="Additional functional blocks",
        help="The blocks a contract may choose for the priority-1 terms. When "
        "set, the priority-1 terms cover the base functions and the chosen "
        "blocks only; a critical request on another block runs on the High "
        "terms.",
    )
    max_critical_blocks = fields.Integer(
        string="Blocks under priority 1",
        tracking=True,
        help="How many additional functional blocks a contract may choose for "
        "the priority-1 terms.",
    )
    licence_bound = fields.Boolean(
        string="Support lasts the licence period",
        tracking=True,
        help="Support is mandatory for the licence period: a contract cannot "
        "be cancelled before its licence period ends.",
    )

    @api.constrains(
        "repeat_window_days",
        "repeat_count",
        "offer_paid_count",
        "offer_months",
        "max_critical_blocks",
        "queue_rank",
    )
    def _check_commercial_numbers(self):
        for plan in self:
            for name in (
                "repeat_window_days",
                "repeat_count",
                "offer_paid_count",
                "offer_months",
                "max_critical_blocks",
                "queue_rank",
            ):
                if plan[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s: plan %(plan)s has %(value)s; use 0 or "
                            "a positive number.",
                            field=self._fields[name]._description_string(self.env),
                            plan=plan.display_name,
                            value=plan[name],
                        )
                    )


class SupportContract(models.Model):
    _inherit = "support.contract"

    deployment = fields.Selection(
        selection=DEPLOYMENTS,
        tracking=True,
        support_write_group=MANAGER,
        help="Where the customer's system runs: some plans include "
        "configuration work by our engineers for Cloud customers only.",
    )
    critical_block_ids = fields.Many2many(
        comodel_name="support.functional.block",
        relation="support_contract_critical_block_rel",
        column1="contract_id",
        column2="block_id",
        string="Blocks under priority 1",
        support_write_group=MANAGER,
        help="The additional functional blocks the priority-1 terms cover, "
        "besides the base functions; at most the plan's number.",
    )
    licence_date_end = fields.Date(
        string="Licence period ends",
        tracking=True,
        support_write_group=MANAGER,
        help="The end of the licence period of the supported software; on a "
        "plan whose support lasts the licence period the contract cannot be "
        "cancelled before it.",
    )
    plan_functional_block_ids = fields.Many2many(
        related="plan_id.functional_block_ids", string="Plan's blocks"
    )
    offer_date = fields.Date(
        string="Last offer",
        support_system=True,
        copy=False,
        readonly=True,
        help="When the account manager last got the activity to offer an SLA "
        "package and a training to this customer.",
    )

    @api.constrains("critical_block_ids", "plan_id")
    def _check_critical_blocks(self):
        for contract in self:
            blocks = contract.critical_block_ids
            if not blocks:
                continue
            plan = contract.plan_id
            foreign = blocks - plan.functional_block_ids
            if foreign:
                raise ValidationError(
                    self.env._(
                        "Blocks under priority 1: plan %(plan)s offers no "
                        "block %(blocks)s; choose among the plan's additional "
                        "functional blocks.",
                        plan=plan.display_name or "-",
                        blocks=", ".join(foreign.mapped("name")),
                    )
                )
            if len(blocks) > plan.max_critical_blocks:
                raise ValidationError(
                    self.env._(
                        "Blocks under priority 1: contract %(contract)s chose "
                        "%(count)s blocks; plan %(plan)s allows %(max)s. Remove "
                        "blocks or choose another plan.",
                        contract=contract.name,
                        count=len(blocks),
                        plan=plan.display_name,
                        max=plan.max_critical_blocks,
                    )
                )

    def write(self, vals):
        if "critical_block_ids" not in vals:
            return super().write(vals)
        # The priority whose terms run follows the chosen blocks.
        tickets = self._support_open_tickets()
        before = {t.id: t._support_sla_priority() for t in tickets}
        res = super().write(vals)
        changed = tickets.filtered(lambda t: t._support_sla_priority() != before[t.id])
        if changed:
            changed._support_on_sla_priority_change(before)
        return res

    def action_cancel(self):
        today = fields.Date.context_today(self)
        for contract in self:
            if not contract.sudo().plan_id.licence_bound:
                continue
            end = contract.licence_date_end
            # An unknown end cannot be held against the customer: the rule
            # applies from the day the licence period is recorded.
            if end and end > today:
                raise UserError(
                    self.env._(
                        "Licence period ends: support of contract %(contract)s "
                        "lasts its licence period (plan %(plan)s) and cannot be "
                        "cancelled before it ends on %(end)s.",
                        contract=contract.name,
                        plan=contract.plan_id.display_name,
                        end=format_date(self.env, end),
                    )
                )
        return super().action_cancel()

    def _support_account_manager(self):
        """Who offers the customer an SLA package: the contract's account
        manager, else the customer's salesperson."""
        self.ensure_one()
        return self.user_id or self.partner_id.user_id

    def _support_schedule_offer(self, ticket, reason):
        """Give the account manager an activity to offer an SLA package and a
        training to this customer, once per offer period (the plan's)."""
        self.ensure_one()
        contract = self.sudo()
        user = contract._support_account_manager()
        plan = contract.plan_id
        note = plan.offer_note if not is_html_empty(plan.offer_note) else ""
        lang = user.lang or self.env.lang
        summary = self.with_context(lang=lang).env._(
            "Offer an SLA package and a training to %(customer)s",
            customer=contract.partner_id.display_name,
        )
        body = Markup("<p>%s</p>") % reason
        if note:
            body += Markup(plan.with_context(lang=lang).offer_note)
        contract.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            note=body,
            user_id=(user or self.env.user).id,
        )
        contract.offer_date = ticket.support_request_date or fields.Date.today()
        return True


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    support_queue_rank = fields.Integer(
        string="Queue rank",
        support_system=True,
        compute="_compute_support_queue_rank",
        store=True,
        index=True,
        help="The rank of the plan that covers the request: a higher rank "
        "comes first in the agents' queue.",
    )
    support_repeat_state = fields.Selection(
        selection=[
            (commercial.REPEAT_NONE, "No"),
            (commercial.REPEAT_WARNED, "Warned"),
            (commercial.REPEAT_PAID, "Paid"),
        ],
        string="Repeated question",
        support_system=True,
        default=commercial.REPEAT_NONE,
        copy=False,
        tracking=True,
        help="A similar question of the same customer within the plan's "
        "window: the customer was warned that further ones are paid, or this "
        "one is paid service.",
    )
    support_paid_service = fields.Boolean(
        string="Paid service used",
        support_system=True,
        copy=False,
        help="Some of the request's time was billed: counted for the account "
        "manager's offer.",
    )
    support_block_id = fields.Many2one(
        comodel_name="support.functional.block",
        string="Functional block",
        tracking=True,
        help="The additional functional block the request is about; empty: "
        "the base functions.",
    )

    @api.depends("entitlement", "support_plan_id.queue_rank")
    def _compute_support_queue_rank(self):
        for ticket in self:
            ticket.support_queue_rank = (
                ticket.support_plan_id.sudo().queue_rank
                if ticket.entitlement == "covered"
                else 0
            )

    # ------------------------------------------------------------------
    # Priority whose terms run
    # ------------------------------------------------------------------

    def _support_sla_priority(self):
        """The priority whose SLA terms run: the ticket's, or High for a
        critical request on a functional block the contract's priority-1
        terms do not cover (see engine.commercial.sla_priority)."""
        self.ensure_one()
        contract = self.support_contract_id.sudo()
        return commercial.sla_priority(
            self.priority or False,
            PRIORITY_CRITICAL,
            PRIORITY_HIGH,
            self.support_block_id.id,
            set(contract.critical_block_ids.ids),
            bool(contract.plan_id.functional_block_ids),
        )

    def _support_on_sla_priority_change(self, before):
        """Hook: the priority whose terms run (:meth:`_support_sla_priority`)
        of these tickets changed from outside the ticket (the contract's
        chosen blocks); ``before``: ``{ticket id: old priority}``. support_sla
        re-plans the clocks."""
        return True

    # ------------------------------------------------------------------
    # Repeated questions and the account manager's offer
    # ------------------------------------------------------------------

    def _support_topic(self):
        self.ensure_one()
        product = self.support_product_line_id.product_id or self.support_product_id
        return commercial.similarity_key(self.type_id.id, product.categ_id.id)

    def _support_request(self):
        self.ensure_one()
        return commercial.Request(
            key=self.id,
            day=self.support_request_date or fields.Date.context_today(self),
            topic=self._support_topic(),
            repeat_state=self.support_repeat_state or commercial.REPEAT_NONE,
        )

    def _support_judge_repetition(self):
        """Judge the new covered tickets as repeated questions, in the order
        they came; warn the customer, or mark the request paid."""
        for ticket in self.sorted("id"):
            plan = ticket.support_plan_id.sudo()
            if ticket.entitlement != "covered" or not plan.repeat_window_days:
                continue
            day = ticket.support_request_date or fields.Date.context_today(self)
            earlier = (
                self.sudo()
                .search(
                    [
                        ("id", "<", ticket.id),
                        ("commercial_partner_id", "=", ticket.commercial_partner_id.id),
                        ("entitlement", "=", "covered"),
                        (
                            "support_request_date",
                            ">=",
                            day - timedelta(days=plan.repeat_window_days),
                        ),
                        ("support_request_date", "<=", day),
                    ]
                )
                .filtered(
                    lambda t: not ("duplicate_id" in t._fields and t.duplicate_id)
                )
            )
            state = commercial.repetition_verdict(
                ticket._support_request(),
                [t._support_request() for t in earlier],
                plan.repeat_window_days,
                plan.repeat_count,
            )
            if state == commercial.REPEAT_NONE:
                continue
            ticket.sudo().support_repeat_state = state
            ticket._support_notify_repetition(state)
            if state == commercial.REPEAT_WARNED:
                ticket._support_offer_if_due(warned=True)

    def _support_notify_repetition(self, state):
        """Tell the customer, in their language, by email and on the portal."""
        self.ensure_one()
        plan = self.support_plan_id.sudo()
        ticket = self.sudo()
        partner = ticket.partner_id
        env = self.with_context(lang=partner.lang or self.env.lang).env
        if state == commercial.REPEAT_WARNED:
            text = env._(
                "This is a repeated question on a topic you asked about within "
                "the last %(days)s days. Further questions on this topic will "
                "be paid service; a technical training or an SLA package may "
                "suit you better: your account manager will contact you.",
                days=plan.repeat_window_days,
            )
        else:
            text = env._(
                "You were told earlier that further questions on this topic "
                "would be paid service: this request is paid service.",
            )
        ticket.message_post(
            body=Markup("<p>%s</p>") % text,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=ticket.company_id.partner_id.id,
            partner_ids=partner.ids,
        )

    def _support_mark_paid_service(self):
        """Hook for the addon that bills the time: these tickets used paid
        service. Counted once per ticket for the account manager's offer."""
        new = self.sudo().filtered(lambda t: not t.support_paid_service)
        if not new:
            return True
        new.write({"support_paid_service": True})
        for ticket in new:
            ticket._support_offer_if_due()
        return True

    def _support_offer_if_due(self, warned=False):
        """Schedule the account manager's offer when the plan's rule says so
        (engine.commercial.offer_due)."""
        self.ensure_one()
        ticket = self.sudo()
        contract = ticket.support_contract_id
        plan = contract.plan_id
        if not contract or not plan.offer_months:
            return False
        day = ticket.support_request_date or fields.Date.context_today(self)
        customer = ticket.commercial_partner_id
        contracts = (
            self.env["support.contract"]
            .sudo()
            .search([("partner_id", "=", customer.id)])
        )
        offers = [d for d in contracts.mapped("offer_date") if d]
        paid = self.sudo().search(
            [
                ("commercial_partner_id", "=", customer.id),
                ("support_paid_service", "=", True),
                (
                    "support_request_date",
                    ">",
                    day - relativedelta(months=plan.offer_months),
                ),
            ]
        )
        paid_days = [t.support_request_date for t in paid if t.support_request_date]
        if not commercial.offer_due(
            day,
            paid_days,
            plan.offer_paid_count,
            plan.offer_months,
            last_offer=max(offers) if offers else None,
            warned=warned,
        ):
            return False
        if warned:
            reason = self.env._(
                "%(customer)s was warned for repeated questions (%(ticket)s).",
                customer=customer.display_name,
                ticket=ticket.display_name,
            )
        else:
            reason = self.env._(
                "%(customer)s used paid service %(count)s times within "
                "%(months)s months (last: %(ticket)s).",
                customer=customer.display_name,
                count=len(
                    [
                        d
                        for d in paid_days
                        if day - relativedelta(months=plan.offer_months) < d <= day
                    ]
                ),
                months=plan.offer_months,
                ticket=ticket.display_name,
            )
        contract._support_schedule_offer(ticket, reason)
        return True

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets._support_judge_repetition()
        return tickets
