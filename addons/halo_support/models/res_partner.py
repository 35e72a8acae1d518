# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    support_contract_ids = fields.One2many(
        comodel_name="support.contract",
        inverse_name="partner_id",
        string="Support contracts",
    )
    support_contract_count = fields.Integer(
        compute="_compute_support_contract_count",
        compute_sudo=True,
    )

    def _compute_support_contract_count(self):
        commercial = self.mapped("commercial_partner_id")
        groups = (
            self.env["support.contract"]
            .sudo()
            ._read_group(
                [("partner_id", "in", commercial.ids)], ["partner_id"], ["__count"]
            )
        )
        counts = {partner.id: count for partner, count in groups}
        for partner in self:
            partner.support_contract_count = counts.get(
                partner.commercial_partner_id.id, 0
            )

    def action_view_support_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "halo_support.support_contract_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
