"""Opening the SQLite file: pragmas, migrations (after a copy aside), write transactions."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from app.store.errors import DamagedStore, NewerSchema, NotAPiketStore, StoreUnavailable
from app.store.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 10_000
# Below this much free space (or this close to a file-size limit) a failed write is reported
# as "disk full": SQLite calls some of those failures a plain I/O error (e.g. EFBIG).
LOW_SPACE_BYTES = 1 << 20
_FILE_ATTR = "_piket_file"  # (path, st_dev, st_ino) of the store, set on the Database at open


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
        raise _translate(exc, path) from exc
    try:
        # no sqlite-utils plugins: nothing installed beside Piket may change its connection,
        # and looking for them reads the metadata of every installed package (50 ms a start)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        if existed:
            _check_not_damaged(db, path)  # before any pragma that writes: a damaged file stays as is
        _set_pragmas(db)
        _check_is_piket(db, existed)
        _remember_file(db, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _translate(exc, path) from exc
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


def _remember_file(db: sqlite_utils.Database, path: Path) -> None:
    stat = path.stat()
    setattr(db, _FILE_ATTR, (path, stat.st_dev, stat.st_ino))


def store_file(db: sqlite_utils.Database) -> Path | None:
    """The file `db` was opened from by open_database (None for other connections)."""
    known = getattr(db, _FILE_ATTR, None)
    return known[0] if known else None


def _check_file_in_place(db: sqlite_utils.Database) -> None:
    """On Linux a store whose folder was deleted or moved keeps working through its open
    handle, so a save would "succeed" into a file nobody opens again: refuse it instead."""
    known = getattr(db, _FILE_ATTR, None)
    if known is None:
        return
    path, dev, ino = known
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise StoreUnavailable("missing", str(path)) from exc
    if (stat.st_dev, stat.st_ino) != (dev, ino):
        raise StoreUnavailable("missing", f"{path} (diganti berkas lain)")


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
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database, *,
                      savepoint: bool = True) -> Iterator[sqlite_utils.Database]:
    """One unit of work: BEGIN IMMEDIATE (takes the write lock before reading counters),
    COMMIT on success, ROLLBACK on any error. Nested calls become savepoints, unless
    `savepoint` is False: then the work joins the open transaction, and its failure rolls
    all of it back (SQLite copies every page a savepoint touches aside first; a bulk write
    of 100,000 records touches gigabytes of them)."""
    conn = db.conn
    if conn.in_transaction:
        if not savepoint:
            yield db
            return
        with db.atomic():
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as exc:
        raise _translate(exc, store_file(db)) from exc
    try:
        _check_file_in_place(db)
        yield db
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        _rollback_quietly(conn)
        raise _translate(exc, store_file(db)) from exc
    except BaseException:
        _rollback_quietly(conn)
        raise


# SQLite's page cache while a bulk write runs (its default is 2 MB). An import into a large
# store adds rows to every index of the record table and the audit trail at places spread
# over the whole index; with 2 MB those pages leave the cache between two visits and are
# written to the WAL again and again (about 1 GB of WAL for 100,000 walk-ins at a million).
BULK_CACHE_MIB = 256


@contextlib.contextmanager
def bulk_cache(db: sqlite_utils.Database) -> Iterator[None]:
    """A page cache of BULK_CACHE_MIB for the duration of a bulk write, then the one before
    (and the memory given back). Inside another bulk_cache (an import keeps it until its
    COMMIT, around the bulk write) it leaves the cache as it is."""
    before = int(db.execute("PRAGMA cache_size").fetchone()[0])
    if before == -BULK_CACHE_MIB * 1024:
        yield
        return
    db.execute(f"PRAGMA cache_size = {-BULK_CACHE_MIB * 1024}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")
        db.execute("PRAGMA shrink_memory")


def _rollback_quietly(conn: sqlite3.Connection) -> None:
    """Roll back after a failure; a rollback that fails too (disk gone) must not hide the
    first error. SQLite discards an unfinished transaction by itself at the next open."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.DatabaseError:
            pass


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
    if "malformed" in text:
        return DamagedStore(text)
    if "not a database" in text:
        return NotAPiketStore(text)
    if "disk i/o" in text:
        return StoreUnavailable(_io_reason(path), where)
    return exc


def _io_reason(path: Path | None) -> str:
    """Why a write failed with a plain I/O error: the file went away (USB pulled), no room
    left, or something else."""
    if path is None:
        return "io"
    if not path.exists():
        return "missing"
    return "disk_full" if _no_room(path) else "io"


def _no_room(path: Path) -> bool:
    try:
        if shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES:
            return True
    except OSError:
        return False
    try:
        import resource  # POSIX only
    except ImportError:
        return False
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    if soft == resource.RLIM_INFINITY:
        return False
    sizes = [p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists()]
    return max(sizes, default=0) + LOW_SPACE_BYTES >= soft


def os_error_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "disk_full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    return "io"


def copy_file(src: Path, dst: Path) -> None:
    shutil.copy2(src, dst)
