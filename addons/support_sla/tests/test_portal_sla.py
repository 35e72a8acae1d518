# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

import pytz

from odoo.tests import HttpCase, tagged

from .test_tour_sla import SlaTourCommon


@tagged("post_install", "-at_install")
class TestPortalSla(SlaTourCommon, HttpCase):
    """The portal ticket page lists the ticket's SLA deadlines in the
    customer's time zone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_sla_tour()

    def _ticket(self, **vals):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Portal SLA page",
                "description": "<p>Help</p>",
                "partner_id": self.carol.id,
                **vals,
            }
        )

    def _page(self, ticket):
        self.authenticate("tour_carol", "tour_carol")
        response = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_running_deadlines_in_customer_time(self):
        ticket = self._ticket(sla_received_at=datetime(2026, 3, 2, 10, 0))
        page = self._page(ticket)
        # Odoo may take the browser's zone at the first login: read it after.
        self.user_carol.invalidate_recordset(["tz"])
        zone = self.user_carol.tz or "UTC"
        self.assertIn('name="ticket_sla"', page)
        self.assertIn(f"times in {zone}", page)
        self.assertEqual(page.count('class="o_support_sla_clock"'), 2)
        # Reaction 1 h and restore 24 h on the 24/7 calendar.
        for deadline in (datetime(2026, 3, 2, 11, 0), datetime(2026, 3, 3, 10, 0)):
            local = pytz.utc.localize(deadline).astimezone(pytz.timezone(zone))
            self.assertIn(local.strftime("%m/%d/%Y %H:%M:%S"), page)

    def test_met_and_paused_clocks(self):
        ticket = self._ticket()
        ticket.message_post(
            body="We are on it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.user_agent.partner_id.id,
        )
        ticket.stage_id = self.stage_awaiting
        page = self._page(ticket)
        self.assertIn('data-metric="reaction" data-state="met"', page)
        self.assertIn('data-metric="restore" data-state="paused"', page)

    def test_breached_clock_says_it_was_due(self):
        ticket = self._ticket(sla_received_at=datetime(2026, 3, 2, 10, 0))
        self.env["support.ticket.sla"]._cron_sla_sweep()
        self.assertEqual(set(ticket.sla_ids.mapped("state")), {"breached"})
        page = self._page(ticket)
        self.assertIn("was due", page)

    def test_no_clock_no_section(self):
        ticket = self._ticket()
        ticket.sla_ids.sudo().unlink()
        self.assertNotIn('name="ticket_sla"', self._page(ticket))

    def test_contract_page_tells_the_terms(self):
        self.authenticate("tour_carol", "tour_carol")
        response = self.url_open(f"/my/support/contract/{self.contract.id}")
        self.assertEqual(response.status_code, 200)
        terms = response.text.split('id="support_contract_sla_terms"')[1]
        terms = terms.split("</table>")[0]
        calendar = self.env.ref("support_sla.calendar_24_7")
        rows = terms.split('class="o_support_sla_term"')[1:]
        self.assertEqual(len(rows), 2)
        for row, metric, amount in zip(
            rows, ("reaction", "restore"), ("1", "24"), strict=True
        ):
            with self.subTest(metric=metric):
                self.assertIn(f'data-metric="{metric}"', row)
                cell = row.split("o_support_sla_term_amount")[1][:200]
                self.assertIn(f"<span>{amount}</span>", cell)
                self.assertIn("Business hours", cell)
                self.assertIn(calendar.name, row)

    def test_contract_page_without_terms_says_so(self):
        self.policy.active = False
        self.authenticate("tour_carol", "tour_carol")
        page = self.url_open(f"/my/support/contract/{self.contract.id}").text
        self.assertIn("guarantees no reaction or resolution term", page)
        self.assertNotIn("o_support_sla_term", page)
