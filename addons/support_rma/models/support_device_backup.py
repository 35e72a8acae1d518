# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SupportDeviceBackup(models.Model):
    """A dated configuration backup of a covered unit."""

    _name = "support.device.backup"
    _description = "Device Configuration Backup"
    _order = "backup_date desc, id desc"

    line_id = fields.Many2one(
        comodel_name="support.contract.product",
        string="Covered product",
        required=True,
        ondelete="cascade",
        index=True,
    )
    partner_id = fields.Many2one(related="line_id.partner_id", store=True)
    backup_date = fields.Datetime(
        string="Taken on", required=True, default=fields.Datetime.now
    )
    data = fields.Binary(string="Backup file", attachment=True, required=True)
    filename = fields.Char()
    valid = fields.Boolean(
        default=True,
        help="Untick a backup known to be broken or incomplete: restores use "
        "the latest valid one.",
    )
    is_latest = fields.Boolean(
        string="Latest valid",
        compute="_compute_is_latest",
        help="The backup a restore of this unit uses.",
    )
    note = fields.Char()

    @api.depends("line_id.backup_ids.valid", "line_id.backup_ids.backup_date")
    def _compute_is_latest(self):
        for backup in self:
            backup.is_latest = backup == backup.line_id.backup_ids._latest_valid()

    def _latest_valid(self):
        """The latest valid backup among these, or an empty recordset."""
        valid = self.filtered("valid")
        return valid and max(valid, key=lambda b: (b.backup_date, b.id))

    def _compute_display_name(self):
        for backup in self:
            backup.display_name = self.env._(
                "%(unit)s, %(date)s",
                unit=backup.line_id.display_name or "",
                date=fields.Datetime.to_string(backup.backup_date) or "",
            )
