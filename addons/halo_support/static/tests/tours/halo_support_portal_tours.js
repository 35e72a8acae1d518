/* Copyright 2026 Halo Support Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import { registry } from "@web/core/registry";
import { haloBackToMyTickets, haloScreenshot } from "./halo_tour_utils";

/* An authorised contact opens a request on the portal against their contract
 * and a covered product (tests/test_tour_portal.py). */
registry.category("web_tour.tours").add("halo_support_portal_submit", {
    steps: () => [
        {
            content: "My account: tickets",
            trigger: "a[href='/my/tickets']",
            run: "click",
        },
        {
            content: "New ticket",
            trigger: "button[name='create_new_ticket']",
            run: "click",
        },
        {
            content: "The only contract the contact may use is chosen",
            trigger: "select[name='support_contract']:has(option:selected:contains('Tour Free'))",
        },
        {
            content: "Choose the covered product",
            trigger: "select[name='support_product_line']",
            run: "selectByLabel TOUR-CARD-1",
        },
        {
            trigger: "input[name='subject']",
            run: "edit Tour: no dial tone on the card",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit Since this morning the card gives no dial tone on port 2.",
        },
        haloScreenshot("portal_new_ticket"),
        {
            content: "Submit",
            trigger: "button[type='submit']:contains('Submit Ticket')",
            run: "click",
        },
        {
            content: "The ticket page names the contract",
            trigger: "div[name='ticket_support_contract']:contains('SUP-TOUR-')",
        },
        {
            content: "… the product",
            trigger: "div[name='ticket_support_product']:contains('TOUR-CARD-1')",
        },
        {
            content: "… and the coverage",
            trigger: "div[name='ticket_entitlement']:contains('Covered')",
        },
        ...haloBackToMyTickets("Tour: no dial tone on the card"),
    ],
});

/* A contact who is not authorised is told why, on the form and on the
 * ticket, and the request is kept. */
registry.category("web_tour.tours").add("halo_support_portal_unauthorised", {
    steps: () => [
        {
            content: "My account: support contracts",
            trigger: "a[href='/my/support/contracts']",
            run: "click",
        },
        {
            trigger: "a.o_support_contract_link:contains('SUP-TOUR-')",
            run: "click",
        },
        {
            content: "The contract page says the contact is not authorised",
            trigger: "#support_contract_not_authorised",
        },
        {
            trigger: "#support_contract_contacts:contains('Alice Tour')",
        },
        {
            content: "Open the ticket form anyway",
            trigger: "body",
            run: "goToUrl /new/ticket",
        },
        {
            content: "The contract cannot be chosen",
            trigger: "select[name='support_contract']:has(option:disabled:contains('(not authorised)'))",
        },
        {
            content: "… and the form tells why and whom to ask",
            trigger: ".o_support_not_authorised:contains('not an authorised contact'):contains('Alice Tour')",
        },
        {
            content: "No covered product is offered",
            trigger: "form:not(:has(select[name='support_product_line']))",
        },
        haloScreenshot("portal_not_authorised", ".o_support_not_authorised"),
        {
            trigger: "input[name='subject']",
            run: "edit Tour: request of an unlisted contact",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit Please look at our card.",
        },
        {
            trigger: "button[type='submit']:contains('Submit Ticket')",
            run: "click",
        },
        {
            content: "The ticket is kept and says why it is not worked",
            trigger: "div[name='ticket_entitlement']:contains('Not authorised'):contains('is not an authorised contact')",
        },
        ...haloBackToMyTickets("Tour: request of an unlisted contact"),
    ],
});
