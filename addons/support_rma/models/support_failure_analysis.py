# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.translate import LazyTranslate

from ..engine.rma_decision import AUTHORISED, REFUSED, decide

_lt = LazyTranslate(__name__)

RESULTS = [
    ("confirmed", "Defect confirmed"),
    ("not_confirmed", "Defect not confirmed"),
]
CAUSES = [
    ("product_fault", "Product fault"),
    ("misuse", "Misuse (used outside its terms)"),
]
DECISIONS = [(AUTHORISED, "RMA authorised"), (REFUSED, "RMA refused")]
# The message of each reason code of the engine; placeholders are filled
# when it is read, in the reader's language.
DECISION_REASONS = {
    "authorised": _lt(
        "RMA authorised: the defect of %(unit)s is confirmed, caused by the "
        "product, and the unit is under warranty until %(warranty_end)s."
    ),
    "not_confirmed": _lt(
        "RMA refused: the analysis of %(unit)s did not confirm a hardware defect."
    ),
    "misuse": _lt(
        "RMA refused: %(unit)s was not used within its terms of use; the "
        "warranty does not cover the defect."
    ),
    "no_warranty": _lt(
        "RMA refused: no warranty is known for %(unit)s (no warranty end on "
        "the covered product)."
    ),
    "out_of_warranty": _lt(
        "RMA refused: the warranty of %(unit)s ended on %(warranty_end)s, "
        "before the defect was reported on %(report_date)s."
    ),
}


class SupportFailureAnalysis(models.Model):
    """The failure analysis of a covered unit, and the RMA decision on it."""

    _name = "support.failure.analysis"
    _description = "Hardware Failure Analysis"
    _inherit = ["mail.thread", "support.field.guard.mixin"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    ticket_id = fields.Many2one(
        comodel_name="helpdesk.ticket",
        required=True,
        ondelete="restrict",
        index=True,
    )
    partner_id = fields.Many2one(
        related="ticket_id.commercial_partner_id", store=True, string="Customer"
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    line_id = fields.Many2one(
        comodel_name="support.contract.product",
        string="Unit",
        required=True,
        tracking=True,
        help="The covered product (unit) the defect was reported on.",
    )
    product_id = fields.Many2one(related="line_id.product_id", store=True)
    product_categ_id = fields.Many2one(
        related="line_id.product_categ_id", store=True, string="Product family"
    )
    report_date = fields.Date(
        string="Reported on",
        required=True,
        help="The day the defect was reported: the warranty is judged on it.",
    )
    warranty_end = fields.Date(related="line_id.warranty_end")
    symptoms = fields.Text()
    tests_done = fields.Text(string="Tests done")
    result = fields.Selection(RESULTS, tracking=True)
    cause = fields.Selection(CAUSES, tracking=True)
    defect_confirmed = fields.Integer(
        string="Confirmed defects",
        compute="_compute_defect_confirmed",
        store=True,
        help="1 for an analysis that confirmed the defect: summed, the "
        "number of confirmed defects.",
    )
    defect_confirmed_share = fields.Float(
        string="Share of confirmed defects (%)",
        compute="_compute_defect_confirmed",
        store=True,
        aggregator="avg",
        digits=(16, 1),
        help="100 for a confirmed defect, 0 otherwise: averaged, the share "
        "of analyses that confirmed the defect.",
    )
    state = fields.Selection(
        [("draft", "In analysis"), ("done", "Analysed"), ("decided", "Decided")],
        default="draft",
        required=True,
        support_system=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    decision = fields.Selection(
        DECISIONS, support_system=True, readonly=True, tracking=True, copy=False
    )
    decision_reason_code = fields.Char(support_system=True, readonly=True, copy=False)
    decision_reason = fields.Text(
        compute="_compute_decision_reason",
        help="Why, in the reader's language.",
    )
    decided_at = fields.Datetime(support_system=True, readonly=True, copy=False)
    decided_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Decided by",
        support_system=True,
        readonly=True,
        copy=False,
    )
    rma_id = fields.Many2one(
        comodel_name="rma", string="RMA", support_system=True, readonly=True, copy=False
    )

    @api.depends("ticket_id.name", "line_id")
    def _compute_name(self):
        for analysis in self:
            analysis.name = " / ".join(
                filter(None, [analysis.ticket_id.name, analysis.line_id.display_name])
            )

    @api.depends("result")
    def _compute_defect_confirmed(self):
        for analysis in self:
            confirmed = analysis.result == "confirmed"
            analysis.defect_confirmed = int(confirmed)
            analysis.defect_confirmed_share = 100.0 if confirmed else 0.0

    @api.depends_context("lang")
    @api.depends("decision_reason_code", "line_id", "report_date")
    def _compute_decision_reason(self):
        for analysis in self:
            analysis.decision_reason = analysis._decision_reason_text()

    def _decision_reason_text(self):
        self.ensure_one()
        message = DECISION_REASONS.get(self.decision_reason_code)
        if not message:
            return False
        line = self.line_id.sudo()
        template = self.env._(message)
        return template % {
            "unit": line.display_name,
            "warranty_end": format_date(self.env, line.warranty_end)
            if line.warranty_end
            else "-",
            "report_date": format_date(self.env, self.report_date),
        }

    @api.constrains("ticket_id", "line_id")
    def _check_unit_of_the_customer(self):
        for analysis in self:
            owner = analysis.line_id.sudo().partner_id.commercial_partner_id
            if owner != analysis.ticket_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "Unit: %(unit)s is covered for %(owner)s, not for "
                        "%(customer)s, the customer of ticket %(ticket)s. Choose "
                        "a unit of the ticket's customer.",
                        unit=analysis.line_id.display_name,
                        owner=owner.display_name,
                        customer=analysis.ticket_id.commercial_partner_id.display_name,
                        ticket=analysis.ticket_id.display_name,
                    )
                )

    def write(self, vals):
        locked = {"line_id", "report_date", "result", "cause", "symptoms", "tests_done"}
        if locked.intersection(vals) and self.filtered(lambda a: a.state == "decided"):
            raise UserError(
                self.env._(
                    "Analysis: the RMA decision is taken; its analysis cannot "
                    "change. Record a new analysis instead."
                )
            )
        return super().write(vals)

    def action_done(self):
        """The analysis is finished: symptoms, tests, result and (for a
        confirmed defect) its cause are recorded."""
        for analysis in self:
            missing = [
                label
                for name, label in (
                    ("symptoms", self.env._("Symptoms")),
                    ("tests_done", self.env._("Tests done")),
                    ("result", self.env._("Result")),
                )
                if not analysis[name]
            ]
            if analysis.result == "confirmed" and not analysis.cause:
                missing.append(self.env._("Cause"))
            if missing:
                raise UserError(
                    self.env._(
                        "Analysis %(analysis)s is not finished: fill in %(fields)s.",
                        analysis=analysis.display_name,
                        fields=", ".join(missing),
                    )
                )
        self.check_access("write")
        # The states move by these actions only (guarded fields).
        self.sudo().write({"state": "done"})
        return True

    def action_decide(self):
        """Take the RMA decision the rules give on each finished analysis:
        an authorised one creates the RMA of the unit; both are told to the
        customer in their language."""
        self.check_access("write")
        not_done = self.filtered(lambda a: a.state != "done")
        if not_done:
            raise UserError(
                self.env._(
                    "Analysis %(analysis)s is not finished (%(state)s): mark it "
                    "analysed before deciding on an RMA.",
                    analysis=not_done[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        not_done[0].state
                    ],
                )
            )
        for analysis in self:
            line = analysis.line_id.sudo()
            verdict = decide(
                analysis.result, analysis.cause, line.warranty_end, analysis.report_date
            )
            vals = {
                "state": "decided",
                "decision": verdict.decision,
                "decision_reason_code": verdict.code,
                "decided_at": fields.Datetime.now(),
                "decided_by_id": self.env.uid,
            }
            if verdict.decision == AUTHORISED:
                # The RMA's link to the ticket is guarded: written here only.
                rma = self.env["rma"].sudo().create(analysis._prepare_rma_vals())
                # The customer follows its RMA on the portal (rma's portal
                # rule reads the followers).
                rma.message_subscribe(partner_ids=analysis.ticket_id.partner_id.ids)
                vals["rma_id"] = rma.id
            analysis.sudo().write(vals)
            analysis._notify_decision()
            if verdict.decision == AUTHORISED:
                analysis._warn_if_no_replacement_in_stock()
        return True

    def _warn_if_no_replacement_in_stock(self):
        """No unit in stock to replace the faulty one: the agent is asked,
        by an activity on the ticket, to offer the technician visit the
        policy names instead (a paid field-service visit)."""
        self.ensure_one()
        product = self.line_id.sudo().product_id
        if not product.is_storable or product.qty_available > 0:
            return
        ticket = self.ticket_id.sudo()
        ticket.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("No replacement in stock"),
            note=self.env._(
                "No %(product)s is in stock to replace the faulty unit of RMA "
                "%(rma)s: offer the customer the technician visit instead (a "
                "paid field-service visit).",
                product=product.display_name,
                rma=self.rma_id.name,
            ),
            user_id=ticket.user_id.id or self.env.uid,
        )

    def _prepare_rma_vals(self):
        """Hook: the values of the ``rma`` an authorised decision creates.

        Called by :meth:`action_decide`, as the deciding user, before the
        decision is stored. The RMA is the replacement of the analysed unit
        for the ticket's customer, linked to the ticket and this analysis;
        an override may set a team, an operation or a location, calling
        ``super()``.
        """
        self.ensure_one()
        ticket = self.ticket_id
        line = self.line_id.sudo()
        vals = {
            "partner_id": ticket.partner_id.id or ticket.commercial_partner_id.id,
            "product_id": line.product_id.id,
            # The serial travels with the RMA in its origin; OCA rma_lot
            # would carry it as a lot, but it needs the lot in our stock
            # and its portal list needs product rights portal users lack.
            "origin": " / ".join(filter(None, [ticket.display_name, line.serial])),
            "support_ticket_id": ticket.id,
            "support_analysis_id": self.id,
            "description": Markup("<p>%s</p><p>%s</p>")
            % (self.symptoms or "", self.tests_done or ""),
            "operation_id": self.env.ref(
                "support_rma.rma_operation_advance_replacement"
                if ticket.support_contract_id.sudo().plan_id.rma_advance_replacement
                else "rma.rma_operation_replace"
            ).id,
        }
        if line.lot_id and "lot_id" in self.env["rma"]._fields:
            vals["lot_id"] = line.lot_id.id
        return vals

    def _notify_decision(self):
        """Post the decision on the ticket: to the requester in their
        language, so the reason is the one they can read."""
        for analysis in self:
            ticket = analysis.ticket_id.sudo()
            partner = ticket.partner_id
            lang = partner.lang or self.env.lang
            reason = analysis.with_context(lang=lang).decision_reason
            body = Markup("<p>%s</p>") % reason
            if analysis.rma_id:
                body += Markup("<p>%s</p>") % analysis.rma_id.name
            ticket.message_post(
                body=body,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=ticket.company_id.partner_id.id,
                partner_ids=partner.ids,
            )
