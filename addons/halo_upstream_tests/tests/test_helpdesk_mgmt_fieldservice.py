# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""helpdesk_mgmt_fieldservice's own tests, rerun once our addons are loaded (see common.py)."""

from odoo.addons.helpdesk_mgmt_fieldservice.tests import (
    test_helpdesk_ticket_fsm_order,
)

from .common import rerun


@rerun(test_helpdesk_ticket_fsm_order.TestHelpdeskTicketFSMOrder)
class TestHelpdeskTicketFSMOrder(
    test_helpdesk_ticket_fsm_order.TestHelpdeskTicketFSMOrder
):
    """Reruns the OCA class unchanged."""
