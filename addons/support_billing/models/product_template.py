# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    support_pack_hours = fields.Float(
        string="Support pack hours",
        digits=(16, 2),
        help="A pack of support hours (2, 5, 10 h): posting a customer invoice "
        "of this product grants its hours, in minutes, to the time wallet of "
        "the customer's support contract; a credit note takes them back.",
    )

    @api.constrains("support_pack_hours")
    def _check_support_pack_hours(self):
        for template in self:
            if template.support_pack_hours < 0:
                raise ValidationError(
                    self.env._(
                        "Support pack hours: %(product)s cannot hold a negative "
                        "number of hours. Enter the hours of the pack (e.g. 5).",
                        product=template.display_name,
                    )
                )

    def _support_pack_minutes(self, quantity=1.0):
        """Minutes ``quantity`` units of the pack grant (0 when not a pack)."""
        self.ensure_one()
        return round(self.support_pack_hours * 60 * quantity)
