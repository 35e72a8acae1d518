import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The integration tests drive a real server with the harness's own helpers
# (tools/harness.py, tools/pgcluster.py).  The pure engines' tests live in
# the addons (addons/*/tests/test_engine_*.py) and run under Odoo's runner.
path = os.path.join(ROOT, "tools")
if path not in sys.path:
    sys.path.insert(0, path)
