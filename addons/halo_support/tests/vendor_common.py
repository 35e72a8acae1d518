# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Base of the per-vendor tests: one vendor pack, customers built on it."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

# helpdesk_mgmt's channels, by the code of our support channel they map to.
HELPDESK_CHANNELS = {
    "portal": "helpdesk_mgmt.helpdesk_ticket_channel_web",
    "email": "helpdesk_mgmt.helpdesk_ticket_channel_email",
    "phone": "helpdesk_mgmt.helpdesk_ticket_channel_phone",
    "other": "helpdesk_mgmt.helpdesk_ticket_channel_other",
}


class VendorPackCase(TransactionCase):
    """Loads ``vendor``'s pack (not the demo) and builds customers on it."""

    vendor = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.env["support.vendor.pack"]._load_vendor_packs([cls.vendor])
        cls.today = fields.Date.context_today(cls.env["support.contract"])
        # A 15th not after today: month arithmetic from it never clips.
        cls.request_day = (
            cls.today if cls.today.day >= 15 else cls.today - relativedelta(months=1)
        ).replace(day=15)
        cls.vendor_partner = cls.pack_ref(f"vendor_{cls.vendor}")
        cls.customer = cls.env["res.partner"].create(
            {"name": f"Customer of {cls.vendor} (test)", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Authorised Contact",
                "parent_id": cls.customer.id,
                "email": "authorised@customer.test",
            }
        )
        cls.stranger = cls.env["res.partner"].create(
            {
                "name": "Colleague Not Authorised",
                "parent_id": cls.customer.id,
                "email": "colleague@customer.test",
            }
        )

    @classmethod
    def pack_ref(cls, xmlid):
        """A record of halo_support (the pack's module) by its xml id."""
        return cls.env.ref(xmlid if "." in xmlid else f"halo_support.{xmlid}")

    @classmethod
    def months_ago(cls, months, days=0):
        return cls.today - relativedelta(months=months, days=days)

    @classmethod
    def product(cls, categ, name=None):
        category = cls.pack_ref(categ)
        return cls.env["product.product"].create(
            {"name": name or f"{category.name} (test)", "categ_id": category.id}
        )

    @classmethod
    def contract(cls, plan, lines=(), contacts=None, customer=None):
        contract = cls.env["support.contract"].create(
            {
                "partner_id": (customer or cls.customer).id,
                "plan_id": cls.pack_ref(plan).id,
                "date_start": cls.months_ago(24),
                "contact_ids": [
                    (6, 0, [c.id for c in (contacts or [cls.contact])]),
                ],
                "line_ids": [(0, 0, line) for line in lines],
            }
        )
        contract.action_activate()
        if contract.state == "awaiting_payment":
            # Staff put it in force at once: the first payment is tested by
            # support_billing's TestVendorHaloKwadrat.
            contract.action_activate()
        return contract

    @classmethod
    def line(cls, product, serial, months=1, bought_from_us=True, **vals):
        return {
            "product_id": product.id,
            "serial": serial,
            "purchase_date": cls.months_ago(months) if months is not None else False,
            "bought_from_us": bought_from_us,
            **vals,
        }

    def ticket(self, requester=None, kind="ticket_type_incident", channel=None, **vals):
        """A request of ``requester`` (the authorised contact by default)."""
        values = {
            "name": vals.pop("name", "Request (test)"),
            "description": "<p>Help</p>",
            "partner_id": (requester or self.contact).id,
            "type_id": self.pack_ref(kind).id,
            **vals,
        }
        if channel:
            values["channel_id"] = self.env.ref(HELPDESK_CHANNELS[channel]).id
        return self.env["helpdesk.ticket"].create(values)

    def assertVerdict(self, ticket, verdict, reason=None):
        self.assertEqual(ticket.entitlement, verdict, ticket.entitlement_reason)
        if reason:
            self.assertIn(reason, ticket.entitlement_reason)

    def assertPlanChannels(self, plan, codes):
        self.assertEqual(
            set(self.pack_ref(plan).channel_ids.mapped("code")), set(codes), plan
        )

    def assertVendorPlans(self, codes, currency):
        plans = self.env["support.plan"].search(
            [("vendor_partner_id", "=", self.vendor_partner.id)]
        )
        self.assertEqual(sorted(plans.mapped("code")), sorted(codes))
        self.assertEqual(set(plans.mapped("currency_id.name")), {currency})
        self.assertTrue(self.env.ref(f"base.{currency}").active)
