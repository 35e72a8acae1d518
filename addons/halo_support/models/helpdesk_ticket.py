# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, format_datetime
from odoo.tools.translate import LazyTranslate

from ..engine.commercial import configuration_refused
from ..engine.entitlement import (
    VERDICTS,
    Candidate,
    EntitlementState,
    IntakeFacts,
    compute_verdict,
    normalise_serial,
    select_contract,
)
from .support_contract import SIGNED_STATES

_lt = LazyTranslate(__name__)

# helpdesk_mgmt's priority keys, read as the seeds' priorities.  The field
# keeps helpdesk_mgmt's selection, labels, order and default (every helpdesk
# user sees the same priorities, with or without this addon); only its help
# says how a support policy reads them.
PRIORITY_LOW = "0"
PRIORITY_NORMAL = "1"
PRIORITY_HIGH = "2"
PRIORITY_CRITICAL = "3"
PRIORITY_HELP = (
    "How a support policy reads the priorities:\n"
    "Very High (critical): the system cannot be used (an unplanned outage or "
    "degradation with critical business impact).\n"
    "High: degraded performance; an additional function is fully down while "
    "the rest works.\n"
    "Medium (normal): a disruption the customer notices; an additional "
    "function misbehaves; an inconvenient workaround exists.\n"
    "Low: a question or a minor issue without business impact."
)

# The engine knows the verdicts; the model only labels them (a verdict the
# engine adds without a label here fails at import).
ENTITLEMENT_LABELS = {
    "covered": "Covered",
    "not_authorised": "Not authorised",
    "not_eligible": "Not eligible",
    "excluded": "Excluded: quote",
    "no_contract": "No contract",
    "refused": "Refused",
}
ENTITLEMENTS = [(verdict, ENTITLEMENT_LABELS[verdict]) for verdict in VERDICTS]


# The reason of each verdict code: its message, and the placeholders it
# names.  A ticket stores the code and the placeholders' values as ids,
# dates and numbers (``entitlement_reason_params``); the message is
# translated and the records' current names filled in when it is read, in
# the reader's language (see _entitlement_reason_text).
ENTITLEMENT_REASONS = {
    "no_requester": (
        _lt("The requester is unknown: link the ticket to a contact of the customer."),
        (),
    ),
    "no_contract": (
        _lt("%(customer)s has no active support contract for this request."),
        ("customer",),
    ),
    "ambiguous": (
        _lt(
            "%(count)s active contracts of %(customer)s match this request: "
            "the agent chooses the contract."
        ),
        ("count", "customer"),
    ),
    "contract_state": (
        _lt("Contract %(contract)s is %(state)s."),
        ("contract", "state"),
    ),
    "awaiting_payment": (
        _lt(
            "Contract %(contract)s is signed; its support starts once its "
            "first invoice is paid. The request is kept and judged again "
            "then."
        ),
        ("contract",),
    ),
    "before_start": (
        _lt("Contract %(contract)s starts on %(date)s, after the request."),
        ("contract", "date"),
    ),
    "after_end": (
        _lt("Contract %(contract)s ended on %(date)s, before the request."),
        ("contract", "date"),
    ),
    "not_authorised": (
        _lt(
            "%(requester)s is not an authorised contact of contract "
            "%(contract)s. The request is kept but not worked until an "
            "authorised contact (%(contacts)s) or %(customer)s asks us to "
            "add %(requester)s to the contract."
        ),
        ("requester", "contract", "contacts", "customer"),
    ),
    "no_product": (
        _lt(
            "Plan %(plan)s covers only listed products: name a covered "
            "product of contract %(contract)s (product and serial number)."
        ),
        ("plan", "contract"),
    ),
    "out_of_scope": (
        _lt("%(product)s is not in a product family plan %(plan)s covers."),
        ("product", "plan"),
    ),
    "not_bought_from_us": (
        _lt(
            "Plan %(plan)s covers only products bought from us; %(product)s "
            "was bought elsewhere."
        ),
        ("plan", "product"),
    ),
    "no_purchase_date": (
        _lt(
            "Plan %(plan)s covers products for %(months)s months after "
            "purchase; the purchase date of %(product)s is unknown."
        ),
        ("plan", "months", "product"),
    ),
    "purchase_in_future": (
        _lt("%(product)s was bought on %(date)s, after the request."),
        ("product", "date"),
    ),
    "purchase_too_old": (
        _lt(
            "Plan %(plan)s covers products for %(months)s months after "
            "purchase; %(product)s was bought on %(date)s."
        ),
        ("plan", "months", "product", "date"),
    ),
    "not_first_of_family": (
        _lt(
            "Plan %(plan)s covers only the customer's first product of a "
            "family; %(product)s is not the first of its family."
        ),
        ("plan", "product"),
    ),
    "intake_channel": (
        _lt(
            "Plan %(plan)s accepts requests only through %(channels)s; this "
            "one came through %(channel)s. It is kept but not worked until "
            "an authorised contact registers it that way."
        ),
        ("plan", "channels", "channel"),
    ),
    "complaint_not_in_writing": (
        _lt(
            "Plan %(plan)s takes complaints in writing only (email or the "
            "portal); this one came through %(channel)s. Send it by email or "
            "on the portal to have it decided."
        ),
        ("plan", "channel"),
    ),
    "no_licence": (
        _lt(
            "Plan %(plan)s requires a registered licence; none is "
            "registered on contract %(contract)s."
        ),
        ("plan", "contract"),
    ),
    "kind_excluded": (
        _lt("Plan %(plan)s excludes %(kind)s: the work needs a quote."),
        ("plan", "kind"),
    ),
    "kind_not_included": (
        _lt("Plan %(plan)s does not include %(kind)s: the work needs a quote."),
        ("plan", "kind"),
    ),
    "refused_ground": (
        _lt(
            "Refused under plan %(plan)s: %(ground)s. The request is kept; "
            "it is not worked."
        ),
        ("plan", "ground"),
    ),
    "configuration_not_cloud": (
        _lt(
            "Plan %(plan)s includes configuration by our engineers only for "
            "Cloud customers; the deployment of contract %(contract)s is "
            "%(deployment)s: "
            "the work needs a quote."
        ),
        ("plan", "contract", "deployment"),
    ),
    "covered": (
        _lt("Covered by contract %(contract)s (plan %(plan)s)."),
        ("contract", "plan"),
    ),
}
COMPLAINT_DECISIONS = [("upheld", "Upheld"), ("rejected", "Rejected")]
OVERRIDDEN_REASON = _lt("Overridden by an agent: %(why)s\nRules: %(reason)s")
# Placeholders that name a record: the model of the id stored for them.
REASON_RECORDS = {
    "customer": "res.partner",
    "requester": "res.partner",
    "contract": "support.contract",
    "plan": "support.plan",
    "product": "product.product",
    "channel": "helpdesk.ticket.channel",
    "kind": "helpdesk.ticket.type",
    "ground": "support.refusal.ground",
}


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "support.field.guard.mixin"]

    # Only the help changes: the selection stays helpdesk_mgmt's.
    priority = fields.Selection(help=PRIORITY_HELP)
    support_category = fields.Selection(
        related="type_id.support_category",
        store=True,
        string="Request category",
        index=True,
    )
    support_request_date = fields.Date(
        string="Request date",
        default=fields.Date.context_today,
        copy=False,
        help="The day the request was received: eligibility and the contract "
        "period are judged on it.",
    )
    support_product_id = fields.Many2one(
        comodel_name="product.product",
        string="Product",
        help="The product the request is about; with the serial number it "
        "finds the contract and the covered product.",
    )
    support_serial = fields.Char(string="Serial number")
    support_contract_id = fields.Many2one(
        comodel_name="support.contract",
        string="Support contract",
        compute="_compute_support_contract_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain="[('partner_id', '=', commercial_partner_id)]",
        help="Found from the requester's customer, the product and the serial "
        "number; the agent chooses when several contracts match.",
    )
    support_contract_candidate_count = fields.Integer(
        support_system=True,
        string="Matching contracts",
        compute="_compute_support_contract_id",
        store=True,
        help="Active contracts of the customer that match the request.",
    )
    support_contract_ambiguous = fields.Boolean(
        support_system=True,
        string="Contract to choose",
        compute="_compute_support_contract_ambiguous",
        store=True,
        help="Several active contracts match the request: the agent chooses.",
    )
    support_plan_id = fields.Many2one(
        related="support_contract_id.plan_id", string="Support plan", store=True
    )
    support_product_line_id = fields.Many2one(
        comodel_name="support.contract.product",
        string="Covered product",
        compute="_compute_support_product_line_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain="[('contract_id', '=', support_contract_id)]",
    )
    entitlement = fields.Selection(
        support_system=True,
        selection=ENTITLEMENTS,
        compute="_compute_entitlement",
        store=True,
        index=True,
        tracking=True,
        help="Covered; not authorised (the requester is not an authorised "
        "contact: the ticket is kept but not worked); not eligible (the "
        "product is not covered by the plan's rule); excluded (the kind of "
        "work is outside the plan: quote it); no contract. An agent's "
        "override makes it covered.",
    )
    entitlement_auto = fields.Selection(
        support_system=True,
        selection=ENTITLEMENTS,
        string="Computed entitlement",
        compute="_compute_entitlement",
        store=True,
        help="The verdict of the rules, before any override.",
    )
    entitlement_reason_code = fields.Char(
        support_system=True,
        string="Reason code",
        compute="_compute_entitlement",
        store=True,
        help="Why the rules gave their verdict, as a code (see "
        "ENTITLEMENT_REASONS); the same in every language.",
    )
    entitlement_reason_params = fields.Json(
        support_system=True,
        string="Reason parameters",
        compute="_compute_entitlement",
        store=True,
        help="The values of the reason's message: ids of the records it "
        "names, dates (ISO) and numbers, never names or wording.",
    )
    entitlement_reason = fields.Text(
        support_system=True,
        string="Entitlement reason",
        compute="_compute_entitlement_reason",
        help="Why: the reason's message in the reader's language, with the "
        "current names of the records it names.",
    )
    entitlement_override = fields.Boolean(
        support_write_group="halo_support.group_support_user",
        copy=False,
        tracking=True,
        help="An agent accepted the request as covered despite the rules.",
    )
    entitlement_override_reason = fields.Text(
        groups="base.group_user",
        copy=False,
        tracking=True,
        support_write_group="halo_support.group_support_user",
    )
    support_refusal_ground_id = fields.Many2one(
        comodel_name="support.refusal.ground",
        string="Refused on",
        support_write_group="halo_support.group_support_user",
        copy=False,
        readonly=True,
        tracking=True,
        help="The plan's ground on which support refused this request "
        "(Refuse the request); the customer was told why.",
    )
    support_complaint_process = fields.Boolean(
        related="support_contract_id.plan_id.complaint_process",
        string="Complaints decided by a head",
    )
    complaint_decision = fields.Selection(
        selection=COMPLAINT_DECISIONS,
        support_system=True,
        copy=False,
        readonly=True,
        tracking=True,
        help="The head's decision on the complaint (Decide the complaint), "
        "sent to the customer with its reasoning.",
    )
    complaint_reasoning = fields.Text(support_system=True, copy=False, readonly=True)
    complaint_decided_at = fields.Datetime(
        support_system=True, copy=False, readonly=True
    )
    complaint_decided_by_id = fields.Many2one(
        comodel_name="res.users",
        support_system=True,
        copy=False,
        readonly=True,
        string="Complaint decided by",
    )
    support_intake_note = fields.Text(
        groups="base.group_user",
        string="Intake note",
        copy=False,
        help="What intake noticed and rejected, e.g. a portal submission "
        "against another customer's contract.",
    )
    support_order_accepted_at = fields.Datetime(
        support_system=True,
        string="Order accepted",
        copy=False,
        readonly=True,
        tracking=True,
        help="When the customer's order was accepted (Accept order): the one "
        "moment the clocks counting from the acceptance start and the paid "
        "work of the plan opens. Accepted once.",
    )
    support_flagged = fields.Boolean(
        support_system=True,
        string="Flagged",
        compute="_compute_support_flagged",
        store=True,
        help="Kept but not to be worked before an agent looks at it: the "
        "requester is not authorised, or intake rejected part of the request.",
    )

    # ------------------------------------------------------------------
    # Contract and covered product
    # ------------------------------------------------------------------

    def _support_contract_candidates(self):
        """{ticket id: signed contracts (in force, or awaiting their first
        payment) valid on the request day}, in one query."""
        partners = self.mapped("commercial_partner_id")
        contracts = (
            self.env["support.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("state", "in", SIGNED_STATES),
                ]
            )
            if partners
            else self.env["support.contract"].sudo()
        )
        today = fields.Date.context_today(self)
        result = {}
        for ticket in self:
            day = ticket.support_request_date or today
            result[ticket.id] = contracts.filtered(
                lambda c, t=ticket, d=day: (
                    c.partner_id == t.commercial_partner_id
                    and c.company_id == t.company_id
                    and c._is_signed_on(d)
                )
            )
        return result

    @api.depends(
        "commercial_partner_id",
        "company_id",
        "support_product_id",
        "support_serial",
        "support_request_date",
    )
    def _compute_support_contract_id(self):
        candidates_of = self._support_contract_candidates()
        for ticket in self:
            contracts = candidates_of[ticket.id]
            product = ticket.support_product_id
            candidates = [
                Candidate(
                    key=contract.id,
                    serials=frozenset(
                        normalise_serial(s) for s in contract.line_ids.mapped("serial")
                    ),
                    product_keys=frozenset(contract.line_ids.product_id.ids),
                    covers_product=bool(product)
                    and contract.plan_id._covers_category(product.categ_id),
                )
                for contract in contracts
            ]
            current = ticket.support_contract_id
            key, count = select_contract(
                candidates,
                serial=ticket.support_serial,
                product_key=product.id,
                current_key=current.id,
            )
            ticket.support_contract_candidate_count = count
            ticket.support_contract_id = key or (
                # Keep an agent's choice of a contract of the same customer
                # when nothing better is known.
                current
                if not candidates and current.partner_id == ticket.commercial_partner_id
                else False
            )

    @api.depends("support_contract_id", "support_contract_candidate_count")
    def _compute_support_contract_ambiguous(self):
        for ticket in self:
            ticket.support_contract_ambiguous = (
                not ticket.support_contract_id
                and ticket.support_contract_candidate_count > 1
            )

    @api.depends("support_contract_id", "support_product_id", "support_serial")
    def _compute_support_product_line_id(self):
        for ticket in self:
            lines = ticket.support_contract_id.sudo().line_ids
            current = ticket.support_product_line_id
            wanted = normalise_serial(ticket.support_serial)
            if wanted:
                match = lines.filtered(
                    lambda ln, w=wanted: normalise_serial(ln.serial) == w
                )
            elif ticket.support_product_id:
                match = lines.filtered(
                    lambda ln, p=ticket.support_product_id: ln.product_id == p
                )
            else:
                match = lines.browse()
            if current and current in match:
                chosen = current  # still consistent: keep the agent's choice
            elif len(match) == 1:
                chosen = match
            elif current in lines and not wanted and not ticket.support_product_id:
                chosen = current
            else:
                chosen = False
            ticket.support_product_line_id = chosen

    @api.constrains("support_contract_id", "support_product_line_id")
    def _check_support_product_line(self):
        for ticket in self:
            line = ticket.support_product_line_id
            if line and line.contract_id != ticket.support_contract_id:
                raise ValidationError(
                    self.env._(
                        "Covered product: %(line)s is covered by contract "
                        "%(line_contract)s, not by the ticket's contract "
                        "%(contract)s. Choose a product of the ticket's contract.",
                        line=line.display_name,
                        line_contract=line.contract_id.name,
                        contract=ticket.support_contract_id.name or "-",
                    )
                )

    # ------------------------------------------------------------------
    # Entitlement
    # ------------------------------------------------------------------

    def _get_entitlement_facts(self):
        """The plain facts the verdict of this ticket depends on."""
        self.ensure_one()
        contract = self.support_contract_id.sudo()
        plan = contract.plan_id
        line = self.support_product_line_id.sudo()
        product = line.product_id or self.support_product_id
        kind = self.type_id
        if line:
            licence = line.licence_registered
        else:
            licence = any(contract.line_ids.mapped("licence_registered"))
        return IntakeFacts(
            request_date=self.support_request_date or fields.Date.context_today(self),
            has_requester=bool(self.partner_id),
            contract_state=contract.state if contract else None,
            contract_start=contract.date_start or None,
            contract_end=contract.date_end or None,
            candidate_count=self.support_contract_candidate_count,
            requester_authorised=bool(contract)
            and contract._is_authorised(self.partner_id),
            intake_accepted=not plan or plan._accepts_intake(self.channel_id),
            eligibility_rule=plan.eligibility_rule or "none",
            eligibility_months=plan.eligibility_months,
            has_product=bool(line),
            product_in_scope=not product
            or not plan
            or plan._covers_category(product.categ_id),
            purchase_date=line.purchase_date or None,
            bought_from_us=line.bought_from_us,
            first_of_family=line.first_of_family,
            licence_registered=licence,
            kind_excluded=bool(kind) and kind in plan.excluded_type_ids,
            kind_not_included=bool(kind)
            and bool(plan.included_type_ids)
            and kind not in plan.included_type_ids,
            refusal_ground=self.support_refusal_ground_id.id or None,
            configuration_refused=configuration_refused(
                plan.configuration_cloud_only,
                self.support_category == "configuration",
                contract.deployment,
            ),
            complaint_not_in_writing=bool(plan)
            and self.support_category == "complaint"
            and not plan._accepts_complaint(self.channel_id),
        )

    def _entitlement_reason_values(self, verdict):
        """The values of the placeholders of ``verdict``'s message, as they
        are stored: ids, ISO dates, numbers and keys."""
        self.ensure_one()
        contract = self.support_contract_id.sudo()
        line = self.support_product_line_id.sudo()
        params = verdict.params
        day = params.get("date") or params.get("purchase_date")
        values = {
            "customer": contract.partner_id.id or self.commercial_partner_id.id,
            "requester": self.partner_id.id,
            "contract": contract.id,
            "contacts": contract.id,
            "plan": contract.plan_id.id,
            "channels": contract.plan_id.id,
            "product": (line.product_id or self.support_product_id).id,
            "channel": self.channel_id.id,
            "kind": self.type_id.id,
            "count": params.get("count"),
            "state": params.get("state"),
            "months": params.get("months"),
            "ground": params.get("ground"),
            "date": fields.Date.to_string(day) if day else False,
            "deployment": contract.deployment or False,
        }
        _message, names = ENTITLEMENT_REASONS[verdict.code]
        return {name: values[name] for name in names}

    @api.depends(
        "partner_id",
        "commercial_partner_id",
        "type_id",
        "support_contract_id",
        "support_contract_candidate_count",
        "support_product_id",
        "support_product_line_id",
        "support_request_date",
        "channel_id",
        "entitlement_override",
        "support_refusal_ground_id",
    )
    def _compute_entitlement(self):
        for ticket in self:
            verdict = compute_verdict(ticket._get_entitlement_facts())
            ticket.entitlement_auto = verdict.verdict
            ticket.entitlement = (
                "covered" if ticket.entitlement_override else verdict.verdict
            )
            ticket.entitlement_reason_code = verdict.code
            ticket.entitlement_reason_params = ticket._entitlement_reason_values(
                verdict
            )

    @api.depends_context("lang")
    @api.depends(
        "entitlement_reason_code",
        "entitlement_reason_params",
        "entitlement_auto",
        "entitlement_override",
        "entitlement_override_reason",
    )
    def _compute_entitlement_reason(self):
        for ticket in self:
            ticket.entitlement_reason = ticket._entitlement_reason_text()

    def _entitlement_reason_text(self):
        """The reason of this ticket's verdict in the language of
        ``self.env`` (an agent's override says so, then gives the rules'
        reason), or False before the first verdict."""
        self.ensure_one()
        code = self.entitlement_reason_code
        if code not in ENTITLEMENT_REASONS:
            return False
        message, _names = ENTITLEMENT_REASONS[code]
        reason = self._support_format(
            message, self._entitlement_reason_shown(self.entitlement_reason_params)
        )
        if self.entitlement_override and self.entitlement_auto != "covered":
            return self._support_format(
                OVERRIDDEN_REASON,
                {
                    "why": self.sudo().entitlement_override_reason or "",
                    "reason": reason,
                },
            )
        return reason

    def _entitlement_reason_shown(self, params):
        """The stored values of a reason as the reader sees them: the
        records' current names, dates in the reader's format, the
        contract's state label."""
        shown = {}
        for name, value in (params or {}).items():
            if name in REASON_RECORDS:
                record = self.env[REASON_RECORDS[name]].sudo().browse(value or [])
                shown[name] = record.exists().display_name or ""
            elif name == "contacts":
                contract = self.env["support.contract"].sudo().browse(value or [])
                names = contract.exists().contact_ids.mapped("name")
                shown[name] = ", ".join(names) or self.env._("none yet")
            elif name == "channels":
                plan = self.env["support.plan"].sudo().browse(value or [])
                shown[name] = ", ".join(plan.exists().intake_channel_ids.mapped("name"))
            elif name == "state":
                states = dict(
                    self.env["support.contract"]
                    ._fields["state"]
                    ._description_selection(self.env)
                )
                shown[name] = states.get(value, value)
            elif name == "date":
                shown[name] = format_date(self.env, value) if value else ""
            elif name == "deployment":
                deployments = dict(
                    self.env["support.contract"]
                    ._fields["deployment"]
                    ._description_selection(self.env)
                )
                shown[name] = deployments.get(value) or self.env._("(not set)")
            else:
                shown[name] = value
        return shown

    def _support_format(self, message, values):
        """``message`` (a lazy msgid) translated into ``self.env``'s language
        and filled with ``values``; a translation whose placeholders do not
        match falls back to the English text rather than failing the read."""
        template = self.env._(message)
        try:
            return template % values
        except (KeyError, TypeError, ValueError):
            template = self.with_context(lang="en_US").env._(message)
            return template % values

    def _recompute_entitlement(self, before=None, contract=False):
        """Judge these tickets again (contract terms or contacts changed), and
        call :meth:`_on_entitlement_change` once for those whose verdict moved.

        ``before``: the tickets' :meth:`_entitlement_states` taken before the
        change of terms (default: now, i.e. the change has not been applied
        to the tickets yet). ``contract``: choose their contract again as
        well (a contract of their customer came into force).

        Marking a dependency as modified also reaches every field computed
        from the verdict, here and in the addons that extend it.
        """
        if before is None:
            before = self._entitlement_states()
        self.modified(["support_request_date" if contract else "entitlement_override"])
        self._entitlement_notify(before)
        self.flush_recordset()

    # ------------------------------------------------------------------
    # The entitlement hook
    # ------------------------------------------------------------------

    def _entitlement_states(self):
        """``{ticket: EntitlementState}`` of these tickets, as they are now."""
        return {
            ticket: EntitlementState(
                entitlement=ticket.entitlement or None,
                contract_id=ticket.support_contract_id.id or None,
                product_line_id=ticket.support_product_line_id.id or None,
                plan_id=ticket.support_plan_id.id or None,
            )
            for ticket in self
        }

    def _entitlement_notify(self, before):
        """Call :meth:`_on_entitlement_change` once with the tickets whose
        state differs from ``before`` (``{ticket: EntitlementState}``; a
        ticket missing from it was just created)."""
        after = self._entitlement_states()
        changes = {
            ticket: (before.get(ticket), state)
            for ticket, state in after.items()
            if before.get(ticket) != state
        }
        if changes:
            self.browse([ticket.id for ticket in changes])._on_entitlement_change(
                changes
            )

    def _on_entitlement_change(self, changes):
        """Hook: the entitlement of these tickets changed.

        ``changes`` maps each ticket of ``self`` to ``(old, new)``, two
        :class:`~odoo.addons.halo_support.engine.entitlement.EntitlementState`
        (verdict, contract, covered product, plan; ``.covered``); ``old`` is
        None for a ticket just created. It is called once per batch, after
        the new verdict is stored, wherever the verdict changes: ticket
        creation and ``write()`` (requester, product, kind, contract, an
        agent's override...), and :meth:`_recompute_entitlement` when the
        contract's terms change (a contact authorised, a covered product
        added, the plan's rules, the contract activated, cancelled or
        expired).

        Extend it, calling ``super()``, rather than watching fields in
        ``write()``: support_sla starts and stops the SLA clocks here,
        support_billing judges the tickets' time again. Do not write the
        verdict fields from it.
        """
        self.filtered(
            lambda t: (
                changes[t][1].covered and not (changes[t][0] and changes[t][0].covered)
            )
        )._support_route_complaints()
        return True

    # ------------------------------------------------------------------
    # Complaints decided by a head
    # ------------------------------------------------------------------

    def _support_complaints_to_decide(self):
        """These tickets that are covered complaints of a plan that decides
        complaints."""
        return self.filtered(
            lambda t: (
                t.support_category == "complaint"
                and t.entitlement == "covered"
                and t.support_contract_id.sudo().plan_id.complaint_process
            )
        )

    def _support_route_complaints(self):
        """Give each complaint to decide to its plan's head, as an activity."""
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for ticket in self._support_complaints_to_decide().sudo():
            if ticket.complaint_decision:
                continue
            head = ticket.support_contract_id.plan_id.complaint_user_id
            ticket.activity_schedule(
                activity_type_id=todo.id if todo else False,
                summary=self.env._("Decide the complaint"),
                note=self.env._(
                    "A complaint about the quality of support: record the "
                    "decision (upheld or rejected) and its reasoning with "
                    "Decide the complaint; the customer receives it."
                ),
                user_id=head.id,
                date_deadline=ticket.support_request_date,
            )

    def action_open_complaint_decide(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decide the complaint"),
            "res_model": "support.complaint.decide",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _support_decide_complaint(self, decision, reasoning, when=None):
        """Record the head's ``decision`` ("upheld" or "rejected") on these
        complaints with its ``reasoning``, send both to the customer in
        their language, and call :meth:`_on_complaint_decided`.

        Only the plan's head or a support manager decides; a complaint is
        decided once, and never without its reasoning."""
        reasoning = (reasoning or "").strip()
        if decision not in dict(COMPLAINT_DECISIONS):
            raise UserError(self.env._("Decision: choose Upheld or Rejected."))
        if not reasoning:
            raise UserError(
                self.env._(
                    "Reasoning: a complaint's decision says why; write the "
                    "reasoning the customer will receive."
                )
            )
        not_complaints = self - self._support_complaints_to_decide()
        if not_complaints:
            raise UserError(
                self.env._(
                    "Decision: ticket %(ticket)s is not a covered complaint of a "
                    "plan that decides complaints.",
                    ticket=not_complaints[0].display_name,
                )
            )
        decided = self.filtered("complaint_decision")
        if decided:
            raise UserError(
                self.env._(
                    "Decision: the complaint %(ticket)s was decided on %(date)s; "
                    "it is decided once.",
                    ticket=decided[0].display_name,
                    date=format_datetime(self.env, decided[0].complaint_decided_at),
                )
            )
        manager = self.env.user.has_group("halo_support.group_support_manager")
        for ticket in self:
            head = ticket.support_contract_id.sudo().plan_id.complaint_user_id
            if not manager and head != self.env.user:
                raise UserError(
                    self.env._(
                        "Decision: the complaints of plan %(plan)s are decided by "
                        "%(head)s (or a support manager).",
                        plan=ticket.support_plan_id.display_name,
                        head=head.display_name,
                    )
                )
        when = when or fields.Datetime.now()
        self.sudo().write(
            {
                "complaint_decision": decision,
                "complaint_reasoning": reasoning,
                "complaint_decided_at": when,
                "complaint_decided_by_id": self.env.uid,
            }
        )
        for ticket in self.sudo():
            head = ticket.support_contract_id.plan_id.complaint_user_id
            ticket.activity_ids.filtered(
                lambda a, h=head: a.user_id == h
            ).action_feedback(feedback=reasoning)
            if ticket.partner_id:
                ticket.message_post(**ticket._prepare_complaint_decision_message_vals())
        self._on_complaint_decided(when)
        return True

    def _prepare_complaint_decision_message_vals(self):
        """Hook: the ``message_post`` values sending this complaint's
        decision and reasoning to its requester, in their language.

        Called by :meth:`_support_decide_complaint` (under ``sudo()``) once
        the decision is stored. An override may change the body or the
        recipients, calling ``super()``.
        """
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang
        ticket = self.with_context(lang=lang)
        labels = dict(
            ticket._fields["complaint_decision"]._description_selection(ticket.env)
        )
        body = Markup("<p><strong>%s</strong></p><p>%s</p>") % (
            ticket.env._(
                "Decision on your complaint: %(decision)s.",
                decision=labels[self.complaint_decision],
            ),
            self.complaint_reasoning,
        )
        return {
            "body": body,
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
            "author_id": self.company_id.partner_id.id,
            "partner_ids": self.partner_id.ids,
        }

    def _on_complaint_decided(self, when):
        """Hook: the complaints of these tickets were decided at ``when``.

        Called once per decision, after it is stored and sent. Extend it,
        calling ``super()``: support_sla stops the clocks that count until
        the decision here.
        """
        return True

    @api.depends("entitlement", "support_intake_note")
    def _compute_support_flagged(self):
        for ticket in self:
            ticket.support_flagged = ticket.entitlement == "not_authorised" or bool(
                ticket.support_intake_note
            )

    @api.constrains(
        "support_refusal_ground_id", "entitlement_override", "support_contract_id"
    )
    def _check_support_refusal_ground(self):
        for ticket in self:
            ground = ticket.support_refusal_ground_id
            if not ground:
                continue
            if ticket.entitlement_override:
                raise ValidationError(
                    self.env._(
                        "Refused on: ticket %(ticket)s is accepted as covered by "
                        "an agent's override; remove the override before "
                        "refusing the request.",
                        ticket=ticket.display_name,
                    )
                )
            plan = ticket.support_contract_id.sudo().plan_id
            if ground not in plan.refusal_ground_ids:
                raise ValidationError(
                    self.env._(
                        "Refused on: plan %(plan)s does not name the ground "
                        "%(ground)s; choose one of its refusal grounds "
                        "(%(grounds)s).",
                        plan=plan.display_name or "-",
                        ground=ground.display_name,
                        grounds=", ".join(plan.refusal_ground_ids.mapped("name"))
                        or self.env._("none"),
                    )
                )

    @api.constrains("entitlement_override", "entitlement_override_reason")
    def _check_entitlement_override_reason(self):
        for ticket in self:
            if (
                ticket.entitlement_override
                and not (ticket.entitlement_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Override reason: ticket %(ticket)s overrides its "
                        "entitlement; say why.",
                        ticket=ticket.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD and actions
    # ------------------------------------------------------------------

    @api.model
    def _support_line_contract_vals(self, vals):
        """``vals`` with the contract of the covered product it names, when
        it names a product and no contract: the product brings its contract."""
        if vals.get("support_product_line_id") and not vals.get("support_contract_id"):
            line = self.env["support.contract.product"].browse(
                vals["support_product_line_id"]
            )
            vals = dict(vals, support_contract_id=line.sudo().contract_id.id)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._support_line_contract_vals(vals) for vals in vals_list]
        tickets = super().create(vals_list)
        tickets.filtered(
            lambda t: t.entitlement == "not_authorised"
        )._notify_not_authorised()
        tickets._entitlement_notify({})
        return tickets

    def write(self, vals):
        before = self._entitlement_states()
        res = super().write(self._support_line_contract_vals(vals))
        self._entitlement_notify(before)
        return res

    def _notify_not_authorised(self):
        """Tell requesters who are not authorised how to become so.

        The reason is rendered when the message is posted, in the
        requester's language: a posted message is a record of what was
        said, it does not follow later renames."""
        for ticket in self.sudo():
            if not ticket.partner_id:
                continue
            ticket.message_post(**ticket._prepare_not_authorised_message_vals())

    def _prepare_not_authorised_message_vals(self):
        """Hook: the ``message_post`` values of the notice telling this
        ticket's requester they are not an authorised contact.

        Called by :meth:`_notify_not_authorised` for each new ticket whose
        verdict is "not authorised" and that has a requester (under
        ``sudo()``). An override may change the body, subtype or
        recipients, calling ``super()``; the message is posted as returned.
        """
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang
        reason = self.with_context(lang=lang).entitlement_reason
        return {
            "body": Markup("<p>%s</p>") % reason,
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
            "author_id": self.company_id.partner_id.id,
            "partner_ids": self.partner_id.ids,
        }

    def action_recompute_entitlement(self):
        self._recompute_entitlement()
        return True

    def action_open_entitlement_override(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override entitlement"),
            "res_model": "support.entitlement.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_remove_entitlement_override(self):
        self.write(
            {"entitlement_override": False, "entitlement_override_reason": False}
        )
        return True

    def action_open_support_refuse(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refuse the request"),
            "res_model": "support.request.refuse",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _support_refuse(self, ground, note=None):
        """Refuse these requests on ``ground``, one of their plans' refusal
        grounds, and tell each requester why in their language.

        The verdict becomes "refused" through the entitlement rules, so the
        entitlement hook stops what a covered request started (support_sla's
        clocks, support_billing's included time)."""
        self.check_access("write")
        self.write({"support_refusal_ground_id": ground.id})
        for ticket in self.sudo():
            if ticket.partner_id:
                ticket.message_post(**ticket._prepare_refusal_message_vals(note))
        return True

    def _prepare_refusal_message_vals(self, note=None):
        """Hook: the ``message_post`` values telling this ticket's requester
        that the request is refused on its ground.

        Called by :meth:`_support_refuse` for each refused ticket that has a
        requester (under ``sudo()``), ``note`` being the agent's optional
        words to the customer. The ground's message is rendered in the
        requester's language. An override may change the body, subtype or
        recipients, calling ``super()``.
        """
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang
        ground = self.support_refusal_ground_id.with_context(lang=lang)
        body = Markup("<p>%s</p>") % ground.customer_message
        if note:
            body += Markup("<p>%s</p>") % note
        return {
            "body": body,
            "message_type": "comment",
            "subtype_xmlid": "mail.mt_comment",
            "author_id": self.company_id.partner_id.id,
            "partner_ids": self.partner_id.ids,
        }

    def action_support_withdraw_refusal(self):
        """Button: the refusal was a mistake; the rules judge the request
        again (its clocks start from when it was received)."""
        self.check_access("write")
        refused = self.filtered("support_refusal_ground_id")
        refused.write({"support_refusal_ground_id": False})
        for ticket in refused:
            ticket.message_post(
                body=self.env._("Refusal withdrawn: the request is judged again."),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------------
    # Acceptance of the order
    # ------------------------------------------------------------------

    def action_support_accept_order(self):
        """Button: the customer's order is accepted, now."""
        self._support_accept_order()
        return True

    def _support_accept_order(self, when=None, reason=None):
        """Accept the orders of these tickets at ``when`` (now), once.

        The one way an order is accepted: the checks of
        :meth:`_support_check_order_acceptance` pass for every ticket before
        anything is recorded, then :meth:`_on_order_accepted` tells the addons
        at the same moment (support_sla starts the clocks that count from the
        acceptance, support_billing opens the paid work), so that they cannot
        disagree on whether, or when, the order was accepted.
        """
        done = self.filtered("support_order_accepted_at")
        if done:
            raise UserError(
                self.env._(
                    "Order accepted: the order of ticket %(ticket)s was accepted "
                    "on %(date)s; it is accepted once.",
                    ticket=done[0].display_name,
                    date=format_datetime(self.env, done[0].support_order_accepted_at),
                )
            )
        self.check_access("write")
        self._support_check_order_acceptance()
        when = when or fields.Datetime.now()
        self.sudo().write({"support_order_accepted_at": when})
        self._on_order_accepted(when, reason)
        return True

    def _support_check_order_acceptance(self):
        """Hook: raise a UserError naming what is missing when the order of
        one of these tickets cannot be accepted yet (support_billing: the
        customer's recorded agreement to the terms). Nothing is recorded
        before every check passed."""
        return True

    def _on_order_accepted(self, when, reason=None):
        """Hook: the orders of these tickets were accepted at ``when``.
        Extend it, calling ``super()``, to act on the acceptance (start the
        clocks, open the paid work); ``reason`` is the agent's wording, if
        any."""
        return True
