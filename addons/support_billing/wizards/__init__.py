from . import support_agreement_wizard
from . import support_wallet_operation
from . import support_billing_statement_wizard
from . import helpdesk_ticket_duplicate_wizard
