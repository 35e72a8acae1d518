from . import support_agreement_wizard
from . import support_wallet_operation
from . import support_billing_statement_wizard
