from . import test_engine_rma_decision
from . import test_vendor_sangoma
from . import test_portal_returns
from . import test_tour_rma
from . import test_reports
from . import test_demo
