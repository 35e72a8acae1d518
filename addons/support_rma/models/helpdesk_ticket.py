# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    support_analysis_ids = fields.One2many(
        comodel_name="support.failure.analysis",
        inverse_name="ticket_id",
        string="Failure analyses",
    )
    support_rma_ids = fields.One2many(
        comodel_name="rma",
        inverse_name="support_ticket_id",
        string="RMAs",
    )
    support_rma_count = fields.Integer(compute="_compute_support_rma_count")
    support_restored_backup_id = fields.Many2one(
        support_system=True,
        comodel_name="support.device.backup",
        string="Restored from backup",
        readonly=True,
        copy=False,
        help="The configuration backup the unit was restored from.",
    )

    @api.depends("support_rma_ids")
    def _compute_support_rma_count(self):
        for ticket in self:
            ticket.support_rma_count = len(ticket.support_rma_ids)

    def action_support_new_analysis(self):
        """Open a failure analysis of the ticket's unit."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Failure analysis"),
            "res_model": "support.failure.analysis",
            "view_mode": "form",
            "context": {
                "default_ticket_id": self.id,
                "default_line_id": self.support_product_line_id.id,
                "default_report_date": fields.Date.to_string(self.support_request_date),
            },
        }

    def action_support_view_rmas(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("rma.rma_action")
        action["domain"] = [("support_ticket_id", "=", self.id)]
        if self.support_rma_count == 1:
            action.update(view_mode="form", res_id=self.support_rma_ids.id, views=[])
        return action

    def action_support_restore_backup(self):
        """Button: the unit's configuration was restored, now, from its
        latest valid backup."""
        self._support_restore_from_backup()
        return True

    def _support_restore_from_backup(self, when=None):
        """Record that each ticket's unit was restored from its latest valid
        configuration backup (named on the ticket), and call
        :meth:`_on_configuration_restored`. A unit with no valid backup on
        file is refused with a clear message: nothing is recorded."""
        self.check_access("write")
        for ticket in self:
            unit = ticket.support_product_line_id
            if not unit:
                raise UserError(
                    self.env._(
                        "Restore from backup: ticket %(ticket)s names no covered "
                        "unit; set its covered product first.",
                        ticket=ticket.display_name,
                    )
                )
            if not unit.sudo().last_backup_id:
                raise UserError(
                    self.env._(
                        "Restore from backup: no valid configuration backup of "
                        "%(unit)s is on file. Configure the unit by hand, or "
                        "add the customer's backup to the unit first.",
                        unit=unit.display_name,
                    )
                )
        when = when or fields.Datetime.now()
        for ticket in self:
            backup = ticket.support_product_line_id.sudo().last_backup_id
            ticket.sudo().support_restored_backup_id = backup
            ticket.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Configuration of %(unit)s restored from its backup of "
                    "%(date)s (%(file)s).",
                    unit=backup.line_id.display_name,
                    date=format_datetime(self.env, backup.backup_date),
                    file=backup.filename or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
            ticket._on_configuration_restored(backup, when)
        return True

    def _on_replacement_delivered(self, rma, when):
        """Hook: the replacement of ``rma`` (authorised on this ticket) was
        delivered at ``when`` (its delivery validated).

        Called by ``stock.move._action_done`` once per RMA. Extend it,
        calling ``super()``: the SLA glue stops the clock of the replacement
        and starts the one counted from its delivery.

        The first delivery of an RMA is its replacement: a later one (a
        backorder, a unit sent again) records nothing and returns False,
        so no event is counted twice.
        """
        self.ensure_one()
        if rma.sudo().support_replacement_delivered_at:
            return False
        rma.sudo().support_replacement_delivered_at = when
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "Replacement of %(rma)s delivered on %(date)s.",
                rma=rma.name,
                date=format_datetime(self.env, when),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _on_configuration_restored(self, backup, when):
        """Hook: the ticket's unit was restored from ``backup`` at ``when``.

        Called by :meth:`_support_restore_from_backup`. Extend it, calling
        ``super()``: the SLA glue stops the clock of the restore.
        """
        return True
