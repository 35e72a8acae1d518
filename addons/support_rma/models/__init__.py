from . import product_template
from . import support_contract_product
from . import support_device_backup
from . import support_failure_analysis
from . import rma
from . import helpdesk_ticket
from . import support_plan
from . import stock_move
