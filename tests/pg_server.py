"""A throw-away PostgreSQL cluster for the tests: started once per test run on a Unix
socket in a temporary folder (no TCP port is opened), removed at the end.

initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
Each test gets its own database, copied from a template that already holds the schema.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TEMPLATE = "vd_template"
PASSWORD_GROUP = "vinhdanh_needs_password"
_counter = itertools.count(1)


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def available() -> bool:
    return _bin("initdb") is not None and _bin("pg_ctl") is not None


def require() -> None:
    """Skip a server test on a machine without PostgreSQL, except where CI says it must run."""
    import pytest

    if not available():
        if os.environ.get("VINHDANH_NEED_POSTGRES") == "1":
            pytest.fail("PostgreSQL (initdb, pg_ctl) is needed for these tests and is not installed")
        pytest.skip("PostgreSQL không có trên máy này")


class Cluster:
    def __init__(self, durable: bool = False, tls: bool = False) -> None:
        """durable=False turns fsync off (tests need no crash safety); a benchmark keeps it.

        tls=True also listens on 127.0.0.1 with a self-signed certificate and, as the README
        tells a district to set it up, refuses any TCP login that is not encrypted."""
        self.root = Path(tempfile.mkdtemp(prefix="vinhdanh-pg-"))
        self.data = self.root / "data"
        self.socket = self.root
        self.port = 54000 + os.getpid() % 1000
        self._as_postgres = os.geteuid() == 0 if hasattr(os, "geteuid") else False
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        os.chmod(self.root, 0o755)
        self._run(
            _bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        # Logins in this group must give their password (the others are trusted, as tests
        # need): the login dialog and the credential store are tested against a real refusal.
        hba = self.data / "pg_hba.conf"
        hba.write_text(f"local all +{PASSWORD_GROUP} scram-sha-256\n" + hba.read_text())
        fsync = "on" if durable else "off"
        listen = "''"
        if tls:
            self.port = 55000 + os.getpid() % 1000  # beside the plain cluster of the same run
            self._certificate()
            hba.write_text(
                "hostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n" + hba.read_text()
            )
            listen = "127.0.0.1 -c ssl=on"
        options = f"-k {self.socket} -p {self.port} -c listen_addresses={listen} -c fsync={fsync} -c max_connections=60"
        self._run(_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")

    def _certificate(self) -> None:
        self._run(
            shutil.which("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-keyout", str(self.data / "server.key"), "-out", str(self.data / "server.crt"),
        )  # fmt: skip
        os.chmod(self.data / "server.key", 0o600)

    def tcp_url(self, database: str = "postgres", user: str = "postgres") -> str:
        """As a ward's machine reaches the server: over the network, libpq's own TLS default."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str | None) -> None:
        args = [c for c in command if c is not None]
        if self._as_postgres:
            args = ["runuser", "-u", "postgres", "--", *args]
        subprocess.run(args, check=True, capture_output=True, timeout=120)

    def url(self, database: str = "postgres", user: str = "postgres") -> str:
        return f"postgresql://{user}@/{database}?host={self.socket}&port={self.port}"

    def admin(self):
        import psycopg

        return psycopg.connect(self.url(), autocommit=True)

    def make_template(self) -> None:
        from models.storage.pg_store import PgStore

        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        PgStore(self.url(TEMPLATE), migrate=True).close()

    def fresh_database(self) -> str:
        """A new database holding an empty book at the current schema; its URL."""
        name = f"t{os.getpid()}_{next(_counter)}"
        with self.admin() as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
        return self.url(name)

    def drop(self, url: str) -> None:
        name = url.split("/")[3].split("?")[0]
        with contextlib.suppress(Exception), self.admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run(_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
