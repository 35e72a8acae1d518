# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""rma's own tests, rerun once our addons (support_rma included) are loaded
(see common.py)."""

import unittest

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
    """Reruns the OCA class, but one test that fails upstream."""

    def test_15(self):
        # Fails in a database with rma alone on this Odoo 18.0 build (checked:
        # `-i rma --test-tags /rma:TestRmaOperation.test_15`): the return's
        # `to_refund` is not carried to the reception move. Not ours, and
        # Odoo's runner logs an expected failure as an error.
        raise unittest.SkipTest(
            "OCA rma test_15 fails with rma alone on this Odoo build (to_refund "
            "of the return's reception move)"
        )
