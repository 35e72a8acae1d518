# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models, tools
from odoo.exceptions import AccessError

# Field parameters this mixin gives meaning to.
SYSTEM = "support_system"
WRITE_GROUP = "support_write_group"


class SupportFieldGuardMixin(models.AbstractModel):
    """Fields that a form shows read-only are refused on write() as well.

    A view's ``readonly`` only hides an input: any user with write access on
    the model can still send the field over JSON-RPC.  Fields declared with

    * ``support_system=True`` are written only by the product's own code,
      which does so under ``sudo()`` (verdicts, amounts, wallet links, invoice
      links, states moved by actions): a user's ``write()`` or ``create()``
      naming them is refused (a ``default_<field>`` in the context is
      dropped);
    * ``support_write_group="module.group_xmlid"`` are written only by members
      of that group (or by the product's code under ``sudo()``).

    ``sudo()`` is the gate, not a context key: a context travels with every
    RPC call and anyone can set it; nobody can call ``sudo()`` over RPC.
    """

    _name = "support.field.guard.mixin"
    _description = "Support: fields refused on write unless the product sets them"

    def _valid_field_parameter(self, field, name):
        return name in (SYSTEM, WRITE_GROUP) or super()._valid_field_parameter(
            field, name
        )

    @api.model
    @tools.ormcache()
    def _support_guarded_fields(self):
        """``{field name: group xml id or None}``: the guarded fields of the
        model (None: the product's code only)."""
        guarded = {}
        for name, field in self._fields.items():
            if getattr(field, SYSTEM, False):
                guarded[name] = None
            elif getattr(field, WRITE_GROUP, False):
                guarded[name] = getattr(field, WRITE_GROUP)
        return guarded

    def _support_check_guarded_write(self, names):
        """Refuse a user's write of guarded fields among ``names``."""
        if self.env.su:
            return
        guarded = self._support_guarded_fields()
        for name in names:
            if name not in guarded:
                continue
            group = guarded[name]
            if group and self.env.user.has_group(group):
                continue
            field = self._fields[name]
            label = field._description_string(self.env)
            model = self.env["ir.model"].sudo()._get(self._name).name or self._name
            if group:
                message = self.env._(
                    "%(field)s (%(name)s) of %(model)s can be changed only by "
                    "members of group %(group)s. Ask one of them to change it.",
                    field=label,
                    name=name,
                    model=model,
                    group=self.env.ref(group).sudo().full_name,
                )
            else:
                message = self.env._(
                    "%(field)s (%(name)s) of %(model)s is set by the product, "
                    "not written directly. Use the actions of the form (or the "
                    "record's own buttons) that change it.",
                    field=label,
                    name=name,
                    model=model,
                )
            raise AccessError(message)

    @api.model_create_multi
    def create(self, vals_list):
        model = self
        if not self.env.su:
            self._support_check_guarded_write({k for vals in vals_list for k in vals})
            guarded = self._support_guarded_fields()
            context = {
                key: value
                for key, value in self.env.context.items()
                if not (
                    key.startswith("default_") and key[len("default_") :] in guarded
                )
            }
            if len(context) != len(self.env.context):
                # A context default is not an explicit request: ignore it.
                model = self.with_context(context)  # pylint: disable=context-overridden
        return super(SupportFieldGuardMixin, model).create(vals_list)

    def write(self, vals):
        self._support_check_guarded_write(vals)
        return super().write(vals)
