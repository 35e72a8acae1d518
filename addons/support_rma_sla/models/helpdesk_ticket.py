# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _on_replacement_delivered(self, rma, when):
        """A validated delivery is the replacement both shipped and handed
        over: it stops the clock of the replacement and starts the one
        counted from its delivery (the configuration restored)."""
        res = super()._on_replacement_delivered(rma, when)
        if not res:
            # Already delivered once: its clocks have moved already.
            return res
        reason = self.env._("Replacement delivered (%(rma)s)", rma=rma.name)
        self._sla_record_event("replacement_shipped", reason, when=when)
        self._sla_record_event("replacement_delivered", reason, when=when)
        return res

    def _on_configuration_restored(self, backup, when):
        res = super()._on_configuration_restored(backup, when)
        self._sla_record_event(
            "configuration_restored",
            self.env._("Configuration restored from the backup"),
            when=when,
        )
        return res
