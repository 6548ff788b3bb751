"""Append-only, hash-chained audit trail. Each entry hashes the previous entry's hash with
its own canonical content, so an entry edited or removed behind Piket's back breaks the chain.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from json.encoder import encode_basestring
from typing import Any

import sqlite_utils

from app.domain.models import AuditEntry
from app.store.serialize import canonical_json, dt_to_db, from_row

GENESIS_HASH = "0" * 64


_HASHED = ("action", "after", "at", "before", "kind", "officer_id", "record_uuid")  # sorted


def entry_hash(prev_hash: str, row: dict[str, Any]) -> str:
    return _hash(prev_hash, entry_body(row))


def _hash(prev_hash: str, body: str) -> str:
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def entry_body(row: dict[str, Any]) -> str:
    """What an entry's hash covers: `canonical_json` of its hashed fields. Written out here
    for the usual values (text, whole numbers, null), with the string escaping json.dumps
    itself uses: the entry's `after` is a record's whole JSON (1.5 to 3 KB), and dumping
    the dict took 19 us of an import's 35 us per entry, this 12 (tests/test_store_audit.py
    checks both spellings agree)."""
    parts = []
    for key in _HASHED:
        value = row.get(key)
        if value is None:
            parts.append(f'"{key}":null')
        elif type(value) is str:
            parts.append(f'"{key}":{encode_basestring(value)}')
        elif type(value) is int:
            parts.append(f'"{key}":{value}')
        else:
            return canonical_json({k: row.get(k) for k in _HASHED})
    return "{" + ",".join(parts) + "}"


def latest_hash(db: sqlite_utils.Database) -> str:
    row = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return str(row[0]) if row else GENESIS_HASH


def append(db: sqlite_utils.Database, *, at: datetime, officer_id: int | None, action: str,
           kind: str, record_uuid: str | None, before: Any = None, after: Any = None) -> str:
    """Write one entry (call inside the write transaction of the change it records)."""
    rows, bodies = unlinked_rows([{"at": at, "officer_id": officer_id, "action": action,
                                   "kind": kind, "record_uuid": record_uuid,
                                   "before": before, "after": after}])
    last = link(latest_hash(db), rows, bodies)
    db.conn.execute(INSERT_SQL, rows[0])
    return last


_COLUMNS = ("at", "officer_id", "action", "kind", "record_uuid", "before", "after",
            "prev_hash", "hash")
_PREV_AT = _COLUMNS.index("prev_hash")
_HASH_AT = _COLUMNS.index("hash")
INSERT_SQL = (f"INSERT INTO audit_log ({', '.join(_COLUMNS)}) "
              f"VALUES ({', '.join('?' * len(_COLUMNS))})")


def unlinked_rows(entries: list[dict[str, Any]]) -> tuple[list[list[Any]], list[str]]:
    """The INSERT_SQL parameters of `entries` (each with the keyword arguments of `append`)
    without their two hashes yet, and the text each hash will cover: what can be made in
    parallel (visits.workers); `link` then chains them, one sha256 each."""
    rows = []
    bodies = []
    for entry in entries:
        row: dict[str, Any] = {
            "at": dt_to_db(entry["at"]), "officer_id": entry["officer_id"],
            "action": entry["action"], "kind": entry["kind"],
            "record_uuid": entry["record_uuid"],
            "before": None if entry.get("before") is None else _as_json(entry["before"]),
            "after": None if entry.get("after") is None else _as_json(entry["after"]),
            "prev_hash": "", "hash": "",
        }
        rows.append([row[c] for c in _COLUMNS])
        bodies.append(entry_body(row))
    return rows, bodies


def link(prev: str, rows: list[list[Any]], bodies: list[str]) -> str:
    """Fill in the hashes of `unlinked_rows`, chained after `prev`; returns the last."""
    for row, body in zip(rows, bodies, strict=True):
        row[_PREV_AT] = prev
        row[_HASH_AT] = prev = _hash(prev, body)
    return prev


def _as_json(value: Any) -> str:
    return value if isinstance(value, str) else canonical_json(value)


def verify_chain(db: sqlite_utils.Database) -> list[str]:
    """Problems found in the chain (empty when intact)."""
    problems: list[str] = []
    prev = GENESIS_HASH
    cursor = db.execute(
        "SELECT id, at, officer_id, action, kind, record_uuid, before, after, prev_hash, hash "
        "FROM audit_log ORDER BY id")
    columns = [d[0] for d in cursor.description]
    expected_id = None
    for values in cursor:
        row = dict(zip(columns, values, strict=True))
        if expected_id is not None and row["id"] != expected_id:
            problems.append(f"audit: entri {expected_id} sampai {row['id'] - 1} hilang")
        expected_id = row["id"] + 1
        if row["prev_hash"] != prev:
            problems.append(f"audit: entri {row['id']} tidak tersambung ke entri sebelumnya")
        if entry_hash(row["prev_hash"], row) != row["hash"]:
            problems.append(f"audit: isi entri {row['id']} telah diubah")
        prev = row["hash"]
    return problems


def latest_after_of(db: sqlite_utils.Database, record_uuids: list[str]) -> dict[str, str]:
    """For each of these record uuids that has one: the `after` JSON of its newest entry
    that describes the record (index `audit_record`: a few rows read per uuid; the `+`
    keeps SQLite from choosing `audit_action` for a long list of uuids, which scanned every
    create entry: 250 ms instead of 5 for 500 uuids)."""
    marks = ", ".join("?" * len(record_uuids))
    return {record_uuid: after for record_uuid, after in db.execute(
        "SELECT record_uuid, after FROM audit_log WHERE id IN ("
        f" SELECT max(id) FROM audit_log WHERE record_uuid IN ({marks})"
        " AND after IS NOT NULL"
        " AND +action IN ('create', 'update', 'status', 'void', 'correct', 'handover')"
        " GROUP BY record_uuid)", record_uuids)}


def history(db: sqlite_utils.Database, record_uuid: str) -> tuple[AuditEntry, ...]:
    cursor = db.execute(
        "SELECT * FROM audit_log WHERE record_uuid = ? ORDER BY id", [record_uuid])
    columns = [d[0] for d in cursor.description]
    return tuple(from_row(AuditEntry, dict(zip(columns, r, strict=True))) for r in cursor)



ACCESS_ACTIONS = ("view", "search", "print", "export", "import", "backup", "backup_auto",
                  "restore", "weekly",
                  "sign_in", "sign_in_failed", "sign_in_locked", "sign_in_inactive", "lockout",
                  "lock", "unlock", "sign_out", "confirm", "recovery", "recovery_failed")
"""The entries of the access log (Riwayat akses): processing of personal data and sign-ins."""


def access_entries(db: sqlite_utils.Database, *, officer_id: int | None, start: datetime | None,
                   end: datetime | None, limit: int, before_id: int | None
                   ) -> tuple[AuditEntry, ...]:
    """Entries of ACCESS_ACTIONS, newest first (index audit_action: each action's newest)."""
    clauses = [f"action IN ({', '.join('?' * len(ACCESS_ACTIONS))})"]
    params: list[Any] = list(ACCESS_ACTIONS)
    if officer_id is not None:
        clauses.append("officer_id = ?")
        params.append(officer_id)
    if start is not None:
        clauses.append("at >= ?")
        params.append(dt_to_db(start))
    if end is not None:
        clauses.append("at < ?")
        params.append(dt_to_db(end))
    if before_id is not None:
        clauses.append("id < ?")
        params.append(before_id)
    cursor = db.execute(f"SELECT * FROM audit_log WHERE {' AND '.join(clauses)} "
                        "ORDER BY id DESC LIMIT ?", [*params, limit])
    columns = [d[0] for d in cursor.description]
    return tuple(from_row(AuditEntry, dict(zip(columns, r, strict=True))) for r in cursor)
