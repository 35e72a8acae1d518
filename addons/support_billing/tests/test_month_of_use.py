# Copyright 2026 Halo Support Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""November and December 2026 of each vendor, from the shipped packs.

Each test is one vendor's month (see month_of_use.py for the steps); the
amounts are the policy's numbers applied by hand in the comments.
"""

from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from .month_of_use import DEC, DEC_END, NOV, NOV_END, MonthOfUseCase, at


@tagged("post_install", "-at_install")
class TestMonthOfUseHaloKwadrat(MonthOfUseCase, HttpCase):
    """H2S Pro: 750 zł a month, 2 h included a month, 160 zł/h beyond, to
    the minute."""

    vendor = "halo_kwadrat"

    def test_a_month_of_h2s_pro(self):
        # Over 60 lines on purpose: one month of use told day by day, each step checked
        # where it happens.
        pro = self.env.ref("halo_support.plan_h2s_pro")
        card = self.product_of("halo_support.categ_sangoma_cards", "Sangoma A200")

        def covered_card(serial):
            return self.covered(card, serial, 200, bought_from_us=True)

        acme, (anna, bob) = self.new_customer("Acme Telecom", "Anna", "Bob")
        beta, (celina,) = self.new_customer("Beta Calls", "Celina")
        c_acme = self.contract_on(pro, acme, [anna], line_ids=covered_card("A-1"))
        c_beta = self.contract_on(pro, beta, [celina], line_ids=covered_card("B-1"))
        contracts = c_acme | c_beta

        # 2 Nov: Anna files on the portal; the agent triages; 37 minutes.
        t_trunk = self.file_by_portal(
            anna,
            "Trunk drops calls",
            at(date(2026, 11, 2), 9, 12),
            support_product_line=c_acme.line_ids.id,
        )
        self.triage(t_trunk, "incident")
        self.assertEqual(t_trunk.entitlement, "covered", t_trunk.entitlement_reason)
        self.assertTrue(t_trunk.sla_ids)
        self.work(t_trunk, 37, date(2026, 11, 2))

        # 4 Nov: Celina emails Beta's problem; 45 minutes, within the 2 h.
        t_echo = self.file_by_email(celina, "Echo on calls", at(date(2026, 11, 4)))
        self.triage(t_echo, "incident", support_product_line_id=c_beta.line_ids.id)
        self.assertEqual(t_echo.entitlement, "covered", t_echo.entitlement_reason)
        echo_line = self.work(t_echo, 45, date(2026, 11, 4))
        self.assertEqual(echo_line.support_verdict, "wallet")

        # 9 Nov: Bob, not yet authorised, emails; nothing runs for him ...
        received = at(date(2026, 11, 9), 14, 5)
        t_ext = self.file_by_email(bob, "Add ten extensions", received)
        self.triage(t_ext, "incident", support_product_line_id=c_acme.line_ids.id)
        self.assertEqual(t_ext.entitlement, "not_authorised")
        self.assertFalse(t_ext.sla_ids.filtered(lambda sla: sla.state == "running"))
        # ... until Acme authorises him on the 10th: his request is covered
        # and its clocks run from when it was received, not from today.
        self.authorise(c_acme, bob, at(date(2026, 11, 10), 9))
        self.assertEqual(t_ext.entitlement, "covered", t_ext.entitlement_reason)
        self.assertTrue(t_ext.sla_ids)
        self.assertEqual(set(t_ext.sla_ids.mapped("start_date")), {received})
        self.work(t_ext, 67, date(2026, 11, 10))

        # 16 Nov: Beta cancels; its open request is no longer covered.
        self.cancel(c_beta, at(date(2026, 11, 16), 12))
        self.assertEqual(c_beta.state, "cancelled")
        self.assertNotEqual(t_echo.entitlement, "covered")
        self.assertFalse(t_echo.sla_ids.filtered(lambda sla: sla.state == "running"))

        # 30 Nov's 50 minutes are typed on 1 Dec: they draw on November's
        # hours: 37 + 67 = 104 of 120 used, 16 more from the wallet, 34 paid.
        late = self.work(t_trunk, 50, NOV_END, typed_on=DEC)
        self.assertEqual(
            (late.support_wallet_minutes, late.support_billable_minutes), (16, 34)
        )
        self.assertEqual(late.support_amount, 90.67)  # 34/60 x 160

        # 2 Dec: November's run invoices Acme only; the accountant posts.
        run_nov = self.run_billing(NOV, NOV_END, on=date(2026, 12, 2))
        nov_acme = self.invoices(c_acme, run_nov)
        self.assertEqual(len(nov_acme), 1)
        self.assertFalse(self.invoices(c_beta))
        self.assertInvoiceLines(nov_acme, [(0.57, 90.67)])
        self.assertEqual(nov_acme.currency_id, self.pln)
        self.post(nov_acme, date(2026, 12, 3))

        # 5 Dec: 20 more minutes of 27 Nov typed now: November is invoiced
        # and its hours used up, so they are paid, and wait for the next run.
        later = self.work(t_trunk, 20, date(2026, 11, 27), typed_on=date(2026, 12, 5))
        self.assertEqual(
            (later.support_verdict, later.support_billable_minutes), ("billable", 20)
        )
        self.assertEqual(later.support_amount, 53.33)
        self.assertFalse(later.support_invoice_line_id)

        # 8 Dec: Acme disputes; the accountant credits November in full.
        self.credit_in_full(nov_acme, date(2026, 12, 8))
        self.assertFalse(late.support_invoice_line_id)

        # 15 Dec: an hour of December's own 2 h.
        december = self.work(t_trunk, 60, date(2026, 12, 15))
        self.assertEqual(december.support_verdict, "wallet")
        self.assertEqual(self.balance_of(c_acme), 60)

        # 4 Jan: December's run bills the credited 34 minutes again and the
        # late 20, once each: 90.67 + 53.33.
        run_dec = self.run_billing(DEC, DEC_END, on=date(2027, 1, 4))
        dec_acme = self.invoices(c_acme, run_dec)
        self.assertEqual(len(dec_acme), 1)
        self.assertInvoiceLines(dec_acme, [(0.57, 90.67), (0.33, 53.33)])
        self.post(dec_acme, date(2027, 1, 5))
        self.assertEqual(self.billed(contracts), 144.0)
        self.assertFalse(self.invoices(c_beta))
        # running December again finds nothing left to bill
        run_dec.action_run()
        self.assertEqual(self.invoices(c_acme), nov_acme | dec_acme)
        self.assertLedgerInvariants(contracts)


@tagged("post_install", "-at_install")
class TestMonthOfUseInfotel(MonthOfUseCase, HttpCase):
    """SLA Variant 1: 45 EUR a month, 1 h of remote administration a month
    for faults only, in half-hour steps; other work is paid service at
    45 EUR an hour in half-hour steps, agreed in writing."""

    vendor = "infotel"
    tz = "Europe/Bratislava"

    def test_a_month_of_variant_1(self):
        # Over 60 lines on purpose: one month of use told day by day, each step checked
        # where it happens.
        v1 = self.env.ref("halo_support.plan_infotel_v1")
        pbx = self.product_of("halo_support.categ_infotel_pbx", "PBX")

        def pbx_line(serial):
            return self.covered(pbx, serial, 100)

        acme, (anna, bob) = self.new_customer("Acme s.r.o.", "Anna", "Bob")
        beta, (celina,) = self.new_customer("Beta a.s.", "Celina")
        c_acme = self.contract_on(v1, acme, [anna], line_ids=pbx_line("P-1"))
        c_beta = self.contract_on(v1, beta, [celina], line_ids=pbx_line("P-2"))
        contracts = c_acme | c_beta

        # 2 Nov: a fault filed on the portal, 20 minutes: half an hour used.
        t_fault = self.file_by_portal(
            anna,
            "PBX reboots at night",
            at(date(2026, 11, 2), 8, 40, self.tz),
            support_product_line=c_acme.line_ids.id,
        )
        self.triage(t_fault, "incident")
        self.assertEqual(t_fault.entitlement, "covered", t_fault.entitlement_reason)
        self.assertTrue(t_fault.sla_ids)
        first = self.work(t_fault, 20, date(2026, 11, 2))
        self.assertEqual(first.support_wallet_minutes, 30)
        self.assertEqual(self.balance_of(c_acme), 30)

        # 4 Nov: Beta's fault by email, within its own hour.
        t_beta = self.file_by_email(celina, "No dial tone", at(date(2026, 11, 4)))
        self.triage(t_beta, "incident", support_product_line_id=c_beta.line_ids.id)
        self.assertEqual(
            self.work(t_beta, 25, date(2026, 11, 4)).support_verdict, "wallet"
        )

        # 9 Nov: Bob asks by email for a change; he is authorised on the 10th
        # and agrees in writing to paid service: 40 minutes -> 1 h x 45.
        received = at(date(2026, 11, 9), 15, 30, self.tz)
        t_ivr = self.file_by_email(bob, "Change the IVR greeting", received)
        self.triage(t_ivr, "configuration", support_product_line_id=c_acme.line_ids.id)
        self.assertEqual(t_ivr.entitlement, "not_authorised")
        self.authorise(c_acme, bob, at(date(2026, 11, 10), 9, 0, self.tz))
        self.assertEqual(t_ivr.entitlement, "covered", t_ivr.entitlement_reason)
        self.assertEqual(set(t_ivr.sla_ids.mapped("start_date")), {received})
        t_ivr._support_record_agreement("email", day=date(2026, 11, 10))
        ivr = self.work(t_ivr, 40, date(2026, 11, 10))
        self.assertEqual((ivr.support_billable_minutes, ivr.support_amount), (60, 45.0))

        # 16 Nov: Beta cancels.
        self.cancel(c_beta, at(date(2026, 11, 16), 12, 0, self.tz))
        self.assertNotEqual(t_beta.entitlement, "covered")

        # 30 Nov's 25 minutes, typed on 1 Dec: November's last half hour.
        late = self.work(t_fault, 25, NOV_END, typed_on=DEC)
        self.assertEqual(
            (late.support_verdict, late.support_wallet_minutes), ("wallet", 30)
        )
        self.assertEqual(self.balance_of(c_acme), 0)

        run_nov = self.run_billing(NOV, NOV_END, on=date(2026, 12, 2))
        nov_acme = self.invoices(c_acme, run_nov)
        self.assertInvoiceLines(nov_acme, [(1.0, 45.0)])
        self.assertEqual(nov_acme.currency_id, self.eur)
        self.assertFalse(self.invoices(c_beta))
        self.post(nov_acme, date(2026, 12, 3))

        # 5 Dec: 15 minutes of 27 Nov on the change: half an hour, paid.
        later = self.work(t_ivr, 15, date(2026, 11, 27), typed_on=date(2026, 12, 5))
        self.assertEqual(
            (later.support_billable_minutes, later.support_amount), (30, 22.5)
        )
        self.credit_in_full(nov_acme, date(2026, 12, 8))
        # 15 Dec: a fault in December's own hour.
        self.work(t_fault, 30, date(2026, 12, 15))
        self.assertEqual(self.balance_of(c_acme), 30)

        run_dec = self.run_billing(DEC, DEC_END, on=date(2027, 1, 4))
        dec_acme = self.invoices(c_acme, run_dec)
        self.assertInvoiceLines(dec_acme, [(1.0, 45.0), (0.5, 22.5)])
        self.post(dec_acme, date(2027, 1, 5))
        self.assertEqual(self.billed(contracts), 67.5)
        run_dec.action_run()
        self.assertEqual(self.invoices(c_acme), nov_acme | dec_acme)
        self.assertLedgerInvariants(contracts)


@tagged("post_install", "-at_install")
class TestMonthOfUseSangoma(MonthOfUseCase, HttpCase):
    """Support credits: 1 credit = 1 minute, sold in packs of 2, 5 and 10
    hours; bugs never consume credits; an R&D patch refunds them."""

    vendor = "sangoma"
    tz = "Europe/Madrid"

    def buy(self, contract, hours, on):
        """The accountant invoices a pack and posts it: its credits land."""
        pack = self.env.ref(f"support_billing.product_support_pack_{hours}h")
        self.go(at(on, 8, 30, self.tz))
        invoice = (
            self.env["account.move"]
            .with_user(self.accountant)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": contract.partner_id.id,
                    "currency_id": self.env.ref("base.USD").id,
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": pack.id, "quantity": 1, "price_unit": 100}
                        )
                    ],
                }
            )
        )
        self.post(invoice, on)
        return invoice

    def test_a_month_of_credits(self):
        # Over 60 lines on purpose: one month of use told day by day, each step checked
        # where it happens.
        plan = self.env.ref("halo_support.plan_sangoma_support")
        gateway = self.product_of("halo_support.categ_sangoma_hardware", "Vega gateway")

        def gateway_line(serial):
            return self.covered(gateway, serial, 200)

        acme, (anna, bob) = self.new_customer("Acme S.L.", "Anna", "Bob")
        beta, (celina,) = self.new_customer("Beta S.A.", "Celina")
        c_acme = self.contract_on(plan, acme, [anna], line_ids=gateway_line("V-1"))
        c_beta = self.contract_on(plan, beta, [celina], line_ids=gateway_line("V-2"))
        contracts = c_acme | c_beta
        self.buy(c_acme, 2, NOV)
        self.assertEqual(self.balance_of(c_acme), 120)

        # 2 Nov: a configuration filed on the portal: 45 credits.
        t_conf = self.file_by_portal(
            anna,
            "Configure the SIP trunk",
            at(date(2026, 11, 2), 10, 0, self.tz),
            support_product_line=c_acme.line_ids.id,
        )
        self.triage(t_conf, "configuration")
        self.assertEqual(t_conf.entitlement, "covered", t_conf.entitlement_reason)
        self.work(t_conf, 45, date(2026, 11, 2))
        self.assertEqual(self.balance_of(c_acme), 75)

        # Beta buys a pack on the 3rd and uses half an hour on the 4th.
        self.buy(c_beta, 2, date(2026, 11, 3))
        t_beta = self.file_by_email(
            celina, "Set up call groups", at(date(2026, 11, 4), 10, 0, self.tz)
        )
        self.triage(t_beta, "configuration", support_product_line_id=c_beta.line_ids.id)
        self.work(t_beta, 30, date(2026, 11, 4))
        self.assertEqual(self.balance_of(c_beta), 90)

        # 9 Nov: Bob reports a bug before he is authorised; the 10th he is.
        received = at(date(2026, 11, 9), 16, 0, self.tz)
        t_bug = self.file_by_email(bob, "Gateway drops registrations", received)
        self.triage(t_bug, "bug", support_product_line_id=c_acme.line_ids.id)
        self.assertEqual(t_bug.entitlement, "not_authorised")
        self.authorise(c_acme, bob, at(date(2026, 11, 10), 9, 0, self.tz))
        self.assertEqual(t_bug.entitlement, "covered", t_bug.entitlement_reason)
        # the policy gives no reaction time: no clock runs
        self.assertFalse(t_bug.sla_ids)
        # a bug's escalation never consumes credits
        self.work(t_bug, 90, date(2026, 11, 10))
        self.assertEqual(self.balance_of(c_acme), 75)

        # 12 Nov: a configuration R&D will answer with a patch.
        t_patch = self.file_by_portal(
            anna,
            "Fax fails after upgrade",
            at(date(2026, 11, 12), 9, 0, self.tz),
            support_product_line=c_acme.line_ids.id,
        )
        self.triage(t_patch, "configuration")
        self.work(t_patch, 30, date(2026, 11, 12))
        self.assertEqual(self.balance_of(c_acme), 45)

        # 16 Nov: Beta cancels; its open request is no longer covered.
        self.cancel(c_beta, at(date(2026, 11, 16), 12, 0, self.tz))
        self.assertNotEqual(t_beta.entitlement, "covered")

        # 20 Nov: the patch: its 30 credits come back.
        self.go(at(date(2026, 11, 20), 9, 0, self.tz))
        t_patch.write({"support_rnd_escalated": True, "support_outcome": "patch"})
        self.assertEqual(self.balance_of(c_acme), 75)

        # 30 Nov's 50 minutes, typed on 1 Dec.
        self.work(t_conf, 50, NOV_END, typed_on=DEC)
        self.assertEqual(self.balance_of(c_acme), 25)

        # Credits are prepaid: the run has no usage to invoice.
        run_nov = self.run_billing(NOV, NOV_END, on=date(2026, 12, 2))
        self.assertFalse(
            self.invoices(c_acme, run_nov) | self.invoices(c_beta, run_nov)
        )

        # 3 Dec: a 5-hour pack invoiced by mistake is credited in full on
        # the 8th, its 300 credits taken back; a 10-hour pack is billed.
        wrong = self.buy(c_acme, 5, date(2026, 12, 3))
        self.assertEqual(self.balance_of(c_acme), 325)
        self.credit_in_full(wrong, date(2026, 12, 8))
        self.assertEqual(self.balance_of(c_acme), 25)
        self.buy(c_acme, 10, date(2026, 12, 9))
        self.assertEqual(self.balance_of(c_acme), 625)
        self.work(t_conf, 60, date(2026, 12, 15))
        self.assertEqual(self.balance_of(c_acme), 565)
        run_dec = self.run_billing(DEC, DEC_END, on=date(2027, 1, 4))
        self.assertFalse(self.invoices(c_acme, run_dec))
        self.assertLedgerInvariants(contracts)


@tagged("post_install", "-at_install")
class TestMonthOfUseOktell(MonthOfUseCase, HttpCase):
    """Level 1: 25 000 Kč a year for up to 20 employees and 100 calls a day;
    consultations and configuration included; requests by email or phone
    from authorised persons only."""

    vendor = "oktell"
    tz = "Europe/Prague"

    def test_a_month_of_a_yearly_contract(self):
        # Over 60 lines on purpose: one month of use told day by day, each step checked
        # where it happens.
        plan = self.env.ref("halo_support.plan_oktell_l1")
        licence = self.product_of("halo_support.categ_oktell", "Oktell licence")

        def licence_line(serial):
            return self.covered(licence, serial, 300, licence_registered=True)

        acme, (anna, bob) = self.new_customer("Acme s.r.o.", "Anna", "Bob")
        beta, (celina,) = self.new_customer("Beta a.s.", "Celina")
        size = {"size_employees": 15, "size_calls": 80, "size_complexity": 1}
        c_acme = self.contract_on(
            plan, acme, [anna], line_ids=licence_line("O-1"), **size
        )
        c_beta = self.contract_on(
            plan, beta, [celina], line_ids=licence_line("O-2"), **size
        )
        contracts = c_acme | c_beta

        # 1 Nov: the yearly fee, invoiced by the contract on its first day.
        self.go(at(NOV, 6, 0, self.tz))
        yearly = c_acme.recurring_contract_id._recurring_create_invoice(NOV)
        self.assertEqual(
            (yearly.amount_untaxed, yearly.currency_id.name), (25000.0, "CZK")
        )
        self.post(yearly, NOV)

        # 2 Nov: Anna emails a configuration question: included.
        t_conf = self.file_by_email(
            anna, "Queue overflow settings", at(date(2026, 11, 2), 9, 0, self.tz)
        )
        self.triage(t_conf, "consultation", support_product_line_id=c_acme.line_ids.id)
        self.assertEqual(t_conf.entitlement, "covered", t_conf.entitlement_reason)
        self.assertTrue(t_conf.sla_ids)
        line = self.work(t_conf, 50, date(2026, 11, 2))
        self.assertEqual((line.support_verdict, line.support_amount), ("free", 0.0))

        # 4 Nov: Beta's request.
        t_beta = self.file_by_email(
            celina, "User list", at(date(2026, 11, 4), 9, 0, self.tz)
        )
        self.triage(t_beta, "change", support_product_line_id=c_beta.line_ids.id)
        self.assertEqual(t_beta.entitlement, "covered", t_beta.entitlement_reason)

        # 9 Nov: Bob, not authorised, is refused until the 10th.
        received = at(date(2026, 11, 9), 11, 0, self.tz)
        t_dial = self.file_by_email(bob, "Change the dial plan", received)
        self.triage(t_dial, "change", support_product_line_id=c_acme.line_ids.id)
        self.assertEqual(t_dial.entitlement, "not_authorised")
        self.authorise(c_acme, bob, at(date(2026, 11, 10), 9, 0, self.tz))
        self.assertEqual(t_dial.entitlement, "covered", t_dial.entitlement_reason)
        self.assertEqual(set(t_dial.sla_ids.mapped("start_date")), {received})
        self.work(t_dial, 95, date(2026, 11, 10))

        # 16 Nov: Beta cancels; its open request is no longer covered.
        self.cancel(c_beta, at(date(2026, 11, 16), 12, 0, self.tz))
        self.assertNotEqual(t_beta.entitlement, "covered")

        self.work(t_dial, 40, NOV_END, typed_on=DEC)
        run_nov = self.run_billing(NOV, NOV_END, on=date(2026, 12, 2))
        self.assertFalse(self.invoices(c_acme, run_nov))

        # 8 Dec: Acme has 30 employees, not 15.  The contract charges the
        # tier it reaches (20-50 employees: 46 000 Kč) from now on, and the
        # accountant reverses the year's invoice and bills it again.
        self.go(at(date(2026, 12, 8), 9, 0, self.tz))
        c_acme.size_employees = 30
        self.assertTrue(c_acme.recurring_fee_outdated)
        c_acme.action_update_recurring_fee()
        self.assertFalse(c_acme.recurring_fee_outdated)
        oca_line = c_acme.recurring_contract_id.contract_line_ids
        self.assertEqual(oca_line.price_unit, 46000.0)
        rebill = self.credit_and_rebill(yearly, date(2026, 12, 8))
        rebill.invoice_line_ids.with_user(
            self.accountant
        ).price_unit = c_acme.recurring_fee_amount
        self.post(rebill, date(2026, 12, 9))
        credit = self.env["account.move"].search(
            [("reversed_entry_id", "=", yearly.id)]
        )
        self.assertEqual(
            sum((yearly | credit | rebill).mapped("amount_untaxed_in_currency_signed")),
            46000.0,
        )
        run_dec = self.run_billing(DEC, DEC_END, on=date(2027, 1, 4))
        self.assertFalse(self.invoices(c_acme, run_dec))
        self.assertLedgerInvariants(contracts)


@tagged("post_install", "-at_install")
class TestMonthOfUseWebitel(MonthOfUseCase, HttpCase):
    """Advanced: 30 requests a month, consultations and changes counted; a
    defect the customer caused is billed at the time spent (PLACEHOLDER
    1000 UAH/h), to the minute."""

    vendor = "webitel"
    tz = "Europe/Kyiv"

    def test_a_month_of_advanced(self):
        # Over 60 lines on purpose: one month of use told day by day, each step checked
        # where it happens.
        plan = self.env.ref("halo_support.plan_webitel_advanced")
        licence = self.product_of("halo_support.categ_webitel", "Webitel licence")

        def licence_line(serial):
            return self.covered(licence, serial, 30, licence_value=60000)

        acme, (anna, bob) = self.new_customer("Acme TOV", "Anna", "Bob")
        beta, (celina,) = self.new_customer("Beta PP", "Celina")
        c_acme = self.contract_on(plan, acme, [anna], line_ids=licence_line("W-1"))
        c_beta = self.contract_on(plan, beta, [celina], line_ids=licence_line("W-2"))
        contracts = c_acme | c_beta
        on_acme = {"support_product_line": c_acme.line_ids.id}

        # 2 Nov: a consultation on the portal counts in the 30.
        t_consult = self.file_by_portal(
            anna, "How do queues work", at(date(2026, 11, 2), 10, 0, self.tz), **on_acme
        )
        self.triage(t_consult, "consultation")
        self.assertEqual(t_consult.support_quota_state, "counted")
        self.assertEqual(self.balance_of(c_acme, "request"), 29)

        # 2 Nov: a defect the customer caused: 37 minutes at 1000 UAH/h.
        t_defect = self.file_by_portal(
            anna,
            "Calls drop after our firewall change",
            at(date(2026, 11, 2), 11, 0, self.tz),
            **on_acme,
        )
        self.triage(t_defect, "incident", support_cause="customer")
        self.assertTrue(t_defect.sla_ids)
        # billed on a specification Anna accepts
        self.accept_specification(t_defect, anna)
        defect = self.work(t_defect, 37, date(2026, 11, 2))
        self.assertEqual(defect.support_amount, 616.67)

        # 4 Nov: Beta's change request.
        t_beta = self.file_by_portal(
            celina,
            "Beta's dial plan",
            at(date(2026, 11, 4), 10, 0, self.tz),
            support_product_line=c_beta.line_ids.id,
        )
        self.triage(t_beta, "change")
        self.assertEqual(t_beta.entitlement, "covered", t_beta.entitlement_reason)

        # 9 Nov: Bob files before he is authorised: refused, not counted.
        received = at(date(2026, 11, 9), 12, 0, self.tz)
        t_bob = self.file_by_portal(bob, "Add a queue", received, **on_acme)
        self.triage(t_bob, "change")
        self.assertEqual(t_bob.entitlement, "not_authorised")
        self.assertEqual(self.balance_of(c_acme, "request"), 29)
        self.authorise(c_acme, bob, at(date(2026, 11, 10), 9, 0, self.tz))
        self.assertEqual(t_bob.entitlement, "covered", t_bob.entitlement_reason)
        self.assertEqual(t_bob.support_quota_state, "counted")
        self.assertEqual(self.balance_of(c_acme, "request"), 28)
        self.assertEqual(set(t_bob.sla_ids.mapped("start_date")), {received})

        # 12 Nov: 28 more requests use up the month.
        self.go(at(date(2026, 11, 12), 10, 0, self.tz))
        for index in range(28):
            kind = "change" if index % 2 else "service_request"
            self.make_ticket(
                c_acme,
                kind,
                partner=anna,
                support_product_line_id=c_acme.line_ids.id,
                channel_id=self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
            )
        self.assertEqual(self.balance_of(c_acme, "request"), 0)

        # 16 Nov: Beta cancels.
        self.cancel(c_beta, at(date(2026, 11, 16), 12, 0, self.tz))
        self.assertNotEqual(t_beta.entitlement, "covered")

        # 20 Nov: the 31st request is flagged and its time paid.
        extra = self.file_by_portal(
            anna, "One more change", at(date(2026, 11, 20), 10, 0, self.tz), **on_acme
        )
        self.triage(extra, "change")
        self.assertEqual(extra.support_quota_state, "exceeded")
        self.assertEqual(self.work(extra, 30, date(2026, 11, 20)).support_amount, 500.0)

        # 30 Nov's 50 minutes on the defect, typed on 1 Dec.
        late = self.work(t_defect, 50, NOV_END, typed_on=DEC)
        self.assertEqual(late.support_amount, 833.33)

        run_nov = self.run_billing(NOV, NOV_END, on=date(2026, 12, 2))
        nov_acme = self.invoices(c_acme, run_nov)
        self.assertInvoiceLines(
            nov_acme, [(0.62, 616.67), (0.5, 500.0), (0.83, 833.33)]
        )
        self.assertEqual(nov_acme.currency_id.name, "UAH")
        self.assertFalse(self.invoices(c_beta))
        self.post(nov_acme, date(2026, 12, 3))

        later = self.work(t_defect, 20, date(2026, 11, 27), typed_on=date(2026, 12, 5))
        self.assertEqual(later.support_amount, 333.33)
        self.credit_in_full(nov_acme, date(2026, 12, 8))
        # December: a new month of 30 requests.
        t_dec = self.file_by_portal(
            anna, "December question", at(date(2026, 12, 14), 10, 0, self.tz), **on_acme
        )
        self.triage(t_dec, "consultation")
        self.assertEqual(t_dec.support_quota_state, "counted")
        self.assertEqual(self.balance_of(c_acme, "request"), 29)
        self.work(t_defect, 60, date(2026, 12, 15))

        run_dec = self.run_billing(DEC, DEC_END, on=date(2027, 1, 4))
        dec_acme = self.invoices(c_acme, run_dec)
        self.assertInvoiceLines(
            dec_acme,
            [
                (0.62, 616.67),
                (0.5, 500.0),
                (0.83, 833.33),
                (0.33, 333.33),
                (1.0, 1000.0),
            ],
        )
        self.post(dec_acme, date(2027, 1, 5))
        self.assertEqual(self.billed(contracts), 3283.33)
        run_dec.action_run()
        self.assertEqual(self.invoices(c_acme), nov_acme | dec_acme)
        self.assertLedgerInvariants(contracts)
