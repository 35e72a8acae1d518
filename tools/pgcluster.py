"""PostgreSQL for the harness: the one the PG* variables point at, or a private one.

``make test`` and ``make run`` need a PostgreSQL server they may create databases
on.  When the standard libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD) lead
to a server that answers, it is used as is.  Otherwise a private cluster is
created with ``initdb`` inside a git-ignored folder of the repository, listening
on 127.0.0.1 on a free port only.  PostgreSQL refuses to run as root, so when
the harness runs as root the cluster belongs to an unprivileged system user.
"""

import contextlib
import fcntl
import glob
import os
import pwd
import shutil
import socket
import subprocess
import time

PG_SYSTEM_USER = "halo-pg"
DB_ROLE = "odoo"


class PgError(RuntimeError):
    """PostgreSQL could not be found or started."""


def find_pg_bin(program):
    """Return the path of a PostgreSQL server program (initdb, pg_ctl)."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(subprocess.CalledProcessError, OSError):
            bindir = subprocess.check_output([pg_config, "--bindir"], text=True).strip()
            candidates.append(os.path.join(bindir, program))
    candidates += sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{program}"), reverse=True
    )
    found = shutil.which(program)
    if found:
        candidates.append(found)
    for path in candidates:
        if os.access(path, os.X_OK):
            return path
    raise PgError(
        f"PostgreSQL's '{program}' was not found: install the PostgreSQL server "
        "(Debian: apt-get install postgresql) or point the PG* variables at a "
        "running server."
    )


def free_port():
    """A TCP port on the loopback interface that nobody listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_server_params():
    """Connection parameters of the server the PG* variables point at, if it answers.

    Only taken when at least one PG* variable is set: a bare libpq default
    (local socket, current user) is not an explicit choice of the user.
    """
    if not any(os.environ.get(v) for v in ("PGHOST", "PGPORT", "PGUSER")):
        return None
    import psycopg2  # imported late: the harness first checks Odoo, which needs it

    params = {
        "host": os.environ.get("PGHOST") or None,
        "port": int(os.environ["PGPORT"]) if os.environ.get("PGPORT") else None,
        "user": os.environ.get("PGUSER") or None,
        "password": os.environ.get("PGPASSWORD") or None,
    }
    try:
        conn = psycopg2.connect(dbname="postgres", connect_timeout=5, **params)
        conn.close()
    except psycopg2.Error:
        return None
    return params


def _ensure_system_user():
    """Create the unprivileged owner of private clusters when running as root."""
    try:
        pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                PG_SYSTEM_USER,
            ],
            check=True,
        )


def _as_owner(cmd):
    """Prefix a command so that it runs as the cluster owner."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", PG_SYSTEM_USER, "--", *cmd]


class PrivateCluster:
    """A PostgreSQL cluster in a folder of ours, reachable on 127.0.0.1:port."""

    def __init__(self, datadir):
        self.datadir = os.path.abspath(datadir)
        self.port = None
        self.log = os.path.join(os.path.dirname(self.datadir), "postgresql.log")

    @property
    def params(self):
        return {
            "host": "127.0.0.1",
            "port": self.port,
            "user": DB_ROLE,
            "password": None,
        }

    def _chown(self, path):
        if os.geteuid() == 0:
            owner = pwd.getpwnam(PG_SYSTEM_USER)
            os.chown(path, owner.pw_uid, owner.pw_gid)

    def init(self):
        """Create the cluster unless it exists already."""
        if os.path.exists(os.path.join(self.datadir, "PG_VERSION")):
            return
        if os.geteuid() == 0:
            _ensure_system_user()
        parent = os.path.dirname(self.datadir)
        os.makedirs(parent, exist_ok=True)
        # the owner needs to traverse the parents and write the log next to datadir
        for path in (parent,):
            os.chmod(path, 0o755)
            self._chown(path)
        os.makedirs(self.datadir, exist_ok=True)
        self._chown(self.datadir)
        os.chmod(self.datadir, 0o700)
        subprocess.run(
            _as_owner(
                [
                    find_pg_bin("initdb"),
                    "-D",
                    self.datadir,
                    "-U",
                    DB_ROLE,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def _pidfile_port(self):
        pidfile = os.path.join(self.datadir, "postmaster.pid")
        try:
            with open(pidfile) as handle:
                lines = handle.read().splitlines()
            return int(lines[3])
        except (OSError, IndexError, ValueError):
            return None

    def is_running(self):
        port = self._pidfile_port()
        if not port:
            return False
        result = subprocess.run(
            _as_owner([find_pg_bin("pg_ctl"), "-D", self.datadir, "status"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if result.returncode == 0:
            self.port = port
            return True
        return False

    def start(self):
        """Start the cluster on a free port (or adopt it when it already runs)."""
        if self.is_running():
            return
        self.init()
        self.port = free_port()
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories='{self.datadir}' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        subprocess.run(
            _as_owner(
                [
                    find_pg_bin("pg_ctl"),
                    "-D",
                    self.datadir,
                    "-l",
                    self.log,
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        import psycopg2

        deadline = time.time() + 30
        while True:
            try:
                psycopg2.connect(
                    dbname="postgres", connect_timeout=2, **self.params
                ).close()
                return
            except psycopg2.Error:
                if time.time() > deadline:
                    raise PgError(
                        f"PostgreSQL did not answer; see {self.log}"
                    ) from None
                time.sleep(0.3)

    def stop(self):
        if not os.path.exists(os.path.join(self.datadir, "postmaster.pid")):
            return
        subprocess.run(
            _as_owner(
                [find_pg_bin("pg_ctl"), "-D", self.datadir, "-m", "fast", "-w", "stop"]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


@contextlib.contextmanager
def locked(path):
    """An exclusive lock file, so that parallel harness runs do not race."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def connect(params, dbname="postgres"):
    import psycopg2

    conn = psycopg2.connect(dbname=dbname, **{k: v for k, v in params.items() if v})
    conn.autocommit = True
    return conn


def drop_database(params, dbname):
    with contextlib.closing(connect(params)) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (dbname,),
        )
        cr.execute(f'DROP DATABASE IF EXISTS "{dbname}"')


def database_exists(params, dbname):
    with contextlib.closing(connect(params)) as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
        return bool(cr.fetchone())


def copy_database(params, template, dbname):
    with contextlib.closing(connect(params)) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (template,),
        )
        cr.execute(f'CREATE DATABASE "{dbname}" TEMPLATE "{template}"')
