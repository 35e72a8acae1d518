# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

WARSAW = pytz.timezone("Europe/Warsaw")
KYIV = pytz.timezone("Europe/Kyiv")
BRATISLAVA = pytz.timezone("Europe/Bratislava")
PRAGUE = pytz.timezone("Europe/Prague")

CRITICAL, HIGH, NORMAL, LOW = "3", "2", "1", "0"


def utc(zone, *args):
    """Odoo's naive UTC datetime of a wall-clock time in ``zone``."""
    local = zone.localize(datetime(*args), is_dst=False)
    return local.astimezone(pytz.utc).replace(tzinfo=None)


class SlaCommon:
    """The vendors' calendars, plans, SLA policies and a covered customer.

    The policies encode the SLA terms of the vendor pages (docs/vendors/*.md,
    sections SLA; the packs load the complete vendor data); each number is
    commented where it is read.
    """

    @classmethod
    def setup_sla(cls):
        # Over 60 lines on purpose: the shared fixture (calendars, stages,
        # categories, plans, contracts) of every SLA test, one record per statement.
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        ref = cls.env.ref
        cls.cal_warsaw = ref("support_sla.calendar_warsaw_8_18")
        cls.cal_247 = ref("support_sla.calendar_24_7")
        cls.cal_bratislava = ref("support_sla.calendar_bratislava_8_30_17")
        cls.cal_v3 = ref("support_sla.calendar_bratislava_weekdays_24h_weekend_9_18")
        cls.cal_kyiv_7d = ref("support_sla.calendar_kyiv_9_18_7d")
        cls.cal_kyiv_wd = ref("support_sla.calendar_kyiv_9_20_weekdays")
        cls.cal_prague = ref("support_sla.calendar_prague_9_18")
        # The tests use dates of 2026: make sure its holidays are there
        # whatever the year the suite runs in.
        (cls.cal_warsaw | cls.cal_bratislava | cls.cal_prague)._sync_public_holidays(
            [2026, 2027]
        )
        cls.kind_incident = ref("halo_support.ticket_type_incident")
        cls.kind_service = ref("halo_support.ticket_type_service_request")
        cls.kind_change = ref("halo_support.ticket_type_change")
        cls.kind_consultation = ref("halo_support.ticket_type_consultation")
        cls.kind_hardware = ref("halo_support.ticket_type_hardware_rma")
        cls.kind_complaint = ref("halo_support.ticket_type_complaint")
        cls.categ = {
            code: ref(f"support_sla.sla_category_{code}")
            for code in (
                "incident",
                "bug",
                "service_request",
                "change",
                "consultation",
                "hardware_rma",
                "complaint",
            )
        }
        Stage = cls.env["helpdesk.ticket.stage"]
        cls.stage_new = Stage.create({"name": "New (SLA test)", "sequence": 1})
        cls.stage_progress = Stage.create(
            {"name": "In progress (SLA test)", "sequence": 2}
        )
        cls.stage_waiting = Stage.create(
            {"name": "Waiting for the customer (SLA test)", "sequence": 3}
        )
        cls.stage_done = Stage.create(
            {"name": "Done (SLA test)", "sequence": 9, "closed": True}
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Second line (SLA test)",
                "user_id": cls.env.ref("base.user_admin").id,
            }
        )
        cls.agent = cls.env["res.users"].create(
            {
                "name": "Agent (SLA test)",
                "login": "sla_agent",
                "email": "agent@halo.test",
                "groups_id": [
                    (6, 0, [cls.env.ref("halo_support.group_support_user").id])
                ],
            }
        )
        cls.team.user_ids = cls.agent | cls.env.ref("base.user_admin")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Customer (SLA test)", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Carol (SLA test)",
                "parent_id": cls.customer.id,
                "email": "carol@customer.test",
            }
        )
        cls.plans = {}
        cls.contracts = {}
        cls._make_policies()

    # ------------------------------------------------------------------

    @classmethod
    def make_plan(cls, key, name):
        plan = cls.env["support.plan"].create(
            {"name": f"{name} (SLA test)", "code": f"SLA-T-{key}"}
        )
        # One customer per plan: the ticket finds its contract by customer.
        customer = cls.env["res.partner"].create(
            {"name": f"Customer of {name} (SLA test)", "is_company": True}
        )
        contact = cls.env["res.partner"].create(
            {"name": f"Contact of {name}", "parent_id": customer.id}
        )
        contract = cls.env["support.contract"].create(
            {
                "partner_id": customer.id,
                "plan_id": plan.id,
                "date_start": fields.Date.context_today(plan) - relativedelta(years=1),
                "contact_ids": [(6, 0, contact.ids)],
            }
        )
        contract.action_activate()
        if contract.state == "awaiting_payment":
            # Staff put it in force at once (support_billing's plans may wait
            # for the first payment; not what these tests test).
            contract.action_activate()
        cls.plans[key] = plan
        cls.contracts[key] = contact
        return plan

    @classmethod
    def make_policy(cls, plan, calendar, targets, **vals):
        """A policy with targets given as (metric, categories, priority,
        amount, unit[, extra values]) tuples.
        """
        lines = []
        for target in targets:
            metric, categories, priority, amount, unit, *extra = target
            line = {
                "metric": metric,
                "category_ids": [(6, 0, [cls.categ[c].id for c in categories])],
                "priority": priority or False,
                "amount": amount,
                "unit": unit,
            }
            if extra:
                line.update(extra[0])
            lines.append((0, 0, line))
        return cls.env["support.sla.policy"].create(
            {
                "name": f"{plan.name} policy",
                "plan_id": plan.id,
                "calendar_id": calendar.id,
                "target_ids": lines,
                **vals,
            }
        )

    @classmethod
    def _make_policies(cls):
        # Over 60 lines on purpose: a declaration table, one policy and its
        # targets per vendor plan, read top to bottom like the vendors' pages.
        pause = {"pause_stage_ids": [(6, 0, cls.stage_waiting.ids)]}
        # Halo Kwadrat: H2S Free -- 3 business days (Mon-Fri 08-18 Warsaw).
        cls.make_policy(
            cls.make_plan("free", "H2S Free"),
            cls.cal_warsaw,
            [("reaction", (), None, 3, "business_days")],
        )
        # H2S Flexible -- 1 business day from the order's acceptance.
        cls.make_policy(
            cls.make_plan("flexible", "H2S Flexible"),
            cls.cal_warsaw,
            [
                (
                    "reaction",
                    (),
                    None,
                    1,
                    "business_days",
                    {"start_event": "order_accepted"},
                )
            ],
        )
        # H2S Pro -- critical 4 business hours, others next business day.
        cls.make_policy(
            cls.make_plan("pro", "H2S Pro"),
            cls.cal_warsaw,
            [
                ("reaction", (), "3", 4, "business_hours"),
                ("reaction", (), None, 1, "next_business_day"),
            ],
            **pause,
        )
        # H2S Pro 24 -- the same on the 24/7/365 calendar.
        cls.make_policy(
            cls.make_plan("pro24", "H2S Pro 24"),
            cls.cal_247,
            [
                ("reaction", (), "3", 4, "business_hours"),
                ("reaction", (), None, 1, "next_business_day"),
            ],
        )
        # infotel variants 1, 2 (Mon-Fri 08:30-17:00) and 3 (24/7, weekends
        # 09-18): reaction 4/2/1 h; replacement shipped 2 bd/1 bd/24 h; fault
        # removed remotely, technician dispatched, configuration restored
        # (from the replacement's delivery) 3 bd/2 bd/24 h; final resolution
        # of faults within 2 weeks.
        infotel = {
            "v1": (cls.cal_bratislava, 4, (2, "business_days"), (3, "business_days")),
            "v2": (cls.cal_bratislava, 2, (1, "business_days"), (2, "business_days")),
            "v3": (cls.cal_v3, 1, (24, "business_hours"), (24, "business_hours")),
        }
        for key, (calendar, reaction, shipped, guaranteed) in infotel.items():
            cls.make_policy(
                cls.make_plan(key, f"infotel Variant {key[1]}"),
                calendar,
                [
                    ("reaction", (), None, reaction, "business_hours"),
                    ("replacement_shipped", ("hardware_rma",), None, *shipped),
                    ("restore", ("incident", "bug"), None, *guaranteed),
                    (
                        "technician_onsite",
                        ("incident", "hardware_rma"),
                        None,
                        *guaranteed,
                    ),
                    (
                        "configuration_restored",
                        ("hardware_rma",),
                        None,
                        *guaranteed,
                    ),
                    ("final_resolution", ("incident", "bug"), None, 14, "days"),
                ],
            )
        # Oktell: complaints within 10 days; the page names no answer term,
        # the tests give "answer or announce a new term" 1 business day.
        cls.make_policy(
            cls.make_plan("oktell", "Oktell"),
            cls.cal_prague,
            [
                ("complaint_answered", ("complaint",), None, 10, "days"),
                ("answer_or_new_term", ("consultation",), None, 1, "business_days"),
            ],
        )
        # Webitel Advanced and Pro: incidents on Mon-Sun 09-18 Kyiv (restore
        # or downgrade 2/4/8 business hours; reaction Advanced 1/2/4 business
        # hours, Pro 30 min/1 h/2 h read as business time), service requests
        # and changes on Mon-Fri 09-20 Kyiv (reaction 5, processing 40/80
        # business hours).
        for key, reactions in (
            (
                "webitel_adv",
                ((1, "business_hours"), (2, "business_hours"), (4, "business_hours")),
            ),
            (
                "webitel_pro",
                (
                    (30, "business_minutes"),
                    (1, "business_hours"),
                    (2, "business_hours"),
                ),
            ),
        ):
            plan = cls.make_plan(key, key.replace("_", " ").title())
            incidents = ("incident", "bug")
            downgrade = {"stop_on_downgrade": True}
            cls.make_policy(
                plan,
                cls.cal_kyiv_7d,
                [
                    ("reaction", incidents, "3", *reactions[0]),
                    ("reaction", incidents, "2", *reactions[1]),
                    ("reaction", incidents, "1", *reactions[2]),
                    ("restore", incidents, "3", 2, "business_hours", downgrade),
                    ("restore", incidents, "2", 4, "business_hours", downgrade),
                    ("restore", incidents, "1", 8, "business_hours"),
                ],
                violation_extension=True,
            )
            cls.make_policy(
                plan,
                cls.cal_kyiv_wd,
                [
                    (
                        "reaction",
                        ("service_request", "change"),
                        None,
                        5,
                        "business_hours",
                    ),
                    (
                        "resolution",
                        ("service_request",),
                        None,
                        40,
                        "business_hours",
                    ),
                    ("resolution", ("change",), None, 80, "business_hours"),
                ],
                violation_extension=True,
            )

    @classmethod
    def make_ticket(cls, plan_key, received, kind=None, priority=NORMAL, **vals):
        contact = cls.contracts[plan_key]
        return cls.env["helpdesk.ticket"].create(
            {
                "name": vals.pop("name", "SLA request"),
                "description": "<p>Help</p>",
                "partner_id": contact.id,
                "type_id": (kind or cls.kind_incident).id,
                "priority": priority,
                "sla_received_at": received,
                "stage_id": cls.stage_new.id,
                **vals,
            }
        )

    def clock(self, ticket, metric):
        clocks = ticket.sla_ids.filtered(
            lambda c: c.metric == metric and c.state != "cancelled"
        )
        self.assertEqual(len(clocks), 1, f"one {metric} clock on {ticket.name}")
        return clocks
