# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

CHANNEL_CODES = ("portal", "email", "phone", "chat", "remote", "onsite")


class SupportChannel(models.Model):
    """A way a customer reaches support (portal, email, phone…)."""

    _name = "support.channel"
    _description = "Support Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical code; the shipped channels are portal, email, phone, "
        "chat, remote and onsite.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    online = fields.Boolean(
        help="Synchronous support (phone, chat, remote session), as opposed "
        "to offline support (email, portal)."
    )
    helpdesk_channel_id = fields.Many2one(
        comodel_name="helpdesk.ticket.channel",
        string="Helpdesk channel",
        help="The helpdesk channel of tickets that come through this channel.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "The code of a support channel is unique."),
    ]
