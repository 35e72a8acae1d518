from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_suite_installed(self):
        """The three addons of the suite and the OCA helpdesk are installed."""
        modules = self.env["ir.module.module"].search(
            [
                (
                    "name",
                    "in",
                    ["halo_support", "support_sla", "support_billing", "helpdesk_mgmt"],
                )
            ]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 4)
