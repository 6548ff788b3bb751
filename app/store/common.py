"""Pieces every record repository shares."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlite_utils

from app.domain.models import AcceptedWarning
from app.store import audit
from app.store.context import StoreContext
from app.store.db import write_transaction
from app.store.serialize import canonical_json, dt_to_db


def warnings_to_json(warnings: tuple[AcceptedWarning, ...]) -> str:
    return canonical_json([w.__dict__ for w in warnings])


def warnings_from_json(text: str | None) -> tuple[AcceptedWarning, ...]:
    return tuple(AcceptedWarning(**w) for w in json.loads(text or "[]"))


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
