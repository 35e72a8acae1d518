# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from pathlib import Path

from odoo.modules.migration import load_script
from odoo.tests import TransactionCase, tagged
from odoo.tools.sql import column_exists

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestVerdictReason(BillingCommon, TransactionCase):
    """The reason of a verdict is stored as a code and parameters, and
    rendered when read, in the reader's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.env["res.lang"]._activate_lang("pl_PL")
        cls.plan = cls.plan_infotel()
        cls.rule = cls.plan.billing_rule_ids.filtered(
            lambda r: r.support_category == "configuration"
        )
        cls.rule.with_context(lang="pl_PL").name = "Zdalna konfiguracja"

    def reason(self, line, lang):
        line.invalidate_recordset()
        return line.with_context(lang=lang).support_verdict_reason

    def test_the_same_line_reads_in_two_languages(self):
        contract = self.make_contract(self.plan)
        ticket = self.make_ticket(contract, "configuration")
        self.agree(ticket)
        line = self.log(ticket, 40)
        self.assertEqual(line.support_verdict_code, "rule_billable")
        params = line.support_verdict_params
        self.assertEqual(
            (params["rule_id"], params["rate"], params["currency"]),
            (self.rule.id, 45.0, "EUR"),
        )
        # No text in the stored parameters: nothing in the judge's language.
        self.assertNotIn("Remote configuration", str(params))
        english = self.reason(line, "en_US")
        polish = self.reason(line, "pl_PL")
        self.assertIn("Remote configuration", english)
        self.assertIn("Zdalna konfiguracja", polish)
        self.assertNotIn("Zdalna konfiguracja", english)
        self.assertIn("45.0 EUR/h", english)

    def test_judged_by_a_polish_agent_read_in_english(self):
        contract = self.make_contract(self.plan)
        ticket = self.make_ticket(contract, "configuration")
        self.agree(ticket)
        line = self.log(ticket, 40)
        # A Polish agent changes the line: the ticket is judged again in a
        # Polish environment, and an English reader still reads English.
        line.with_context(lang="pl_PL").unit_amount = 50 / 60.0
        self.assertEqual(line.support_billable_minutes, 60)
        self.assertIn("Remote configuration", self.reason(line, "en_US"))
        self.assertIn("Zdalna konfiguracja", self.reason(line, "pl_PL"))

    def test_selection_parameters_are_labels_of_the_reader(self):
        contract = self.make_contract(self.plan)
        ticket = self.make_ticket(contract, "configuration")
        line = self.log(ticket, 40)
        self.assertEqual(line.support_verdict_code, "no_agreement")
        self.assertEqual(line.support_verdict_params["how"], "written")
        label = dict(
            self.plan._fields["agreement_required"]._description_selection(self.env)
        )["written"]
        self.assertIn(f"({label})", self.reason(line, "en_US"))

    def test_a_line_judged_before_the_codes_keeps_its_text(self):
        contract = self.make_contract(self.plan)
        ticket = self.make_ticket(contract, "configuration")
        line = self.log(ticket, 40)
        line.sudo().write(
            {
                "support_verdict_code": "legacy",
                "support_verdict_params": {"text": "Niepłatne (stary powód)"},
            }
        )
        self.assertEqual(self.reason(line, "en_US"), "Niepłatne (stary powód)")

    def test_migration_keeps_the_stored_text_as_legacy_reason(self):
        # The column of 18.0.1.1.0, in this test's transaction only.
        contract = self.make_contract(self.plan)
        line = self.log(self.make_ticket(contract, "configuration"), 40)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE account_analytic_line ADD COLUMN support_verdict_reason"
            " varchar"
        )
        cr.execute(
            "UPDATE account_analytic_line SET support_verdict_reason = %s,"
            " support_verdict_code = NULL WHERE id = %s",
            ["Stary powód", line.id],
        )
        script = (
            Path(__file__).parents[1] / "migrations" / "18.0.1.2.0" / "post-migrate.py"
        )
        load_script(str(script), "support_billing").migrate(cr, "18.0.1.1.0")
        self.assertFalse(
            column_exists(cr, "account_analytic_line", "support_verdict_reason")
        )
        line.invalidate_recordset()
        self.assertEqual(line.support_verdict_code, "legacy")
        self.assertEqual(self.reason(line, "en_US"), "Stary powód")
