from . import helpdesk_ticket
from . import rma
