# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""infotel's advance replacement on the clocks (docs/vendors/infotel.md):
the replacement's validated delivery and the restore from the last valid
backup move the SLA clocks of the variants."""

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.support_sla.tests.common import BRATISLAVA, utc
from odoo.addons.support_sla.tests.vendor_sla_common import VendorSlaCase


@tagged("post_install", "-at_install")
class TestInfotelReturnsOnTheClocks(VendorSlaCase):
    vendor = "infotel"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sync_holidays(cls.sla_ref("calendar_bratislava_8_30_17"))
        cls.pbx = cls.env["product.product"].create(
            {
                "name": "infotel PBX (test)",
                "type": "consu",
                "is_storable": True,
                "categ_id": cls.env.ref("halo_support.categ_infotel").id,
            }
        )
        cls.contract_v2 = cls.customer_on(
            "v2",
            "plan_infotel_v2",
            [
                {
                    "product_id": cls.pbx.id,
                    "serial": "PBX-1",
                    "purchase_date": date(2026, 1, 10),
                    "warranty_end": date(2028, 1, 9),
                }
            ],
        )
        cls.contract_v2.plan_id.rma_advance_replacement = True
        cls.unit = cls.contract_v2.line_ids
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.pbx, cls.warehouse.lot_stock_id, 3
        )

    def authorised(self, received):
        """A hardware ticket of the v2 customer received at ``received``
        (UTC), analysed and authorised: its RMA, confirmed."""
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "PBX dead",
                "description": "<p>No power</p>",
                "partner_id": self.contacts["v2"].id,
                "type_id": self.kinds["hardware_rma"].id,
                "support_serial": "PBX-1",
                "sla_received_at": received,
                "support_request_date": received.date(),
            }
        )
        analysis = self.env["support.failure.analysis"].create(
            {
                "ticket_id": ticket.id,
                "line_id": self.unit.id,
                "report_date": received.date(),
                "symptoms": "No power",
                "tests_done": "Power supply swapped",
                "result": "confirmed",
                "cause": "product_fault",
            }
        )
        analysis.action_done()
        analysis.action_decide()
        rma = ticket.support_rma_ids
        self.assertEqual(
            rma.operation_id,
            self.env.ref("support_rma.rma_operation_advance_replacement"),
        )
        rma.action_confirm()
        return ticket, rma

    def backup(self):
        return self.env["support.device.backup"].create(
            {
                "line_id": self.unit.id,
                "backup_date": "2026-10-01 08:00:00",
                "data": b"Y29uZmln",
                "filename": "pbx-2026-10-01.tar",
            }
        )

    def test_validated_delivery_and_restore_move_the_clocks(self):
        now = fields.Datetime.now().replace(microsecond=0)
        ticket, rma = self.authorised(now - timedelta(minutes=30))
        shipped = self.clock(ticket, "replacement_shipped")
        self.assertNotIn("configuration_restored", self.metrics(ticket))
        # shipped before the faulty unit comes back
        rma.create_replace(now, self.warehouse, self.pbx, 1, self.pbx.uom_id)
        picking = rma.delivery_move_ids.picking_id
        picking.action_assign()
        picking.move_ids.quantity = 1
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(shipped.state, "met")
        self.assertNotEqual(rma.reception_move_id.state, "done")
        restored = self.clock(ticket, "configuration_restored")
        self.assertEqual(restored.state, "running")
        with self.assertRaisesRegex(UserError, "no valid configuration backup"):
            ticket._support_restore_from_backup()
        self.assertEqual(restored.state, "running")
        backup = self.backup()
        ticket._support_restore_from_backup()
        self.assertEqual(restored.state, "met")
        self.assertEqual(ticket.support_restored_backup_id, backup)
        self.assertIn("pbx-2026-10-01.tar", ticket.message_ids[0].body)

    def test_terms_met_and_missed_on_concrete_dates(self):
        # Variant 2 (Fri 13 Nov 16:00): replacement within 1 business day,
        # due Mon 16 Nov 16:00; delivered Tue 17 Nov 10:00, late; the restore
        # is due 2 business days after the delivery, Thu 19 Nov 10:00.
        ticket, rma = self.authorised(utc(BRATISLAVA, 2026, 11, 13, 16, 0))
        shipped = self.assertDeadline(
            ticket, "replacement_shipped", BRATISLAVA, (2026, 11, 16, 16, 0)
        )
        ticket._on_replacement_delivered(rma, utc(BRATISLAVA, 2026, 11, 17, 10, 0))
        self.assertEqual(shipped.state, "breached")
        restored = self.assertDeadline(
            ticket, "configuration_restored", BRATISLAVA, (2026, 11, 19, 10, 0)
        )
        self.backup()
        ticket._support_restore_from_backup(when=utc(BRATISLAVA, 2026, 11, 19, 10, 0))
        self.assertEqual(restored.state, "met")
        # On time this time: delivered Mon 16 Nov 15:00, restored too late.
        ticket, rma = self.authorised(utc(BRATISLAVA, 2026, 11, 13, 16, 0))
        shipped = self.clock(ticket, "replacement_shipped")
        ticket._on_replacement_delivered(rma, utc(BRATISLAVA, 2026, 11, 16, 15, 0))
        self.assertEqual(shipped.state, "met")
        restored = self.assertDeadline(
            ticket, "configuration_restored", BRATISLAVA, (2026, 11, 18, 15, 0)
        )
        ticket._support_restore_from_backup(when=utc(BRATISLAVA, 2026, 11, 18, 15, 1))
        self.assertEqual(restored.state, "breached")
