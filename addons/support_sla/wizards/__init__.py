from . import support_sla_event_wizard
from . import support_sla_extend_wizard
from . import support_sla_report_export
