"""Opening the SQLite file: pragmas, migrations (after a copy aside), write transactions."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from app.store.driver import sqlite3
from app.store.errors import DamagedStore, NotAPiketStore, StoreUnavailable

BUSY_TIMEOUT_MS = 10_000
# Below this much free space (or this close to a file-size limit) a failed write is reported
# as "disk full": SQLite calls some of those failures a plain I/O error (e.g. EFBIG).
LOW_SPACE_BYTES = 1 << 20
_FILE_ATTR = "_piket_file"  # (path, st_dev, st_ino) of the store, set on the Database at open


_READ_ONLY_ATTR = "_piket_read_only"  # True when opened for reading only (opening.py)


def remember_file(db: sqlite_utils.Database, path: Path, *, read_only: bool = False) -> None:
    stat = path.stat()
    setattr(db, _FILE_ATTR, (path, stat.st_dev, stat.st_ino))
    setattr(db, _READ_ONLY_ATTR, read_only)


def is_read_only(db: sqlite_utils.Database) -> bool:
    """Whether the store was opened for reading only (a locked USB stick, a read-only file
    or folder): every write transaction is refused before it starts."""
    return bool(getattr(db, _READ_ONLY_ATTR, False))


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
    if is_read_only(db):
        raise StoreUnavailable("read_only", f"{store_file(db)} (dibuka hanya-baca)")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as exc:
        raise translate_error(exc, store_file(db)) from exc
    try:
        _check_file_in_place(db)
        yield db
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        _rollback_quietly(conn)
        raise translate_error(exc, store_file(db)) from exc
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


def translate_error(exc: sqlite3.DatabaseError, path: Path | None) -> Exception:
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
