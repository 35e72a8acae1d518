# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Chromium tours of the three addons, with named screenshots on demand.

A tour step made by ``haloScreenshot(name)`` (static/tests/tours/
halo_tour_utils.js) logs ``halo-tour-screenshot:<name>`` and waits.  When the
environment variable ``HALO_SCREENSHOTS_DIR`` is set (``make screenshots``),
the browser driver below captures the page to ``<dir>/<name>.png`` before
releasing the step; otherwise it releases it at once.
"""

import base64
import json
import os
import re

from odoo.tests import HttpCase, common

SCREENSHOTS_ENV = "HALO_SCREENSHOTS_DIR"
# A support agent of the back office, for tours.
SUPPORT_AGENT_GROUPS = (
    "base.group_user,helpdesk_mgmt.group_helpdesk_user,halo_support.group_support_user"
)


def fsm_groups(env):
    """The field-service group a ticket form needs where OCA's helpdesk
    field-service bridge is installed without support_billing (which hides
    the orders from agents without field-service rights); empty where the
    bridge is not installed."""
    group = env.ref("fieldservice.group_fsm_user", raise_if_not_found=False)
    return ",fieldservice.group_fsm_user" if group else ""


SCREENSHOT_SIGNAL = "halo-tour-screenshot:"
SCREENSHOT_NAME_RE = re.compile(r"[a-z0-9_]+")


class HaloTourBrowser(common.ChromeBrowser):
    """Odoo's Chromium driver, plus the screenshots a tour asks for."""

    def _handle_console(self, type, args=None, stackTrace=None, **kw):  # pylint: disable=redefined-builtin
        first = (args or [{}])[0].get("value")
        if (
            type == "log"
            and isinstance(first, str)
            and first.startswith(SCREENSHOT_SIGNAL)
        ):
            self._halo_screenshot(first[len(SCREENSHOT_SIGNAL) :])
        return super()._handle_console(type, args=args, stackTrace=stackTrace, **kw)

    def _halo_screenshot(self, name):
        directory = os.environ.get(SCREENSHOTS_ENV)
        if not directory:
            self._halo_release(name)
            return
        if not SCREENSHOT_NAME_RE.fullmatch(name):
            raise ValueError(f"screenshot name {name!r}: use [a-z0-9_]+")
        future = self._websocket_send(
            "Page.captureScreenshot", params={"format": "png"}, with_future=True
        )

        def save(done):
            try:
                data = base64.b64decode(done.result(timeout=0)["data"])
                os.makedirs(directory, exist_ok=True)
                path = os.path.join(directory, f"{name}.png")
                with open(path, "wb") as handle:
                    handle.write(data)
                self._logger.info("Screenshot %s written (%s bytes)", path, len(data))
            finally:
                self._halo_release(name)

        future.add_done_callback(save)

    def _halo_release(self, name):
        """Let the waiting tour step go on."""
        self._websocket_send(
            "Runtime.evaluate",
            params={
                "expression": f"window.haloTourScreenshotDone = {json.dumps(name)};"
            },
        )


class HaloTourCase(HttpCase):
    """HttpCase whose tours run in :class:`HaloTourBrowser`."""

    browser_size = "1280x800"

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        # browser_js() instantiates the module's ChromeBrowser.
        self.patch(common, "ChromeBrowser", HaloTourBrowser)
        return super().start_tour(url_path, tour_name, step_delay=step_delay, **kwargs)
