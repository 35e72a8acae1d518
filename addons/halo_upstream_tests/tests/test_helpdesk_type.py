# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""helpdesk_type's own tests, rerun once our addons are loaded (see common.py)."""

from odoo.addons.helpdesk_type.tests import (
    test_helpdesk_type,
)

from .common import rerun


@rerun(test_helpdesk_type.TestHelpdeskType)
class TestHelpdeskType(test_helpdesk_type.TestHelpdeskType):
    """Reruns the OCA class unchanged."""
