"""Opening the store file: checks (damaged, not Piket's, newer), pragmas, and the named
migrations, after a copy of the file beside it."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from app.store.db import BUSY_TIMEOUT_MS, remember_file, translate_error
from app.store.errors import DamagedStore, NewerSchema, NotAPiketStore, StoreUnavailable
from app.store.schema.migrations import MIGRATIONS


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
    except sqlite3.DatabaseError as exc:
        raise translate_error(exc, path) from exc
    try:
        # no sqlite-utils plugins: nothing installed beside Piket may change its connection,
        # and looking for them reads the metadata of every installed package (50 ms a start)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        if existed:
            _check_not_damaged(db, path)  # before any pragma that writes: a damaged file stays as is
        _set_pragmas(db)
        _check_is_piket(db, existed)
        remember_file(db, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise translate_error(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    if migrate:
        try:
            _migrate(db, path)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise translate_error(exc, path) from exc
        except BaseException:
            conn.close()
            raise
    return db


def _migrate(db: sqlite_utils.Database, path: Path) -> None:
    """Apply the pending migrations as one transaction under the write lock.

    Two processes opening a brand-new (or older) store at the same moment both see the
    migrations pending; unserialised, one failed ("table settings already exists", or
    "database is locked" when its deferred transaction could not become a write). Here the
    first takes the lock with BEGIN IMMEDIATE, the second waits for it (busy_timeout), looks
    again and finds nothing left to do. One transaction for all of them also means a first
    start cut halfway leaves no half-made schema: the next start begins again."""
    if not MIGRATIONS.pending(db):  # the usual start: a read, no lock
        return
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        pending = MIGRATIONS.pending(db)  # again under the lock: another may have done it
        if pending:
            if MIGRATIONS.applied(db):  # a store with data in it: a copy before changing it
                _copy_aside(db, path, pending[0].name)
            MIGRATIONS.apply(db)  # each migration a savepoint inside this transaction
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.DatabaseError):
                conn.execute("ROLLBACK")
        raise


def _set_pragmas(db: sqlite_utils.Database) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = _set_wal(db)
    if mode != "wal":  # e.g. a read-only folder: WAL cannot be set up
        raise StoreUnavailable("read_only", f"journal_mode={mode}")
    db.execute("PRAGMA synchronous = FULL")  # power cuts are common: fsync every commit
    db.execute("PRAGMA foreign_keys = ON")


def _set_wal(db: sqlite_utils.Database) -> str:
    """PRAGMA journal_mode = WAL, waiting for another process doing the same.

    Switching a brand-new file to WAL needs an exclusive lock, and SQLite answers "database
    is locked" at once (without its busy handler: waiting could deadlock) when a second
    process opening the same new file holds a shared one; a moment later the first one is
    done and the file is in WAL mode already. So: try again until the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(db.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


# PRAGMA quick_check reads every page: about 5 ms per MB, so seconds for a store of a
# hundred thousand records and most of a minute for a million. Up to FULL_CHECK_BYTES the
# whole file is checked at open; a larger store checks its schema and the small tables a
# session needs first (settings, master data, counters), and leaves the record tables to
# `piket verify` and to the integrity_check of every backup. A damaged page there still
# stops a save touching it (write_transaction turns "malformed" into DamagedStore).
FULL_CHECK_BYTES = 32 << 20
OPEN_CHECK_TABLES = ("_sqlite_migrations", "settings", "number_counters", "officers", "desa",
                     "categories", "law_articles", "place_types", "vehicles", "drafts")


def _check_not_damaged(db: sqlite_utils.Database, path: Path) -> None:
    """PRAGMA quick_check: damaged pages are found at start, not halfway through a save
    (the whole file up to FULL_CHECK_BYTES, else its schema and small tables)."""
    if path.stat().st_size <= FULL_CHECK_BYTES:
        checks = ["PRAGMA quick_check"]
    else:
        present = {str(r[0]) for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()}
        checks = [f'PRAGMA quick_check("{t}")' for t in OPEN_CHECK_TABLES if t in present]
    for check in checks:
        rows = [str(r[0]) for r in db.execute(check).fetchall()]
        if rows != ["ok"]:
            raise DamagedStore("; ".join(rows[:5]))


def _check_is_piket(db: sqlite_utils.Database, existed: bool) -> None:
    tables = set(db.table_names())
    if not existed or not tables:
        return
    if tables == {"_sqlite_migrations"} and not db.execute(
            "SELECT 1 FROM _sqlite_migrations LIMIT 1").fetchone():
        return  # a first start killed before its first migration committed: still new
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
    """Consistent copy of the store before migrating, through the SQLite backup API.

    Called while `db` holds the write lock (BEGIN IMMEDIATE, nothing written yet): the
    backup API refuses a source connection with a write transaction open (it retries
    forever), so the copy is read through a second connection, a WAL reader that the lock
    does not block and that sees exactly the state about to be migrated."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-{migration}-{stamp}")
    source = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


