from . import test_sla_policies
from . import test_sla_clocks
from . import test_sla_config
from . import test_sla_oracle
from . import test_vendor_halo_kwadrat
from . import test_vendor_infotel
from . import test_vendor_oktell
from . import test_vendor_webitel
