# Copyright 2026 Halo Support Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Halo Support: hardware returns",
    "summary": "Failure analysis of a covered unit, the RMA decision by the warranty "
    "and the terms of use, and the OCA RMA it authorises, linked to the ticket",
    "version": "18.0.1.0.0",
    "category": "Helpdesk",
    "website": "https://github.com/halo-support/halo-support",
    "author": "Halo Support Developers",
    # AGPL because it extends OCA rma (AGPL-3); the other addons stay LGPL.
    "license": "AGPL-3",
    "depends": ["halo_support", "rma"],
    "data": [
        "security/ir.model.access.csv",
        "security/support_rma_security.xml",
        "data/rma_operation_data.xml",
        "views/support_failure_analysis_views.xml",
        "views/support_device_backup_views.xml",
        "views/support_contract_product_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/rma_views.xml",
        "views/product_template_views.xml",
        "views/support_plan_views.xml",
        "views/portal_templates.xml",
        "views/support_rma_menus.xml",
    ],
    "demo": ["demo/support_rma_demo.xml"],
    "assets": {
        "web.assets_tests": ["support_rma/static/tests/tours/**/*"],
    },
    "installable": True,
}
