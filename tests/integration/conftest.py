"""Fixtures for tests that drive a real Odoo server on the make-test database."""

import os
import time
import urllib.error
import urllib.request
import xmlrpc.client

import harness
import pgcluster
import pytest


def _need(name):
    value = os.environ.get(name)
    if value is None:
        pytest.fail(
            f"{name} is not set: these tests run inside `make test`, which "
            "creates the database they drive."
        )
    return value


@pytest.fixture(scope="session")
def odoo_db_params():
    return {
        "host": _need("HALO_DB_HOST") or None,
        "port": int(_need("HALO_DB_PORT")) if os.environ.get("HALO_DB_PORT") else None,
        "user": _need("HALO_DB_USER") or None,
        "password": os.environ.get("HALO_DB_PASSWORD") or None,
        "db": _need("HALO_TEST_DB"),
        "data_dir": _need("HALO_DATA_DIR"),
    }


def wait_for(url, timeout=120):
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.time() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture(scope="session")
def odoo_server(odoo_db_params):
    """Odoo serving the test database the way `make run` serves the demo one."""
    port = pgcluster.free_port()
    params = {k: odoo_db_params[k] for k in ("host", "port", "user", "password")}
    logfile = os.path.join(odoo_db_params["data_dir"], "server.log")
    proc = harness.serve(
        params,
        odoo_db_params["db"],
        odoo_db_params["data_dir"],
        port,
        logfile,
        quiet=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        status = wait_for(f"{url}/web/login")
        yield {
            "url": url,
            "db": odoo_db_params["db"],
            "login_status": status,
            "proc": proc,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=60)


@pytest.fixture(scope="session")
def rpc(odoo_server):
    """An authenticated XML-RPC client, as an integration would use."""
    common = xmlrpc.client.ServerProxy(f"{odoo_server['url']}/xmlrpc/2/common")
    uid = common.authenticate(odoo_server["db"], "admin", "admin", {})
    assert uid, "admin/admin cannot log in to the test database"
    models = xmlrpc.client.ServerProxy(
        f"{odoo_server['url']}/xmlrpc/2/object", allow_none=True
    )

    def call(model, method, *args, **kwargs):
        return models.execute_kw(
            odoo_server["db"], uid, "admin", model, method, list(args), kwargs
        )

    return call
