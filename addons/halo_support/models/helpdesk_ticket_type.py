# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# The technical kinds of request the SLA and billing addons rely on.
REQUEST_CATEGORIES = [
    ("incident", "Incident"),
    ("bug", "Bug"),
    ("service_request", "Service request"),
    ("change", "Change"),
    ("consultation", "Consultation"),
    ("configuration", "Configuration work"),
    ("hardware_rma", "Hardware defect / RMA"),
    ("complaint", "Complaint"),
    ("maintenance", "Regular check / maintenance"),
]


class HelpdeskTicketType(models.Model):
    _inherit = "helpdesk.ticket.type"

    support_category = fields.Selection(
        selection=REQUEST_CATEGORIES,
        string="Request category",
        help="Technical kind of the request, used by SLA targets and billing: "
        "incident (the service is disrupted), bug (the product does not work "
        "as documented), service request (information, advice, standard "
        "change, access), change (add, remove or modify a component), "
        "consultation, configuration work (a professional service), hardware "
        "defect / RMA, complaint about the support itself, regular check or "
        "maintenance planned with the customer (e.g. a yearly check of the system).",
    )
    description = fields.Text(translate=True)
