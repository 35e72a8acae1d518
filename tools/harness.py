#!/usr/bin/env python3
"""The project's harness: ``make test``, ``make run`` and the developer loop.

Odoo is found through the Python that runs this script; nothing here downloads
or builds it.  See README.md for the commands.
"""

import argparse
import contextlib
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import pgcluster  # noqa: E402

ADDONS_DIR = os.path.join(ROOT, "addons")
CACHE = os.path.join(ROOT, ".cache")
OUR_ADDONS = [
    "halo_support",
    "support_sla",
    "support_billing",
    "support_rma",
    "support_rma_sla",
]
# The test-only addon that reruns the suites of the OCA addons we extend,
# post_install, in the database where ours are installed.
UPSTREAM_TESTS_ADDON = "halo_upstream_tests"
DEMO_DB = "halo_demo"
DEMO_LOGINS = [
    ("admin", "admin", "administrator, support manager"),
    ("portal", "portal", "portal user of a customer"),
]
LOG_LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)"
)


def die(message, code=2):
    print(f"\nERROR: {message}", file=sys.stderr)
    sys.exit(code)


def check_odoo():
    """Stop with a clear message when this Python cannot import Odoo 18.0."""
    probe = subprocess.run(
        [sys.executable, "-c", "import odoo.release as r; print(r.version)"],
        capture_output=True,
        text=True,
    )
    version = probe.stdout.strip()
    if probe.returncode != 0 or not version.startswith("18.0"):
        found = (
            f"found Odoo {version}" if probe.returncode == 0 else "cannot import 'odoo'"
        )
        die(
            f"{sys.executable} {found}; Odoo 18.0 Community is required.\n"
            "Install it the upstream way into this Python, for example from a\n"
            "checkout of https://github.com/odoo/odoo at branch 18.0:\n"
            "    pip install -r requirements.txt   (in the Odoo checkout)\n"
            "    pip install -e . --config-settings editable_mode=compat\n"
            "or use the docker/ setup (see README.md)."
        )
    return version


def install_requirements(quiet=True):
    """Install requirements.txt when something is missing (fast when all is there)."""
    req = os.path.join(ROOT, "requirements.txt")
    check = subprocess.run(
        [sys.executable, os.path.join(HERE, "check_requirements.py"), req],
        capture_output=True,
        text=True,
    )
    if check.returncode == 0:
        return
    print(f"Installing Python requirements ({check.stdout.strip()})", flush=True)
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "-r",
        req,
    ]
    if quiet:
        cmd.append("-q")
    subprocess.run(cmd, check=True)


@contextlib.contextmanager
def postgres(kind):
    """Yield connection parameters of a PostgreSQL server for ``kind`` of use.

    kind is "test" (a throwaway private cluster, removed at the end), "run"
    (a persistent private cluster) or "dev" (persistent, shared by parallel
    developer runs, left running).
    """
    params = pgcluster.env_server_params()
    if params:
        print(
            f"Using the PostgreSQL server of the PG* variables ({params['host']}:{params['port']})"
        )
        yield params
        return
    if kind == "test":
        os.makedirs(CACHE, exist_ok=True)
        base = tempfile.mkdtemp(prefix="pg-test-", dir=CACHE)
        cluster = pgcluster.PrivateCluster(os.path.join(base, "data"))
        try:
            cluster.start()
            print(
                f"Started a throwaway PostgreSQL cluster on 127.0.0.1:{cluster.port}",
                flush=True,
            )
            yield cluster.params
        finally:
            cluster.stop()
            shutil.rmtree(base, ignore_errors=True)
        return
    cluster = pgcluster.PrivateCluster(os.path.join(CACHE, f"pg-{kind}", "data"))
    with pgcluster.locked(os.path.join(CACHE, f"pg-{kind}.lock")):
        cluster.start()
    print(
        f"PostgreSQL cluster .cache/pg-{kind} on 127.0.0.1:{cluster.port}", flush=True
    )
    try:
        yield cluster.params
    finally:
        if kind == "run":
            cluster.stop()
            print("PostgreSQL stopped.")


def odoo_args(params, db, data_dir, http_port=None, extra=()):
    """The command line that runs Odoo on our addons and the given database."""
    args = [
        sys.executable,
        os.path.join(HERE, "odoo_runner.py"),
        "server",
        f"--addons-path={ADDONS_DIR}",
        f"--data-dir={data_dir}",
        f"--database={db}",
        f"--db-filter=^{re.escape(db)}$",
        f"--db_host={params['host'] or ''}",
        f"--db_port={params['port'] or ''}",
        f"--db_user={params['user'] or ''}",
        f"--db_password={params['password'] or ''}",
        "--max-cron-threads=0",
    ]
    if http_port:
        args.append(f"--http-port={http_port}")
    return args + list(extra)


def run_logged(args, logfile, env=None, echo=None):
    """Run a command, copy its output to logfile and (filtered) to stdout."""
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=ROOT,
    )
    with open(logfile, "a") as log:
        for line in proc.stdout:
            log.write(line)
            if echo is None or echo(line):
                sys.stdout.write(line)
                sys.stdout.flush()
    return proc.wait()


def echo_interesting(line):
    """What CI shows of Odoo's log: test progress, warnings and errors."""
    match = LOG_LINE_RE.match(line)
    if not match:
        return True  # tracebacks and other continuation lines
    if match["level"] != "INFO":
        return True
    logger = match["logger"]
    return (
        logger.startswith("odoo.tests")
        or ".tests." in logger
        or (logger == "odoo.modules.loading" and "modules loaded" in match["msg"])
    )


CHECKLOG_CONFIG = os.path.join(ROOT, "checklog-odoo.cfg")


def log_problems(logfile):
    """Log records above INFO that checklog-odoo does not ignore.

    checklog-odoo (acsone's checker of Odoo logs) reads its ignore regexes
    from checklog-odoo.cfg; each one there says why.  Returns the text it
    prints (empty when the log is clean).
    """
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "checklog_odoo",
            "--no-echo",
            f"--config={CHECKLOG_CONFIG}",
            logfile,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if proc.returncode == 0:
        return []
    return (proc.stdout + proc.stderr).strip().splitlines()


def run_odoo_tests(params, db, data_dir, logfile, install, tags):
    """One Odoo test run; returns its counts."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as report:
        report_path = report.name
    env = dict(os.environ, HALO_TEST_REPORT=report_path)
    extra = [
        "--stop-after-init",
        "--test-enable",
        f"--test-tags={tags}",
        "--log-level=info",
    ]
    if install:
        extra.append(f"--init={','.join(install)}")
    args = odoo_args(params, db, data_dir, http_port=pgcluster.free_port(), extra=extra)
    rc = run_logged(args, logfile, env=env, echo=echo_interesting)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    with contextlib.suppress(OSError, ValueError), open(report_path) as handle:
        counts = json.load(handle)
    os.unlink(report_path)
    counts["rc"] = rc
    return counts


def run_pytest(env, paths):
    """Run pytest on paths; return its counts (from its JUnit report)."""
    with tempfile.NamedTemporaryFile(suffix=".xml", delete=False) as junit:
        junit_path = junit.name
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--junitxml={junit_path}",
        *paths,
    ]
    rc = subprocess.run(cmd, cwd=ROOT, env=env).returncode
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0, "rc": rc}
    with contextlib.suppress(OSError, ET.ParseError):
        root = ET.parse(junit_path).getroot()
        suites = [root] if root.tag == "testsuite" else list(root)
        for suite in suites:
            for key in ("tests", "failures", "errors", "skipped"):
                counts[key] += int(suite.get(key, 0))
    os.unlink(junit_path)
    if rc == 5:  # pytest: no test collected, an error of ours
        counts["errors"] += 1
    return counts


def summary_line(all_counts):
    tests = sum(c["tests"] for c in all_counts)
    failed = sum(c["failures"] + c["errors"] for c in all_counts)
    skipped = sum(c["skipped"] for c in all_counts)
    passed = tests - failed - skipped
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    return line, failed


def cmd_test(options):
    # Over 60 lines on purpose: the three phases of `make test` (our addons,
    # the OCA suites, pytest) read in order, each a few calls, one summary.
    started = time.time()
    check_odoo()
    install_requirements()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    logdir = os.path.join(CACHE, "logs")
    os.makedirs(logdir, exist_ok=True)
    logfile = os.path.join(logdir, f"test-{stamp}.log")
    addons = options.addons or OUR_ADDONS
    results = []
    failures = []
    with postgres("test") as params:
        db = f"halo_test_{stamp.replace('-', '_')}_{os.getpid()}"
        data_dir = tempfile.mkdtemp(prefix="odoo-data-", dir=CACHE)
        try:
            print(
                f"== Installing {', '.join(addons)} with demo data into {db}; our tests",
                flush=True,
            )
            ours = ",".join(f"/{a}" for a in addons)
            counts = run_odoo_tests(params, db, data_dir, logfile, addons, ours)
            results.append(counts)
            if counts["rc"] or counts["failures"] or counts["errors"]:
                failures.append("Odoo tests of our addons")
            if not counts["tests"]:
                failures.append("Odoo ran no test of our addons")
            if not options.no_upstream:
                # The OCA addons' own tests, rerun post_install by a test-only
                # addon once the registry holds ours too (its readme says how).
                print("== OCA suites we extend, with our addons loaded", flush=True)
                counts = run_odoo_tests(
                    params,
                    db,
                    data_dir,
                    logfile,
                    [UPSTREAM_TESTS_ADDON],
                    f"/{UPSTREAM_TESTS_ADDON}",
                )
                results.append(counts)
                if (
                    counts["rc"]
                    or counts["failures"]
                    or counts["errors"]
                    or not counts["tests"]
                ):
                    failures.append("OCA test suites")
            # The database then is the demo's of `make run` (the pytest
            # integration tests check it).
            error = switch_off_phone_home(params, db, data_dir, logfile)
            if error:
                failures.append(error)
            problems = log_problems(logfile)
            if problems:
                print(f"\nchecklog-odoo on Odoo's log ({logfile}):")
                for line in problems[:80]:
                    print("   ", line)
                failures.append("warnings or errors in Odoo's log")
            if not options.no_pytest:
                print(
                    "== pytest: integration through the external API",
                    flush=True,
                )
                env = dict(
                    os.environ,
                    HALO_DB_HOST=params["host"] or "",
                    HALO_DB_PORT=str(params["port"] or ""),
                    HALO_DB_USER=params["user"] or "",
                    HALO_DB_PASSWORD=params["password"] or "",
                    HALO_TEST_DB=db,
                    HALO_DATA_DIR=data_dir,
                )
                counts = run_pytest(env, ["tests"])
                results.append(counts)
                if counts["rc"]:
                    failures.append("pytest")
        finally:
            with contextlib.suppress(Exception):
                pgcluster.drop_database(params, db)
            shutil.rmtree(data_dir, ignore_errors=True)
    elapsed = time.time() - started
    line, failed = summary_line(results)
    print(f"\nOdoo log: {logfile}")
    print(f"make test took {elapsed:.0f} s")
    if failures:
        print("FAILED: " + "; ".join(failures))
    print(line)
    return 1 if (failures or failed) else 0


def install_demo_db(params, data_dir, logfile):
    args = odoo_args(
        params,
        DEMO_DB,
        data_dir,
        extra=[
            "--stop-after-init",
            f"--init={','.join(OUR_ADDONS)}",
            "--log-level=warn",
        ],
    )
    print(
        f"Creating the demo database {DEMO_DB} (our addons and demo data)…",
        flush=True,
    )
    rc = run_logged(args, logfile)
    if rc:
        die(f"installing the demo database failed, see {logfile}")


OFFLINE_SCRIPT = os.path.join(HERE, "offline.py")


def phone_home_left(params, db):
    """What of tools/offline.py's list is still on in db (empty: nothing)."""
    with open(OFFLINE_SCRIPT) as handle:
        script = handle.read()
    modules = json.loads(
        re.search(r"^PHONE_HOME_MODULES = (.*)$", script, re.M).group(1)
    )
    crons = json.loads(re.search(r"^PHONE_HOME_CRONS = (.*)$", script, re.M).group(1))
    with (
        contextlib.closing(pgcluster.connect(params, db)) as conn,
        conn.cursor() as cr,
    ):
        cr.execute(
            "SELECT name FROM ir_module_module WHERE name = ANY(%s)"
            " AND state NOT IN ('uninstalled', 'uninstallable')",
            [modules],
        )
        left = [f"module {name}" for (name,) in cr.fetchall()]
        cr.execute(
            "SELECT d.module || '.' || d.name FROM ir_model_data d"
            " JOIN ir_cron c ON c.id = d.res_id AND d.model = 'ir.cron'"
            " WHERE d.module || '.' || d.name = ANY(%s) AND c.active",
            [crons],
        )
        left += [f"cron {xmlid}" for (xmlid,) in cr.fetchall()]
    return left


def switch_off_phone_home(params, db, data_dir, logfile):
    """Run tools/offline.py on db in `odoo shell`, then check that it took;
    returns what went wrong, or None."""
    if not phone_home_left(params, db):
        return None
    args = odoo_args(params, db, data_dir, extra=["--no-http", "--log-level=warn"])
    args[args.index("server")] = "shell"
    print(f"Switching off what calls odoo.com in {db} (tools/offline.py)…", flush=True)
    with open(OFFLINE_SCRIPT) as script:
        proc = subprocess.run(
            args, stdin=script, cwd=ROOT, capture_output=True, text=True
        )
    with open(logfile, "a") as log:
        log.write(proc.stdout + proc.stderr)
    left = phone_home_left(params, db)
    if proc.returncode or left:
        return f"switching off {', '.join(left) or 'phone-home'} failed, see {logfile}"
    return None


def serve(params, db, data_dir, http_port, logfile=None, quiet=False):
    """Start Odoo's HTTP server on db; returns the Popen."""
    args = odoo_args(
        params, db, data_dir, http_port=http_port, extra=["--log-level=warn"]
    )
    out = open(logfile, "a") if logfile else None  # noqa: SIM115 (kept for the child's life)
    return subprocess.Popen(
        args,
        cwd=ROOT,
        stdout=out if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
        start_new_session=True,
    )


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def cmd_run(options):
    # Ctrl-C, or a TERM from a supervisor, stops Odoo then PostgreSQL; a shell
    # may have started us with SIGINT ignored, so install both handlers.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    check_odoo()
    install_requirements()
    data_dir = os.path.join(CACHE, "run-data")
    os.makedirs(data_dir, exist_ok=True)
    logfile = os.path.join(CACHE, "run.log")
    with postgres("run") as params:
        if not pgcluster.database_exists(params, DEMO_DB):
            install_demo_db(params, data_dir, logfile)
        else:
            print(f"Reusing the demo database {DEMO_DB}.")
        error = switch_off_phone_home(params, DEMO_DB, data_dir, logfile)
        if error:
            die(error)
        proc = serve(params, DEMO_DB, data_dir, options.port)
        print(f"\nOdoo runs on http://localhost:{options.port}")
        for login, password, who in DEMO_LOGINS:
            print(f"  login {login!r}, password {password!r}: {who}")
        print("Ctrl-C stops Odoo and PostgreSQL.\n", flush=True)
        try:
            proc.wait()
        except KeyboardInterrupt:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return 0


def deps_template(params, data_dir, logfile):
    """A database with every dependency of our addons installed (dev loop)."""
    name = "halo_tmpl_deps"
    if pgcluster.database_exists(params, name):
        return name
    deps = [
        "helpdesk_mgmt",
        "helpdesk_type",
        "helpdesk_mgmt_timesheet",
        "helpdesk_mgmt_fieldservice",
        "fieldservice_account",
        "contract",
        "report_xlsx",
        "portal",
        "account",
    ]
    tmp = name + "_building"
    pgcluster.drop_database(params, tmp)
    args = odoo_args(
        params,
        tmp,
        data_dir,
        extra=["--stop-after-init", f"--init={','.join(deps)}", "--log-level=warn"],
    )
    print("Building the dependency template database (once)…", flush=True)
    if run_logged(args, logfile):
        die(f"building the template failed, see {logfile}")
    with contextlib.closing(pgcluster.connect(params)) as conn, conn.cursor() as cr:
        cr.execute(f'ALTER DATABASE "{tmp}" RENAME TO "{name}"')
    return name


def cmd_dev_test(options):
    """Fast loop: copy a template with the dependencies, install and test addons."""
    check_odoo()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    logdir = os.path.join(CACHE, "logs")
    os.makedirs(logdir, exist_ok=True)
    logfile = os.path.join(logdir, f"dev-{stamp}-{os.getpid()}.log")
    data_dir = os.path.join(CACHE, "dev-data")
    os.makedirs(data_dir, exist_ok=True)
    with postgres("dev") as params:
        with pgcluster.locked(os.path.join(CACHE, "dev-template.lock")):
            template = deps_template(params, data_dir, logfile)
        db = f"halo_dev_{stamp.replace('-', '_')}_{os.getpid()}"
        pgcluster.copy_database(params, template, db)
        try:
            tags = options.tags or ",".join(f"/{a}" for a in options.addons)
            counts = run_odoo_tests(params, db, data_dir, logfile, options.addons, tags)
        finally:
            if not options.keep:
                pgcluster.drop_database(params, db)
            else:
                print(f"kept database {db}")
    problems = log_problems(logfile)
    for line in problems[:80]:
        print("checklog-odoo:", line)
    line, failed = summary_line([counts])
    print(f"Odoo log: {logfile}")
    print(line)
    return 1 if (failed or counts["rc"] or problems) else 0


def cmd_bench(options):
    """Install the addons on a throwaway database and run tests/bench/bench_*.py.

    Each benchmark prints its own figures, including the ratio against the
    reference it measures in the same run (Odoo's own code or plain
    helpdesk_mgmt), so that the numbers do not depend on the machine.
    """
    check_odoo()
    install_requirements()
    bench_dir = os.path.join(ROOT, "tests", "bench")
    scripts = sorted(
        os.path.join(bench_dir, f)
        for f in os.listdir(bench_dir)
        if f.startswith("bench_")
        and f.endswith(".py")
        and (not options.only or any(o in f for o in options.only))
    )
    os.makedirs(os.path.join(CACHE, "logs"), exist_ok=True)
    logfile = os.path.join(CACHE, "logs", "bench.log")
    failed = []
    with postgres("test") as params:
        db = f"halo_bench_{os.getpid()}"
        data_dir = tempfile.mkdtemp(prefix="odoo-data-", dir=CACHE)
        try:
            args = odoo_args(
                params,
                db,
                data_dir,
                extra=[
                    "--stop-after-init",
                    f"--init={','.join(OUR_ADDONS)}",
                    "--log-level=warn",
                ],
            )
            print(f"Installing the addons into {db}…", flush=True)
            if run_logged(args, logfile):
                die(f"installing the benchmark database failed, see {logfile}")
            for script in scripts:
                print(f"\n== {os.path.relpath(script, ROOT)}", flush=True)
                cmd = [
                    sys.executable,
                    os.path.join(HERE, "odoo_env.py"),
                    script,
                    f"--db={db}",
                    f"--db_host={params['host'] or ''}",
                    f"--db_port={params['port'] or ''}",
                    f"--db_user={params['user'] or ''}",
                    f"--db_password={params['password'] or ''}",
                    f"--data-dir={data_dir}",
                ]
                if subprocess.run(cmd, cwd=ROOT).returncode:
                    failed.append(script)
        finally:
            with contextlib.suppress(Exception):
                pgcluster.drop_database(params, db)
            shutil.rmtree(data_dir, ignore_errors=True)
    if failed:
        print("FAILED:", *failed)
        return 1
    return 0


SCREENSHOTS_DIR = os.path.join(ROOT, "docs", "screenshots")
SCREENSHOT_MAX_BYTES = 300 * 1024


def cmd_screenshots(options):
    """Regenerate docs/screenshots/*.png with the Chromium tours.

    A fresh database gets our addons with demo data, then only the
    tests tagged ``halo_tour`` run, with HALO_SCREENSHOTS_DIR set: each tour
    writes the pictures it names (see halo_support/tests/tour_common.py).
    """
    check_odoo()
    install_requirements()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    logdir = os.path.join(CACHE, "logs")
    os.makedirs(logdir, exist_ok=True)
    logfile = os.path.join(logdir, f"screenshots-{stamp}.log")
    target = os.path.abspath(options.output)
    os.makedirs(target, exist_ok=True)
    # Pictures of tours that no longer exist must not linger.
    for name in os.listdir(target):
        if name.endswith(".png"):
            os.unlink(os.path.join(target, name))
    os.environ["HALO_SCREENSHOTS_DIR"] = target
    with postgres("test") as params:
        db = f"halo_shots_{stamp.replace('-', '_')}_{os.getpid()}"
        data_dir = tempfile.mkdtemp(prefix="odoo-data-", dir=CACHE)
        try:
            print(f"== Installing {', '.join(OUR_ADDONS)} into {db}; tours", flush=True)
            counts = run_odoo_tests(
                params, db, data_dir, logfile, OUR_ADDONS, "halo_tour"
            )
        finally:
            with contextlib.suppress(Exception):
                pgcluster.drop_database(params, db)
            shutil.rmtree(data_dir, ignore_errors=True)
    pictures = sorted(f for f in os.listdir(target) if f.endswith(".png"))
    too_big = []
    for name in pictures:
        size = os.path.getsize(os.path.join(target, name))
        print(
            f"  {os.path.relpath(os.path.join(target, name), ROOT)}  {size // 1024} KB"
        )
        if size > SCREENSHOT_MAX_BYTES:
            too_big.append(name)
    problems = log_problems(logfile)
    for line in problems[:80]:
        print("checklog-odoo:", line)
    line, failed = summary_line([counts])
    print(f"Odoo log: {logfile}")
    print(f"{len(pictures)} screenshot(s) in {os.path.relpath(target, ROOT)}")
    if too_big:
        print(f"larger than {SCREENSHOT_MAX_BYTES // 1024} KB: {', '.join(too_big)}")
    if not counts["tests"]:
        print("FAILED: no tour ran")
    print(line)
    bad = failed or counts["rc"] or problems or too_big or not counts["tests"]
    return 1 if bad else 0


def cmd_pot(options):
    """Export each addon's translation template to addons/<addon>/i18n/<addon>.pot.

    The addons are installed without demo data on a throwaway database, then
    ``click-odoo-makepot`` (acsone's click-odoo-contrib)
    exports the templates through Odoo's own export and leaves out the
    creation and revision dates, so that a template changes only when its
    terms do; it also checks that every .po file still merges.
    """
    check_odoo()
    os.makedirs(os.path.join(CACHE, "logs"), exist_ok=True)
    logfile = os.path.join(CACHE, "logs", "pot.log")
    with postgres("test") as params:
        db = f"halo_pot_{os.getpid()}"
        data_dir = tempfile.mkdtemp(prefix="odoo-data-", dir=CACHE)
        try:
            install = odoo_args(
                params,
                db,
                data_dir,
                extra=[
                    "--stop-after-init",
                    f"--init={','.join(OUR_ADDONS)}",
                    "--log-level=warn",
                    "--without-demo=all",
                ],
            )
            if run_logged(install, logfile):
                die(f"installing the addons failed, see {logfile}")
            rcfile = os.path.join(data_dir, "odoo.conf")
            with open(rcfile, "w") as handle:
                handle.write(
                    "[options]\n"
                    f"addons_path = {ADDONS_DIR}\n"
                    f"data_dir = {data_dir}\n"
                    f"db_host = {params['host'] or ''}\n"
                    f"db_port = {params['port'] or ''}\n"
                    f"db_user = {params['user'] or ''}\n"
                    f"db_password = {params['password'] or ''}\n"
                )
            export = [
                sys.executable,
                "-m",
                "click_odoo_contrib.makepot",
                f"--config={rcfile}",
                f"--database={db}",
                f"--addons-dir={ADDONS_DIR}",
                f"--modules={','.join(OUR_ADDONS)}",
                "--log-level=warn",
            ]
            if run_logged(export, logfile):
                die(f"exporting the templates failed, see {logfile}")
            for addon in OUR_ADDONS:
                target = os.path.join(ADDONS_DIR, addon, "i18n", f"{addon}.pot")
                print(f"wrote {os.path.relpath(target, ROOT)}")
        finally:
            with contextlib.suppress(Exception):
                pgcluster.drop_database(params, db)
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    test = sub.add_parser("test", help="the full test suite (make test)")
    test.add_argument("--addons", nargs="*", help="install only these of our addons")
    test.add_argument("--no-upstream", action="store_true", help="skip the OCA suites")
    test.add_argument("--no-pytest", action="store_true")
    run = sub.add_parser("run", help="the demo server (make run)")
    run.add_argument("--port", type=int, default=int(os.environ.get("HTTP_PORT", 8069)))
    dev = sub.add_parser("dev-test", help="fast loop on a template database")
    dev.add_argument("addons", nargs="+")
    dev.add_argument("--tags", help="Odoo test tags (default: the addons)")
    dev.add_argument("--keep", action="store_true", help="keep the database")
    bench = sub.add_parser("bench", help="benchmarks (make bench)")
    bench.add_argument("--only", nargs="*", help="substrings of benchmark file names")
    sub.add_parser("pot", help="export the translation templates (make pot)")
    shots = sub.add_parser(
        "screenshots", help="docs/screenshots/*.png from the tours (make screenshots)"
    )
    shots.add_argument("--output", default=SCREENSHOTS_DIR, help="where to write")
    options = parser.parse_args()
    handler = {
        "pot": cmd_pot,
        "screenshots": cmd_screenshots,
        "test": cmd_test,
        "run": cmd_run,
        "dev-test": cmd_dev_test,
        "bench": cmd_bench,
    }[options.command]
    sys.exit(handler(options))


if __name__ == "__main__":
    main()
