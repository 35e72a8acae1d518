"""Run Odoo's own command line in this process and report the test counts.

Odoo prints "N failed, N error(s) of N tests" but not the skipped count, and a
log line is a poor interface.  This wrapper runs ``odoo.cli.main()`` unchanged,
then writes the registry's test report as JSON to ``$HALO_TEST_REPORT``.
"""

import json
import os
import sys


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
