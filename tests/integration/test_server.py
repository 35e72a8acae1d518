"""The server starts as `make run` starts it and serves our addons."""


def test_login_page_answers(odoo_server):
    assert odoo_server["login_status"] == 200


def test_three_addons_installed(rpc):
    modules = rpc(
        "ir.module.module",
        "search_read",
        [["name", "in", ["halo_support", "support_sla", "support_billing"]]],
        fields=["name", "state"],
    )
    assert {m["name"]: m["state"] for m in modules} == {
        "halo_support": "installed",
        "support_sla": "installed",
        "support_billing": "installed",
    }


def test_nothing_calls_odoo_com(rpc):
    """`make test` switches off, as `make run` does for the demo, what Odoo
    auto-installs that calls odoo.com on its own (tools/offline.py)."""
    modules = rpc(
        "ir.module.module",
        "search_read",
        [["name", "in", ["partner_autocomplete", "iap_mail"]]],
        fields=["name", "state"],
    )
    # iap_mail, which brings partner_autocomplete in, stays: only the module
    # that calls out by itself goes.
    assert {m["name"]: m["state"] for m in modules} == {
        "partner_autocomplete": "uninstalled",
        "iap_mail": "installed",
    }
    cron = rpc(
        "ir.model.data",
        "search_read",
        [["module", "=", "mail"], ["name", "=", "ir_cron_module_update_notification"]],
        fields=["res_id"],
    )
    assert len(cron) == 1
    active = rpc(
        "ir.cron",
        "search_read",
        [["id", "=", cron[0]["res_id"]]],
        fields=["active"],
        context={"active_test": False},
    )
    assert active == [{"id": cron[0]["res_id"], "active": False}]
