"""Opening the store file: checks (damaged, not Piket's, newer), pragmas, and the named
migrations, after a copy of the file beside it."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from app.outputs import private_file
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
    if not path.exists():
        _create_private(path)
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
    """Consistent copy of the store before migrating, through the SQLite backup API."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-{migration}-{stamp}")
    _create_private(target)
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def _create_private(path: Path) -> None:
    """Create a new store file (or a copy of one) readable by its owner only: SQLite would
    make it 0644, and its -wal and -shm take the mode of the store. Left to SQLite when the
    file cannot be made here (it then reports why), or when another process just made it."""
    with contextlib.suppress(OSError):
        private_file(path)
