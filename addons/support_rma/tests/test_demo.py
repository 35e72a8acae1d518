# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemo(TransactionCase):
    """The demo (installed by `make test` and `make run`) shows an RMA in
    each state that matters."""

    def analysis(self, name):
        return self.env.ref(f"support_rma.demo_analysis_{name}")

    def test_demo_analysis_in_progress_and_refused(self):
        draft = self.analysis("sangoma_in_progress")
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.rma_id)
        refused = self.analysis("sangoma_refused")
        self.assertEqual((refused.state, refused.decision), ("decided", "refused"))
        self.assertEqual(refused.decision_reason_code, "out_of_warranty")
        self.assertIn("warranty", refused.decision_reason)
        self.assertFalse(refused.rma_id)

    def test_demo_rma_in_each_state(self):
        draft = self.analysis("sangoma_authorised").rma_id
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.support_ticket_id.support_rma_ids, draft)
        confirmed = self.analysis("sangoma_confirmed").rma_id
        self.assertEqual(confirmed.state, "confirmed")
        self.assertFalse(confirmed.support_faulty_received)
        received = self.analysis("sangoma_received").rma_id
        self.assertEqual(received.state, "received")
        self.assertTrue(received.support_faulty_received)
        self.assertFalse(received.support_replacement_delivered_at)
        delivered = self.analysis("infotel_delivered").rma_id
        self.assertEqual(
            delivered.operation_id,
            self.env.ref("support_rma.rma_operation_advance_replacement"),
        )
        self.assertTrue(delivered.support_replacement_delivered_at)
        name, _tracking = delivered._support_delivery_reference()
        self.assertTrue(name)
        # advance replacement: the faulty unit is still expected
        self.assertFalse(delivered.support_faulty_received)
        self.assertTrue(
            delivered.support_ticket_id.support_product_line_id.last_backup_id
        )
