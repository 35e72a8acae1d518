# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import pricing


class FSMOrder(models.Model):
    """Onsite visits of support plans (plans with a day rate).

    helpdesk_mgmt_fieldservice links the order to its ticket; the contract,
    the onsite plan, the days, the travel zone and the amounts are added
    here; fieldservice_account's ``invoice_lines`` records where the visit
    was billed.
    """

    _name = "fsm.order"
    _inherit = ["fsm.order", "support.field.guard.mixin"]

    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Support contract",
        compute="_compute_support_contract_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    support_plan_id = fields.Many2one(
        comodel_name="support.plan",
        string="Onsite plan",
        compute="_compute_support_plan_id",
        store=True,
        readonly=False,
        domain="[('onsite_day_rate', '>', 0)]",
        help="The plan whose day rate and travel table price this visit.",
    )
    support_product_categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product family",
        compute="_compute_support_product_categ_id",
        store=True,
        readonly=False,
    )
    support_state_id = fields.Many2one(
        related="location_id.state_id", string="Site region"
    )
    support_days = fields.Integer(
        string="Onsite days",
        compute="_compute_support_days",
        store=True,
        readonly=False,
        help="Calendar days of the visit, from its actual dates or else its "
        "scheduled dates; the plan's minimum applies when billing.",
    )
    support_currency_id = fields.Many2one(related="support_plan_id.currency_id")
    support_day_rate = fields.Monetary(
        related="support_plan_id.onsite_day_rate", currency_field="support_currency_id"
    )
    support_further_day_rate = fields.Monetary(
        related="support_plan_id.onsite_further_day_rate",
        currency_field="support_currency_id",
        help="The plan's rate of every day after the first (the first at the "
        "day rate); empty when every day is at the day rate.",
    )
    support_onsite_amount = fields.Monetary(
        support_system=True,
        string="Onsite amount",
        compute="_compute_support_amounts",
        store=True,
        currency_field="support_currency_id",
    )
    support_travel_zone_id = fields.Many2one(
        support_system=True,
        comodel_name="support.travel.zone",
        string="Travel zone",
        compute="_compute_support_amounts",
        store=True,
    )
    support_travel_amount = fields.Monetary(
        support_system=True,
        string="Travel cost",
        compute="_compute_support_amounts",
        store=True,
        currency_field="support_currency_id",
    )
    support_invoice_line_id = fields.Many2one(
        support_system=True,
        comodel_name="account.move.line",
        string="Onsite invoice line",
        copy=False,
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The invoice line of the onsite days; the travel line is linked "
        "through the order's invoice lines as well.",
    )
    support_date = fields.Date(
        support_system=True,
        string="Visit date",
        compute="_compute_support_date",
        store=True,
        help="The day the visit ended (or is scheduled): the billing period.",
    )
    support_billable = fields.Boolean(
        support_system=True,
        string="Ready to bill",
        compute="_compute_support_billable",
        store=True,
        help="Completed (or in an invoiceable stage) onsite visit of a support "
        "contract.",
    )

    @api.depends("ticket_id.support_contract_id")
    def _compute_support_contract_id(self):
        for order in self:
            if order.ticket_id.support_contract_id:
                order.support_contract_id = order.ticket_id.support_contract_id
            elif not order.support_contract_id:
                order.support_contract_id = False

    @api.depends("support_contract_id.plan_id")
    def _compute_support_plan_id(self):
        for order in self:
            plan = order.support_contract_id.plan_id
            if plan.onsite_day_rate:
                order.support_plan_id = plan
            elif not order.support_plan_id:
                order.support_plan_id = False

    @api.depends("ticket_id.support_product_line_id", "ticket_id.support_product_id")
    def _compute_support_product_categ_id(self):
        for order in self:
            ticket = order.ticket_id
            product = (
                ticket.support_product_line_id.product_id or ticket.support_product_id
            )
            if product:
                order.support_product_categ_id = product.categ_id
            elif not order.support_product_categ_id:
                order.support_product_categ_id = False

    @api.depends("date_start", "date_end", "scheduled_date_start", "scheduled_date_end")
    def _compute_support_days(self):
        for order in self:
            start = order.date_start or order.scheduled_date_start
            end = order.date_end or order.scheduled_date_end or start
            if not start:
                order.support_days = order.support_days or 1
                continue
            try:
                order.support_days = pricing.onsite_days(
                    fields.Datetime.context_timestamp(order, start).date(),
                    fields.Datetime.context_timestamp(order, end).date(),
                )
            except pricing.PricingError:
                order.support_days = 1

    @api.depends(
        "support_plan_id.onsite_day_rate",
        "support_plan_id.onsite_min_days",
        "support_plan_id.onsite_further_day_rate",
        "support_plan_id.travel_zone_ids",
        "support_plan_id.travel_zone_ids.amount",
        "support_plan_id.travel_zone_ids.state_ids",
        "support_plan_id.travel_pricing",
        "support_days",
        "location_id.state_id",
    )
    def _compute_support_amounts(self):
        for order in self:
            plan = order.support_plan_id
            if not plan:
                order.support_onsite_amount = 0.0
                order.support_travel_zone_id = False
                order.support_travel_amount = 0.0
                continue
            order.support_onsite_amount = float(
                pricing.onsite_amount(
                    max(order.support_days, 1),
                    plan.onsite_day_rate,
                    plan.onsite_min_days,
                    plan.onsite_further_day_rate,
                )
            )
            state = order.location_id.state_id
            zone = (
                plan.travel_zone_ids._find_for_state(state)
                if state and plan.travel_pricing == "zone"
                else False
            )
            order.support_travel_zone_id = zone or False
            order.support_travel_amount = zone.amount if zone else 0.0

    @api.depends("date_end", "date_start", "scheduled_date_end", "scheduled_date_start")
    def _compute_support_date(self):
        for order in self:
            moment = (
                order.date_end
                or order.date_start
                or order.scheduled_date_end
                or order.scheduled_date_start
            )
            order.support_date = (
                fields.Datetime.context_timestamp(order, moment).date()
                if moment
                else False
            )

    @api.depends(
        "stage_id",
        "stage_id.is_invoiceable",
        "support_plan_id",
        "support_contract_id",
        "support_contract_id.plan_id.travel_pricing",
    )
    def _compute_support_billable(self):
        completed = self.env.ref("fieldservice.fsm_stage_completed", False)
        for order in self:
            order.support_billable = bool(
                order._support_travel_plan()
                and order.support_contract_id
                and (order.stage_id == completed or order.stage_id.is_invoiceable)
            )

    def _support_travel_plan(self):
        """The plan whose terms bill this visit: its onsite plan (day rate),
        else the contract's plan when it prices travel by the customer's
        pricelist (its onsite work is logged time, its travel is billed per
        visit); an empty recordset when the visit bills nothing itself."""
        self.ensure_one()
        if self.support_plan_id:
            return self.support_plan_id
        plan = self.support_contract_id.plan_id
        return plan if plan.travel_pricing == "pricelist" else plan.browse()

    # ------------------------------------------------------------------
    # Checks: region, zone, days, once per product family
    # ------------------------------------------------------------------

    @api.constrains("support_plan_id", "location_id", "support_days")
    def _check_support_onsite(self):
        for order in self.filtered("support_plan_id"):
            plan = order.support_plan_id
            if order.support_days < 1:
                raise ValidationError(
                    self.env._(
                        "Onsite days: order %(order)s must last at least one day "
                        "(got %(days)s).",
                        order=order.name,
                        days=order.support_days,
                    )
                )
            if plan.travel_pricing != "zone":
                # priced by the customer's pricelist: the region plays no part
                continue
            state = order.location_id.state_id
            if not state:
                raise ValidationError(
                    self.env._(
                        "Region: the site %(site)s of onsite order %(order)s has "
                        "no region (state). Set it on the location: the travel "
                        "cost depends on it.",
                        site=order.location_id.display_name,
                        order=order.name,
                    )
                )
            if not plan.travel_zone_ids._find_for_state(state):
                raise ValidationError(
                    self.env._(
                        "Travel zone: no travel zone of plan %(plan)s covers "
                        "region %(state)s. Add the region to a zone or add an "
                        "'any other region' zone.",
                        plan=plan.display_name,
                        state=state.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._check_support_channel_onsite()
        return orders

    def write(self, vals):
        res = super().write(vals)
        if {"ticket_id", "support_contract_id", "support_plan_id"} & set(vals):
            self._check_support_channel_onsite()
        return res

    # Checked once the order is stored, not as a constraint: constraints
    # run while the contract and the onsite plan are computed, before the
    # onsite plan given with the order is set.
    def _check_support_channel_onsite(self):
        """A plan that gives support through its channels only, none of
        them onsite, refuses a visit unless the customer bought an onsite
        package (the order's onsite plan)."""
        for order in self.filtered(
            lambda o: o.support_contract_id and not o.support_plan_id
        ):
            plan = order.support_contract_id.plan_id
            if not plan.channel_ids or plan._allows_channel("onsite"):
                continue
            packages = self.env["support.plan"].search(
                [
                    ("onsite_day_rate", ">", 0),
                    (
                        "company_id",
                        "in",
                        [False, order.support_contract_id.company_id.id],
                    ),
                ]
            )
            raise ValidationError(
                self.env._(
                    "Onsite plan: plan %(plan)s gives support through %(channels)s "
                    "only, not on site, so order %(order)s cannot be sent. Offer "
                    "the customer an onsite package (%(packages)s) and set it as "
                    "the order's Onsite plan.",
                    plan=plan.display_name,
                    channels=", ".join(plan.channel_ids.mapped("name")),
                    order=order.name,
                    packages=", ".join(packages.mapped("display_name"))
                    or self.env._("none is configured: create a plan with a day rate"),
                )
            )

    @api.constrains(
        "date_start",
        "date_end",
        "scheduled_date_start",
        "scheduled_date_end",
        "support_contract_id",
        "support_plan_id",
    )
    def _check_support_dates(self):
        """A support visit cannot end before it starts (the days would be
        guessed, and billed)."""
        for order in self.filtered(
            lambda o: o.support_contract_id or o.support_plan_id
        ):
            for start_field, end_field in (
                ("date_start", "date_end"),
                ("scheduled_date_start", "scheduled_date_end"),
            ):
                start, end = order[start_field], order[end_field]
                if start and end and end < start:
                    raise ValidationError(
                        self.env._(
                            "%(end_label)s: onsite order %(order)s ends "
                            "(%(end)s) before it starts (%(start)s). Correct "
                            "%(end_label)s or %(start_label)s.",
                            order=order.name,
                            end=end,
                            start=start,
                            end_label=order._fields[end_field]._description_string(
                                self.env
                            ),
                            start_label=order._fields[start_field]._description_string(
                                self.env
                            ),
                        )
                    )

    @api.constrains("support_plan_id", "support_product_categ_id", "stage_id")
    def _check_support_once_per_family(self):
        cancelled = self.env.ref("fieldservice.fsm_stage_cancelled", False)
        for order in self.filtered(
            lambda o: (
                o.support_plan_id.onsite_once_per_family and o.stage_id != cancelled
            )
        ):
            order._check_support_family_known()
            order._check_support_family_day_unused(cancelled)
            order._check_support_first_purchase()

    def _check_support_family_known(self):
        """The order names the contract and the product family it is for."""
        if not self.support_product_categ_id or not self.support_contract_id.partner_id:
            raise ValidationError(
                self.env._(
                    "Product family: plan %(plan)s gives one day per product "
                    "family at the first purchase; order %(order)s needs the "
                    "contract and the product of its ticket.",
                    plan=self.support_plan_id.display_name,
                    order=self.name,
                )
            )

    def _check_support_family_day_unused(self, cancelled):
        """No other live order of the customer took the family's day."""
        partner = self.support_contract_id.partner_id
        family = self.support_product_categ_id
        other = self.search(
            [
                ("id", "!=", self.id),
                ("support_plan_id.onsite_once_per_family", "=", True),
                ("support_contract_id.partner_id", "=", partner.id),
                ("support_product_categ_id", "=", family.id),
                ("stage_id", "!=", cancelled.id if cancelled else False),
            ],
            limit=1,
        )
        if other:
            raise ValidationError(
                self.env._(
                    "%(plan)s: %(partner)s already had its day for the family "
                    "%(family)s (order %(other)s). It is given once per product "
                    "family; use the regular onsite plan.",
                    plan=self.support_plan_id.display_name,
                    partner=partner.display_name,
                    family=family.display_name,
                    other=other.name,
                )
            )

    def _check_support_first_purchase(self):
        """The ticket is about the customer's first purchase of the family."""
        # "First of its family" is the entitlement's rule (halo_support's
        # engine): an undated purchase ranks after every dated one.
        line = self.ticket_id.support_product_line_id
        if (
            not line
            or line.partner_id != self.support_contract_id.partner_id
            or line.product_categ_id != self.support_product_categ_id
            or not line.first_of_family
        ):
            raise ValidationError(
                self.env._(
                    "%(plan)s: the day is given at the customer's first purchase "
                    "of the family %(family)s; the ticket of order %(order)s is "
                    "not about that first purchase.",
                    plan=self.support_plan_id.display_name,
                    family=self.support_product_categ_id.display_name,
                    order=self.name,
                )
            )
