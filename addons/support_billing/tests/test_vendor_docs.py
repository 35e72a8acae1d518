# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""docs/vendors/<vendor>.md: one page per vendor, and the tests it names exist.

The pages name tests as Odoo test tags (`/addon:Class` or
`/addon:Class.method`); the test classes are found in the addons' test files
by reading them (ast), so that a page may name tests of an addon this
database does not have installed.
"""

import ast
import re
from pathlib import Path

from odoo.tests import BaseCase

from odoo.addons.halo_support.models.support_vendor_pack import VENDOR_CODES

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
LAYERS = ("halo_support", "support_sla", "support_billing")
# Addons a vendor may add to the three layers (hardware returns).
OPTIONAL_LAYERS = ("support_rma", "support_rma_sla")
TAG_RE = re.compile(r"`/(\w+):(\w+)(?:\.(\w+))?`")


def test_classes(addon):
    """{class name: (base names, method names)} of addons/<addon>/tests/."""
    classes = {}
    for path in sorted((ROOT / "addons" / addon / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", None)) for b in node.bases}
                methods = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
                classes[node.name] = (bases, methods)
    return classes


def has_method(classes, name, method):
    """The class defines the method, or one of its bases in the same tests."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in classes:
            continue
        seen.add(current)
        bases, methods = classes[current]
        if method in methods:
            return True
        todo.extend(bases)
    return False


class TestVendorDocs(BaseCase):
    def setUp(self):
        super().setUp()
        if not DOCS.is_dir():
            self.skipTest("addons installed outside the repository: no docs/")

    def test_every_vendor_has_its_page(self):
        index = (DOCS / "vendor-packs.md").read_text(encoding="utf-8")
        for vendor in VENDOR_CODES:
            with self.subTest(vendor=vendor):
                self.assertTrue((DOCS / "vendors" / f"{vendor}.md").is_file())
                self.assertIn(f"(vendors/{vendor}.md)", index)

    def test_every_test_a_page_names_exists(self):
        classes = {addon: test_classes(addon) for addon in LAYERS + OPTIONAL_LAYERS}
        for vendor in VENDOR_CODES:
            page = DOCS / "vendors" / f"{vendor}.md"
            tags = TAG_RE.findall(page.read_text(encoding="utf-8"))
            # every layer of the vendor is proved by tests of its addon
            named = {addon for addon, _c, _m in tags}
            self.assertLessEqual(set(LAYERS), named, vendor)
            self.assertLessEqual(named, set(LAYERS + OPTIONAL_LAYERS), vendor)
            for addon, name, method in tags:
                tag = f"/{addon}:{name}" + (f".{method}" if method else "")
                with self.subTest(vendor=vendor, test=tag):
                    self.assertIn(name, classes[addon])
                    if method:
                        self.assertTrue(has_method(classes[addon], name, method))
