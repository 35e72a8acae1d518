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
