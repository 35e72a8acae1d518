from . import test_install
from . import test_entitlement
from . import test_contract
from . import test_security
from . import test_portal
from . import test_demo
from . import test_vendor_pack
from . import test_tour_portal
