import importlib.util

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, file_path


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_zones(self):
        zone = self.env.ref("support_billing.travel_zone_pl_neighbours")
        self.assertEqual(len(zone.state_ids), 5)


@tagged("post_install", "-at_install")
class TestSchema(TransactionCase):
    """The partial unique indexes exist under their current names only; the
    migration to 18.0.1.1.0 drops the former ones."""

    CURRENT = (
        "account_move_support_period_open_uniq",
        "support_wallet_open_allowance_uniq",
        "support_wallet_entry_period_uniq",
    )

    def _indexes(self, names):
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN %s", [tuple(names)]
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def _migration(self):
        path = file_path("support_billing/migrations/18.0.1.1.0/pre-migrate.py")
        spec = importlib.util.spec_from_file_location("support_billing_mig", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_current_indexes_only(self):
        former = [name for name, _table in self._migration().RENAMED_INDEXES]
        self.assertEqual(self._indexes(self.CURRENT), set(self.CURRENT))
        self.assertFalse(self._indexes(former))

    def test_migration_drops_the_former_names(self):
        migration = self._migration()
        for name, table in migration.RENAMED_INDEXES:
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX %s ON %s (id)",
                    SQL.identifier(name),
                    SQL.identifier(table),
                )
            )
        former = [name for name, _table in migration.RENAMED_INDEXES]
        self.assertEqual(self._indexes(former), set(former))
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.assertFalse(self._indexes(former))
        self.assertEqual(self._indexes(self.CURRENT), set(self.CURRENT))
