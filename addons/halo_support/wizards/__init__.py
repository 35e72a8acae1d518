from . import support_entitlement_override
from . import support_vendor_pack_load
from . import support_request_refuse
from . import support_complaint_decide
