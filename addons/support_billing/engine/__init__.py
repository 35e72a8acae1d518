# Pure pricing and ledger arithmetic: no Odoo import here, so that the
# functions can be tested without a database (tests/test_engine_*.py).
from . import ledger
from . import pricing
