/* Copyright 2026 Halo Support Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import {
    haloBackToMyTickets,
    haloPortalChatterLoaded,
    haloScreenshot,
} from "@halo_support/../tests/tours/halo_tour_utils";

/* The customer submits a request on the portal and reads the deadlines we
 * owe them (tests/test_tour_sla.py). */
registry.category("web_tour.tours").add("support_sla_portal_deadlines", {
    steps: () => [
        {
            trigger: "a[href='/my/tickets']",
            run: "click",
        },
        {
            trigger: "button[name='create_new_ticket']",
            run: "click",
        },
        {
            trigger: "select[name='support_product_line']",
            run: "selectByLabel TOUR-GW-7",
        },
        {
            trigger: "input[name='subject']",
            run: "edit Tour: calls drop after 30 seconds",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit Every outgoing call through the gateway drops after 30 seconds.",
        },
        {
            trigger: "button[type='submit']:contains('Submit Ticket')",
            run: "click",
        },
        {
            content: "The reaction deadline is shown",
            trigger:
                "div[name='ticket_sla'] li[data-metric='reaction'][data-state='running'] .o_support_sla_deadline",
        },
        {
            content: "… and the restore deadline",
            trigger:
                "div[name='ticket_sla'] li[data-metric='restore'][data-state='running'] .o_support_sla_deadline",
        },
        haloPortalChatterLoaded(),
        haloScreenshot("portal_ticket_sla"),
        ...haloBackToMyTickets("Tour: calls drop after 30 seconds"),
    ],
});

/* An agent answers the customer (the reaction term is met) and puts the
 * ticket in a waiting stage (the other clocks pause). */
registry.category("web_tour.tours").add("support_sla_agent_reply_pause", {
    steps: () => [
        ...stepUtils.goToAppSteps("halo_support.menu_support_root", "Open Support"),
        {
            content: "Open the ticket",
            trigger: ".o_data_row td[name='name']:contains('Tour: phones reboot every hour')",
            run: "click",
        },
        {
            content: "The reaction clock runs",
            trigger: ".o_field_widget[name='sla_status']:contains('On track')",
        },
        {
            content: "Reply to the customer",
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "edit We are looking at the phones now; please keep one of them powered on.",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: ".o-mail-Message:contains('We are looking at the phones')",
        },
        {
            content: "Waiting for the customer",
            trigger: ".o_statusbar_status button:contains('Awaiting')",
            run: "click",
        },
        {
            content: "The remaining clock is paused",
            trigger: ".o_field_widget[name='sla_status']:contains('Paused')",
        },
        {
            trigger: ".o_notebook_headers a[name='sla_clocks']",
            run: "click",
        },
        {
            content: "The reaction term is met",
            trigger:
                ".o_field_widget[name='sla_ids'] .o_data_row:contains('Reaction'):contains('Met')",
        },
        {
            trigger:
                ".o_field_widget[name='sla_ids'] .o_data_row:contains('Restore'):contains('Paused')",
        },
        haloScreenshot("backend_ticket_sla"),
    ],
});
