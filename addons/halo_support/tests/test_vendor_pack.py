# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The vendor-pack framework: files, idempotent loading, loading alone, wizard."""

import re

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools.misc import file_open

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

from ..models.support_vendor_pack import VENDOR_CODES


class _RollBack(Exception):
    """Undoes a savepoint on purpose."""


REF_IN_EVAL = re.compile(r"""ref\(\s*['"]([\w.]+)['"]\s*\)""")


def pack_xml_ids(env, vendor):
    """(ids the vendor's files define, ids they refer to), all as module.name."""
    defined, used = set(), set()
    for module, path in env["support.vendor.pack"]._vendor_pack_files(vendor):

        def full(xid, module=module):
            return xid if "." in xid else f"{module}.{xid}"

        with file_open(f"{module}/{path}", "rb") as fp:
            root = etree.parse(fp).getroot()
        for node in root.iter("record"):
            # Updates of other modules' records (base.PLN) belong to no pack.
            if "." not in node.get("id"):
                defined.add(full(node.get("id")))
        for node in root.iter():
            if node.get("ref"):
                used.add(full(node.get("ref")))
            for attr in ("eval", "search"):
                used.update(full(x) for x in REF_IN_EVAL.findall(node.get(attr) or ""))
    return defined, used


@tagged("post_install", "-at_install")
class TestVendorPack(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.Pack = cls.env["support.vendor.pack"]

    def _snapshot(self):
        """Rows of every table the packs touch, and the pack's xml ids."""
        counts = {}
        for model in (
            "ir.model.data",
            "res.partner",
            "res.currency",
            "product.category",
            "product.product",
            "support.plan",
            "support.platform",
            "support.channel",
            "helpdesk.ticket.type",
        ):
            counts[model] = (
                self.env[model].with_context(active_test=False).search_count([])
            )
        return counts

    def test_files_exist_and_are_halo_support_first(self):
        for vendor in VENDOR_CODES:
            files = self.Pack._vendor_pack_files(vendor)
            self.assertEqual(files[0], ("halo_support", f"data/vendors/{vendor}.xml"))
            for module, path in files:
                with file_open(f"{module}/{path}", "rb") as fp:
                    self.assertTrue(fp.read(), f"{module}/{path} is empty")

    def test_unknown_vendor_refused(self):
        with self.assertRaisesRegex(UserError, "Vendors: acme is not a known vendor"):
            self.Pack._load_vendor_packs(["acme"])

    def test_load_twice_creates_nothing(self):
        for vendor in VENDOR_CODES:
            with self.subTest(vendor=vendor):
                self.Pack._load_vendor_packs([vendor])
                before = self._snapshot()
                self.Pack._load_vendor_packs([vendor])
                self.assertEqual(self._snapshot(), before)
                defined, _used = pack_xml_ids(self.env, vendor)
                for xid in defined:
                    self.assertTrue(self.env.ref(xid, raise_if_not_found=False), xid)

    def test_load_restores_published_terms(self):
        plan = self.env.ref("halo_support.plan_h2s_free")
        plan.code = "EDITED"
        self.Pack._load_vendor_packs(["halo_kwadrat"])
        self.assertEqual(plan.code, "H2S-FREE")

    def test_refs_stay_within_the_vendor(self):
        """A vendor's files refer only to their own records and to module data."""
        packs = {vendor: pack_xml_ids(self.env, vendor) for vendor in VENDOR_CODES}
        for vendor, (defined, used) in packs.items():
            others = (
                set().union(*(d for v, (d, _u) in packs.items() if v != vendor))
                - defined
            )
            with self.subTest(vendor=vendor):
                self.assertFalse(used & others)

    def test_each_vendor_loads_alone(self):
        """With the other vendors' xml ids unknown, each vendor still loads."""
        packs = {vendor: pack_xml_ids(self.env, vendor)[0] for vendor in VENDOR_CODES}
        Data = self.env["ir.model.data"].sudo()
        for vendor in VENDOR_CODES:
            others = set().union(*(d for v, d in packs.items() if v != vendor))
            others -= packs[vendor]
            self.assertTrue(others)
            with self.subTest(vendor=vendor):
                with self.assertRaises(_RollBack), self.env.cr.savepoint():
                    names = [xid.split(".", 1) for xid in others]
                    Data.search([("module", "in", [m for m, _n in names])]).filtered(
                        lambda d, n=names: [d.module, d.name] in n
                    ).unlink()
                    for xid in others:
                        self.assertFalse(
                            self.env.ref(xid, raise_if_not_found=False), xid
                        )
                    self.Pack._load_vendor_packs([vendor])
                    for xid in packs[vendor]:
                        self.assertTrue(
                            self.env.ref(xid, raise_if_not_found=False), xid
                        )
                    self.assertTrue(self.Pack._vendor_pack_is_loaded(vendor))
                    raise _RollBack()
                self.env.invalidate_all()

    def test_wizard_loads_ticked_vendors(self):
        manager = new_test_user(
            self.env,
            login="pack_manager",
            groups="halo_support.group_support_manager",
        )
        # A database without Webitel: the wizard ticks it, and only it.
        self.env["ir.model.data"].search(
            [("module", "=", "halo_support"), ("name", "=", "vendor_webitel")]
        ).unlink()
        wizard = self.env["support.vendor.pack.load"].with_user(manager).create({})
        self.assertEqual(wizard.line_ids.mapped("vendor"), list(VENDOR_CODES))
        self.assertEqual(
            {ln.vendor: (ln.loaded, ln.selected) for ln in wizard.line_ids},
            {code: (code != "webitel", code == "webitel") for code in VENDOR_CODES},
        )
        result = wizard.action_load()
        self.assertEqual(result["params"]["message"], "Webitel (UA)")
        self.assertTrue(self.Pack._vendor_pack_is_loaded("webitel"))
        # Loading again creates nothing new.
        wizard = self.env["support.vendor.pack.load"].with_user(manager).create({})
        self.assertFalse(wizard.line_ids.filtered("selected"))
        with self.assertRaisesRegex(UserError, "Vendors: tick at least one vendor"):
            wizard.action_load()
        wizard.line_ids.filtered(lambda ln: ln.vendor == "webitel").selected = True
        before = self._snapshot()
        wizard.action_load()
        self.assertEqual(self._snapshot(), before)

    def test_wizard_form_keeps_the_vendors(self):
        """Through the form view, as the web client sends it."""
        form = Form(self.env["support.vendor.pack.load"])
        for index in range(len(VENDOR_CODES)):
            with form.line_ids.edit(index) as line:
                line.selected = line.vendor == "sangoma"
        wizard = form.save()
        self.assertEqual(wizard.line_ids.mapped("vendor"), list(VENDOR_CODES))
        result = wizard.action_load()
        self.assertEqual(result["params"]["message"], "Sangoma")

    def test_wizard_managers_only(self):
        user = new_test_user(
            self.env, login="pack_user", groups="halo_support.group_support_user"
        )
        with self.assertRaises(AccessError):
            self.env["support.vendor.pack.load"].with_user(user).create({})
