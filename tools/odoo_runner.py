"""Run Odoo's own command line in this process and report the test counts.

Odoo prints "N failed, N error(s) of N tests" but not the skipped count, and a
log line is a poor interface.  This wrapper runs ``odoo.cli.main()`` unchanged,
then writes the registry's test report as JSON to ``$HALO_TEST_REPORT``.

With ``HALO_TESTS_IN_FULL_REGISTRY=1`` it runs the selected modules' at_install
tests *after* every installed module is loaded, next to their post_install
tests.  Odoo normally runs at_install tests while the registry is still being
built, before the modules that depend on them are loaded; running them in the
complete registry is how we check that our addons do not break the behaviour
of the OCA addons they extend.
"""

import json
import os
import sys


def _run_at_install_in_full_registry():
    from odoo.tests import loader

    original = loader.make_suite

    def make_suite(module_names, position="at_install"):
        if position == "at_install":
            return loader.OdooSuite([])
        at_install = original(module_names, "at_install")
        post_install = original(module_names, "post_install")
        return loader.OdooSuite(
            sorted([*at_install, *post_install], key=lambda t: t.test_sequence)
        )

    loader.make_suite = make_suite


def _write_report(path):
    from odoo.modules.registry import Registry

    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for _db, registry in Registry.registries.d.items():
        report = registry._assertion_report
        if report is None:
            continue
        totals["tests"] += report.testsRun
        totals["failures"] += report.failures_count
        totals["errors"] += report.errors_count
        totals["skipped"] += report.skipped
    with open(path, "w") as handle:
        json.dump(totals, handle)


def main():
    import odoo.cli

    if os.environ.get("HALO_TESTS_IN_FULL_REGISTRY") == "1":
        _run_at_install_in_full_registry()
    sys.argv = ["odoo", *sys.argv[1:]]
    code = 0
    try:
        odoo.cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    report_path = os.environ.get("HALO_TEST_REPORT")
    if report_path:
        _write_report(report_path)
    sys.exit(code)


if __name__ == "__main__":
    main()
