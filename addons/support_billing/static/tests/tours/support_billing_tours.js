/* Copyright 2026 Halo Support Developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { haloBackToMyTickets, haloScreenshot } from "@halo_support/../tests/tours/halo_tour_utils";

const tours = registry.category("web_tour.tours");

/* The customer reads what is left of the prepaid support on the contract
 * page (tests/test_tour_billing.py). */
tours.add("support_billing_portal_wallets", {
    steps: () => [
        {
            trigger: "a[href='/my/support/contracts']",
            run: "click",
        },
        {
            trigger: "a.o_support_contract_link:contains('SUP-TOUR-PRO')",
            run: "click",
        },
        {
            content: "The breadcrumb names the contract once",
            trigger:
                "ol.o_portal_submenu:has(li:nth-child(2):contains('Support contracts')):has(li:nth-child(3):contains('SUP-TOUR-PRO')):not(:has(li:nth-child(4)))",
        },
        {
            content: "Two hours are included each month",
            trigger: "#support_contract_wallets .o_support_wallet[data-unit='hour'] td:contains('2.00 h')",
        },
        {
            content: "… and an hour and a half is left",
            trigger:
                "#support_contract_wallets .o_support_wallet[data-unit='hour'] .o_support_wallet_balance:contains('1.50 h')",
        },
        haloScreenshot("portal_wallets", "#support_contract_wallets"),
    ],
});

/* After the preliminary report, the customer continues in success-fee mode. */
tours.add("support_billing_portal_success_fee", {
    steps: () => [
        {
            trigger: "a[href='/my/tickets']",
            run: "click",
        },
        {
            trigger: "a:contains('Tour: echo on long-distance calls')",
            run: "click",
        },
        {
            content: "The offer tells both outcomes",
            trigger:
                "div[name='support_billing_actions']:contains('if solved'):contains('if not')",
        },
        {
            content: "The report was sent in the ticket's conversation",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains('preliminary report')",
        },
        haloScreenshot("portal_success_fee"),
        {
            trigger: "button[name='support_success_fee_accept']",
            run: "click",
        },
        {
            content: "The decision is recorded",
            trigger: "div[name='support_billing_actions']:contains('Success fee accepted')",
        },
        {
            trigger: "body:not(:has(button[name='support_success_fee_accept']))",
        },
        ...haloBackToMyTickets("Tour: echo on long-distance calls"),
    ],
});

/* A dispatcher plans the onsite visit a ticket needs; travel and days are
 * priced from the site's region. */
tours.add("support_billing_dispatcher_onsite", {
    steps: () => [
        ...stepUtils.goToAppSteps("halo_support.menu_support_root", "Open Support"),
        {
            trigger: ".o_data_row td[name='name']:contains('Tour: install the gateway on site')",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a:contains('Service Orders')",
            run: "click",
        },
        {
            trigger: "button[name='action_create_order']",
            run: "click",
        },
        {
            content: "The order starts from the ticket's site",
            trigger: ".o_field_widget[name='location_id'] input",
            run() {
                if (!this.anchor.value.includes("Łódź office")) {
                    throw new Error(`unexpected site ${this.anchor.value}`);
                }
            },
        },
        {
            trigger: ".o_field_widget[name='person_id'] input",
            run: "edit Tomasz",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tomasz Technik')",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a[name='planning_page']",
            run: "click",
        },
        {
            content: "Next Monday, 9:00",
            trigger: ".o_field_widget[name='scheduled_date_start'] input",
            async run(helpers) {
                const { DateTime } = luxon;
                const day = DateTime.now().plus({ weeks: 1 }).startOf("week");
                await helpers.edit(day.set({ hour: 9 }).toFormat("MM/dd/yyyy HH:mm:ss"));
                await helpers.press("Enter");
            },
        },
        {
            trigger: ".o_field_widget[name='scheduled_duration'] input",
            run: "edit 8",
        },
        {
            trigger: ".o_notebook_headers a[name='support_onsite']",
            run: "click",
        },
        {
            content: "The onsite plan prices the day",
            trigger: ".o_field_widget[name='support_onsite_amount']:contains('1,280.00')",
        },
        {
            content: "… and the travel to Łódzkie",
            trigger: ".o_field_widget[name='support_travel_amount']:contains('300.00')",
        },
        ...stepUtils.saveForm(),
        haloScreenshot("backend_onsite_visit"),
    ],
});

/* An accountant bills last month and opens the draft invoices. */
tours.add("support_billing_accountant_run", {
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "The app's first view is loaded",
            trigger: ".o_action_manager .o_view_controller",
        },
        {
            trigger: ".o_main_navbar [data-menu-xmlid='account.menu_finance_receivables']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='support_billing.menu_account_support_billing_runs']",
            run: "click",
        },
        {
            trigger: ".o_last_breadcrumb_item:contains('Billing runs')",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_run']:contains('Run'):not(:contains('again'))",
            run: "click",
        },
        {
            content: "The run is done",
            trigger: ".o_statusbar_status button[aria-checked='true']:contains('Done')",
        },
        {
            trigger: "button[name='action_view_invoices'] .o_stat_value:contains('1')",
        },
        haloScreenshot("backend_billing_run"),
        {
            trigger: "button[name='action_view_invoices']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Draft') td[name='name']",
            run: "click",
        },
        {
            content: "A draft invoice",
            trigger: ".o_form_view .o_statusbar_status button[aria-checked='true']:contains('Draft')",
        },
        {
            content: "… of the ticket's billable time",
            trigger: ".o_field_widget[name='invoice_line_ids'] .o_data_row:contains('Support work')",
            run() {
                const label = this.anchor.querySelector("textarea")?.value || this.anchor.textContent;
                if (!label.includes("Tour: new dial plan")) {
                    throw new Error(`unexpected invoice line: ${label}`);
                }
            },
        },
        haloScreenshot("backend_draft_invoice"),
    ],
});
