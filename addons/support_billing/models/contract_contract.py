# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ContractContract(models.Model):
    """The OCA recurring contract that invoices a support contract's fee.

    It is the engine of the recurring invoices, not a second contract: it
    links back to its support contract, and the portal lists only the
    support contract (see ``controllers/portal.py``).
    """

    _name = "contract.contract"
    _inherit = ["contract.contract", "support.field.guard.mixin"]

    support_contract_ids = fields.One2many(
        comodel_name="support.contract",
        inverse_name="recurring_contract_id",
        string="Support contracts",
    )
    support_contract_id = fields.Many2one(
        support_system=True,
        comodel_name="support.contract",
        string="Support contract",
        compute="_compute_support_contract_id",
        store=True,
        index="btree_not_null",
        help="The support contract whose recurring fee this contract invoices.",
    )

    @api.model
    def _search(self, domain, *args, **kwargs):
        # The portal's contract list hides the recurring contracts of
        # support contracts. Set by the route, not by the portal's shared
        # `_get_filter_domain`: OCA rma's portal defines a method of the same
        # name that does not call super(), so in a database with both the
        # filter would depend on the order in which the addons load.
        if self.env.context.get("support_hide_contract_twins"):
            domain = [*domain, ("support_contract_id", "=", False)]
        return super()._search(domain, *args, **kwargs)

    @api.depends("support_contract_ids")
    def _compute_support_contract_id(self):
        for contract in self:
            # sudo: the link is structural, whoever triggers the recompute.
            contract.support_contract_id = contract.sudo().support_contract_ids[:1]

    def action_open_support_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "support.contract",
            "res_id": self.support_contract_id.id,
            "view_mode": "form",
        }
