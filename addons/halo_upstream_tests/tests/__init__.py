from . import test_every_suite
from . import test_helpdesk_mgmt
from . import test_helpdesk_type
from . import test_helpdesk_mgmt_timesheet
from . import test_helpdesk_mgmt_fieldservice
from . import test_fieldservice
from . import test_contract
from . import test_rma
