# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Oktell via sipnet (docs/vendors/oktell.md), halo_support layer, on the pack alone.

Checks 27 rules of the section: the four size tiers in CZK (1), each with
the same rules (registered licence, call-centre software family, the four
exclusions: 4); only registered users with a legal licence (registered:
covered; not registered: refused as not eligible, on the named product or on
the contract: 3); the included consultations and monthly work (installation,
configuration and upgrade questions, configuration and scenario, dial plan,
user and access-rights changes, fault investigation: 4); the four excluded
kinds (training, plug-ins, reports, unrelated software) need a quote (4);
requests only from authorised persons: an unauthorised requester is refused
but the request is kept, flagged, and told why; authorising the person
makes it covered (3); requests by email or phone only (email and phone
accepted, portal not: 3); the two grounds of refusal of 2.5 (cannot be
solved by email or phone in reasonable time; needs an engineer on site) are
the plans' refusal grounds, a refusal is the verdict "refused" with the
ground's message to the customer (3). The yearly prices and tiers belong to
support_billing, the hours and the 10-day complaint term to support_sla.
"""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .vendor_common import VendorPackCase

LEVELS = ("plan_oktell_l1", "plan_oktell_l2", "plan_oktell_l3", "plan_oktell_l4")
EXCLUDED = (
    "ticket_type_training",
    "ticket_type_plugin",
    "ticket_type_report",
    "ticket_type_unrelated_software",
)


@tagged("post_install", "-at_install")
class TestVendorOktell(VendorPackCase):
    vendor = "oktell"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.licence = cls.product("categ_oktell", "Oktell licence (test)")
        cls.contract_l2 = cls.contract(
            "plan_oktell_l2",
            [cls.line(cls.licence, "OKT-REG", months=6, licence_registered=True)],
        )

    def test_the_two_refusal_grounds_of_the_page(self):
        grounds = self.pack_ref("refusal_ground_oktell_remote_time") | self.pack_ref(
            "refusal_ground_oktell_engineer_onsite"
        )
        for level in LEVELS:
            with self.subTest(level=level):
                self.assertEqual(self.pack_ref(level).refusal_ground_ids, grounds)
        self.assertIn("reasonable time", grounds[0].name)
        self.assertIn("on the customer's equipment", grounds[1].name)

    def test_refusal_on_a_ground_is_a_verdict_told_to_the_customer(self):
        agent = new_test_user(
            self.env,
            login="oktell-refusing-agent",
            groups="base.group_user,halo_support.group_support_user",
        )
        ticket = self.ticket(channel="email", name="Rebuild our switchboard")
        self.assertVerdict(ticket, "covered")
        ground = self.pack_ref("refusal_ground_oktell_engineer_onsite")
        action = ticket.with_user(agent).action_open_support_refuse()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(agent)
            .with_context(**action["context"])
        )
        wizard_form.ground_id = ground
        wizard_form.note = "Our onsite package can do it."
        wizard_form.save().action_confirm()
        self.assertVerdict(ticket, "refused", ground.name)
        self.assertIn("Oktell support, level 2", ticket.entitlement_reason)
        self.assertEqual(ticket.support_refusal_ground_id, ground)
        told = ticket.message_ids.filtered(
            lambda m: self.contact in m.partner_ids and m.message_type == "comment"
        )
        self.assertEqual(len(told), 1)
        self.assertIn("direct work of our support engineers", told.body)
        self.assertIn("Our onsite package can do it.", told.body)
        ticket.with_user(agent).action_support_withdraw_refusal()
        self.assertVerdict(ticket, "covered")

    def test_refusal_needs_a_ground_of_the_plan(self):
        ticket = self.ticket(channel="email")
        other = self.env["support.refusal.ground"].create(
            {"name": "Too busy (test)", "customer_message": "Sorry."}
        )
        with self.assertRaisesRegex(ValidationError, "Refused on: plan .* does not"):
            ticket._support_refuse(other)
        ticket = self.ticket(channel="email")
        ticket.write(
            {"entitlement_override": True, "entitlement_override_reason": "Known"}
        )
        with self.assertRaisesRegex(ValidationError, "remove the override"):
            ticket._support_refuse(self.pack_ref("refusal_ground_oktell_remote_time"))

    def test_complaints_in_writing_only(self):
        for level in LEVELS:
            plan = self.pack_ref(level)
            self.assertTrue(plan.complaint_process)
            self.assertTrue(plan.complaint_user_id)
        ticket = self.ticket(kind="ticket_type_complaint", channel="email")
        self.assertVerdict(ticket, "covered")
        ticket = self.ticket(kind="ticket_type_complaint", channel="phone")
        self.assertVerdict(ticket, "not_eligible", "complaints in writing only")
        # requests other than complaints still come by phone
        self.assertVerdict(self.ticket(channel="phone"), "covered")

    def test_complaint_goes_to_the_head_and_is_answered_by_a_decision(self):
        head = new_test_user(
            self.env,
            login="oktell-head",
            groups="base.group_user,halo_support.group_support_user",
        )
        agent = new_test_user(
            self.env,
            login="oktell-agent",
            groups="base.group_user,halo_support.group_support_user",
        )
        self.pack_ref("plan_oktell_l2").complaint_user_id = head
        ticket = self.ticket(kind="ticket_type_complaint", channel="email")
        self.assertVerdict(ticket, "covered")
        activity = ticket.activity_ids
        self.assertEqual(activity.user_id, head)
        self.assertEqual(activity.summary, "Decide the complaint")
        with self.assertRaisesRegex(UserError, "Reasoning: a complaint's decision"):
            ticket.with_user(head)._support_decide_complaint("upheld", "  ")
        with self.assertRaisesRegex(UserError, "are decided by oktell-head"):
            ticket.with_user(agent)._support_decide_complaint("upheld", "Sorry")
        self.assertFalse(ticket.complaint_decision)
        ticket.with_user(head)._support_decide_complaint(
            "rejected", "The answer came within the term of the package."
        )
        self.assertEqual(ticket.complaint_decision, "rejected")
        self.assertEqual(ticket.complaint_decided_by_id, head)
        self.assertFalse(ticket.activity_ids)
        told = ticket.message_ids.filtered(
            lambda m: self.contact in m.partner_ids and m.message_type == "comment"
        )
        self.assertIn("Decision on your complaint: Rejected.", told.body)
        self.assertIn("within the term of the package", told.body)
        with self.assertRaisesRegex(UserError, "it is decided once"):
            ticket.with_user(head)._support_decide_complaint("upheld", "Changed mind")
        with self.assertRaisesRegex(UserError, "not a covered complaint"):
            self.ticket(channel="email")._support_decide_complaint("upheld", "Why")

    def test_four_tiers_in_czk_with_the_same_rules(self):
        self.assertVendorPlans(
            ["OKTELL-L1", "OKTELL-L2", "OKTELL-L3", "OKTELL-L4"], "CZK"
        )
        self.assertEqual(self.vendor_partner.country_id.code, "CZ")
        for level in LEVELS:
            plan = self.pack_ref(level)
            self.assertEqual(plan.eligibility_rule, "registered_licence")
            self.assertEqual(plan.product_categ_ids, self.pack_ref("categ_oktell"))
            self.assertEqual(
                plan.excluded_type_ids,
                self.env["helpdesk.ticket.type"].browse(
                    self.pack_ref(x).id for x in EXCLUDED
                ),
            )
            self.assertEqual(set(plan.channel_ids.mapped("code")), {"email", "phone"})

    def test_registered_licence_only(self):
        self.assertVerdict(self.ticket(channel="email"), "covered")
        customer = self.customer.copy({"name": "Unregistered (test)"})
        contact = self.contact.copy({"parent_id": customer.id})
        self.contract(
            "plan_oktell_l1",
            [self.line(self.licence, "OKT-UNREG", months=2)],
            contacts=[contact],
            customer=customer,
        )
        for vals in ({}, {"support_serial": "OKT-UNREG"}):
            ticket = self.ticket(contact, channel="phone", **vals)
            self.assertVerdict(ticket, "not_eligible", "requires a registered licence")

    def test_included_consultations_and_monthly_work(self):
        for kind in (
            "ticket_type_consultation",
            "ticket_type_configuration",
            "ticket_type_change",
            "ticket_type_incident",
        ):
            with self.subTest(kind=kind):
                ticket = self.ticket(kind=kind, channel="email")
                self.assertEqual(ticket.support_contract_id, self.contract_l2)
                self.assertVerdict(ticket, "covered")

    def test_excluded_work_needs_a_quote(self):
        for kind in EXCLUDED:
            with self.subTest(kind=kind):
                ticket = self.ticket(kind=kind, channel="email")
                self.assertVerdict(ticket, "excluded", "needs a quote")

    def test_unauthorised_requester_is_refused_and_kept(self):
        ticket = self.ticket(self.stranger, channel="phone")
        self.assertTrue(ticket.exists())
        self.assertEqual(ticket.support_contract_id, self.contract_l2)
        self.assertVerdict(ticket, "not_authorised", "not an authorised contact")
        self.assertTrue(ticket.support_flagged)
        told = ticket.message_ids.filtered(lambda m: self.stranger in m.partner_ids)
        self.assertTrue(told)
        self.contract_l2.contact_ids = [(4, self.stranger.id)]
        self.assertVerdict(ticket, "covered")

    def test_requests_by_email_or_phone_only(self):
        self.assertVerdict(self.ticket(channel="email"), "covered")
        self.assertVerdict(self.ticket(channel="phone"), "covered")
        ticket = self.ticket(channel="portal")
        self.assertVerdict(ticket, "not_eligible", "only through Email, Phone")
