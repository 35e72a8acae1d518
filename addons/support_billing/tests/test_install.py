from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_zones(self):
        zone = self.env.ref("support_billing.travel_zone_pl_neighbours")
        self.assertEqual(len(zone.state_ids), 5)
