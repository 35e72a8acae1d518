# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Support Billing",
    "summary": "Credit wallets, billable time, success fees, onsite visits and invoices for support contracts",
    "version": "18.0.1.0.0",
    "category": "Helpdesk",
    "website": "https://github.com/halo-support/halo-support",
    "author": "Halo Support Developers",
    "license": "LGPL-3",
    "depends": [
        "halo_support",
        "helpdesk_mgmt_timesheet",
        "helpdesk_mgmt_fieldservice",
        "fieldservice_account",
        "contract",
        "account",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
