# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


class RpcMixin:
    """JSON-RPC calls as the logged-in user of an ``HttpCase``.

    Shared with the addons that extend halo_support, so that their access
    tests go through the same route as the web client.
    """

    def call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def page_csrf_token(self, url="/my"):
        """The CSRF token a page gives the logged-in browser."""
        page = self.url_open(url).text
        return re.search(r'csrf_token: "([^"]+)"', page).group(1)

    def assertRpcRefused(self, model, method, args, kwargs=None, error="AccessError"):
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(JsonRpcException, error),
        ):
            self.call_kw(model, method, args, kwargs)


class SupportCommon:
    """Plans, customers and contracts shared by the Odoo tests."""

    @classmethod
    def setup_support(cls):
        # Over 60 lines on purpose: the shared fixture (partners, families,
        # plans, contracts, contacts) of every halo_support test.
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.today = fields.Date.context_today(cls.env["support.contract"])
        Partner = cls.env["res.partner"]
        Category = cls.env["product.category"]
        cls.categ_telephony = Category.create({"name": "Telephony (test)"})
        cls.categ_cards = Category.create(
            {"name": "Sangoma cards (test)", "parent_id": cls.categ_telephony.id}
        )
        cls.categ_gateways = Category.create(
            {"name": "SmartNode gateways (test)", "parent_id": cls.categ_telephony.id}
        )
        cls.categ_other = Category.create({"name": "Printers (test)"})
        cls.categ_call_centre = Category.create({"name": "Call centre (test)"})
        Product = cls.env["product.product"]
        cls.card = Product.create(
            {"name": "Sangoma A101 (test)", "categ_id": cls.categ_cards.id}
        )
        cls.gateway = Product.create(
            {"name": "SmartNode 4100 (test)", "categ_id": cls.categ_gateways.id}
        )
        cls.printer = Product.create(
            {"name": "Printer (test)", "categ_id": cls.categ_other.id}
        )
        cls.oktell = Product.create(
            {"name": "Oktell call centre (test)", "categ_id": cls.categ_call_centre.id}
        )
        cls.kind_incident = cls.env.ref("halo_support.ticket_type_incident")
        cls.kind_bug = cls.env.ref("halo_support.ticket_type_bug")
        cls.kind_configuration = cls.env.ref("halo_support.ticket_type_configuration")
        Kind = cls.env["helpdesk.ticket.type"]
        cls.kind_report = Kind.create(
            {"name": "Writing or changing reports", "support_category": "configuration"}
        )
        cls.kind_training = Kind.create(
            {"name": "Training", "support_category": "consultation"}
        )
        cls.kind_plugin = Kind.create(
            {
                "name": "Writing or changing plug-ins",
                "support_category": "configuration",
            }
        )
        Plan = cls.env["support.plan"]
        cls.plan_free = Plan.create(
            {
                "name": "H2S Free (test)",
                "code": "T-H2S-FREE",
                "eligibility_rule": "purchased_within",
                "eligibility_months": 3,
                "product_categ_ids": [
                    (6, 0, [cls.categ_cards.id, cls.categ_gateways.id])
                ],
                "channel_ids": [
                    (6, 0, cls.env.ref("halo_support.support_channel_remote").ids)
                ],
            }
        )
        cls.plan_start = Plan.create(
            {
                "name": "H2S Start (test)",
                "code": "T-H2S-START",
                "eligibility_rule": "first_of_family",
                "product_categ_ids": [(6, 0, [cls.categ_telephony.id])],
            }
        )
        cls.plan_oktell = Plan.create(
            {
                "name": "Oktell yearly support (test)",
                "code": "T-OKTELL",
                "eligibility_rule": "registered_licence",
                "product_categ_ids": [(6, 0, cls.categ_call_centre.ids)],
                "excluded_type_ids": [
                    (6, 0, (cls.kind_report | cls.kind_training | cls.kind_plugin).ids)
                ],
            }
        )
        cls.plan_pro = Plan.create({"name": "H2S Pro (test)", "code": "T-H2S-PRO"})
        # Customer A with two people, customer B with one.
        cls.customer_a = Partner.create(
            {"name": "Customer A (test)", "is_company": True}
        )
        cls.alice = Partner.create(
            {"name": "Alice A", "parent_id": cls.customer_a.id, "email": "alice@a.test"}
        )
        cls.adam = Partner.create(
            {"name": "Adam A", "parent_id": cls.customer_a.id, "email": "adam@a.test"}
        )
        cls.customer_b = Partner.create(
            {"name": "Customer B (test)", "is_company": True}
        )
        cls.bob = Partner.create(
            {"name": "Bob B", "parent_id": cls.customer_b.id, "email": "bob@b.test"}
        )

    @classmethod
    def months_ago(cls, months, days=0):
        return cls.today - relativedelta(months=months, days=days)

    @classmethod
    def make_contract(
        cls, partner, plan, contacts=(), lines=(), state="active", **vals
    ):
        contract = cls.env["support.contract"].create(
            {
                "partner_id": partner.id,
                "plan_id": plan.id,
                "date_start": vals.pop("date_start", cls.months_ago(12)),
                "contact_ids": [(6, 0, [c.id for c in contacts])],
                "line_ids": [(0, 0, line) for line in lines],
                **vals,
            }
        )
        if state == "active":
            contract.action_activate()
            if contract.state == "awaiting_payment":
                # Staff put it in force at once (a plan of support_billing
                # may wait for the first payment; not what these tests test).
                contract.action_activate()
        return contract

    @classmethod
    def make_ticket(cls, partner, **vals):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": vals.pop("name", "Request"),
                "description": "<p>Help</p>",
                "partner_id": partner.id,
                **vals,
            }
        )
