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
