/* Copyright 2026 Halo Support Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */

/**
 * A tour step that asks the test's browser driver (tests/tour_common.py) for
 * a screenshot named ``name`` and waits until it is taken. ``trigger`` is
 * scrolled into view first.
 *
 * @param {string} name [a-z0-9_]+, the file name without ".png"
 * @param {string} [trigger] what must be on the page
 */
export function haloScreenshot(name, trigger = "body") {
    return {
        content: `Screenshot ${name}`,
        trigger,
        async run() {
            if (trigger !== "body") {
                this.anchor.scrollIntoView({ block: "center" });
            }
            // The web client's "Loading" badge: let the last request end.
            for (let tries = 0; tries < 40 && document.querySelector(".o_loading_indicator"); tries++) {
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            window.haloTourScreenshotDone = null;
            console.log(`halo-tour-screenshot:${name}`);
            // Released by the driver; a browser without it gives up after 10 s.
            const deadline = Date.now() + 10000;
            while (window.haloTourScreenshotDone !== name && Date.now() < deadline) {
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        },
    };
}

/**
 * A step that waits for the conversation of a portal page to be loaded.
 */
export function haloPortalChatterLoaded() {
    return {
        content: "The conversation is loaded",
        trigger: "#chatterRoot:shadow .o-mail-Thread",
        async run() {
            await odoo.portalChatterReady;
        },
    };
}

/**
 * Steps that end a tour on a portal ticket page cleanly: the page's
 * conversation is loaded, then the customer goes back to their tickets,
 * where ``subject`` is listed (a request still in flight when the browser
 * closes would log an error).
 *
 * @param {string} subject the ticket's subject
 */
export function haloBackToMyTickets(subject) {
    return [
        haloPortalChatterLoaded(),
        {
            trigger: "body",
            run: "goToUrl /my/tickets",
        },
        {
            content: "The request is listed among my tickets",
            trigger: `.o_portal_my_doc_table a:contains('${subject}')`,
        },
    ];
}
