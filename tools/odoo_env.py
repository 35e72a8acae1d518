"""Run a Python script with an Odoo environment on an existing database.

Used by ``make bench``: ``python3 tools/odoo_env.py SCRIPT --db NAME ...``
loads the registry once and calls ``SCRIPT.main(env)`` inside a cursor that is
rolled back at the end (benchmarks leave the database as they found it unless
they commit on purpose).
"""

import argparse
import importlib.util
import os
import sys

import odoo
from odoo.modules.registry import Registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("script")
    parser.add_argument("--db", required=True)
    parser.add_argument("--db_host", default="")
    parser.add_argument("--db_port", default="")
    parser.add_argument("--db_user", default="")
    parser.add_argument("--db_password", default="")
    parser.add_argument("--data-dir", default="")
    options = parser.parse_args()
    odoo.tools.config.parse_config(
        [
            f"--addons-path={os.path.join(ROOT, 'addons')}",
            f"--db_host={options.db_host}",
            f"--db_port={options.db_port}",
            f"--db_user={options.db_user}",
            f"--db_password={options.db_password}",
            f"--data-dir={options.data_dir}",
            "--log-level=warn",
        ]
    )
    spec = importlib.util.spec_from_file_location("bench_script", options.script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    registry = Registry(options.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            module.main(env)
        finally:
            cr.rollback()


if __name__ == "__main__":
    sys.exit(main())
