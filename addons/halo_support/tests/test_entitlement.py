# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import format_date
from odoo.tools.translate import code_translations

from ..engine.entitlement import REASONS
from ..models.helpdesk_ticket import ENTITLEMENT_REASONS, PRIORITY_CRITICAL
from .common import SupportCommon


@tagged("post_install", "-at_install")
class TestEntitlement(SupportCommon, TransactionCase):
    """Every verdict, with the seeds' cases, through the ORM."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_support()

    def _free_contract(self, months, bought_from_us=True, serial="SN-1"):
        return self.make_contract(
            self.customer_a,
            self.plan_free,
            contacts=[self.alice],
            lines=[
                {
                    "product_id": self.card.id,
                    "serial": serial,
                    "purchase_date": self.months_ago(months),
                    "bought_from_us": bought_from_us,
                }
            ],
        )

    def _oktell_contract(self, licence=True):
        return self.make_contract(
            self.customer_a,
            self.plan_oktell,
            contacts=[self.alice],
            lines=[
                {
                    "product_id": self.oktell.id,
                    "serial": "OKT-1",
                    "purchase_date": self.months_ago(6),
                    "licence_registered": licence,
                }
            ],
        )

    # H2S Free -------------------------------------------------------------

    def test_h2s_free_bought_two_months_ago_is_covered(self):
        contract = self._free_contract(2)
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertEqual(ticket.support_contract_id, contract)
        self.assertEqual(ticket.support_product_line_id, contract.line_ids)
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        self.assertIn(contract.name, ticket.entitlement_reason)
        self.assertFalse(ticket.support_flagged)

    def test_h2s_free_bought_four_months_ago_is_not_eligible(self):
        self._free_contract(4)
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertEqual(ticket.entitlement, "not_eligible")
        self.assertIn("3 months", ticket.entitlement_reason)
        self.assertIn(
            format_date(self.env, self.months_ago(4)), ticket.entitlement_reason
        )

    def test_h2s_free_not_bought_from_us_is_not_eligible(self):
        self._free_contract(1, bought_from_us=False)
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertEqual(ticket.entitlement, "not_eligible")
        self.assertIn("bought elsewhere", ticket.entitlement_reason)

    def test_h2s_free_without_product_is_not_eligible(self):
        self._free_contract(1)
        ticket = self.make_ticket(self.alice)
        self.assertTrue(ticket.support_contract_id)
        self.assertFalse(ticket.support_product_line_id)
        self.assertEqual(ticket.entitlement, "not_eligible")
        self.assertIn("serial", ticket.entitlement_reason)

    def test_product_family_outside_the_plan(self):
        contract = self._free_contract(1)
        contract.line_ids = [
            (
                0,
                0,
                {
                    "product_id": self.printer.id,
                    "serial": "PR-1",
                    "purchase_date": self.months_ago(1),
                    "bought_from_us": True,
                },
            )
        ]
        ticket = self.make_ticket(self.alice, support_serial="PR-1")
        self.assertEqual(ticket.support_product_line_id.product_id, self.printer)
        self.assertEqual(ticket.entitlement, "not_eligible")
        self.assertIn("product family", ticket.entitlement_reason)

    def test_request_date_decides(self):
        """Eligibility is judged on the request date, not on today."""
        contract = self._free_contract(2)
        purchase = contract.line_ids.purchase_date
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertEqual(ticket.entitlement, "covered")
        ticket.support_request_date = purchase + relativedelta(months=3, days=1)
        self.assertEqual(ticket.support_contract_id, contract)
        self.assertEqual(ticket.entitlement, "not_eligible")
        ticket.support_request_date = purchase + relativedelta(months=3)
        self.assertEqual(ticket.entitlement, "covered")
        ticket.support_request_date = purchase - relativedelta(days=1)
        self.assertEqual(ticket.entitlement, "not_eligible")
        self.assertIn("after the request", ticket.entitlement_reason)

    # Oktell ---------------------------------------------------------------

    def test_oktell_unauthorised_requester_is_flagged_and_kept(self):
        contract = self._oktell_contract()
        ticket = self.make_ticket(self.adam, type_id=self.kind_incident.id)
        self.assertTrue(ticket.exists())
        self.assertEqual(ticket.support_contract_id, contract)
        self.assertEqual(ticket.entitlement, "not_authorised")
        self.assertTrue(ticket.support_flagged)
        # The requester is told how to get authorised.
        self.assertIn("Alice A", ticket.entitlement_reason)
        message = ticket.message_ids.filtered(
            lambda m: self.adam in m.partner_ids and m.message_type == "comment"
        )
        self.assertEqual(len(message), 1)
        self.assertIn("not an authorised contact", message.body)

    def test_authorising_the_requester_recomputes_open_tickets(self):
        contract = self._oktell_contract()
        ticket = self.make_ticket(self.adam, type_id=self.kind_incident.id)
        self.assertEqual(ticket.entitlement, "not_authorised")
        contract.contact_ids = [(4, self.adam.id)]
        self.assertEqual(ticket.entitlement, "covered")
        self.assertFalse(ticket.support_flagged)

    def test_covered_product_added_after_filing_is_found(self):
        contract = self._free_contract(1)
        ticket = self.make_ticket(self.alice, support_serial="SN-2")
        self.assertFalse(ticket.support_product_line_id)
        self.assertEqual(ticket.entitlement, "not_eligible")
        contract.line_ids = [
            Command.create(
                {
                    "product_id": self.gateway.id,
                    "serial": "SN-2",
                    "purchase_date": self.months_ago(1),
                    "bought_from_us": True,
                }
            )
        ]
        self.assertEqual(ticket.support_product_line_id.serial, "SN-2")
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)

    def test_contract_activated_after_filing_covers_the_ticket(self):
        contract = self.make_contract(
            self.customer_b, self.plan_pro, contacts=[self.bob], state="draft"
        )
        ticket = self.make_ticket(self.bob)
        self.assertFalse(ticket.support_contract_id)
        self.assertEqual(ticket.entitlement, "no_contract")
        contract.action_activate()
        self.assertEqual(ticket.support_contract_id, contract)
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)

    def test_cancelled_or_expired_contract_judges_open_tickets_again(self):
        contract = self.make_contract(
            self.customer_b, self.plan_pro, contacts=[self.bob]
        )
        ticket = self.make_ticket(self.bob)
        closed = self.make_ticket(self.bob)
        closed.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertEqual(ticket.entitlement, "covered")
        contract.action_cancel()
        self.assertEqual(contract.date_end, self.today)
        self.assertEqual(ticket.entitlement, "no_contract")
        self.assertIn("Cancelled", ticket.entitlement_reason)
        # Closed tickets keep the verdict they were closed with.
        self.assertEqual(closed.entitlement, "covered")
        other = self.make_contract(
            self.customer_a,
            self.plan_pro,
            contacts=[self.alice],
            date_start=self.months_ago(6),
        )
        on_other = self.make_ticket(self.alice)
        self.assertEqual(on_other.entitlement, "covered")
        other.date_end = self.today - relativedelta(days=1)
        other._cron_expire_contracts()
        self.assertEqual(other.state, "expired")
        self.assertEqual(on_other.entitlement, "no_contract")

    def test_changed_terms_judge_open_tickets_again(self):
        contract = self._free_contract(1, bought_from_us=False)
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        closed = self.make_ticket(self.alice, support_serial="SN-1")
        closed.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertEqual(ticket.entitlement, "not_eligible")
        # The covered product's purchase was from us after all.
        contract.line_ids.bought_from_us = True
        self.assertEqual(ticket.entitlement, "covered")
        # Closed tickets keep the verdict they were closed with.
        self.assertEqual(closed.entitlement, "not_eligible")
        # The plan now excludes incidents.
        ticket.type_id = self.kind_incident
        self.plan_free.excluded_type_ids = self.kind_incident
        self.assertEqual(ticket.entitlement, "excluded")
        # The product is removed from the contract.
        self.plan_free.excluded_type_ids = False
        contract.line_ids.unlink()
        self.assertFalse(ticket.support_product_line_id)
        self.assertEqual(ticket.entitlement, "not_eligible")

    def test_intake_channels_and_platforms_judge_open_tickets_again(self):
        contract = self._oktell_contract()
        email = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        ticket = self.make_ticket(
            self.alice, type_id=self.kind_incident.id, channel_id=email.id
        )
        typed_in = self.make_ticket(self.alice, type_id=self.kind_incident.id)
        self.assertEqual(ticket.entitlement, "covered")
        # The plan now takes requests through the portal only.
        portal = self.env.ref("halo_support.support_channel_portal")
        self.plan_oktell.intake_channel_ids = portal
        self.assertEqual(ticket.entitlement, "not_eligible")
        self.assertIn("only through Support portal", ticket.entitlement_reason)
        self.assertIn("came through Email", ticket.entitlement_reason)
        # A request without a channel (typed in by an agent) still counts.
        self.assertEqual(typed_in.entitlement, "covered")
        ticket.channel_id = portal.helpdesk_channel_id
        self.assertEqual(ticket.entitlement, "covered")
        # A channel no request can come through (remote session) is refused.
        remote = self.env.ref("halo_support.support_channel_remote")
        self.assertFalse(remote.helpdesk_channel_id)
        with self.assertRaisesRegex(ValidationError, "has no helpdesk channel"):
            self.plan_oktell.intake_channel_ids = remote
        # A platform brings the family of its installations into the plan.
        categ = self.env["product.category"].create({"name": "Asterisk (test)"})
        asterisk = self.env["product.product"].create(
            {"name": "Asterisk system (test)", "categ_id": categ.id}
        )
        contract.line_ids = [
            (0, 0, {"product_id": asterisk.id, "serial": "AST-9"}),
        ]
        contract.line_ids.licence_registered = True
        on_asterisk = self.make_ticket(
            self.alice, type_id=self.kind_incident.id, support_serial="AST-9"
        )
        self.assertEqual(on_asterisk.entitlement, "not_eligible")
        platform = self.env["support.platform"].create(
            {"name": "Asterisk (test)", "product_categ_id": categ.id}
        )
        self.plan_oktell.platform_ids = platform
        self.assertEqual(on_asterisk.entitlement, "covered")

    def test_company_as_contact_authorises_its_people(self):
        contract = self._oktell_contract()
        self.assertFalse(contract._is_authorised(self.adam))
        contract.contact_ids = [(4, self.customer_a.id)]
        self.assertTrue(contract._is_authorised(self.adam))
        self.assertFalse(contract._is_authorised(self.bob))

    def test_oktell_new_report_is_excluded_and_needs_a_quote(self):
        self._oktell_contract()
        ticket = self.make_ticket(self.alice, type_id=self.kind_report.id)
        self.assertEqual(ticket.entitlement, "excluded")
        self.assertIn("quote", ticket.entitlement_reason)
        self.assertEqual(ticket.support_category, "configuration")

    def test_oktell_training_and_plugins_excluded_consultation_covered(self):
        self._oktell_contract()
        for kind, verdict in (
            (self.kind_training, "excluded"),
            (self.kind_plugin, "excluded"),
            (self.env.ref("halo_support.ticket_type_consultation"), "covered"),
            (self.kind_configuration, "covered"),
        ):
            ticket = self.make_ticket(self.alice, type_id=kind.id)
            self.assertEqual(ticket.entitlement, verdict, kind.name)

    def test_oktell_without_registered_licence_is_not_eligible(self):
        self._oktell_contract(licence=False)
        ticket = self.make_ticket(self.alice, type_id=self.kind_incident.id)
        self.assertEqual(ticket.entitlement, "not_eligible")
        self.assertIn("licence", ticket.entitlement_reason)

    def test_included_kinds_only(self):
        self.plan_pro.included_type_ids = self.kind_incident | self.kind_bug
        self.make_contract(self.customer_a, self.plan_pro, contacts=[self.alice])
        self.assertEqual(
            self.make_ticket(self.alice, type_id=self.kind_bug.id).entitlement,
            "covered",
        )
        ticket = self.make_ticket(self.alice, type_id=self.kind_configuration.id)
        self.assertEqual(ticket.entitlement, "excluded")
        self.assertIn("does not include", ticket.entitlement_reason)

    # H2S Start: first product of a family ---------------------------------

    def test_h2s_start_first_of_family(self):
        older = self.make_contract(
            self.customer_a,
            self.plan_free,
            contacts=[self.alice],
            lines=[
                {
                    "product_id": self.card.id,
                    "serial": "CARD-OLD",
                    "purchase_date": self.months_ago(20),
                },
            ],
            state="draft",
        )
        start = self.make_contract(
            self.customer_a,
            self.plan_start,
            contacts=[self.alice],
            lines=[
                {
                    "product_id": self.card.id,
                    "serial": "CARD-NEW",
                    "purchase_date": self.months_ago(1),
                },
                {
                    "product_id": self.gateway.id,
                    "serial": "GW-1",
                    "purchase_date": self.months_ago(1),
                },
            ],
        )
        card_line = start.line_ids.filtered(lambda ln: ln.serial == "CARD-NEW")
        gateway_line = start.line_ids - card_line
        self.assertFalse(card_line.first_of_family)
        self.assertTrue(gateway_line.first_of_family)
        self.assertTrue(older.line_ids.first_of_family)
        first = self.make_ticket(self.alice, support_serial="GW-1")
        self.assertEqual(first.entitlement, "covered", first.entitlement_reason)
        second = self.make_ticket(self.alice, support_serial="CARD-NEW")
        self.assertEqual(second.entitlement, "not_eligible")
        self.assertIn("first", second.entitlement_reason)

    def test_older_purchase_on_another_contract_judges_the_ticket_again(self):
        start = self.make_contract(
            self.customer_a,
            self.plan_start,
            contacts=[self.alice],
            lines=[
                {
                    "product_id": self.card.id,
                    "serial": "CARD-NEW",
                    "purchase_date": self.months_ago(1),
                },
            ],
        )
        ticket = self.make_ticket(self.alice, support_serial="CARD-NEW")
        self.assertEqual(ticket.support_contract_id, start)
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        # an older card of the family recorded later, on another contract:
        # CARD-NEW is no longer the customer's first of its family
        older = self.make_contract(
            self.customer_a, self.plan_free, contacts=[self.alice], state="draft"
        )
        older.line_ids = [
            Command.create(
                {
                    "product_id": self.card.id,
                    "serial": "CARD-OLD",
                    "purchase_date": self.months_ago(20),
                }
            )
        ]
        self.assertEqual(ticket.entitlement, "not_eligible")
        self.assertIn("first", ticket.entitlement_reason)

    # No contract -----------------------------------------------------------

    def test_no_contract_ticket_is_kept(self):
        ticket = self.make_ticket(self.bob)
        self.assertEqual(ticket.entitlement, "no_contract")
        self.assertIn("Customer B", ticket.entitlement_reason)

    def test_suspended_and_expired_contracts_give_no_contract(self):
        contract = self._free_contract(1)
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertEqual(ticket.entitlement, "covered")
        contract.action_suspend()
        # A suspended contract is no candidate; the agent may still pick it.
        later = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertFalse(later.support_contract_id)
        self.assertEqual(later.entitlement, "no_contract")
        later.support_contract_id = contract
        self.assertEqual(later.entitlement, "no_contract")
        self.assertIn("Suspended", later.entitlement_reason)

    def test_request_outside_contract_period(self):
        contract = self._free_contract(1)
        contract.date_end = self.months_ago(0, days=-10)  # ends in 10 days
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertEqual(ticket.entitlement, "covered")
        ticket.support_request_date = self.months_ago(0, days=-11)
        # The contract is no candidate on that day: the agent's choice is kept
        # and judged.
        self.assertEqual(ticket.support_contract_id, contract)
        self.assertEqual(ticket.entitlement, "no_contract")
        self.assertIn("ended", ticket.entitlement_reason)

    def test_unknown_requester_by_email_is_kept(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "From a stranger",
                "description": "<p>?</p>",
                "partner_email": "nobody@nowhere.test",
            }
        )
        self.assertEqual(ticket.entitlement, "no_contract")
        self.assertIn("unknown", ticket.entitlement_reason)

    def test_mail_gateway_request_is_kept_and_judged(self):
        self._oktell_contract()
        ticket = self.env["helpdesk.ticket"].message_new(
            {
                "subject": "Dial plan change",
                "body": "<p>Please change the dial plan.</p>",
                "author_id": self.adam.id,
                "email_from": self.adam.email,
            }
        )
        self.assertEqual(ticket.partner_id, self.adam)
        self.assertEqual(ticket.entitlement, "not_authorised")

    # Contract resolution -------------------------------------------------

    def test_several_contracts_the_one_covering_the_product(self):
        free = self._free_contract(1)
        oktell = self._oktell_contract()
        by_serial = self.make_ticket(self.alice, support_serial=" okt-1 ")
        self.assertEqual(by_serial.support_contract_id, oktell)
        by_product = self.make_ticket(self.alice, support_product_id=self.card.id)
        self.assertEqual(by_product.support_contract_id, free)
        self.assertEqual(by_product.support_product_line_id, free.line_ids)
        # A gateway is listed nowhere but H2S Free covers its family.
        by_family = self.make_ticket(self.alice, support_product_id=self.gateway.id)
        self.assertEqual(by_family.support_contract_id, free)
        self.assertFalse(by_family.support_product_line_id)
        # A plan without product families covers any product: ambiguous.
        self.plan_oktell.product_categ_ids = False
        anything = self.make_ticket(self.alice, support_product_id=self.gateway.id)
        self.assertFalse(anything.support_contract_id)
        self.assertTrue(anything.support_contract_ambiguous)

    def test_still_ambiguous_the_agent_chooses(self):
        self._free_contract(1)
        oktell = self._oktell_contract()
        ticket = self.make_ticket(self.alice, type_id=self.kind_incident.id)
        self.assertFalse(ticket.support_contract_id)
        self.assertTrue(ticket.support_contract_ambiguous)
        self.assertEqual(ticket.support_contract_candidate_count, 2)
        self.assertEqual(ticket.entitlement, "no_contract")
        self.assertIn("the agent chooses", ticket.entitlement_reason)
        with Form(ticket) as form:
            form.support_contract_id = oktell
        self.assertEqual(ticket.support_contract_id, oktell)
        self.assertFalse(ticket.support_contract_ambiguous)
        self.assertEqual(ticket.entitlement, "covered")

    def test_changing_requester_product_or_kind_recomputes(self):
        free = self._free_contract(1)
        self._oktell_contract()
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertEqual(
            (ticket.support_contract_id, ticket.entitlement), (free, "covered")
        )
        ticket.support_serial = "OKT-1"
        self.assertEqual(ticket.support_contract_id.plan_id, self.plan_oktell)
        self.assertEqual(ticket.entitlement, "covered")
        ticket.type_id = self.kind_report
        self.assertEqual(ticket.entitlement, "excluded")
        ticket.partner_id = self.adam
        self.assertEqual(ticket.entitlement, "not_authorised")
        ticket.partner_id = self.bob
        self.assertFalse(ticket.support_contract_id)
        self.assertEqual(ticket.entitlement, "no_contract")

    def test_covered_product_of_another_contract_is_refused(self):
        free = self._free_contract(1)
        oktell = self._oktell_contract()
        ticket = self.make_ticket(self.alice, support_contract_id=free.id)
        with self.assertRaisesRegex(ValidationError, "Covered product"):
            ticket.write(
                {
                    "support_contract_id": free.id,
                    "support_product_line_id": oktell.line_ids.id,
                }
            )

    def test_choosing_a_covered_product_brings_its_contract(self):
        self._free_contract(1)
        oktell = self._oktell_contract()
        ticket = self.make_ticket(
            self.alice, support_product_line_id=oktell.line_ids.id
        )
        self.assertEqual(ticket.support_contract_id, oktell)
        self.assertEqual(ticket.entitlement, "covered")

    # Override ---------------------------------------------------------------

    def test_agent_override_with_logged_reason(self):
        self._free_contract(4)
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        self.assertEqual(ticket.entitlement, "not_eligible")
        action = ticket.action_open_entitlement_override()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"reason": "Goodwill: first failure within a week of expiry"})
        )
        wizard.action_confirm()
        self.assertEqual(ticket.entitlement, "covered")
        self.assertEqual(ticket.entitlement_auto, "not_eligible")
        self.assertIn("Goodwill", ticket.entitlement_reason)
        self.assertTrue(
            ticket.message_ids.filtered(lambda m: "Goodwill" in (m.body or ""))
        )
        ticket.action_remove_entitlement_override()
        self.assertEqual(ticket.entitlement, "not_eligible")

    def test_override_needs_a_reason(self):
        ticket = self.make_ticket(self.bob)
        with self.assertRaisesRegex(ValidationError, "Override reason"):
            ticket.write({"entitlement_override": True})
        with self.assertRaisesRegex(ValidationError, "Override reason"):
            ticket.write(
                {"entitlement_override": True, "entitlement_override_reason": "  "}
            )

    # Priorities and kinds ----------------------------------------------------

    def test_priority_reading(self):
        """helpdesk_mgmt's priorities stay as they are (keys, labels, order,
        default); only the help explains how a support policy reads them."""
        field = self.env["helpdesk.ticket"]._fields["priority"]
        self.assertEqual(
            field._description_selection(self.env),
            [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")],
        )
        self.assertEqual(
            self.env["helpdesk.ticket"].default_get(["priority"])["priority"], "1"
        )
        self.assertEqual(dict(field.selection)[PRIORITY_CRITICAL], "Very High")
        self.assertIn("the system cannot be used", field.help)

    def test_recheck_is_one_query_batch(self):
        """Judging tickets again costs the same queries for 1 or 10 tickets."""
        self._oktell_contract()
        tickets = self.env["helpdesk.ticket"]
        for _i in range(10):
            tickets |= self.make_ticket(self.alice, type_id=self.kind_incident.id)
        self.env.invalidate_all()
        with self.assertQueryCount(10):
            tickets.action_recompute_entitlement()
            tickets.flush_recordset()
        self.assertEqual(set(tickets.mapped("entitlement")), {"covered"})


TOO_OLD = (
    "Plan %(plan)s covers products for %(months)s months after purchase; "
    "%(product)s was bought on %(date)s."
)
TOO_OLD_FR = (
    "Le plan %(plan)s couvre les produits %(months)s mois après l'achat ; "
    "%(product)s a été acheté le %(date)s."
)


@tagged("post_install", "-at_install")
class TestEntitlementReasonLanguage(SupportCommon, TransactionCase):
    """The reason is stored as a code and ids, and read in the reader's
    language with the records' current names."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_support()
        cls.env["res.lang"]._activate_lang("fr_FR")

    def _add_code_translation(self, lang, source, value):
        """A translation of ``source`` as halo_support's .po for ``lang``
        would give it (the code translations Odoo reads msgids from)."""
        key = ("halo_support", lang)
        current = code_translations.get_python_translations(*key)
        self.addCleanup(code_translations.python_translations.__setitem__, key, current)
        code_translations.python_translations[key] = {**current, source: value}

    def test_same_ticket_reads_in_two_languages(self):
        self._add_code_translation("fr_FR", TOO_OLD, TOO_OLD_FR)
        self.make_contract(
            self.customer_a,
            self.plan_free,
            contacts=[self.alice],
            lines=[
                {
                    "product_id": self.card.id,
                    "serial": "SN-1",
                    "purchase_date": self.months_ago(4),
                    "bought_from_us": True,
                }
            ],
        )
        ticket = self.make_ticket(self.alice, support_serial="SN-1")
        stored = {
            "plan": self.plan_free.id,
            "months": 3,
            "product": self.card.id,
            "date": str(self.months_ago(4)),
        }
        self.assertEqual(ticket.entitlement_reason_code, "purchase_too_old")
        self.assertEqual(ticket.entitlement_reason_params, stored)
        english = ticket.with_context(lang="en_US").entitlement_reason
        french = ticket.with_context(lang="fr_FR").entitlement_reason
        self.assertIn("covers products for 3 months after purchase", english)
        self.assertIn("couvre les produits 3 mois après l'achat", french)
        fr_env = self.env(context=dict(self.env.context, lang="fr_FR"))
        self.assertIn(format_date(fr_env, self.months_ago(4)), french)
        self.assertIn(self.card.display_name, french)
        # Reading in either language stored nothing of it.
        ticket.invalidate_recordset()
        self.assertEqual(ticket.entitlement_reason_code, "purchase_too_old")
        self.assertEqual(ticket.entitlement_reason_params, stored)
        # The names are read when the reason is: a renamed plan shows.
        self.plan_free.name = "Free plan, renamed (test)"
        ticket.invalidate_recordset()
        self.assertIn("Free plan, renamed (test)", ticket.entitlement_reason)

    def test_every_reason_code_has_one_message_with_its_placeholders(self):
        codes = {code for codes in REASONS.values() for code in codes}
        self.assertEqual(set(ENTITLEMENT_REASONS), codes)
        en_env = self.env(context=dict(self.env.context, lang="en_US"))
        for code, (message, names) in ENTITLEMENT_REASONS.items():
            with self.subTest(code=code):
                placeholders = re.findall(r"%\((\w+)\)s", en_env._(message))
                self.assertEqual(set(placeholders), set(names))
