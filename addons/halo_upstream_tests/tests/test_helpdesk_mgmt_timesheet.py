# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""helpdesk_mgmt_timesheet's own tests, rerun once our addons are loaded (see common.py)."""

from odoo.addons.helpdesk_mgmt_timesheet.tests import (
    test_helpdesk_mgmt_timesheet,
    test_helpdesk_portal,
    test_helpdesk_timesheet_time_control,
)

from .common import rerun


@rerun(test_helpdesk_mgmt_timesheet.TestHelpdeskMgmtTimesheet)
class TestHelpdeskMgmtTimesheet(test_helpdesk_mgmt_timesheet.TestHelpdeskMgmtTimesheet):
    """Reruns the OCA class unchanged."""


@rerun(test_helpdesk_portal.TestHelpdeskPortal)
class TestHelpdeskPortal(test_helpdesk_portal.TestHelpdeskPortal):
    """Reruns the OCA class unchanged."""


@rerun(test_helpdesk_timesheet_time_control.TestHelpdeskTimesheetTimeControl)
class TestHelpdeskTimesheetTimeControl(
    test_helpdesk_timesheet_time_control.TestHelpdeskTimesheetTimeControl
):
    """Reruns the OCA class unchanged."""
