"""What every record repository of the store shares: the context (connection, clock, station),
what a write returns, record meta and uuids, voiding, and the pieces of list queries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import sqlite_utils

from app.clock import Clock
from app.domain.changes import Changes
from app.domain.models import AcceptedWarning, RecordMeta
from app.security.permissions import Action
from app.store import audit
from app.store.access import UNRESTRICTED, Access
from app.store.db import write_transaction
from app.store.errors import RecordNotFound, StaleRecord
from app.store.serialize import canonical_json, dt_to_db, from_row

T = TypeVar("T")

_MAX_TERMS = 8  # words of a search box that a list query looks for

META_FIELDS = ("id", "uuid", "station_code", "created_at", "created_by", "updated_at",
               "updated_by", "version", "voided_at", "voided_by", "void_reason")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """What a write returns: the record as stored and the record kinds it changed."""

    record: T
    changed: Changes


@dataclass
class StoreContext:
    db: sqlite_utils.Database
    clock: Clock
    station_code: str
    access: Access = UNRESTRICTED
    key: bytes | None = None  # the data key of an encrypted store (None: a plain file)

    def require(self, action: Action) -> None:
        """Refuse (PermissionDenied, in Indonesian) what the signed-in role may not do."""
        self.access.require(action)

    def now(self) -> datetime:
        return self.clock()

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]

    def row(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def insert(self, table: str, values: dict[str, Any]) -> int:
        """Insert one row and return its integer primary key."""
        last_pk = self.db.table(table).insert(values).last_pk
        assert last_pk is not None
        return int(last_pk)

    def new_meta(self, by: int | None, record_uuid: str | None = None,
                 at: datetime | None = None) -> dict[str, Any]:
        stamp = dt_to_db(at or self.now())
        return {"uuid": record_uuid or new_uuid(), "station_code": self.station_code,
                "created_at": stamp, "created_by": by, "updated_at": stamp, "updated_by": by,
                "version": 1}

    def bump(self, table: str, record_id: int, by: int | None,
             expected_version: int | None) -> dict[str, Any]:
        """Check the version the editor started from and return the new meta values."""
        current = self.row(f"SELECT uuid, version FROM {table} WHERE id = ?", [record_id])
        if current is None:
            raise RecordNotFound(f"{table} {record_id}")
        if expected_version is not None and current["version"] != expected_version:
            raise StaleRecord(current["uuid"], expected_version, current["version"])
        return {"updated_at": dt_to_db(self.now()), "updated_by": by,
                "version": current["version"] + 1}


def meta_from_row(row: dict[str, Any]) -> RecordMeta:
    return from_row(RecordMeta, {k: row[k] for k in META_FIELDS})


# ---------------------------------------------------------------------- uuids
def new_uuid() -> str:
    """A new record uuid, in the canonical 36-character spelling.
    Stable record uuids (ARCHITECTURE.md "Data rules").

    New uuids are version 7 (RFC 9562): their first 48 bits are the time in milliseconds, so the
    uuids of records made one after another sort one after another. The uuid indexes (`uuid
    UNIQUE` of every record table, `audit_record` of the audit trail) then grow at their end,
    as the id indexes do, instead of at a random place: a random uuid (version 4) dirtied a
    random leaf page of each index for every record, which at a million records made an import
    of 100,000 walk-ins write its pages again and again (docs/BENCHMARKS.md). They stay as
    unique: 74 random bits per millisecond, and `uuid6.uuid7` counts the milliseconds on when
    several are made within one."""
    import uuid6  # at the first save, not at start: it reads its package metadata (20 ms)

    return str(uuid6.uuid7())


# ---------------------------------------------------------------------- writing
def warnings_to_json(warnings: tuple[AcceptedWarning, ...]) -> str:
    if not warnings:
        return "[]"  # canonical_json([]), without json.dumps: most records accept none
    return canonical_json([w.__dict__ for w in warnings])


def warnings_from_json(text: str | None) -> tuple[AcceptedWarning, ...]:
    return tuple(AcceptedWarning(**w) for w in json.loads(text or "[]"))


def void_record(ctx: StoreContext, table: str, kind: str, record_id: int, reason: str,
          by: int | None, get: Any) -> Any:
    """Shared void of any record kind: stamp the void, bump the version, audit it."""
    if not reason.strip():
        raise ValueError("a void needs a reason")
    with write_transaction(ctx.db):
        before = get(record_id)
        bump = ctx.bump(table, record_id, by, None)
        ctx.db.table(table).update(record_id, {**bump, "voided_at": dt_to_db(ctx.now()),
                                         "voided_by": by, "void_reason": reason.strip()})
        saved = get(record_id)
        audit.append(ctx.db, at=ctx.now(), officer_id=by, action="void", kind=kind,
                     record_uuid=before.meta.uuid, before=before, after=saved)
    return saved


def audit_imported(ctx: StoreContext, kind: str, saved: list[Any], by: int | None,
                   note: str) -> None:
    """The audit entries of a bulk import: a "create" for each record saved, then one
    "import" entry naming it (`note`)."""
    now = ctx.now()
    audit.append_many(ctx.db, [
        {"at": now, "officer_id": by, "action": "create", "kind": kind,
         "record_uuid": r.meta.uuid if r.meta else None, "after": r} for r in saved])
    audit.append(ctx.db, at=now, officer_id=by, action="import", kind=kind, record_uuid=None,
                 after=canonical_json({"detail": note}))


# ---------------------------------------------------------------------- list queries
def range_clauses(column: str, start: datetime | None,
           end: datetime | None) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if start is not None:
        clauses.append(f"{column} >= ?")
        params.append(dt_to_db(start))
    if end is not None:
        clauses.append(f"{column} < ?")
        params.append(dt_to_db(end))
    return clauses, params


def where_sql(clauses: list[str]) -> str:
    """The WHERE part of a list query ("" when nothing filters)."""
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def after_key_clause(column: str, id_column: str, stamp: str,
                     record_id: int) -> tuple[str, list[Any]]:
    """Keyset clause of a newest-first list: the rows that come after (stamp, record_id)."""
    return (f"({column} < ? OR ({column} = ? AND {id_column} < ?))",
            [stamp, stamp, record_id])


def count_where(db: sqlite_utils.Database, source: str, clauses: list[str],
                params: list[Any]) -> int:
    """How many rows of `source` (a table and its alias) the clauses keep."""
    return int(db.execute(f"SELECT count(*) FROM {source} {where_sql(clauses)}",
                          params).fetchone()[0])


def key_stamp(moment: datetime) -> str:
    """A row's time as its page key stores it."""
    stamp = dt_to_db(moment)
    assert stamp is not None
    return stamp


def like_terms(text: str) -> list[str]:
    """Words of a search box as LIKE patterns (wildcards in the text escaped)."""
    words = text.split()[:_MAX_TERMS]
    return ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for w in words]
