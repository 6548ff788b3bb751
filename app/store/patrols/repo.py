"""Patrols with their members and the places visited."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.domain.changes import ChangeKind
from app.domain.models import Patrol, PatrolPlace
from app.security.permissions import Action
from app.store import audit
from app.store.bulk import TableRows
from app.store.db import bulk_cache, write_transaction
from app.store.errors import InvalidRecord, RecordNotFound
from app.store.patrols import listing as patrol_list
from app.store.patrols.listing import PatrolFilter, PatrolPageKey, PatrolRow
from app.store.records import (
    Saved,
    StoreContext,
    audit_imported,
    meta_from_row,
    range_clauses,
    void_record,
    warnings_from_json,
    warnings_to_json,
)
from app.store.serialize import from_row, to_row
from app.validation import blocking, clean_record, validate_patrol

CHANGED = frozenset({ChangeKind.PATROL})


class PatrolRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def get(self, patrol_id: int) -> Patrol:
        row = self._ctx.row("SELECT * FROM patrols WHERE id = ?", [patrol_id])
        if row is None:
            raise RecordNotFound(f"patrol {patrol_id}")
        return self._build(row)

    def get_by_uuid(self, record_uuid: str) -> Patrol:
        row = self._ctx.row("SELECT * FROM patrols WHERE uuid = ?", [record_uuid])
        if row is None:
            raise RecordNotFound(f"patrol {record_uuid}")
        return self._build(row)

    def _build(self, row: dict[str, Any]) -> Patrol:
        members = self._ctx.rows(
            "SELECT patrol_id, officer_id FROM patrol_members WHERE patrol_id = ? "
            "ORDER BY position", [row["id"]])
        places = self._ctx.rows(
            "SELECT * FROM patrol_places WHERE patrol_id = ? ORDER BY position", [row["id"]])
        return _patrol(row, members, places)

    def _build_many(self, rows: builtins.list[dict[str, Any]]) -> builtins.list[Patrol]:
        """`_build` of many rows, their members and places read with one query each."""
        ids = [r["id"] for r in rows]
        members: dict[int, builtins.list[dict[str, Any]]] = {}
        places: dict[int, builtins.list[dict[str, Any]]] = {}
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            marks = ", ".join("?" * len(part))
            for m in self._ctx.rows(f"SELECT patrol_id, officer_id FROM patrol_members WHERE "
                                    f"patrol_id IN ({marks}) ORDER BY patrol_id, position", part):
                members.setdefault(m["patrol_id"], []).append(m)
            for p in self._ctx.rows(f"SELECT * FROM patrol_places WHERE patrol_id IN ({marks}) "
                                    "ORDER BY patrol_id, position", part):
                places.setdefault(p["patrol_id"], []).append(p)
        return [_patrol(r, members.get(r["id"], []), places.get(r["id"], [])) for r in rows]

    def list(self, *, start: datetime | None = None, end: datetime | None = None,
             limit: int = 500, include_voided: bool = True) -> tuple[Patrol, ...]:
        """Patrols whose start lies in [start, end), newest first."""
        clauses, params = range_clauses("start_at", start, end)
        if not include_voided:
            clauses.append("voided_at IS NULL")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._ctx.rows(
            f"SELECT * FROM patrols {where} ORDER BY start_at DESC, id DESC LIMIT ?",
            [*params, limit])
        return tuple(self._build_many(rows))

    def page(self, flt: PatrolFilter, after: PatrolPageKey | None = None,
             limit: int = 100) -> builtins.list[PatrolRow]:
        """A page of the patrol list, newest first (keyset paging; see patrols.listing)."""
        return patrol_list.page(self._ctx.db, flt, after, limit)

    def count(self, flt: PatrolFilter) -> int:
        return patrol_list.count(self._ctx.db, flt)

    def check(self, patrol: Patrol) -> tuple[Any, ...]:
        desa = frozenset(r["name"] for r in self._ctx.rows("SELECT name FROM desa"))
        officers = frozenset(r["id"] for r in self._ctx.rows("SELECT id FROM officers"))
        return validate_patrol(patrol, now=self._ctx.now(), officer_ids=officers,
                               desa_names=desa)

    def save(self, patrol: Patrol, by: int | None, *, validate: bool = True,
             record_uuid: str | None = None) -> Saved[Patrol]:
        """Create (patrol.meta is None) or update, in one transaction with its audit entry;
        `record_uuid`: a new patrol's uuid (the one it has elsewhere: the Polres mirror)."""
        self._ctx.require(Action.PATROL_WRITE)
        patrol = clean_record(patrol)  # invisible control characters are never stored
        if validate:
            problems = blocking(self.check(patrol), patrol.accepted_warnings)
            if problems:
                raise InvalidRecord(problems)
        values = _values(patrol)
        with write_transaction(self._ctx.db):
            before = None
            if patrol.meta is None:
                patrol_id = self._ctx.insert("patrols",
                    {**values, **self._ctx.new_meta(by, record_uuid)})
            else:
                patrol_id = patrol.meta.id
                before = self.get(patrol_id)
                bump = self._ctx.bump("patrols", patrol_id, by, patrol.meta.version)
                self._ctx.db.table("patrols").update(patrol_id, {**values, **bump})
                self._ctx.db.execute("DELETE FROM patrol_members WHERE patrol_id = ?", [patrol_id])
                self._ctx.db.execute("DELETE FROM patrol_places WHERE patrol_id = ?", [patrol_id])
            children = TableRows()
            _child_rows(children, patrol_id, patrol)
            children.insert(self._ctx.db.conn)
            saved = self.get(patrol_id)
            assert saved.meta is not None
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by,
                         action="create" if before is None else "update", kind="patrol",
                         record_uuid=saved.meta.uuid, before=before, after=saved)
        return Saved(saved, CHANGED)

    def import_many(self, items: Sequence[tuple[Patrol, str | None]], by: int | None, *,
                    note: str) -> int:
        """New patrols (patrol, uuid or None; checked by the caller) with their members,
        places and audit entries, and one activity entry ("import", `note`), in one
        transaction: each table written with one statement, the entries chained in bulk, as
        the walk-ins' import (VisitRepo.import_many). Returns how many."""
        self._ctx.require(Action.IMPORT)
        ctx = self._ctx
        with bulk_cache(ctx.db), write_transaction(ctx.db):
            row = ctx.db.execute("SELECT coalesce(max(id), 0) + 1 FROM patrols").fetchone()
            first_id = int(row[0])
            rows = TableRows()
            for patrol_id, (patrol, record_uuid) in enumerate(items, first_id):
                patrol = clean_record(patrol)  # invisible control characters are never stored
                rows.add("patrols", {**_values(patrol), "id": patrol_id,
                                     **ctx.new_meta(by, record_uuid)})
                _child_rows(rows, patrol_id, patrol)
            rows.insert(ctx.db.conn)
            saved = self._build_many(ctx.rows(
                "SELECT * FROM patrols WHERE id >= ? ORDER BY id", [first_id]))
            audit_imported(ctx, "patrol", saved, by, note)
        return len(saved)

    def void(self, patrol_id: int, reason: str, by: int | None) -> Saved[Patrol]:
        self._ctx.require(Action.VOID)
        return Saved(void_record(self._ctx, "patrols", "patrol", patrol_id, reason, by, self.get),
                     CHANGED)

    def id_by_uuid(self, record_uuid: str) -> int | None:
        row = self._ctx.row("SELECT id FROM patrols WHERE uuid = ?", [record_uuid])
        return None if row is None else int(row["id"])

    def all_uuids(self) -> builtins.list[str]:
        return [r["uuid"] for r in self._ctx.rows("SELECT uuid FROM patrols ORDER BY id")]


def _values(patrol: Patrol) -> dict[str, Any]:
    """The `patrols` row of a patrol, but its meta (and id)."""
    values = to_row(patrol, exclude=frozenset({"meta", "member_ids"}))
    values["accepted_warnings"] = warnings_to_json(patrol.accepted_warnings)
    return values


def _child_rows(rows: TableRows, patrol_id: int, patrol: Patrol) -> None:
    """The patrol's members (each once, in order) and places."""
    for i, officer_id in enumerate(dict.fromkeys(patrol.member_ids)):
        rows.add("patrol_members", {"patrol_id": patrol_id, "officer_id": officer_id,
                                    "position": i})
    for i, place in enumerate(patrol.places):
        rows.add("patrol_places", {**to_row(place), "patrol_id": patrol_id, "position": i})


def _patrol(row: dict[str, Any], members: builtins.list[dict[str, Any]],
            places: builtins.list[dict[str, Any]]) -> Patrol:
    return from_row(
        Patrol, row, meta=meta_from_row(row),
        member_ids=tuple(m["officer_id"] for m in members),
        places=tuple(from_row(PatrolPlace, p) for p in places),
        accepted_warnings=warnings_from_json(row["accepted_warnings"]))
