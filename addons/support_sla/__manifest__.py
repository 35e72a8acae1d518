# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Support SLA",
    "summary": "Business-calendar SLA policies and clocks on helpdesk tickets",
    "version": "18.0.1.0.0",
    "category": "Helpdesk",
    "website": "https://github.com/halo-support/halo-support",
    "author": "Halo Support Developers",
    "license": "LGPL-3",
    "depends": ["halo_support", "resource"],
    "external_dependencies": {"python": ["holidays", "xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
