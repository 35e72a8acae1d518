from . import test_install
from . import test_billable_time
from . import test_wallet
from . import test_success_fee
from . import test_onsite
from . import test_recurring
from . import test_billing_run
from . import test_concurrency
