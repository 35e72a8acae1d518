# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""helpdesk_mgmt's own tests, rerun once our addons are loaded (see common.py)."""

from odoo.addons.helpdesk_mgmt.tests import (
    test_helpdesk_category_hierarchy,
    test_helpdesk_fetchmail,
    test_helpdesk_portal,
    test_helpdesk_ticket,
    test_helpdesk_ticket_team,
    test_js,
    test_res_partner,
)

from .common import rerun


@rerun(test_helpdesk_category_hierarchy.TestHelpdeskCategoryHierarchy)
class TestHelpdeskCategoryHierarchy(
    test_helpdesk_category_hierarchy.TestHelpdeskCategoryHierarchy
):
    """Reruns the OCA class unchanged."""


@rerun(test_helpdesk_fetchmail.TestHelpdeskFetchmail)
class TestHelpdeskFetchmail(test_helpdesk_fetchmail.TestHelpdeskFetchmail):
    """Reruns the OCA class unchanged."""


@rerun(test_helpdesk_portal.TestHelpdeskPortal)
class TestHelpdeskPortal(test_helpdesk_portal.TestHelpdeskPortal):
    """Reruns the OCA class unchanged."""


@rerun(test_helpdesk_ticket.TestHelpdeskTicket)
class TestHelpdeskTicket(test_helpdesk_ticket.TestHelpdeskTicket):
    """Reruns the OCA class unchanged."""


@rerun(test_helpdesk_ticket_team.TestHelpdeskTicketTeam)
class TestHelpdeskTicketTeam(test_helpdesk_ticket_team.TestHelpdeskTicketTeam):
    """Reruns the OCA class unchanged."""


@rerun(test_js.TestHelpdesMgmtJs)
class TestHelpdesMgmtJs(test_js.TestHelpdesMgmtJs):
    """Reruns the OCA class unchanged."""


@rerun(test_res_partner.TestPartner)
class TestPartner(test_res_partner.TestPartner):
    """Reruns the OCA class unchanged."""
