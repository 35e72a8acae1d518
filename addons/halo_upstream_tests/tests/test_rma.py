# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""rma's own tests, rerun once our addons (support_rma included) are loaded
(see common.py)."""

from odoo.addons.rma.tests import test_rma, test_rma_dashboard, test_rma_operation

from .common import rerun


@rerun(test_rma.TestRmaCase)
class TestRmaCase(test_rma.TestRmaCase):
    """Reruns the OCA class unchanged."""


@rerun(test_rma_dashboard.TestRmaDashboard)
class TestRmaDashboard(test_rma_dashboard.TestRmaDashboard):
    """Reruns the OCA class unchanged."""


@rerun(test_rma_operation.TestRmaOperation)
class TestRmaOperation(test_rma_operation.TestRmaOperation):
    """Reruns the OCA class unchanged."""
