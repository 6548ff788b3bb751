"""Bulk reads and writes of walk-in records, for CSV import and export.

`create_many` stores exactly what `VisitRepo.create` stores for each record (row, children,
status history, number, search entry, audit entry), in ONE write transaction and without
reading each record back: a per-record `create` costs milliseconds in sqlite-utils
introspection, `dataclasses.asdict` copies and savepoints, far too slow for an Excel register
of 100,000 rows. The stored rows and audit JSON must stay identical to `create`'s; the tests
in tests/test_csv_import.py compare the two, and `piket verify` checks every record against
its audit entry.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.domain.models import RecordMeta, StatusChange, Visit
from app.store import audit
from app.store.common import warnings_to_json
from app.store.db import write_transaction
from app.store.serialize import dt_to_db, to_db_value, to_row
from app.store.visit_search import index_visit

if TYPE_CHECKING:
    from app.store.visits import VisitRepo

AUDIT_BATCH = 500
_EXCLUDED = frozenset({"meta", "number", "status_history"})
_NUMBER_COLUMNS = ("number", "number_doc", "number_year", "number_seq")


def create_many(repo: VisitRepo, items: Iterable[tuple[Visit, str | None]], by: int | None, *,
                keep_number: bool = False,
                progress: Callable[[int], None] | None = None) -> int:
    """Save new records (visit, uuid or None) in one transaction; returns how many.
    The caller has validated them. Any failure rolls back every record (all or nothing);
    `DuplicateNumber` / `ValueError` come from kept numbers as in `create`."""
    from app.store.visits import CHILD_TABLES

    ctx = repo._ctx
    conn = ctx.db.conn
    profile = repo._profile()
    now = ctx.now()
    rows = _RowBuilder(repo)
    pending: list[dict[str, Any]] = []
    count = 0
    with write_transaction(ctx.db):
        for visit, record_uuid in items:
            meta = ctx.new_meta(by, record_uuid, at=now)
            numbered = repo._number_values(visit, profile, keep_number)
            values = {**rows.visit(visit), **meta}
            for column in _NUMBER_COLUMNS:
                values[column] = numbered.get(column)
            visit_id = rows.insert(conn, "visits", values)
            for table, attr, _cls in CHILD_TABLES:
                for position, item in enumerate(getattr(visit, attr)):
                    rows.insert(conn, table, {**rows.plain_row(item), "visit_id": visit_id,
                                              "position": position})
            history = visit.status_history or (
                StatusChange(visit.status, visit.received_at, visit.receiving_officer_id or by),)
            # read back in (at, id) order: store them in that order so the audit JSON matches
            history = tuple(sorted(history, key=lambda change: dt_to_db(change.at) or ""))
            for change in history:
                rows.insert(conn, "visit_status_history",
                            {"visit_id": visit_id, **rows.plain_row(change)})
            saved = dataclasses.replace(
                visit, number=numbered.get("number"), status_history=history,
                meta=RecordMeta(id=visit_id, uuid=meta["uuid"], station_code=meta["station_code"],
                                created_at=now, created_by=by, updated_at=now, updated_by=by,
                                version=1))
            index_visit(ctx.db, saved)
            pending.append({"at": now, "officer_id": by, "action": "create", "kind": "visit",
                            "record_uuid": meta["uuid"], "before": None,
                            "after": canonical_json_fast(saved)})
            count += 1
            if len(pending) >= AUDIT_BATCH:
                audit.append_many(ctx.db, pending)
                pending = []
                if progress is not None:
                    progress(count)
        if pending:
            audit.append_many(ctx.db, pending)
        if progress is not None:
            progress(count)
    return count


def iter_all(repo: VisitRepo, *, include_voided: bool = False,
             batch: int = 500) -> Iterator[Visit]:
    """Every record, oldest received first (received_at, id), read in keyset batches."""
    ctx = repo._ctx
    voided = "" if include_voided else "AND voided_at IS NULL"
    after: tuple[str, int] = ("", 0)
    while True:
        found = ctx.rows(
            f"SELECT * FROM visits WHERE (received_at > ? OR (received_at = ? AND id > ?)) "
            f"{voided} ORDER BY received_at, id LIMIT ?", [after[0], after[0], after[1], batch])
        for row in found:
            yield repo._build(row)
        if len(found) < batch:
            return
        after = (found[-1]["received_at"], found[-1]["id"])


def number_keys(repo: VisitRepo) -> frozenset[tuple[str, int, int]]:
    """(document kind, year, counter) of every number already issued or kept."""
    rows = repo._ctx.db.execute(
        "SELECT number_doc, number_year, number_seq FROM visits WHERE number IS NOT NULL")
    return frozenset((doc, int(year), int(seq)) for doc, year, seq in rows)


class _RowBuilder:
    """Column values without `to_row`'s per-call type-hint walk: the plain fields of each
    class are found once (with `to_row` itself), then read with getattr."""

    def __init__(self, repo: VisitRepo) -> None:
        self._repo = repo
        self._fields: dict[type, tuple[str, ...]] = {}
        self._sql: dict[tuple[str, tuple[str, ...]], str] = {}
        self._visit_checked = False

    def plain_row(self, obj: Any, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
        names = self._fields.get(type(obj))
        if names is None:
            names = self._fields[type(obj)] = tuple(to_row(obj, exclude=exclude))
        return {name: to_db_value(getattr(obj, name)) for name in names}

    def visit(self, visit: Visit) -> dict[str, Any]:
        reporter = visit.reporter
        values = self.plain_row(visit, _EXCLUDED)
        values["accepted_warnings"] = warnings_to_json(visit.accepted_warnings)
        values["reporter_name"] = reporter.name if reporter else ""
        values["total_loss_rp"] = visit.total_loss_rp
        if not self._visit_checked:
            # VisitRepo._values is the reference: if it grows a derived column, notice here
            if values != self._repo._values(visit):
                raise AssertionError("visit_bulk is out of step with VisitRepo._values")
            self._visit_checked = True
        return values

    def insert(self, conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
        key = (table, tuple(values))
        sql = self._sql.get(key)
        if sql is None:
            columns = ", ".join(f'"{c}"' for c in key[1])
            marks = ", ".join("?" * len(key[1]))
            sql = self._sql[key] = f'INSERT INTO "{table}" ({columns}) VALUES ({marks})'
        cursor = conn.execute(sql, list(values.values()))
        return int(cursor.lastrowid or 0)


def canonical_json_fast(value: Any) -> str:
    """The same text as `serialize.canonical_json` for a record, several times faster
    (no `dataclasses.asdict` deep copies, no `default` callback per datetime)."""
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None or kind is float:
        return value
    if kind is datetime:
        return dt_to_db(value)
    if kind is date:
        return value.isoformat()
    if kind is tuple or kind is list:
        return [_plain(item) for item in value]
    if kind is dict:
        return {key: _plain(item) for key, item in value.items()}
    if kind is frozenset or kind is set:
        return sorted(value)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if not dataclasses.is_dataclass(value):
            raise TypeError(f"cannot serialise {kind.__name__}")
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
    return {name: _plain(getattr(value, name)) for name in names}
