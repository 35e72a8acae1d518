# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .common import SupportCommon


@tagged("post_install", "-at_install")
class TestContract(SupportCommon, TransactionCase):
    """Contracts: reference, states, cron, bad input."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_support()

    def test_reference_from_sequence_and_commercial_partner(self):
        first = self.make_contract(self.alice, self.plan_free, state="draft")
        second = self.make_contract(self.customer_a, self.plan_free, state="draft")
        self.assertTrue(first.name.startswith("SC/"))
        self.assertNotEqual(first.name, second.name)
        # A contact given as customer is replaced by its company.
        self.assertEqual(first.partner_id, self.customer_a)
        first.partner_id = self.bob
        self.assertEqual(first.partner_id, self.customer_b)
        copy = second.copy()
        self.assertNotEqual(copy.name, second.name)
        self.assertEqual(copy.state, "draft")

    def test_state_machine(self):
        contract = self.make_contract(self.customer_a, self.plan_free, state="draft")
        contract = contract.with_context(tracking_disable=False, mail_notrack=False)
        self.env.cr.precommit.run()  # as if created in an earlier transaction
        self.assertEqual(contract.state, "draft")
        contract.action_activate()
        self.assertEqual(contract.state, "active")
        self.env.cr.precommit.run()  # tracking is written at commit
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "support.contract"),
                ("mail_message_id.res_id", "=", contract.id),
            ]
        )
        self.assertEqual(tracked.mapped("new_value_char"), ["Active"])
        with self.assertRaisesRegex(UserError, "cannot become"):
            contract.action_activate()
        contract.action_suspend()
        self.assertEqual(contract.state, "suspended")
        contract.action_activate()
        contract.action_cancel()
        self.assertEqual(contract.state, "cancelled")
        with self.assertRaisesRegex(UserError, "cannot become"):
            contract.action_suspend()
        contract.action_reset_draft()
        self.assertEqual(contract.state, "draft")

    def test_activating_an_ended_contract_is_refused(self):
        contract = self.make_contract(
            self.customer_a,
            self.plan_free,
            state="draft",
            date_start=self.months_ago(6),
            date_end=self.months_ago(1),
        )
        with self.assertRaisesRegex(UserError, "extend the end date"):
            contract.action_activate()
        self.assertEqual(contract.state, "draft")

    def test_cron_expires_ended_contracts(self):
        ended = self.make_contract(
            self.customer_a, self.plan_free, date_start=self.months_ago(6)
        )
        running = self.make_contract(
            self.customer_a, self.plan_free, date_start=self.months_ago(6)
        )
        suspended = self.make_contract(
            self.customer_b, self.plan_free, date_start=self.months_ago(6)
        )
        suspended.action_suspend()
        draft = self.make_contract(
            self.customer_b,
            self.plan_free,
            state="draft",
            date_start=self.months_ago(6),
            date_end=self.today - timedelta(days=3),
        )
        # Dates are written after activation: activation refuses ended ones.
        (ended | suspended).date_end = self.today - timedelta(days=1)
        running.date_end = self.today
        expired = self.env["support.contract"]._cron_expire_contracts()
        self.assertEqual(expired, ended | suspended)
        self.assertEqual(ended.state, "expired")
        self.assertEqual(suspended.state, "expired")
        self.assertEqual(running.state, "active")
        self.assertEqual(draft.state, "draft")
        cron = self.env.ref("halo_support.ir_cron_support_contract_expire")
        self.assertEqual(cron.code, "model._cron_expire_contracts()")

    def test_expiring_filter(self):
        soon = self.make_contract(
            self.customer_a, self.plan_free, date_end=self.today + timedelta(days=30)
        )
        later = self.make_contract(
            self.customer_a, self.plan_free, date_end=self.today + timedelta(days=31)
        )
        open_ended = self.make_contract(self.customer_a, self.plan_free)
        self.assertTrue(soon.is_expiring)
        self.assertFalse(later.is_expiring)
        self.assertFalse(open_ended.is_expiring)
        mine = soon | later | open_ended
        Contract = self.env["support.contract"]
        self.assertEqual(
            Contract.search([("id", "in", mine.ids), ("is_expiring", "=", True)]), soon
        )
        self.assertEqual(
            Contract.search([("id", "in", mine.ids), ("is_expiring", "=", False)]),
            later | open_ended,
        )

    # Bad input ---------------------------------------------------------------

    def test_end_before_start_is_an_error(self):
        with self.assertRaisesRegex(ValidationError, "End: .* ends on .* before it"):
            self.make_contract(
                self.customer_a,
                self.plan_free,
                date_start=self.today,
                date_end=self.today - timedelta(days=1),
                state="draft",
            )

    def test_active_contract_without_plan_is_an_error(self):
        contract = self.env["support.contract"].create(
            {"partner_id": self.customer_a.id}
        )
        with self.assertRaisesRegex(ValidationError, "Plan: .* without a plan"):
            contract.action_activate()
        self.assertEqual(contract.state, "draft")
        active = self.make_contract(self.customer_a, self.plan_free)
        with self.assertRaisesRegex(ValidationError, "Plan: "):
            active.plan_id = False

    def test_same_serial_twice_in_one_contract_is_an_error(self):
        line = {"product_id": self.card.id, "serial": "DUP-1"}
        with self.assertRaisesRegex(
            ValidationError, "Serial number: DUP-1 appears twice"
        ):
            self.make_contract(
                self.customer_a,
                self.plan_free,
                lines=[line, dict(line, product_id=self.gateway.id, serial=" dup-1 ")],
            )
        contract = self.make_contract(self.customer_a, self.plan_free, lines=[line])
        with self.assertRaisesRegex(ValidationError, "appears twice"):
            contract.line_ids = [(0, 0, dict(line, serial="DUP-1 "))]
        # The same serial in two contracts is allowed (e.g. a renewed contract).
        other = self.make_contract(self.customer_a, self.plan_pro, lines=[line])
        self.assertEqual(other.line_ids.serial, "DUP-1")

    def test_purchase_date_in_the_future_is_an_error(self):
        with self.assertRaisesRegex(ValidationError, "Purchase date: .* in the future"):
            self.make_contract(
                self.customer_a,
                self.plan_free,
                lines=[
                    {
                        "product_id": self.card.id,
                        "purchase_date": self.today + timedelta(days=1),
                    }
                ],
            )

    def test_used_contract_cannot_be_deleted(self):
        draft = self.make_contract(self.customer_a, self.plan_free, state="draft")
        draft.unlink()
        self.assertFalse(draft.exists())
        active = self.make_contract(self.customer_a, self.plan_free)
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            active.unlink()

    def test_customer_and_company_locked_once_the_contract_has_tickets(self):
        contract = self.make_contract(self.customer_a, self.plan_pro)
        # Unused: both may still be corrected.
        contract.partner_id = self.customer_b
        contract.partner_id = self.customer_a
        self.make_ticket(self.alice, support_contract_id=contract.id)
        company = self.env["res.company"].create({"name": "Other company (test)"})
        with self.assertRaisesRegex(ValidationError, r"Customer: .*tickets \(1\)"):
            contract.partner_id = self.customer_b
        with self.assertRaisesRegex(ValidationError, "Company: "):
            contract.company_id = company
        # Writing the same customer again (a form save) is no change.
        contract.write({"partner_id": self.alice.id})
        self.assertEqual(contract.partner_id, self.customer_a)

    def test_cancel_ends_the_contract_today(self):
        contract = self.make_contract(self.customer_a, self.plan_pro)
        contract.action_cancel()
        self.assertEqual(contract.date_end, self.today)
        future = self.make_contract(
            self.customer_a,
            self.plan_pro,
            state="draft",
            date_start=self.today + timedelta(days=10),
        )
        future.action_cancel()
        self.assertFalse(future.date_end)

    def test_archived_plan_cannot_start_a_contract(self):
        draft = self.make_contract(self.customer_a, self.plan_pro, state="draft")
        self.plan_pro.action_archive()
        with self.assertRaisesRegex(ValidationError, "Plan: .*archived"):
            self.make_contract(self.customer_b, self.plan_pro, state="draft")
        with self.assertRaisesRegex(ValidationError, "Plan: .*archived"):
            self.make_contract(self.customer_b, self.plan_free).plan_id = self.plan_pro
        with self.assertRaisesRegex(UserError, "Plan: .*archived"):
            draft.action_activate()
        self.assertEqual(draft.state, "draft")

    # Plans ----------------------------------------------------------------

    def test_plan_code_unique_per_company(self):
        with self.assertRaisesRegex(ValidationError, "Code: .* T-H2S-FREE"):
            self.env["support.plan"].create({"name": "Again", "code": "T-H2S-FREE"})
        other_company = self.env["res.company"].create({"name": "Other Co (test)"})
        again = self.env["support.plan"].create(
            {"name": "Again", "code": "T-H2S-FREE", "company_id": other_company.id}
        )
        self.assertEqual(again.company_id, other_company)

    def test_plan_months_required_for_purchase_rule(self):
        with self.assertRaisesRegex(ValidationError, "Months after purchase"):
            self.plan_free.eligibility_months = 0

    def test_kind_both_included_and_excluded_is_an_error(self):
        with self.assertRaisesRegex(ValidationError, "both included and excluded"):
            self.plan_oktell.included_type_ids = self.kind_report

    def test_archived_plan_stays_on_old_contracts(self):
        contract = self.make_contract(self.customer_a, self.plan_pro)
        self.plan_pro.action_archive()
        contract.invalidate_recordset()
        self.assertEqual(contract.plan_id, self.plan_pro)
        self.assertEqual(contract.state, "active")
        self.assertNotIn(
            self.plan_pro, self.env["support.plan"].search([("code", "like", "T-")])
        )
        self.assertEqual(self.plan_pro.contract_count, 1)

    def test_contract_form(self):
        with Form(self.env["support.contract"]) as form:
            form.partner_id = self.customer_a
            form.plan_id = self.plan_free
            form.contact_ids.add(self.alice)
            with form.line_ids.new() as line:
                line.product_id = self.card
                line.serial = "F-1"
                line.purchase_date = self.months_ago(1)
                line.bought_from_us = True
        contract = form.record
        self.assertEqual(contract.currency_id, self.plan_free.currency_id)
        self.assertEqual(contract.line_ids.display_name, "Sangoma A101 (test) (F-1)")
        self.assertEqual(self.customer_a.support_contract_count, 1)
        self.assertEqual(self.alice.support_contract_count, 1)
        action = self.alice.action_view_support_contracts()
        self.assertEqual(
            self.env["support.contract"].search(action["domain"]), contract
        )
