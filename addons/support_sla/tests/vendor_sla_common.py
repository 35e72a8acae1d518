# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Base of the per-vendor SLA tests: one vendor pack, customers on its plans.

Times are passed explicitly (``sla_received_at``, the ``when`` of recorded
events, pauses and re-plans), so that no test depends on the day it runs.
"""

from datetime import date

from odoo.tests import TransactionCase

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from .common import CRITICAL, HIGH, NORMAL, utc  # noqa: F401  (re-exported)

# Ticket kinds of halo_support by request category.
KINDS = (
    "incident",
    "bug",
    "service_request",
    "change",
    "consultation",
    "configuration",
    "hardware_rma",
    "complaint",
)


class VendorSlaCase(TransactionCase):
    """Loads ``vendor``'s pack (every installed layer, not the demo)."""

    vendor = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.env["support.vendor.pack"]._load_vendor_packs([cls.vendor])
        cls.kinds = {
            code: cls.env.ref(f"halo_support.ticket_type_{code}") for code in KINDS
        }
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_awaiting = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_awaiting")
        cls.agent = cls.env["res.users"].create(
            {
                "name": f"Agent of {cls.vendor} (SLA test)",
                "login": f"sla_vendor_agent_{cls.vendor}",
                "email": f"agent.{cls.vendor}@halo.test",
                "groups_id": [
                    (6, 0, [cls.env.ref("halo_support.group_support_user").id])
                ],
            }
        )
        cls.contacts = {}
        # Values every ticket of a customer carries (e.g. its product's serial).
        cls.ticket_defaults = {}

    @classmethod
    def sync_holidays(cls, *calendars):
        """The tests use dates of 2026: make sure their holidays are there,
        whatever the year the suite runs in.
        """
        for calendar in calendars:
            calendar._sync_public_holidays([2026, 2027])

    @classmethod
    def sla_ref(cls, xmlid):
        return cls.env.ref(f"support_sla.{xmlid}")

    @classmethod
    def customer_on(cls, key, plan, lines=()):
        """A customer with an active contract on ``plan`` (xml id of
        halo_support) and its authorised contact, stored under ``key``: one
        customer per plan, so that a ticket finds its contract by customer.
        """
        customer = cls.env["res.partner"].create(
            {"name": f"Customer {key} (SLA vendor test)", "is_company": True}
        )
        contact = cls.env["res.partner"].create(
            {
                "name": f"Contact {key}",
                "parent_id": customer.id,
                "email": f"{key}@customer.test",
            }
        )
        contract = cls.env["support.contract"].create(
            {
                "partner_id": customer.id,
                "plan_id": cls.env.ref(f"halo_support.{plan}").id,
                "date_start": date(2025, 1, 1),
                "contact_ids": [(6, 0, contact.ids)],
                "line_ids": [(0, 0, line) for line in lines],
            }
        )
        contract.action_activate()
        if contract.state == "awaiting_payment":
            # Staff put it in force at once: the first payment is tested by
            # support_billing's TestVendorHaloKwadrat.
            contract.action_activate()
        cls.contacts[key] = contact
        return contract

    def ticket(self, key, zone, received, kind="incident", priority=NORMAL, **vals):
        """A ticket of ``key``'s contact received at the local time
        ``received`` (a tuple) in ``zone``; it must be covered.
        """
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": vals.pop("name", f"{kind} of {key}"),
                "description": "<p>Help</p>",
                "partner_id": self.contacts[key].id,
                "type_id": self.kinds[kind].id,
                "priority": priority,
                "sla_received_at": utc(zone, *received),
                "support_request_date": date(*received[:3]),
                "stage_id": self.stage_new.id,
                **self.ticket_defaults.get(key, {}),
                **vals,
            }
        )
        self.assertEqual(ticket.entitlement, "covered", ticket.entitlement_reason)
        return ticket

    def clock(self, ticket, metric):
        clocks = ticket.sla_ids.filtered(
            lambda c: c.metric == metric and not c.stop_date
        )
        self.assertEqual(len(clocks), 1, f"one open {metric} clock on {ticket.name}")
        return clocks

    def metrics(self, ticket):
        return sorted(ticket.sla_ids.mapped("metric"))

    def assertDeadline(self, ticket, metric, zone, expected):
        clock = self.clock(ticket, metric)
        self.assertEqual(clock.state, "running")
        self.assertEqual(clock.deadline, utc(zone, *expected))
        return clock

    def reply(self, ticket, zone, when):
        """The agent's confirmation to the customer, sent at ``when``."""
        return ticket.with_user(self.agent)._sla_record_event(
            "confirmation_sent", "Confirmation sent", when=utc(zone, *when)
        )

    def check_terms(self, terms, plans):
        """Rows of test_sla_policies.TERMS, on the vendor's plans.

        ``plans`` maps the table's plan keys to the keys of this test's
        customers; rows of other plans are left out.
        """
        checked = 0
        for plan, kind, priority, zone, received, metric, expected in terms:
            if plan not in plans:
                continue
            with self.subTest(plan=plan, kind=kind, priority=priority, metric=metric):
                ticket = self.ticket(plans[plan], zone, received, kind, priority)
                self.assertDeadline(ticket, metric, zone, expected)
                checked += 1
        return checked
