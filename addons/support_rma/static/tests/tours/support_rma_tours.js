/* Copyright 2026 Halo Support Developers
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { haloScreenshot } from "@halo_support/../tests/tours/halo_tour_utils";

const tours = registry.category("web_tour.tours");

/* The customer follows the RMA of its ticket on the portal and finds the
 * return form (tests/test_tour_rma.py). */
tours.add("support_rma_portal_follow", {
    steps: () => [
        {
            content: "My account: tickets",
            trigger: "a[href='/my/tickets']",
            run: "click",
        },
        {
            trigger: "a:contains('Tour: the gateway is dead')",
            run: "click",
        },
        {
            content: "The ticket tells the decision and its reason",
            trigger: "div[name='ticket_support_returns']:contains('RMA authorised'):contains('under warranty until')",
        },
        {
            content: "… and offers the return form",
            trigger: "a[name='support_rma_return_form']",
        },
        haloScreenshot("portal_rma_on_ticket", "div[name='ticket_support_returns']"),
        {
            content: "Open the RMA",
            trigger: "div[name='ticket_support_returns'] a[href^='/my/rmas/']:not([name])",
            run: "click",
        },
        {
            content: "The RMA page of rma",
            trigger: "#wrap:contains('RMA0')",
        },
    ],
});

/* An agent records the failure analysis of a unit and authorises its RMA. */
tours.add("support_rma_agent_authorise", {
    steps: () => [
        ...stepUtils.goToAppSteps("halo_support.menu_support_root", "Open Support"),
        {
            trigger: ".o_data_row td[name='name']:contains('Tour: the gateway is dead')",
            run: "click",
        },
        {
            trigger: "button[name='action_support_new_analysis']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='symptoms'] textarea",
            run: "edit No power LED, no ping on the LAN port",
        },
        {
            trigger: ".o_field_widget[name='tests_done'] textarea",
            run: "edit Power supply swapped, factory reset tried",
        },
        {
            trigger: ".o_field_widget[name='result'] select",
            run: 'select "confirmed"',
        },
        {
            trigger: ".o_field_widget[name='cause'] select",
            run: 'select "product_fault"',
        },
        {
            trigger: "button[name='action_done']",
            run: "click",
        },
        {
            trigger: "button[name='action_decide']",
            run: "click",
        },
        {
            content: "Authorised, with the reason, and the RMA created",
            trigger: ".o_field_widget[name='decision_reason']:contains('RMA authorised')",
        },
        {
            trigger: ".o_field_widget[name='rma_id'] a, .o_field_widget[name='rma_id']:contains('RMA')",
        },
        haloScreenshot("backend_rma_authorised"),
    ],
});
