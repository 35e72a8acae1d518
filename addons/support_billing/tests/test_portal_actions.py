# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import BillingCommon


@tagged("post_install", "-at_install")
class TestPortalActions(BillingCommon, HttpCase):
    """The customer's success-fee decision and agreement to paid work,
    posted from the portal ticket page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_billing()
        cls.flexible = cls.plan_h2s_flexible()
        cls.contract = cls.make_contract(cls.flexible)
        cls.user = new_test_user(
            cls.env,
            login="billing_portal_carol",
            password="billing_portal_carol",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        outsider = cls.env["res.partner"].create(
            {"name": "Eve Outsider", "parent_id": cls.customer.id}
        )
        cls.outsider = new_test_user(
            cls.env,
            login="billing_portal_eve",
            password="billing_portal_eve",
            groups="base.group_portal",
            partner_id=outsider.id,
        )

    def case_at_threshold(self):
        ticket = self.make_ticket(self.contract, "incident")
        ticket._support_record_agreement("portal", day=self.month_start)
        ticket.action_success_fee_accept_order()
        self.log(ticket, 300)
        ticket.success_fee_report_id = self.env["ir.attachment"].create(
            {"name": "report.pdf", "datas": base64.b64encode(b"%PDF")}
        )
        ticket.action_success_fee_send_report()
        ticket.message_subscribe(partner_ids=self.contact.ids)
        return ticket

    def post(self, url):
        return self.url_open(url, data={"csrf_token": http.Request.csrf_token(self)})

    def test_customer_refuses_on_the_portal(self):
        ticket = self.case_at_threshold()
        self.authenticate("billing_portal_carol", "billing_portal_carol")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertIn("support_success_fee_refuse", page.text)
        # the fee follows its bracket without a stray space: "(1,500.00 zł"
        self.assertIn("success-fee mode (<span", page.text)
        response = self.post(f"/my/ticket/{ticket.id}/success_fee/refuse")
        self.assertEqual(response.status_code, 200)
        ticket.invalidate_recordset()
        self.assertEqual(ticket.success_fee_state, "refused")
        self.assertEqual(ticket.success_fee_amount, 400.0)
        log = ticket.message_ids.filtered(
            lambda m: "Customer refuses the success fee" in (m.body or "")
        )
        self.assertIn("the portal", log.body)
        self.assertIn(self.contact.name, log.body)
        # deciding twice: refused with the reason shown, nothing changes
        response = self.post(f"/my/ticket/{ticket.id}/success_fee/accept")
        self.assertIn("support_billing_error", response.url)
        self.assertIn("not possible", response.text)
        ticket.invalidate_recordset()
        self.assertEqual(ticket.success_fee_state, "refused")

    def test_only_authorised_contacts_decide(self):
        ticket = self.case_at_threshold()
        ticket.message_subscribe(partner_ids=self.outsider.partner_id.ids)
        self.authenticate("billing_portal_eve", "billing_portal_eve")
        self.post(f"/my/ticket/{ticket.id}/success_fee/accept")
        ticket.invalidate_recordset()
        self.assertEqual(ticket.success_fee_state, "report_sent")

    def test_customer_agrees_to_paid_work(self):
        ticket = self.make_ticket(self.contract, "incident")
        ticket.message_subscribe(partner_ids=self.contact.ids)
        self.authenticate("billing_portal_carol", "billing_portal_carol")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertIn("support_agree_paid_work", page.text)
        self.post(f"/my/ticket/{ticket.id}/agree_paid_work")
        ticket.invalidate_recordset()
        self.assertEqual(ticket.support_agreement_channel, "portal")
        self.assertEqual(ticket.support_agreement_partner_id, self.contact)
        self.assertEqual(ticket.support_agreement_date, self.today)
