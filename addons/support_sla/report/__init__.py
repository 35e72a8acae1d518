from . import support_sla_report
