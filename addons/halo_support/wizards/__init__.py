from . import support_entitlement_override
