"""A throwaway PostgreSQL cluster for the hub's tests, one fresh database per test.

``initdb`` refuses to run as root, so under root the cluster belongs to ``nobody`` and every
server command runs through ``runuser``. ``LINKWORKER_TEST_POSTGRES_URL`` points the tests at an
existing server instead (its user must be allowed to create databases).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

ENV_URL = "LINKWORKER_TEST_POSTGRES_URL"
_SEARCH = (
    "/usr/lib/postgresql/*/bin",
    "/usr/local/pgsql/bin",
    "/opt/homebrew/opt/postgresql@*/bin",
)
_UNPRIVILEGED = "nobody"


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: on the PATH, or where Debian and others put them."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    for pattern in _SEARCH:
        for folder in sorted(glob.glob(pattern), reverse=True):
            if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
                return Path(folder)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """Somewhere to make and drop databases: a cluster started here, or one given by URL."""

    def __init__(self, admin_url: str, cluster: LocalCluster | None = None):
        self.admin_url = admin_url  # postgresql://user@host:port/db (plain libpq form)
        self.cluster = cluster

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = f"lw_hub_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        base = self.admin_url.rsplit("/", 1)[0]
        return f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()


class LocalCluster:
    """initdb + pg_ctl in a temporary folder, owned by an unprivileged user when run as root."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="linkworker-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam(_UNPRIVILEGED)
            os.chown(self.folder, user.pw_uid, user.pw_gid)
            self._as_user = ["runuser", "-u", _UNPRIVILEGED, "--"]

    def _run(self, *args: str) -> None:
        env = dict(os.environ, LC_ALL="C", LANG="C")
        completed = subprocess.run(
            [*self._as_user, str(self.bin_dir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {completed.stderr.strip()[-2000:]}")

    def start(self) -> PostgresServer:
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=300 -c shared_buffers=128MB"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
            "-w", "-t", "60", "-o", options, "start",
        )  # fmt: skip
        return PostgresServer(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", self)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server() -> tuple[PostgresServer | None, str]:
    """A PostgreSQL server for the tests, or None and the reason there is none."""
    given = os.environ.get(ENV_URL)
    if given:
        return PostgresServer(given.replace("postgresql+psycopg://", "postgresql://", 1)), ""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return None, (
            "PostgreSQL is not installed (no initdb/pg_ctl found) and "
            f"{ENV_URL} is not set; the hub was tested on SQLite only."
        )
    cluster = LocalCluster(bin_dir)
    try:
        return cluster.start(), ""
    except (RuntimeError, OSError, subprocess.TimeoutExpired, KeyError) as exc:
        cluster.stop()
        return None, f"A throwaway PostgreSQL cluster could not be started: {exc}"
