# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Halo Support: hardware returns on the SLA clocks",
    "summary": "The replacement's delivery and the restore from backup start and "
    "stop the SLA clocks of hardware returns",
    "version": "18.0.1.0.0",
    "category": "Helpdesk",
    "website": "https://github.com/halo-support/halo-support",
    "author": "Halo Support Developers",
    "license": "AGPL-3",
    "depends": ["support_rma", "support_sla"],
    "data": ["views/support_rma_sla_views.xml"],
    "auto_install": True,
    "installable": True,
}
