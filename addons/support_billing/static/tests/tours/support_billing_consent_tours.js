/* Copyright 2026 Halo Support Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import { registry } from "@web/core/registry";
import { haloBackToMyTickets, haloScreenshot } from "@halo_support/../tests/tours/halo_tour_utils";

const tours = registry.category("web_tour.tours");

/* The free time ran out on a cause on the customer's side: the customer
 * agrees to paid work on the ticket page (tests/test_tour_consent.py). */
tours.add("support_billing_portal_consent", {
    steps: () => [
        {
            trigger: "a[href='/my/tickets']",
            run: "click",
        },
        {
            trigger: "a:contains('Tour: calls drop behind our router')",
            run: "click",
        },
        {
            content: "The ticket asks for the consent",
            trigger:
                "div[name='support_consent_requested']:contains('free support of this request is used up')",
        },
        {
            content: "… as did the email, in the ticket's conversation",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('Do you agree to paid work')",
        },
        haloScreenshot("portal_paid_work_consent", "div[name='support_billing_actions']"),
        {
            trigger: "button[name='support_agree_paid_work']",
            run: "click",
        },
        {
            content: "The consent is recorded",
            trigger: "div[name='support_consent_accepted']:contains('Paid work agreed on')",
        },
        {
            trigger: "body:not(:has(button[name='support_refuse_paid_work']))",
        },
        ...haloBackToMyTickets("Tour: calls drop behind our router"),
    ],
});

/* A request filed before the contract's first payment is kept and says why
 * it waits. */
tours.add("support_billing_portal_awaiting_payment", {
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
            trigger: "input[name='subject']",
            run: "edit Tour: our new 3CX does not register",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit The phones do not register since the installation.",
        },
        {
            trigger: "button[type='submit']:contains('Submit Ticket')",
            run: "click",
        },
        {
            content: "The ticket names the signed contract",
            trigger: "div[name='ticket_support_contract']:contains('SUP-TOUR-H2S-PRO')",
        },
        {
            content: "… and why it is not worked yet",
            trigger:
                "div[name='ticket_entitlement']:contains('is signed; its support starts once its first invoice is paid')",
        },
        haloScreenshot("portal_awaiting_first_payment", "div[name='ticket_entitlement']"),
        ...haloBackToMyTickets("Tour: our new 3CX does not register"),
    ],
});
