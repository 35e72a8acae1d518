# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Webitel's contract rules (docs/vendors/webitel.md), support_sla layer.

A critical request on a functional block outside the contract's priority-1
blocks runs on the High terms; the 20/100-hour extension is the policy's
setting, and a request repeated before its term ran out is pointed out to
the agents with the extension; 24/7/365 runs round the clock.
"""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CRITICAL, HIGH
from .test_vendor_webitel import UTC3
from .vendor_sla_common import VendorSlaCase


@tagged("post_install", "-at_install")
class TestVendorWebitelRules(VendorSlaCase):
    vendor = "webitel"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sync_holidays(
            cls.sla_ref("calendar_webitel_incidents"),
            cls.sla_ref("calendar_webitel_requests"),
        )
        cls.advanced = cls.customer_on("advanced", "plan_webitel_advanced")
        cls.pro = cls.customer_on("pro", "plan_webitel_pro")
        cls.always = cls.customer_on_24_7()
        cls.autodialer = cls.env.ref("halo_support.functional_block_webitel_autodialer")
        cls.api = cls.env.ref("halo_support.functional_block_webitel_api")
        cls.advanced.critical_block_ids = [(6, 0, cls.autodialer.ids)]

    @classmethod
    def customer_on_24_7(cls):
        """A customer on the 24/7 plan, whose fee is set on the contract
        (support_billing's individual fee, when installed)."""
        customer = cls.env["res.partner"].create(
            {"name": "Customer always (SLA vendor test)", "is_company": True}
        )
        contact = cls.env["res.partner"].create(
            {"name": "Contact always", "parent_id": customer.id}
        )
        vals = {
            "partner_id": customer.id,
            "plan_id": cls.env.ref("halo_support.plan_webitel_24_7").id,
            "date_start": date(2025, 1, 1),
            "contact_ids": [(6, 0, contact.ids)],
        }
        if "individual_fee" in cls.env["support.contract"]._fields:
            vals["individual_fee"] = 100000
        contract = cls.env["support.contract"].create(vals)
        contract.action_activate()
        cls.contacts["always"] = contact
        return contract

    def test_critical_on_another_block_runs_on_the_high_terms(self):
        # Advanced, Mon 16 Nov 10:00: priority 1 reaction 1 h, priority 2 2 h.
        received = (2026, 11, 16, 10, 0)
        base = self.ticket("advanced", UTC3, received, priority=CRITICAL)
        self.assertDeadline(base, "reaction", UTC3, (2026, 11, 16, 11, 0))
        chosen = self.ticket(
            "advanced",
            UTC3,
            received,
            priority=CRITICAL,
            support_block_id=self.autodialer.id,
        )
        self.assertDeadline(chosen, "reaction", UTC3, (2026, 11, 16, 11, 0))
        other = self.ticket(
            "advanced", UTC3, received, priority=CRITICAL, support_block_id=self.api.id
        )
        self.assertEqual(other.priority, CRITICAL)
        reaction = self.assertDeadline(other, "reaction", UTC3, (2026, 11, 16, 12, 0))
        self.assertEqual(reaction.priority, HIGH)
        # Restore within 4 hours, High's, not 2.
        self.assertDeadline(other, "restore", UTC3, (2026, 11, 16, 14, 0))
        # The block moved to the base functions: the critical terms run.
        other.support_block_id = False
        self.assertEqual(self.clock(other, "reaction").priority, CRITICAL)
        # The contract choosing the block re-plans its open tickets.
        later = self.ticket(
            "advanced", UTC3, received, priority=CRITICAL, support_block_id=self.api.id
        )
        self.assertEqual(self.clock(later, "reaction").priority, HIGH)
        self.advanced.critical_block_ids = [(6, 0, self.api.ids)]
        self.assertEqual(self.clock(later, "reaction").priority, CRITICAL)

    def test_extension_is_the_policys_setting(self):
        policy = self.env["support.sla.policy"].create(
            {
                "name": "Another vendor (test)",
                "plan_id": self.env.ref("halo_support.plan_webitel_pro").id,
                "calendar_id": self.sla_ref("calendar_webitel_requests").id,
            }
        )
        self.assertFalse(policy.violation_extension)
        policy.unlink()
        pro_policies = self.env["support.sla.policy"].search(
            [("plan_id", "=", self.env.ref("halo_support.plan_webitel_pro").id)]
        )
        self.assertTrue(all(pro_policies.mapped("violation_extension")))
        pro_policies.violation_extension = False
        ticket = self.ticket("pro", UTC3, (2026, 11, 16, 10, 0), priority=CRITICAL)
        wizard = self.env["support.sla.extend.wizard"].create(
            {"ticket_ids": [(6, 0, ticket.ids)], "reason": "Repeated request"}
        )
        with self.assertRaisesRegex(UserError, "does not allow extended terms"):
            wizard.action_confirm()
        self.assertFalse(self.clock(ticket, "reaction").extended)

    def test_repeated_request_before_its_term_proposes_the_extension(self):
        first = self.ticket("pro", UTC3, (2026, 11, 16, 10, 0), "change")
        # The change's terms (5 h reaction, 80 h processing) still run.
        again = self.ticket("pro", UTC3, (2026, 11, 16, 11, 0), "change")
        notes = again.message_ids.filtered(
            lambda m: "before its term ran out" in (m.body or "")
        )
        self.assertEqual(len(notes), 1)
        self.assertIn(first.display_name, notes.body)
        self.assertTrue(notes.subtype_id.internal)
        # Another kind of request is not a repetition.
        other = self.ticket("pro", UTC3, (2026, 11, 16, 11, 0), "consultation")
        self.assertFalse(
            other.message_ids.filtered(lambda m: "term ran out" in (m.body or ""))
        )
        # After the terms ran out, a new request is not pointed out.
        late = self.ticket("pro", UTC3, (2027, 1, 18, 10, 0), "change")
        self.assertFalse(
            late.message_ids.filtered(lambda m: "term ran out" in (m.body or ""))
        )

    def test_24_7_round_the_clock(self):
        # Sunday 15 Nov 03:00 (UTC+3): Pro's 30 minutes run at night.
        ticket = self.ticket("always", UTC3, (2026, 11, 15, 3, 0), priority=CRITICAL)
        self.assertDeadline(ticket, "reaction", UTC3, (2026, 11, 15, 3, 30))
        request = self.ticket("always", UTC3, (2026, 11, 15, 3, 0), "service_request")
        self.assertDeadline(request, "reaction", UTC3, (2026, 11, 15, 8, 0))
