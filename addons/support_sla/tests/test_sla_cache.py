# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cached SLA engines: invalidated by their own key, nothing else."""

from odoo.tests import TransactionCase, tagged

from ..models import sla_cache
from .common import CRITICAL, WARSAW, SlaCommon, utc


@tagged("post_install", "-at_install")
class TestSlaCache(SlaCommon, TransactionCase):
    """Changes made by the transaction itself (the setup writes policies and
    holidays, as a configuring user would before filing a ticket).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_sla()
        cls.monday = cls.cal_warsaw.attendance_ids.filtered(
            lambda a: a.dayofweek == "0"
        )

    def reaction_deadline(self, *received):
        """Deadline of a new critical ticket of H2S Pro (4 business hours on
        the Warsaw calendar, 08-18 Monday to Friday).
        """
        ticket = self.make_ticket(
            "pro", utc(WARSAW, *received), self.kind_incident, CRITICAL
        )
        return self.clock(ticket, "reaction").deadline

    def test_attendance_edits_reach_the_next_clock(self):
        self.assertEqual(len(self.monday), 1)
        # Mon 16 Nov 16:00 + 4 h: two hours on Monday, two on Tuesday.
        self.assertEqual(
            self.reaction_deadline(2026, 11, 16, 16, 0),
            utc(WARSAW, 2026, 11, 17, 10, 0),
        )
        self.monday.hour_to = 20
        self.assertEqual(
            self.reaction_deadline(2026, 11, 16, 16, 0),
            utc(WARSAW, 2026, 11, 16, 20, 0),
        )
        # The same row again, in the same transaction (same write_date).
        self.monday.hour_to = 19
        self.assertEqual(
            self.reaction_deadline(2026, 11, 16, 16, 0), utc(WARSAW, 2026, 11, 17, 9, 0)
        )
        self.monday.unlink()
        self.assertEqual(
            self.reaction_deadline(2026, 11, 16, 16, 0),
            utc(WARSAW, 2026, 11, 17, 12, 0),
        )

    def test_global_time_off_added_then_deleted_reaches_the_next_clock(self):
        # Fri 13 Nov 17:00 + 4 h: one hour on Friday, three on Monday.
        friday = (2026, 11, 13, 17, 0)
        self.assertEqual(
            self.reaction_deadline(*friday), utc(WARSAW, 2026, 11, 16, 11, 0)
        )
        closure = self.env["resource.calendar.leaves"].create(
            {
                "name": "Company closure",
                "calendar_id": self.cal_warsaw.id,
                "date_from": utc(WARSAW, 2026, 11, 16, 0, 0),
                "date_to": utc(WARSAW, 2026, 11, 16, 23, 59, 59),
            }
        )
        self.assertEqual(
            self.reaction_deadline(*friday), utc(WARSAW, 2026, 11, 17, 11, 0)
        )
        closure.unlink()
        self.assertEqual(
            self.reaction_deadline(*friday), utc(WARSAW, 2026, 11, 16, 11, 0)
        )
        # Time off of no calendar counts on every calendar, as in Odoo.
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Everybody off",
                "calendar_id": False,
                "date_from": utc(WARSAW, 2026, 11, 16, 0, 0),
                "date_to": utc(WARSAW, 2026, 11, 16, 23, 59, 59),
            }
        )
        self.assertEqual(
            self.reaction_deadline(*friday), utc(WARSAW, 2026, 11, 17, 11, 0)
        )

    def test_personal_time_off_touches_no_cache(self):
        employee = self.env["resource.resource"].create(
            {"name": "Eve (SLA test)", "calendar_id": self.cal_warsaw.id}
        )
        engine = self.cal_warsaw._sla_engine(2026)
        IrModel = self.env["ir.model"]
        IrModel._get_id("res.partner")  # an unrelated ormcache entry
        versions = self.cal_warsaw._sla_engine_versions()
        leave = self.env["resource.calendar.leaves"].create(
            {
                "name": "Eve's day off",
                "calendar_id": self.cal_warsaw.id,
                "resource_id": employee.id,
                "date_from": utc(WARSAW, 2026, 11, 16, 0, 0),
                "date_to": utc(WARSAW, 2026, 11, 16, 23, 59, 59),
            }
        )
        leave.name = "Eve's day off, moved"
        self.env.flush_all()
        # Neither the registry's cache nor the engine was dropped (no flush
        # of the cursor: that would end the transaction's memo).
        with self.assertQueryCount(0, flush=False):
            self.assertIs(self.cal_warsaw._sla_engine(2026), engine)
            IrModel._get_id("res.partner")
        # Other workers see the same version: they keep their engine too.
        self.assertEqual(self.cal_warsaw._sla_engine_versions(), versions)
        leave.unlink()
        self.assertEqual(self.cal_warsaw._sla_engine_versions(), versions)
        with self.assertQueryCount(0, flush=False):
            self.assertIs(self.cal_warsaw._sla_engine(2026), engine)
        # The employee's time off does not move the customer's deadline.
        self.assertEqual(
            self.reaction_deadline(2026, 11, 13, 17, 0),
            utc(WARSAW, 2026, 11, 16, 11, 0),
        )

    def test_the_version_other_workers_read_follows_each_change(self):
        calendar = self.cal_warsaw
        seen = [calendar._sla_engine_versions()[calendar.id]]

        def changed():
            self.assertNotIn(calendar._sla_engine_versions()[calendar.id], seen)
            seen.append(calendar._sla_engine_versions()[calendar.id])

        self.monday.hour_from = 9
        changed()
        leave = self.env["resource.calendar.leaves"].create(
            {
                "name": "Closure",
                "calendar_id": calendar.id,
                "date_from": utc(WARSAW, 2026, 11, 16, 0, 0),
                "date_to": utc(WARSAW, 2026, 11, 16, 23, 59, 59),
            }
        )
        changed()
        # Deleting the closure brings back the version (and the engine) of
        # the calendar without it.
        leave.unlink()
        self.assertEqual(calendar._sla_engine_versions()[calendar.id], seen[1])
        # The other calendars' versions did not move with Warsaw's leave.
        prague = self.cal_prague._sla_engine_versions()
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Closure in Warsaw",
                "calendar_id": calendar.id,
                "date_from": utc(WARSAW, 2026, 11, 17, 0, 0),
                "date_to": utc(WARSAW, 2026, 11, 17, 23, 59, 59),
            }
        )
        self.assertEqual(self.cal_prague._sla_engine_versions(), prague)

    def test_target_edit_reaches_the_next_ticket(self):
        target = self.env["support.sla.target"].search(
            [("plan_id", "=", self.plans["pro"].id), ("priority", "=", CRITICAL)]
        )
        self.assertEqual(len(target), 1)
        index = target._sla_targets_of_plan(self.plans["pro"].id)
        target.amount = 2
        self.assertNotEqual(target._sla_targets_of_plan(self.plans["pro"].id), index)
        # Fri 13 Nov 17:00 + 2 h: one hour on Friday, one on Monday.
        self.assertEqual(
            self.reaction_deadline(2026, 11, 13, 17, 0),
            utc(WARSAW, 2026, 11, 16, 9, 0),
        )


@tagged("post_install", "-at_install")
class TestSlaSharedCache(TransactionCase):
    """A transaction that changed nothing: the engines of other transactions
    are found under their version, read in one query.
    """

    def test_second_clock_on_a_calendar_costs_one_version_query(self):
        self.assertFalse(sla_cache.is_dirty(self.env))
        calendar = self.env.ref("support_sla.calendar_warsaw_8_18")
        Clock = self.env["support.ticket.sla"]
        engine = Clock._sla_counting_calendar(calendar, "business_hours", 2026)
        # A commit starts with a flush, which forgets the transaction's own
        # memo: the next transaction reads the version, and only that.
        self.env.cr.flush()
        with self.assertQueryCount(1, flush=False):
            self.assertIs(
                Clock._sla_counting_calendar(calendar, "business_hours", 2026), engine
            )
            # Within one transaction the version is read once.
            self.assertIs(
                Clock._sla_counting_calendar(calendar, "business_days", 2026), engine
            )

    def test_target_index_is_shared_under_its_version(self):
        Target = self.env["support.sla.target"]
        index = Target._sla_target_index()
        self.env.cr.flush()
        with self.assertQueryCount(1, flush=False):
            self.assertIs(Target._sla_target_index(), index)
            self.assertIs(Target._sla_target_index(), index)
