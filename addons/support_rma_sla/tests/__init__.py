from . import test_vendor_infotel
