# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Halo Support: plans and contracts",
    "summary": "Support plans, customer contracts, authorised contacts, covered products and ticket entitlement",
    "version": "18.0.1.0.0",
    "category": "Helpdesk",
    "website": "https://github.com/halo-support/halo-support",
    "author": "Halo Support Developers",
    "license": "LGPL-3",
    "depends": ["helpdesk_mgmt", "helpdesk_type"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
