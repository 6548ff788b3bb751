"""A throwaway PostgreSQL server for the hub tests: initdb in a new temporary folder, started
with pg_ctl on a Unix socket in that folder (no TCP port), as a non-root user (PostgreSQL
refuses to run as root: as root the Debian `postgres` account runs it). Each test gets a new,
empty database of its own. scripts/test.sh installs the Debian `postgresql` package; where its
binaries are absent the hub tests are skipped, saying so.

    from tests.pg_server import hub_dsn, pg_server  # noqa: F401 (fixtures)
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name
                   .isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


@dataclass(frozen=True)
class PgServer:
    socket_dir: Path
    superuser: str
    _names: Iterator[int]

    def dsn(self, dbname: str = "postgres", user: str | None = None) -> str:
        return f"host={self.socket_dir} port=5432 dbname={dbname} user={user or self.superuser}"

    def new_database(self) -> str:
        import psycopg

        name = f"hub_{next(self._names)}"
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return name


def _as_user(user: str | None, argv: list[str]) -> list[str]:
    return argv if user is None else ["runuser", "-u", user, "--", *argv]


class PgUnavailable(Exception):
    """No PostgreSQL server can be started here (the reason, in Indonesian)."""


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """A throwaway server for the time of the block (also used by bench/bench_hub.py)."""
    bin_dir = _bin_dir()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        raise PgUnavailable("PostgreSQL tidak terpasang (initdb/pg_ctl tidak ada); pasang "
                            "paket Debian `postgresql` (scripts/test.sh memasangnya)")
    run_as: str | None = None
    if os.geteuid() == 0:
        run_as = "postgres"
        try:
            account = pwd.getpwnam(run_as)
        except KeyError:
            raise PgUnavailable("server PostgreSQL tidak boleh dijalankan sebagai root dan "
                                "akun `postgres` tidak ada") from None
    folder = Path(tempfile.mkdtemp(prefix="piket-pg-"))
    if run_as is not None:
        os.chown(folder, account.pw_uid, account.pw_gid)
    data = folder / "data"
    superuser = run_as or pwd.getpwuid(os.geteuid()).pw_name
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-s"]
    try:
        subprocess.run(_as_user(run_as, [str(bin_dir / "initdb"), "-D", str(data), "-U",
                                         superuser, "--auth=trust", "-E", "UTF8",
                                         "--locale=C"]), check=True, capture_output=True)
        options = f"-c listen_addresses='' -c unix_socket_directories={folder} -c fsync=off"
        subprocess.run(_as_user(run_as, [*pg_ctl, "-l", str(folder / "log"), "-o", options,
                                         "start"]), check=True, capture_output=True)
        yield PgServer(folder, superuser, itertools.count(1))
    finally:
        subprocess.run(_as_user(run_as, [*pg_ctl, "-m", "immediate", "stop"]),
                       capture_output=True)
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    pytest.importorskip("psycopg")
    try:
        with running_server() as server:
            yield server
    except PgUnavailable as exc:
        pytest.skip(f"uji hub dilewati: {exc}")


@pytest.fixture
def hub_dsn(pg_server: PgServer) -> str:
    """The DSN (superuser) of a new, empty database of the throwaway server."""
    return pg_server.dsn(pg_server.new_database())
