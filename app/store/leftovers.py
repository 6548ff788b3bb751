"""Files an interrupted run leaves beside the store, removed at the next start once nothing
can need them (rules: docs/RELIABILITY.md, "Leftovers"). Each removal is logged by file name
and size only (no content, nothing personal)."""

from __future__ import annotations

import contextlib
import logging
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.store.driver import sqlite3

log = logging.getLogger("piket.leftovers")

# Nothing younger than this is touched: another process (a restore staging its copy, a
# first start migrating) may be using it right now.
STALE_AFTER = timedelta(hours=1)
# The copy taken before an upgrade that completed is kept this long after the upgrade.
KEEP_UPGRADE_COPY = timedelta(days=14)
DATA_TABLES = ("visits", "patrols", "meetings", "officers", "settings")


def tidy_beside(store_path: Path, applied: set[str], *, now: float | None = None) -> list[Path]:
    """Remove the leftovers beside `store_path` (whose applied migrations are `applied`):
    copies a restore was staging (`.piket.db.restore-*`, with their -wal/-shm/-journal and
    migration copies) and migration copies (`piket.db.before-000N_…-<UTC>`) no longer
    needed. Returns what was removed; what cannot be removed is left."""
    now = time.time() if now is None else now
    folder, name = store_path.parent, store_path.name
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    before = re.compile(rf"^{re.escape(name)}\.before-(?P<migration>\d{{4}}_\w+)-"
                        r"(?P<stamp>\d{8}T\d{6}Z)$")
    for entry in entries:
        age = _age(entry, now)
        if age is None or age < STALE_AFTER:
            continue
        if entry.name.startswith(f".{name}.restore-"):
            _remove(entry, "salinan pemulihan yang terputus", removed)
            continue
        if entry.name.startswith(f".{name}.encrypting-"):
            _remove(entry, "salinan enkripsi yang terputus", removed)
            continue
        if entry.name.startswith(f"{name}.before-encryption-") and _is_encrypted(store_path):
            # the plain copy an encryption cut short left: it holds everything in clear,
            # and the store it was taken from is encrypted now (encrypting.py)
            _remove(entry, "salinan tanpa enkripsi dari sebelum enkripsi", removed)
            continue
        match = before.match(entry.name)
        if match is None:
            continue
        if match["migration"] not in applied:  # the upgrade never committed: the store is it
            _remove(entry, "salinan sebelum pembaruan yang tidak selesai", removed)
        elif not _holds_data(entry):  # a first start cut short: nothing in it to keep
            _remove(entry, "salinan kosong dari mulai pertama yang terputus", removed)
        elif _stamp_age(match["stamp"], now) >= KEEP_UPGRADE_COPY:
            _remove(entry, f"salinan sebelum pembaruan, lebih dari "
                           f"{KEEP_UPGRADE_COPY.days} hari", removed)
    return removed


def _is_encrypted(store_path: Path) -> bool:
    try:
        with open(store_path, "rb") as fh:
            return fh.read(16) != b"SQLite format 3\x00" and store_path.with_name(
                store_path.name + ".keys").exists()
    except OSError:
        return False


def _age(path: Path, now: float) -> timedelta | None:
    try:
        return timedelta(seconds=now - path.stat().st_mtime)
    except OSError:
        return None


def _stamp_age(stamp: str, now: float) -> timedelta:
    taken = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    return datetime.fromtimestamp(now, UTC) - taken


def _holds_data(path: Path) -> bool:
    """Whether a copy has any record, officer or setting (unreadable: assume it has)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return True
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
                   for t in DATA_TABLES if t in tables)
    except sqlite3.DatabaseError:
        return True
    finally:
        conn.close()


def _remove(path: Path, why: str, removed: list[Path]) -> None:
    with contextlib.suppress(OSError):
        size = path.stat().st_size
        path.unlink()
        removed.append(path)
        log.info("Sisa berkas dihapus: %s (%s, %d KB)", path.name, why, size // 1024)
