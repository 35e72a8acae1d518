/* Copyright 2026 Halo Support Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { haloScreenshot } from "./halo_tour_utils";

/* The plan's head decides a complaint from the ticket; the customer is told
 * (tests/test_tour_complaint.py). */
registry.category("web_tour.tours").add("halo_support_head_decides_complaint", {
    steps: () => [
        ...stepUtils.goToAppSteps("halo_support.menu_support_root", "Open Support"),
        {
            trigger: ".o_data_row td[name='name']:contains('Tour: nobody answered for a week')",
            run: "click",
        },
        {
            trigger: "button[name='action_open_complaint_decide']",
            run: "click",
        },
        {
            content: "Rejected",
            trigger: ".modal .o_field_widget[name='decision'] label:contains('Rejected')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='reasoning'] textarea",
            run: "edit The answer came within the term of the package, on the 3rd.",
        },
        haloScreenshot("backend_complaint_decision", ".modal"),
        {
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The decision is on the ticket",
            trigger: ".o_field_widget[name='complaint_decision']:contains('Rejected')",
        },
        {
            trigger: ".o_form_view:not(:has(button[name='action_open_complaint_decide']))",
        },
    ],
});
