import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The pure engines live inside the addons (like queue_job's jobrunner) and
# import nothing of Odoo: make them importable without an Odoo registry.
for path in (os.path.join(ROOT, "tools"), os.path.join(ROOT, "tests"), ROOT):
    if path not in sys.path:
        sys.path.insert(0, path)
