from . import portal
from . import contract_portal
