"""Opening the SQLite file: pragmas, migrations (after a copy aside), write transactions."""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from app.store.errors import NewerSchema, NotAPiketStore, StoreUnavailable
from app.store.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 10_000


def open_database(path: Path, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the store at `path`, set pragmas and apply migrations.

    A pending migration on an existing file is preceded by a copy of the file beside it
    (`piket.db.before-<migration>-<timestamp>`), so a failed upgrade loses nothing.
    """
    path = Path(path)
    if not path.parent.exists():
        raise StoreUnavailable("missing", str(path.parent))
    existed = path.exists() and path.stat().st_size > 0
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        db = sqlite_utils.Database(conn)
        _set_pragmas(db)
        _check_is_piket(db, existed)
    except sqlite3.DatabaseError as exc:
        raise _translate(exc, path) from exc
    if migrate:
        pending = MIGRATIONS.pending(db)
        if pending:
            if existed:
                _copy_aside(db, path, pending[0].name)
            MIGRATIONS.apply(db)
    return db


def _set_pragmas(db: sqlite_utils.Database) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode != "wal":  # e.g. a read-only folder: WAL cannot be set up
        raise StoreUnavailable("read_only", f"journal_mode={mode}")
    db.execute("PRAGMA synchronous = FULL")  # power cuts are common: fsync every commit
    db.execute("PRAGMA foreign_keys = ON")


def _check_is_piket(db: sqlite_utils.Database, existed: bool) -> None:
    tables = set(db.table_names())
    if not existed or not tables:
        return
    if "_sqlite_migrations" not in tables:
        raise NotAPiketStore("no Piket migrations table")
    known = {m.name for m in MIGRATIONS._migrations}
    applied = {
        row[0]
        for row in db.execute(
            "select name from _sqlite_migrations where migration_set = ?", [MIGRATIONS.name]
        ).fetchall()
    }
    if not applied:
        raise NotAPiketStore("no Piket migrations applied")
    if applied - known:
        raise NewerSchema(", ".join(sorted(applied - known)))


def _copy_aside(db: sqlite_utils.Database, path: Path, migration: str) -> Path:
    """Consistent copy of the store before migrating, through the SQLite backup API."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-{migration}-{stamp}")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One unit of work: BEGIN IMMEDIATE (takes the write lock before reading counters),
    COMMIT on success, ROLLBACK on any error. Nested calls become savepoints."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as exc:
        raise _translate(exc, None) from exc
    try:
        yield db
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _translate(exc, None) from exc
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _translate(exc: sqlite3.DatabaseError, path: Path | None) -> Exception:
    """Turn an SQLite failure into a typed store error the UI can explain."""
    text = str(exc).lower()
    where = str(path) if path else ""
    if isinstance(exc, sqlite3.IntegrityError):
        return exc
    if "database or disk is full" in text or "disk is full" in text:
        return StoreUnavailable("disk_full", where)
    if "readonly" in text or "read-only" in text:
        return StoreUnavailable("read_only", where)
    if "unable to open" in text:
        return StoreUnavailable("missing", where)
    if "locked" in text or "busy" in text:
        return StoreUnavailable("locked", where)
    if "not a database" in text or "malformed" in text:
        return NotAPiketStore(text)
    if "disk i/o" in text:
        return StoreUnavailable("io", where)
    return exc


def os_error_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "disk_full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    return "io"


def copy_file(src: Path, dst: Path) -> None:
    shutil.copy2(src, dst)
