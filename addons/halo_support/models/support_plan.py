# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.entitlement import ELIGIBILITY_RULES as ENGINE_RULES
from ..engine.entitlement import RULE_PURCHASED_WITHIN
from .helpdesk_ticket_type import REQUEST_CATEGORIES

# Changes of these fields judge the open tickets of the plan's contracts again.
RECHECK_FIELDS = {
    "platform_ids",
    "intake_channel_ids",
    "eligibility_rule",
    "eligibility_months",
    "product_categ_ids",
    "included_type_ids",
    "excluded_type_ids",
    "configuration_cloud_only",
    "complaint_process",
}
# The channels in which a complaint counts as made in writing.
WRITTEN_CHANNEL_CODES = ("email", "portal")
RULE_LABELS = {
    "none": "None",
    "purchased_within": "Product bought from us within N months",
    "first_of_family": "First product of a family",
    "registered_licence": "Registered licence required",
}
ELIGIBILITY_RULES = [(rule, RULE_LABELS[rule]) for rule in ENGINE_RULES]
CATEGORY_ORDER = {key: index for index, (key, _label) in enumerate(REQUEST_CATEGORIES)}


class SupportPlan(models.Model):
    """A vendor's support package: who may ask, for which products and
    kinds of work, through which channels."""

    _name = "support.plan"
    _description = "Support Plan"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short reference of the plan, unique per company (e.g. FREE or PRO-24).",
    )
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="Archived plans cannot be chosen for new contracts; the contracts "
        "that use them keep them.",
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        comodel_name="res.company",
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        tracking=True,
    )
    vendor_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Vendor",
        tracking=True,
        help="The company whose support policy this plan encodes.",
    )
    description = fields.Html(translate=True)
    product_categ_ids = fields.Many2many(
        comodel_name="product.category",
        relation="support_plan_product_category_rel",
        column1="plan_id",
        column2="categ_id",
        string="Covered product families",
        help="Products of these categories (and their sub-categories) are "
        "covered. Empty: any product.",
    )
    platform_ids = fields.Many2many(
        comodel_name="support.platform",
        relation="support_plan_platform_rel",
        column1="plan_id",
        column2="platform_id",
        string="Open-source platforms",
        help="Installations of these platforms (products of each platform's "
        "family) are covered too.",
    )
    channel_ids = fields.Many2many(
        comodel_name="support.channel",
        relation="support_plan_channel_rel",
        column1="plan_id",
        column2="channel_id",
        string="Allowed channels",
        help="The ways support is given under this plan (e.g. remote session "
        "only, or also phone and chat).",
    )
    intake_channel_ids = fields.Many2many(
        comodel_name="support.channel",
        relation="support_plan_intake_channel_rel",
        column1="plan_id",
        column2="channel_id",
        string="Requests accepted through",
        help="Requests are accepted only when they come through one of these "
        "channels (e.g. only the support portal, or only email and phone); a "
        "request that came another way is kept but not eligible until it is "
        "registered properly. Empty: any channel.",
    )
    eligibility_rule = fields.Selection(
        selection=ELIGIBILITY_RULES,
        required=True,
        default="none",
        tracking=True,
        help="Which requests the plan accepts beyond the authorised contacts: "
        "none (any covered product); products bought from us within N months "
        "(e.g. 3); the customer's first product of a family; a registered "
        "licence.",
    )
    eligibility_months = fields.Integer(
        string="Months after purchase",
        tracking=True,
        help="For the rule 'bought from us within N months': N.",
    )
    included_type_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.type",
        relation="support_plan_included_type_rel",
        column1="plan_id",
        column2="type_id",
        string="Included kinds of work",
        help="When set, only these kinds of request are covered; other kinds "
        "need a quote.",
    )
    excluded_type_ids = fields.Many2many(
        comodel_name="helpdesk.ticket.type",
        relation="support_plan_excluded_type_rel",
        column1="plan_id",
        column2="type_id",
        string="Excluded kinds of work",
        help="Requests of these kinds are out of the plan's scope and need a quote.",
    )
    refusal_ground_ids = fields.Many2many(
        comodel_name="support.refusal.ground",
        relation="support_plan_refusal_ground_rel",
        column1="plan_id",
        column2="ground_id",
        string="Refusal grounds",
        help="The grounds on which the plan's terms let support refuse a "
        "request (Refuse the request on a ticket); the customer receives the "
        "ground's message. None: requests are not refused.",
    )
    complaint_process = fields.Boolean(
        string="Complaints decided by a head",
        tracking=True,
        help="Complaints about the quality of support are accepted only in "
        "writing (email or portal; one by phone is not eligible), go to the "
        "responsible head as an activity, and are answered by a recorded "
        "decision (upheld or rejected, with its reasoning): the complaint's "
        "SLA term stops on the decision, not on an ordinary reply.",
    )
    complaint_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Complaints decided by",
        tracking=True,
        help="The head who decides the plan's complaints.",
    )
    included_work = fields.Html(
        translate=True, help="The vendor's wording of the work the plan includes."
    )
    excluded_work = fields.Html(
        translate=True, help="The vendor's wording of the work the plan excludes."
    )
    contract_ids = fields.One2many(
        comodel_name="support.contract",
        inverse_name="plan_id",
        string="Contracts",
    )
    contract_count = fields.Integer(compute="_compute_contract_count")

    def write(self, vals):
        res = super().write(vals)
        if RECHECK_FIELDS.intersection(vals):
            # The rules changed: open tickets under this plan are judged again.
            self.with_context(active_test=False).contract_ids._recompute_open_tickets()
        return res

    @api.depends("contract_ids")
    def _compute_contract_count(self):
        groups = self.env["support.contract"]._read_group(
            [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
        )
        counts = {plan.id: count for plan, count in groups}
        for plan in self:
            plan.contract_count = counts.get(plan.id, 0)

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        for plan in self:
            duplicate = self.with_context(active_test=False).search_count(
                [
                    ("id", "!=", plan.id),
                    ("code", "=", plan.code),
                    ("company_id", "=", plan.company_id.id),
                ]
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "Code: another plan of this company already uses the "
                        "code %(code)s. Choose a different code.",
                        code=plan.code,
                    )
                )

    @api.constrains("eligibility_rule", "eligibility_months")
    def _check_eligibility_months(self):
        for plan in self:
            if plan.eligibility_months < 0 or (
                plan.eligibility_rule == RULE_PURCHASED_WITHIN
                and plan.eligibility_months <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "Months after purchase: plan %(plan)s accepts products "
                        "bought within N months; set N to a positive number "
                        "(e.g. 3).",
                        plan=plan.display_name,
                    )
                )

    @api.constrains("intake_channel_ids")
    def _check_intake_channels(self):
        for plan in self:
            blind = plan.intake_channel_ids.filtered(
                lambda c: not c.helpdesk_channel_id
            )
            if blind:
                raise ValidationError(
                    self.env._(
                        "Requests accepted through: %(channels)s of plan %(plan)s "
                        "has no helpdesk channel, so no request can be seen "
                        "coming through it and every request with a channel "
                        "would be refused. Set its helpdesk channel first.",
                        channels=", ".join(blind.mapped("name")),
                        plan=plan.display_name,
                    )
                )

    @api.constrains("included_type_ids", "excluded_type_ids")
    def _check_kinds_of_work(self):
        for plan in self:
            both = plan.included_type_ids & plan.excluded_type_ids
            if both:
                raise ValidationError(
                    self.env._(
                        "Kinds of work: %(kinds)s cannot be both included and "
                        "excluded by plan %(plan)s; remove them from one list.",
                        kinds=", ".join(both.mapped("name")),
                        plan=plan.display_name,
                    )
                )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = (
                f"[{plan.code}] {plan.name}" if plan.code else (plan.name or "")
            )

    def _covered_categories(self):
        """The product families the plan covers, with its platforms' families."""
        self.ensure_one()
        plan = self.sudo()
        return plan.product_categ_ids | plan.platform_ids.product_categ_id

    def _covers_category(self, category):
        """True when the plan covers products of ``category``."""
        self.ensure_one()
        families = self._covered_categories()
        if not families:
            return True
        if not category:
            return False
        # parent_path ("1/5/7/") holds the ancestors: no query per product.
        path = category.sudo().parent_path or ""
        return any(path.startswith(family.parent_path or "-") for family in families)

    def _allows_channel(self, code):
        """True when support under the plan may be given through channel ``code``."""
        self.ensure_one()
        return code in self.sudo().channel_ids.mapped("code")

    def _accepts_intake(self, helpdesk_channel):
        """True when a request that came through ``helpdesk_channel`` is accepted.

        ``helpdesk_channel`` is a ``helpdesk.ticket.channel`` (or empty: the
        way the request came is unknown, e.g. an agent typed it in, and it is
        not held against the customer).
        """
        self.ensure_one()
        if not helpdesk_channel:
            return True
        intake = self.sudo().intake_channel_ids
        return not intake or helpdesk_channel in intake.helpdesk_channel_id

    def _accepts_complaint(self, helpdesk_channel):
        """True when a complaint that came through ``helpdesk_channel`` may
        be handled: always, unless the plan decides complaints, which are
        then taken in writing only (an unknown channel is not held against
        the customer)."""
        self.ensure_one()
        if not self.complaint_process or not helpdesk_channel:
            return True
        written = (
            self.env["support.channel"]
            .sudo()
            .search([("code", "in", WRITTEN_CHANNEL_CODES)])
        )
        return helpdesk_channel in written.helpdesk_channel_id

    @api.constrains("complaint_process", "complaint_user_id")
    def _check_complaint_user(self):
        for plan in self:
            if plan.complaint_process and not plan.complaint_user_id:
                raise ValidationError(
                    self.env._(
                        "Complaints decided by: plan %(plan)s decides complaints; "
                        "name the head who decides them.",
                        plan=plan.display_name,
                    )
                )

    def action_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "halo_support.support_contract_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id}
        return action

    def _portal_kind_terms(self):
        """``[(kind, covered)]`` told to the customer on the contract page:
        the kinds of request the plan takes and whether it covers them (the
        others are quoted), as the entitlement decides them. A plan listing
        no included kind takes every kind but the excluded ones."""
        self.ensure_one()
        if self.included_type_ids:
            kinds = self.included_type_ids | self.excluded_type_ids
        else:
            kinds = (
                self.env["helpdesk.ticket.type"]
                .sudo()
                .search([("support_category", "!=", False)])
            )
        return [
            (
                kind,
                kind not in self.excluded_type_ids
                and (not self.included_type_ids or kind in self.included_type_ids),
            )
            for kind in kinds.sorted(
                lambda k: (CATEGORY_ORDER.get(k.support_category, 99), k.name or "")
            )
        ]
