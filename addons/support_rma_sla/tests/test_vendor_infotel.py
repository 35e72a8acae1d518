# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""infotel's advance replacement on the clocks (docs/vendors/infotel.md):
the replacement's validated delivery and the restore from the last valid
backup move the SLA clocks of the variants."""

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
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
        cls.units = {}
        for variant in ("v1", "v2", "v3"):
            contract = cls.customer_on(
                variant,
                f"plan_infotel_{variant}",
                [
                    {
                        "product_id": cls.pbx.id,
                        "serial": f"PBX-{variant.upper()}",
                        "purchase_date": date(2026, 1, 10),
                        "warranty_end": date(2028, 1, 9),
                    }
                ],
            )
            contract.plan_id.rma_advance_replacement = True
            cls.units[variant] = contract.line_ids
        cls.unit = cls.units["v2"]
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.pbx, cls.warehouse.lot_stock_id, 3
        )

    def authorised(self, received, variant="v2"):
        """A hardware ticket of the ``variant`` customer received at
        ``received`` (UTC), analysed and authorised: its RMA, confirmed."""
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "PBX dead",
                "description": "<p>No power</p>",
                "partner_id": self.contacts[variant].id,
                "type_id": self.kinds["hardware_rma"].id,
                "support_serial": f"PBX-{variant.upper()}",
                "sla_received_at": received,
                "support_request_date": received.date(),
            }
        )
        analysis = self.env["support.failure.analysis"].create(
            {
                "ticket_id": ticket.id,
                "line_id": self.units[variant].id,
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

    def backup(self, variant="v2"):
        return self.env["support.device.backup"].create(
            {
                "line_id": self.units[variant].id,
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

    def test_v1_terms_met_and_missed_on_concrete_dates(self):
        # Variant 1 (Fri 13 Nov 16:00): replacement within 2 business days,
        # due Tue 17 Nov 16:00; delivered Tue 15:00, on time; the restore is
        # due 3 business days after the delivery, Fri 20 Nov 15:00: late.
        received = utc(BRATISLAVA, 2026, 11, 13, 16, 0)
        ticket, rma = self.authorised(received, "v1")
        shipped = self.assertDeadline(
            ticket, "replacement_shipped", BRATISLAVA, (2026, 11, 17, 16, 0)
        )
        ticket._on_replacement_delivered(rma, utc(BRATISLAVA, 2026, 11, 17, 15, 0))
        self.assertEqual(shipped.state, "met")
        restored = self.assertDeadline(
            ticket, "configuration_restored", BRATISLAVA, (2026, 11, 20, 15, 0)
        )
        self.backup("v1")
        ticket._support_restore_from_backup(when=utc(BRATISLAVA, 2026, 11, 20, 15, 1))
        self.assertEqual(restored.state, "breached")
        # Delivered Wed 18 Nov 09:00, late; restored on the due minute, Mon
        # 23 Nov 09:00 (the weekend does not count).
        ticket, rma = self.authorised(received, "v1")
        shipped = self.clock(ticket, "replacement_shipped")
        ticket._on_replacement_delivered(rma, utc(BRATISLAVA, 2026, 11, 18, 9, 0))
        self.assertEqual(shipped.state, "breached")
        restored = self.assertDeadline(
            ticket, "configuration_restored", BRATISLAVA, (2026, 11, 23, 9, 0)
        )
        ticket._support_restore_from_backup(when=utc(BRATISLAVA, 2026, 11, 23, 9, 0))
        self.assertEqual(restored.state, "met")
        self.assertEqual(rma.support_replacement_sla_state, "breached")

    def test_v3_terms_met_and_missed_on_concrete_dates(self):
        # Variant 3 counts the clock round the weekdays: received Mon 16 Nov
        # 10:00, the replacement is due in 24 h, Tue 17 Nov 10:00; delivered
        # Tue 09:00, on time; the restore, due Wed 18 Nov 09:00, comes at
        # 09:30, late.
        received = utc(BRATISLAVA, 2026, 11, 16, 10, 0)
        ticket, rma = self.authorised(received, "v3")
        shipped = self.assertDeadline(
            ticket, "replacement_shipped", BRATISLAVA, (2026, 11, 17, 10, 0)
        )
        ticket._on_replacement_delivered(rma, utc(BRATISLAVA, 2026, 11, 17, 9, 0))
        self.assertEqual(shipped.state, "met")
        self.assertEqual(rma.support_replacement_sla_state, "met")
        restored = self.assertDeadline(
            ticket, "configuration_restored", BRATISLAVA, (2026, 11, 18, 9, 0)
        )
        self.backup("v3")
        ticket._support_restore_from_backup(when=utc(BRATISLAVA, 2026, 11, 18, 9, 30))
        self.assertEqual(restored.state, "breached")
        # Delivered Tue 17 Nov 11:00, an hour late; restored Wed 10:00,
        # within the 24 h counted from the delivery (due Wed 11:00).
        ticket, rma = self.authorised(received, "v3")
        shipped = self.clock(ticket, "replacement_shipped")
        ticket._on_replacement_delivered(rma, utc(BRATISLAVA, 2026, 11, 17, 11, 0))
        self.assertEqual(shipped.state, "breached")
        restored = self.assertDeadline(
            ticket, "configuration_restored", BRATISLAVA, (2026, 11, 18, 11, 0)
        )
        ticket._support_restore_from_backup(when=utc(BRATISLAVA, 2026, 11, 18, 10, 0))
        self.assertEqual(restored.state, "met")

    def deliver(self, rma, qty=1):
        """Ship ``qty`` of the replacement of ``rma`` now and validate it."""
        rma.create_replace(
            fields.Datetime.now(), self.warehouse, self.pbx, qty, self.pbx.uom_id
        )
        picking = rma.delivery_move_ids.filtered(
            lambda m: m.state not in ("done", "cancel")
        ).picking_id
        picking.action_assign()
        picking.move_ids.quantity = qty
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def test_replacement_delivered_twice_counts_once(self):
        now = fields.Datetime.now().replace(microsecond=0)
        ticket, rma = self.authorised(now - timedelta(minutes=30))
        self.deliver(rma)
        delivered_at = rma.support_replacement_delivered_at
        self.assertTrue(delivered_at)
        events = ticket.sla_event_ids.filtered(
            lambda e: e.code == "replacement_delivered"
        )
        self.assertEqual(len(events), 1)
        restored = self.clock(ticket, "configuration_restored")
        # OCA rma refuses a second replacement of the same RMA once the
        # first one left.
        with self.assertRaisesRegex(
            ValidationError, "This RMA cannot perform a replacement"
        ):
            rma.create_replace(now, self.warehouse, self.pbx, 1, self.pbx.uom_id)
        # Another validated delivery of the same RMA (e.g. a unit sent
        # again by hand) is no new replacement: no second event, no second
        # clock, the first delivery's time is kept.
        notes = len(ticket.message_ids)
        self.assertFalse(ticket._on_replacement_delivered(rma, now + timedelta(days=1)))
        self.assertEqual(len(ticket.message_ids), notes)
        self.assertEqual(
            ticket.sla_event_ids.filtered(lambda e: e.code == "replacement_delivered"),
            events,
        )
        self.assertEqual(
            ticket.sla_ids.filtered(lambda c: c.metric == "configuration_restored"),
            restored,
        )
        self.assertEqual(restored.state, "running")
        self.assertEqual(rma.support_replacement_delivered_at, delivered_at)

    def test_more_than_the_rma_quantity_counts_once(self):
        # Two units handed over on one delivery of a one-unit RMA: one
        # replacement event, one clock of the restore.
        now = fields.Datetime.now().replace(microsecond=0)
        ticket, rma = self.authorised(now - timedelta(minutes=30))
        self.deliver(rma, qty=2)
        self.assertEqual(
            len(
                ticket.sla_event_ids.filtered(
                    lambda e: e.code == "replacement_delivered"
                )
            ),
            1,
        )
        self.assertEqual(
            len(
                ticket.sla_ids.filtered(lambda c: c.metric == "configuration_restored")
            ),
            1,
        )
