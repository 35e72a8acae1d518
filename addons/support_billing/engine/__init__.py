# Pure pricing and ledger arithmetic: no Odoo import here, so that the
# functions can be tested without a database (tests/engines/).
from . import ledger
from . import pricing
