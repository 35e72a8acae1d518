# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("awaiting_payment", "Signed, awaiting first payment"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("cancelled", "Cancelled"),
    ("expired", "Expired"),
]
# Changes of these fields judge the contract's open tickets again.
# Covered products re-judge the tickets themselves (support.contract.product);
# a change of state re-judges them in _support_set_state.
RECHECK_FIELDS = {"contact_ids", "date_start", "date_end", "plan_id", "deployment"}
# Moving a contract to these states judges its open tickets again: they
# become covered when it comes into force, and stop being covered when it
# ends. A suspension does not: the tickets were received under the contract.
REJUDGE_STATES = ("awaiting_payment", "active", "cancelled", "expired")
# States in which a contract is the customer's for a request: in force, or
# signed and waiting for its first payment (its requests are kept and told
# why they wait, see the "awaiting_payment" entitlement reason).
SIGNED_STATES = ("awaiting_payment", "active")
# Fields of a contract that cannot change once it is used (see
# _support_identity_uses).
IDENTITY_FIELDS = ("partner_id", "company_id")
# Days ahead for the "expiring soon" filter and flag.
EXPIRING_DAYS = 30


class SupportContract(models.Model):
    """A customer's subscription to a support plan."""

    _name = "support.contract"
    _description = "Support Contract"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "support.field.guard.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        tracking=True,
        index=True,
        domain="[('parent_id', '=', False)]",
        help="The customer's commercial partner: a contact given here is "
        "replaced by its company.",
    )
    plan_id = fields.Many2one(
        comodel_name="support.plan",
        tracking=True,
        index=True,
        check_company=True,
        help="Required to activate the contract.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_currency_id",
        store=True,
        help="The plan's currency (the company's while no plan is set).",
    )
    date_start = fields.Date(
        string="Start",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(string="End", tracking=True, help="Empty: until cancelled.")
    state = fields.Selection(
        support_system=True,
        selection=CONTRACT_STATES,
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    contact_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="support_contract_contact_rel",
        column1="contract_id",
        column2="partner_id",
        string="Authorised contacts",
        help="The only people who may open requests under this contract. A "
        "company listed here authorises all of its contacts.",
    )
    line_ids = fields.One2many(
        comodel_name="support.contract.product",
        inverse_name="contract_id",
        string="Covered products",
        copy=True,
    )
    ticket_ids = fields.One2many(
        comodel_name="helpdesk.ticket",
        inverse_name="support_contract_id",
        string="Tickets",
    )
    ticket_count = fields.Integer(compute="_compute_ticket_count")
    line_count = fields.Integer(compute="_compute_line_count")
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Account manager",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    note = fields.Html(
        string="Notes",
        groups="base.group_user",
    )
    is_expiring = fields.Boolean(
        string="Expiring soon",
        compute="_compute_is_expiring",
        search="_search_is_expiring",
        help=f"Active and ending within {EXPIRING_DAYS} days.",
    )
    color = fields.Integer()

    @api.depends("plan_id.currency_id", "company_id.currency_id")
    def _compute_currency_id(self):
        for contract in self:
            contract.currency_id = (
                contract.plan_id.currency_id or contract.company_id.currency_id
            )

    def _compute_ticket_count(self):
        groups = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [("support_contract_id", "in", self.ids)],
                ["support_contract_id"],
                ["__count"],
            )
        )
        counts = {contract.id: count for contract, count in groups}
        for contract in self:
            contract.ticket_count = counts.get(contract.id, 0)

    @api.depends("line_ids")
    def _compute_line_count(self):
        for contract in self:
            contract.line_count = len(contract.line_ids)

    @api.depends("state", "date_end")
    def _compute_is_expiring(self):
        today = fields.Date.context_today(self)
        limit = today + timedelta(days=EXPIRING_DAYS)
        for contract in self:
            contract.is_expiring = bool(
                contract.state == "active"
                and contract.date_end
                and today <= contract.date_end <= limit
            )

    def _search_is_expiring(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "active"),
            ("date_end", ">=", today),
            ("date_end", "<=", today + timedelta(days=EXPIRING_DAYS)),
        ]
        if (operator == "=") == value:
            return domain
        # Spelled out: a negated date comparison would drop empty end dates.
        return [
            "|",
            "|",
            ("state", "!=", "active"),
            ("date_end", "=", False),
            "|",
            ("date_end", "<", today),
            ("date_end", ">", today + timedelta(days=EXPIRING_DAYS)),
        ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "End: contract %(contract)s ends on %(end)s, before it "
                        "starts (%(start)s). Set an end on or after the start.",
                        contract=contract.name,
                        end=contract.date_end,
                        start=contract.date_start,
                    )
                )

    @api.constrains("plan_id")
    def _check_plan_active(self):
        for contract in self:
            if contract.plan_id and not contract.plan_id.active:
                raise ValidationError(
                    self.env._(
                        "Plan: plan %(plan)s is archived; contract %(contract)s "
                        "cannot be put on it. Choose an active plan.",
                        plan=contract.plan_id.display_name,
                        contract=contract.name,
                    )
                )

    @api.constrains("state", "plan_id")
    def _check_plan_required(self):
        target = self.env.context.get("halo_check_state")
        for contract in self:
            if (target or contract.state) == "active" and not contract.plan_id:
                raise ValidationError(
                    self.env._(
                        "Plan: contract %(contract)s cannot be active without a "
                        "plan. Choose the plan first.",
                        contract=contract.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model
    def _commercial_partner_vals(self, vals):
        """Contracts belong to the commercial partner, never to a contact."""
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            commercial = partner.sudo().commercial_partner_id
            if commercial != partner:
                vals = dict(vals, partner_id=commercial.id)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._commercial_partner_vals(vals) for vals in vals_list]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["name"] = self.env["ir.sequence"].with_company(
                    company
                ).next_by_code("support.contract") or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        vals = self._commercial_partner_vals(vals)
        self._support_check_identity(vals)
        # A write of the state is _support_set_state's, which judges the
        # tickets itself.
        if "state" in vals or not RECHECK_FIELDS.intersection(vals):
            return super().write(vals)
        tickets = self._support_open_tickets()
        before = tickets._entitlement_states()
        res = super().write(vals)
        tickets._recompute_entitlement(before)
        return res

    def _support_open_tickets(self, unassigned=False):
        """The open tickets of these contracts (as the system sees them);
        with ``unassigned``, also those of their customers that have no
        contract yet."""
        domain = [("support_contract_id", "in", self.ids)]
        if unassigned:
            domain = [
                "|",
                *domain,
                "&",
                ("support_contract_id", "=", False),
                ("commercial_partner_id", "in", self.partner_id.ids),
            ]
        return (
            self.env["helpdesk.ticket"].sudo().search([*domain, ("closed", "=", False)])
        )

    def _recompute_open_tickets(self, contract=False):
        """Judge the open tickets of these contracts again.

        Called when the terms they were judged on change (authorised
        contacts, dates, covered products, the plan's rules): a newly
        authorised requester's ticket becomes covered. ``contract``: choose
        the tickets' contract and covered product again too (a covered
        product was added or changed).
        """
        self._support_open_tickets()._recompute_entitlement(contract=contract)

    def _support_identity_uses(self):
        """What uses this contract, as short translated texts ("tickets (3)"):
        once it is used, its customer and company are locked
        (:data:`IDENTITY_FIELDS`). Extend it to add what another addon
        links to the contract (invoices, wallet entries)."""
        self.ensure_one()
        count = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("support_contract_id", "=", self.id)])
        )
        return [self.env._("tickets (%(count)s)", count=count)] if count else []

    def _support_check_identity(self, vals):
        """Refuse a change of customer or company of a used contract."""
        for name in IDENTITY_FIELDS:
            if name not in vals:
                continue
            for contract in self.filtered(lambda c, n=name: c[n].id != vals[n]):
                uses = contract._support_identity_uses()
                if uses:
                    raise ValidationError(
                        self.env._(
                            "%(field)s: contract %(contract)s already has "
                            "%(uses)s; its %(field)s cannot change. Cancel it "
                            "and create a new contract instead.",
                            field=self._fields[name]._description_string(self.env),
                            contract=contract.name,
                            uses=", ".join(uses),
                        )
                    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        for contract in self:
            if contract.state != "draft" or contract.sudo().ticket_ids:
                raise UserError(
                    self.env._(
                        "Contract %(contract)s has been in force or has tickets: "
                        "cancel it instead of deleting it.",
                        contract=contract.name,
                    )
                )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for contract in self:
            contract.access_url = f"/my/support/contract/{contract.id}"
        return res

    # ------------------------------------------------------------------
    # State machine
    # ------------------------------------------------------------------

    def _check_transition(self, allowed, target):
        wrong = self.filtered(lambda c: c.state not in allowed)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Contract %(contract)s is %(state)s: it cannot become %(target)s.",
                    contract=wrong[0].name,
                    state=states[wrong[0].state],
                    target=states[target],
                )
            )

    def _support_set_state(self, target):
        """Move the contracts to ``target``: the one way their state changes.

        ``state`` is refused on a user's write() (support_system), so that
        nobody skips the checks of the actions over RPC; the actions check
        the user's right to change the contracts, then write as the system.

        Moving to a state of :data:`REJUDGE_STATES` judges the open tickets
        again (those of the customer without a contract too, when the
        contract comes into force): the hook
        ``helpdesk.ticket._on_entitlement_change`` hears the tickets that
        become covered or stop being covered. Cancelling ends the contract
        today (its end date) when it has started and ends later or never.
        """
        self.check_access("write")
        contracts = self.sudo()
        tickets = self.env["helpdesk.ticket"].sudo()
        if target in REJUDGE_STATES:
            tickets = contracts._support_open_tickets(
                unassigned=target in SIGNED_STATES
            )
        before = tickets._entitlement_states()
        ending = contracts.browse()
        if target == "cancelled":
            today = fields.Date.context_today(self)
            ending = contracts.filtered(
                lambda c: (
                    c.date_start <= today and (not c.date_end or c.date_end > today)
                )
            )
            ending.write({"state": target, "date_end": today})
        (contracts - ending).write({"state": target})
        if tickets:
            tickets._recompute_entitlement(before, contract=target in SIGNED_STATES)
        return True

    def _support_activation_target(self):
        """The state "Activate" moves this draft contract to: ``active``, or
        ``awaiting_payment`` when its support starts only once its first
        invoice is paid. Extended by the addon that knows the payments
        (support_billing); it then puts the contract in force from the
        payment."""
        self.ensure_one()
        return "active"

    def action_activate(self):
        """Put the contracts in force; a draft one whose support starts at
        its first payment is signed and waits for it instead. On a contract
        awaiting its first payment, staff put it in force without waiting
        (paid outside the invoice): the chatter says so."""
        self._check_transition(("draft", "awaiting_payment", "suspended"), "active")
        archived = self.filtered(
            lambda c: c.state == "draft" and c.plan_id and not c.plan_id.active
        )
        if archived:
            raise UserError(
                self.env._(
                    "Plan: plan %(plan)s is archived; contract %(contract)s "
                    "cannot start on it. Choose an active plan.",
                    plan=archived[0].plan_id.display_name,
                    contract=archived[0].name,
                )
            )
        # Checked before writing, so that nothing is half-done.
        self.filtered(lambda c: not c.plan_id).with_context(
            halo_check_state="active"
        )._check_plan_required()
        today = fields.Date.context_today(self)
        ended = self.filtered(lambda c: c.date_end and c.date_end < today)
        if ended:
            raise UserError(
                self.env._(
                    "End: contract %(contract)s ended on %(end)s; extend the end "
                    "date before activating it.",
                    contract=ended[0].name,
                    end=ended[0].date_end,
                )
            )
        waiting = self.filtered(lambda c: c.state == "awaiting_payment")
        signing = (self - waiting).filtered(
            lambda c: c.state == "draft" and c._support_activation_target() != "active"
        )
        if signing:
            signing._support_set_state("awaiting_payment")
        if self - signing:
            (self - signing)._support_set_state("active")
        for contract in waiting:
            contract.message_post(
                body=self.env._(
                    "Put in force by %(user)s before its first invoice was paid.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_suspend(self):
        self._check_transition(("active",), "suspended")
        self._support_set_state("suspended")
        return True

    def action_cancel(self):
        self._check_transition(
            ("draft", "awaiting_payment", "active", "suspended"), "cancelled"
        )
        self._support_set_state("cancelled")
        return True

    def action_reset_draft(self):
        self._check_transition(("suspended", "cancelled", "expired"), "draft")
        self._support_set_state("draft")
        return True

    @api.model
    def _cron_expire_contracts(self):
        """Expire the active and suspended contracts whose end date has passed."""
        today = fields.Date.context_today(self)
        contracts = self.search(
            [
                ("state", "in", ("active", "suspended")),
                ("date_end", "!=", False),
                ("date_end", "<", today),
            ]
        )
        contracts._support_set_state("expired")
        return contracts

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------

    def _is_authorised(self, partner):
        """True when ``partner`` may open requests under this contract.

        The partner is authorised when it, or one of its parents up to its
        commercial partner, is an authorised contact of the contract.
        """
        self.ensure_one()
        if not partner:
            return False
        contacts = self.sudo().contact_ids
        current = partner.sudo()
        while current:
            if current in contacts:
                return True
            if current == current.commercial_partner_id:
                break
            current = current.parent_id
        return False

    def _is_signed_on(self, day):
        """Signed (in force, or awaiting its first payment) and within its
        dates on ``day``: the customer's contract for a request of that day."""
        self.ensure_one()
        return (
            self.state in SIGNED_STATES
            and self.date_start <= day
            and (not self.date_end or day <= self.date_end)
        )

    def _is_valid_on(self, day):
        """Active and in force on ``day``."""
        self.ensure_one()
        return (
            self.state == "active"
            and self.date_start <= day
            and (not self.date_end or day <= self.date_end)
        )

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("support_contract_id", "=", self.id)]
        action["context"] = {
            "default_support_contract_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "halo_support.support_contract_product_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action
