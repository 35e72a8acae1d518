# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""docs/architecture.md names hooks: each of them exists."""

import re
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from odoo.addons.halo_support.controllers.main import (
    HelpdeskTicketControllerSupport as Portal,
)

DOC = Path(__file__).resolve().parents[3] / "docs" / "architecture.md"


@tagged("post_install", "-at_install")
class TestArchitectureDoc(TransactionCase):
    def test_every_hook_named_exists(self):
        if not DOC.parent.is_dir():
            self.skipTest("addons installed outside the repository: no docs/")
        text = DOC.read_text(encoding="utf-8")
        qualified = re.findall(r"`([a-z_]+(?:\.[a-z_]+)+)\.(_[a-z_]+)", text)
        self.assertGreaterEqual(len(qualified), 15, "the page names its hooks")
        for model, method in qualified:
            with self.subTest(hook=f"{model}.{method}"):
                self.assertIn(model, self.env.registry)
                self.assertTrue(callable(getattr(self.env[model], method, None)))
        bare = set(re.findall(r"`(_[a-z_]+)", text)) - {m for _, m in qualified}
        models = [self.env[name] for name in self.env.registry]
        for method in sorted(bare):
            with self.subTest(hook=method):
                self.assertTrue(
                    hasattr(Portal, method)
                    or any(hasattr(model, method) for model in models),
                    method,
                )
