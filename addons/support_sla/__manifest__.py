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
        "security/support_sla_security.xml",
        "data/support_sla_category_data.xml",
        "data/resource_calendar_data.xml",
        "data/mail_data.xml",
        "data/ir_cron_data.xml",
        "views/support_sla_policy_views.xml",
        "views/support_ticket_sla_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/resource_calendar_views.xml",
        "views/support_sla_wizard_views.xml",
        "views/support_plan_views.xml",
        "report/support_sla_report_views.xml",
        "views/support_complaint_report_views.xml",
        "views/support_sla_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/support_sla_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["support_sla/static/tests/tours/**/*"],
    },
    "installable": True,
}
