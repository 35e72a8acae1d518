import importlib.util

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path

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


@tagged("post_install", "-at_install")
class TestSchema(TransactionCase):
    """The entitlement reason is rendered, not stored; the migration to
    18.0.1.1.0 drops the column of the prose it used to store."""

    def _columns(self):
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'helpdesk_ticket' AND column_name LIKE %s",
            ["entitlement_reason%"],
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def test_migration_drops_the_stored_reason(self):
        self.assertEqual(
            self._columns(),
            {"entitlement_reason_code", "entitlement_reason_params"},
        )
        self.env.cr.execute(
            "ALTER TABLE helpdesk_ticket ADD COLUMN entitlement_reason text"
        )
        path = file_path("halo_support/migrations/18.0.1.1.0/pre-migrate.py")
        spec = importlib.util.spec_from_file_location("halo_support_mig", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.assertNotIn("entitlement_reason", self._columns())
