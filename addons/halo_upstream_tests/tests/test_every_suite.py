# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every OCA test class has its rerun here, with the same test methods."""

from odoo.tests import BaseCase, tagged
from odoo.tests.loader import get_module_test_cases, get_test_modules

from .common import UPSTREAM_ADDONS


def loaded_tests(addon):
    """{test class: names of the test methods} as Odoo's loader runs them."""
    tests = {}
    for module in get_test_modules(addon):
        for case in get_module_test_cases(module):
            tests.setdefault(type(case), set()).add(case._testMethodName)
    return tests


@tagged("post_install", "-at_install", "halo_upstream")
class TestEveryOcaSuiteRerun(BaseCase):
    def test_every_oca_test_class_is_rerun(self):
        ours = {
            cls.upstream_class: names
            for cls, names in loaded_tests("halo_upstream_tests").items()
            if hasattr(cls, "upstream_class")
        }
        for addon in UPSTREAM_ADDONS:
            for upstream, names in loaded_tests(addon).items():
                with self.subTest(
                    test_class=f"{upstream.__module__}.{upstream.__name__}"
                ):
                    self.assertTrue(
                        upstream in ours,
                        f"no rerun in halo_upstream_tests/tests/test_{addon}.py",
                    )
                    self.assertEqual(ours[upstream], names)
