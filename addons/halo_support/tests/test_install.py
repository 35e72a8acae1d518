from odoo.tests import TransactionCase, tagged

from odoo.addons.halo_support.models.helpdesk_ticket_type import REQUEST_CATEGORIES
from odoo.addons.halo_support.models.support_channel import CHANNEL_CODES


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_addon_installed(self):
        """halo_support and the OCA helpdesk it extends are installed."""
        modules = self.env["ir.module.module"].search(
            [("name", "in", ["halo_support", "helpdesk_mgmt", "helpdesk_type"])]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 3)

    def test_shipped_data(self):
        """The six channels and the eight request kinds are shipped."""
        channels = self.env["support.channel"].search([])
        self.assertEqual(sorted(channels.mapped("code")), sorted(CHANNEL_CODES))
        for code, _label in REQUEST_CATEGORIES:
            kind = self.env.ref(f"halo_support.ticket_type_{code}")
            self.assertEqual(kind.support_category, code)
