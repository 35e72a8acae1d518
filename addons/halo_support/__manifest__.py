# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Halo Support: plans and contracts",
    "summary": "Support plans, customer contracts, authorised contacts, covered products and ticket entitlement",
    "version": "18.0.1.1.0",
    "category": "Helpdesk",
    "website": "https://github.com/halo-support/halo-support",
    "author": "Halo Support Developers",
    "license": "LGPL-3",
    "depends": ["helpdesk_mgmt", "helpdesk_type", "product"],
    "data": [
        "security/support_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/support_channel_data.xml",
        "data/helpdesk_ticket_type_data.xml",
        "views/support_plan_views.xml",
        "views/support_channel_views.xml",
        "views/support_contract_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/res_partner_views.xml",
        "views/portal_templates.xml",
        "wizards/support_vendor_pack_load_views.xml",
        "views/support_menus.xml",
        "wizards/support_entitlement_override_views.xml",
    ],
    "demo": ["data/halo_support_demo.xml"],
    "assets": {
        "web.assets_tests": ["halo_support/static/tests/tours/**/*"],
    },
    "installable": True,
}
