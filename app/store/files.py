"""What the store knows about store files that are not open as a store: consistent copies
(backups), integrity checks, the schema state of a backup, folding the WAL in before a
restore, and the settings of a file that may be damaged. Used by app.backup; all its SQL is
here."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

from app.store.driver import connect, sqlite3
from app.store.errors import StoreError, StoreUnavailable
from app.store.opening import connect_read_only, open_database, writable
from app.store.schema.migrations import MIGRATIONS


class SourceUnreadable(Exception):
    """The store to copy cannot be opened."""


def copy_online(store_path: Path, target: Path, key: bytes | None = None) -> None:
    """One consistent snapshot of a live store through SQLite's backup API (WAL writers are
    not blocked), as a single self-contained file (the copy leaves WAL mode). Raises
    SourceUnreadable when the store cannot be opened, else sqlite3.DatabaseError. An
    encrypted store (`key`) is copied page by page under the same key: the copy is as
    encrypted as the store."""
    try:
        # a store that cannot be written (a locked stick) is read as the Store reads it
        source = (connect(store_path, key=key, timeout=10) if writable(store_path)
                  else connect_read_only(store_path, key))
    except (sqlite3.DatabaseError, StoreUnavailable) as exc:
        raise SourceUnreadable(str(exc)) from exc
    try:
        dest = connect(target, key=key)
        try:
            source.backup(dest, pages=-1)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        source.close()


def encrypt_copy(plain: Path, target: Path, key: bytes) -> None:
    """An encrypted copy of the plain store `plain` at `target` (SQLCipher's own export:
    schema, data, triggers and full-text tables), in WAL mode like a store, fsynced."""
    conn = connect(plain, key=None)
    try:
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", [str(target)])
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    with contextlib.closing(connect(target, key=key)) as out:
        out.execute("PRAGMA journal_mode = WAL")
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())


def integrity_problems(path: Path, key: bytes | None = None) -> list[str]:
    """PRAGMA integrity_check of a file that nobody writes (empty list: intact)."""
    conn = connect(f"{Path(path).resolve().as_uri()}?mode=ro", key=key, uri=True)
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:  # "malformed", "not a database"
        rows = [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def copy_consistent(source: Path, target: Path, key: bytes | None = None) -> None:
    """Through the backup API, read-only on the source: also right if `source` happens to be
    a live store (a -wal beside it is included) and never writes beside the backup file."""
    try:
        src = connect(f"{source.resolve().as_uri()}?mode=ro", key=key, uri=True)
        try:
            dest = connect(target, key=key)
            try:
                src.backup(dest, pages=-1)
            finally:
                dest.close()
        finally:
            src.close()
    except sqlite3.OperationalError:
        # e.g. a WAL-mode file on a read-only drive cannot be opened read-only; it is not
        # live there, so a plain copy is consistent
        with contextlib.suppress(OSError):
            target.unlink()
        shutil.copyfile(source, target)


def schema_state(path: Path, key: bytes | None = None) -> str:
    """none (not a Piket store) | older | current | newer."""
    conn = connect(f"{path.resolve().as_uri()}?mode=ro", key=key, uri=True)
    try:
        applied = {r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATIONS.name])}
    except sqlite3.DatabaseError:
        return "none"
    finally:
        conn.close()
    known = {m.name for m in MIGRATIONS._migrations}
    if not applied:
        return "none"
    if applied - known:
        return "newer"
    return "older" if known - applied else "current"


def leave_wal(store_path: Path, busy_timeout_s: float, key: bytes | None = None) -> str | None:
    """Fold the store's WAL into its file, as the only connection. Returns None when done,
    "in_use" (with the caller to refuse) when another connection holds the store, or
    "unreadable" when it cannot be opened as a Piket store (a damaged store is left byte
    for byte as it is)."""
    try:
        db = open_database(store_path, migrate=False, key=key)
    except StoreUnavailable as exc:
        return "in_use" if exc.reason == "locked" else "unreadable"
    except (StoreError, sqlite3.DatabaseError):
        return "unreadable"
    try:
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        mode = db.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except (sqlite3.DatabaseError, StoreUnavailable):
        return "in_use"
    finally:
        db.close()
    return None if mode == "delete" else "in_use"


def readable_settings(path: Path, key: bytes | None = None) -> dict[str, object]:
    """Settings rows of a possibly damaged store, read-only; {} when they cannot be read."""
    if not path.is_file():
        return {}
    try:
        conn = connect(f"{path.resolve().as_uri()}?mode=ro", key=key, uri=True)
    except sqlite3.DatabaseError:
        return {}
    try:
        rows = conn.execute("SELECT key, value FROM settings WHERE key IN "
                            "('app.backup_dir', 'station.code', 'station.timezone')").fetchall()
        return {str(key): json.loads(value) for key, value in rows}
    except (sqlite3.DatabaseError, ValueError):
        return {}
    finally:
        conn.close()


def audit_anchor(path: Path, key: bytes | None = None) -> tuple[int, str] | None:
    """(id, MAC) of the newest audit entry of the store file at `path` as its audit head
    records it (the newest entry's own before migration 0008); None when it cannot be read.
    A backup keeps it beside it: the current store's chain must extend it."""
    try:
        conn = connect(f"{path.resolve().as_uri()}?mode=ro", key=key, uri=True)
    except sqlite3.DatabaseError:
        return None
    try:
        try:
            row = conn.execute("SELECT entry_id, mac FROM audit_head WHERE id = 1").fetchone()
        except sqlite3.OperationalError:  # a store of a version before 0008_audit_keyed
            row = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
                               ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
