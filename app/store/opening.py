"""Opening the store file: checks (damaged, not Piket's, newer), pragmas, and the named
migrations, after a copy of the file beside it."""

from __future__ import annotations

import contextlib
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from app.outputs import SQLITE_HEADER, private_file
from app.store import audit
from app.store.db import BUSY_TIMEOUT_MS, remember_file, translate_error
from app.store.driver import connect, sqlite3
from app.store.errors import (
    DamagedStore,
    Encrypted,
    NewerSchema,
    NotAPiketStore,
    StoreUnavailable,
)
from app.store.leftovers import tidy_beside
from app.store.schema.migrations import MIGRATIONS


def open_database(path: Path, *, key: bytes | None = None, migrate: bool = True,
                  read_only: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) the store at `path`, set pragmas and apply migrations.

    A pending migration on an existing file is preceded by a copy of the file beside it
    (`piket.db.before-<migration>-<timestamp>`), so a failed upgrade loses nothing.

    A store that cannot be written (a locked USB stick, a read-only mount or file, a folder
    this user may not write), or `read_only`, is opened for reading only: every write
    transaction is refused with StoreUnavailable("read_only") (see db.is_read_only).

    `key`: the store's data key (SQLCipher), taken from a key slot; None for a plain SQLite
    file. An encrypted store opened without a key: Encrypted.
    """
    path = Path(path)
    if not path.parent.exists():
        raise StoreUnavailable("missing", str(path.parent))
    existed = path.exists() and path.stat().st_size > 0
    read_only = read_only or (existed and not writable(path))
    if not read_only and not path.exists():
        _create_private(path)
    try:
        conn = (connect_read_only(path, key) if read_only
                else connect(path, key=key, timeout=BUSY_TIMEOUT_MS / 1000))
    except sqlite3.DatabaseError as exc:
        raise _open_error(exc, path, existed, key) from exc
    try:
        # no sqlite-utils plugins: nothing installed beside Piket may change its connection,
        # and looking for them reads the metadata of every installed package (50 ms a start)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        if existed:
            _check_not_damaged(db, path)  # before any pragma that writes: a damaged file stays as is
        _set_pragmas(db, read_only)
        _check_is_piket(db, existed)
        remember_file(db, path, read_only=read_only)
        audit.remember_key(db, key)
        if read_only and migrate and MIGRATIONS.pending(db):
            raise StoreUnavailable("read_only", f"{path}: perlu pembaruan skema, berkasnya "
                                                "hanya-baca")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _open_error(exc, path, existed, key) from exc
    except BaseException:
        conn.close()
        raise
    if migrate and not read_only:
        try:
            _migrate(db, path, key)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise translate_error(exc, path) from exc
        except BaseException:
            conn.close()
            raise
        tidy_beside(path, {m.name for m in MIGRATIONS.applied(db)})
    return db


def writable(path: Path) -> bool:
    """Whether this process may write the store file and its folder (where SQLite keeps the
    -wal and -shm). os.access also says False on a read-only mount, even for root."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect_read_only(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    """A connection that never writes. `mode=ro` reads the WAL too, but needs the -shm
    beside the file (it is there after a session that did not close); without it (a store
    closed cleanly, then the stick locked) the file is opened `immutable=1`, which is right
    only because then there is no WAL to read and nobody can write the medium."""
    uri = path.resolve().as_uri()
    conn = connect(f"{uri}?mode=ro", key=key, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        text = str(exc).lower()  # no -shm and none can be made: "unable to open" on a
        if "unable to open" not in text and "readonly" not in text:  # read-only mount,
            raise  # "attempt to write a readonly database" in a folder we may not write
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:  # saves in the WAL that immutable would skip
        raise StoreUnavailable("read_only", f"{path} (-wal tanpa -shm)")
    return connect(f"{uri}?immutable=1", key=key, uri=True)


def _open_error(exc: sqlite3.DatabaseError, path: Path, existed: bool,
                key: bytes | None = None) -> Exception:
    """translate_error, knowing the file existed before this open: bytes that are not an
    SQLite database (random bytes, a destroyed header) are a damaged store, offered a
    restore like any other damage; a real SQLite file of another program is "not a Piket
    store" (_check_is_piket). A folder that exists but cannot be written is read-only, not
    missing."""
    error = translate_error(exc, path)
    if existed and type(error) is NotAPiketStore and key is not None:
        # the key came out of a key slot (AES-GCM checked it): it is the store's own, so a
        # first page it cannot read is damaged, like a plain store's destroyed header
        return DamagedStore(f"berkas terenkripsi tidak dapat dibaca ({exc})")
    if existed and type(error) is NotAPiketStore and _has_key_slots(path):
        return Encrypted(str(path))
    if existed and type(error) is NotAPiketStore and not _is_text(path):
        return DamagedStore(f"bukan berkas SQLite yang utuh ({exc})")
    if (isinstance(error, StoreUnavailable) and error.reason == "missing"
            and path.parent.is_dir() and not os.access(path.parent, os.W_OK)):
        return StoreUnavailable("read_only", str(path.parent))
    return error


def _migrate(db: sqlite_utils.Database, path: Path, key: bytes | None) -> None:
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
                _copy_aside(path, pending[0].name, key)
            MIGRATIONS.apply(db)  # each migration a savepoint inside this transaction
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.DatabaseError):
                conn.execute("ROLLBACK")
        raise


def _is_text(path: Path) -> bool:
    """Whether the file starts as plain text (no NUL, valid UTF-8): a note or a CSV given
    as --db is some other file, never a database whose bytes were destroyed (its pages are
    full of NULs, and random bytes are not UTF-8)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if b"\0" in head:
        return False
    for cut in range(4):  # the read may end inside a character
        try:
            head[: len(head) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def _set_pragmas(db: sqlite_utils.Database, read_only: bool = False) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if read_only:  # nothing to set up: no WAL can be made, nothing is written
        db.execute("PRAGMA query_only = ON")
        return
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


def _copy_aside(path: Path, migration: str, key: bytes | None) -> Path:
    """Consistent copy of the store before migrating, through the SQLite backup API.

    Called while `db` holds the write lock (BEGIN IMMEDIATE, nothing written yet): the
    backup API refuses a source connection with a write transaction open (it retries
    forever), so the copy is read through a second connection, a WAL reader that the lock
    does not block and that sees exactly the state about to be migrated."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-{migration}-{stamp}")
    _create_private(target)
    source = connect(path, key=key, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dest = connect(target, key=key)  # encrypted with the same key as the store
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def _create_private(path: Path) -> None:
    """Create a new store file (or a copy of one) readable by its owner only: SQLite would
    make it 0644, and its -wal and -shm take the mode of the store. Left to SQLite when the
    file cannot be made here (it then reports why), or when another process just made it."""
    with contextlib.suppress(OSError):
        private_file(path)



def _has_key_slots(path: Path) -> bool:
    return path.with_name(path.name + ".keys").exists()


def is_encrypted_file(path: Path) -> bool:
    """Whether `path` holds an encrypted store: bytes that are not a plain SQLite file but
    whose size is a whole number of SQLCipher's 4096-byte pages (a damaged plain store keeps
    its header; text and other files are not whole pages of random bytes)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return size >= 4096 and size % 4096 == 0 and head != SQLITE_HEADER and not _is_text(path)
