# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# The entitlement rules as pure functions: no Odoo import here, so that they
# are tested without a database (tests/test_engine_entitlement.py).
from . import entitlement
from . import commercial
