# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Halo Support: OCA suites with the product installed",
    "summary": "Test-only module: reruns the OCA addons' own tests once our three addons are loaded",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/halo-support/halo-support",
    "author": "Halo Support Developers",
    "license": "LGPL-3",
    "depends": [
        "halo_support",
        "support_sla",
        "support_billing",
        "support_rma",
        "helpdesk_mgmt",
        "helpdesk_type",
        "helpdesk_mgmt_timesheet",
        "helpdesk_mgmt_fieldservice",
        "fieldservice",
        "contract",
        "rma",
    ],
    "data": [],
    "installable": True,
}
