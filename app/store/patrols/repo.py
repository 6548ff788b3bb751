"""Patrols with their members and the places visited."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Any

from app.domain.changes import ChangeKind
from app.domain.models import Patrol, PatrolPlace
from app.security.permissions import Action
from app.store import audit
from app.store.db import write_transaction
from app.store.errors import InvalidRecord, RecordNotFound
from app.store.patrols import listing as patrol_list
from app.store.patrols.listing import PatrolFilter, PatrolPageKey, PatrolRow
from app.store.records import (
    Saved,
    StoreContext,
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
            "SELECT officer_id FROM patrol_members WHERE patrol_id = ? ORDER BY position",
            [row["id"]])
        places = self._ctx.rows(
            "SELECT * FROM patrol_places WHERE patrol_id = ? ORDER BY position", [row["id"]])
        return from_row(
            Patrol, row, meta=meta_from_row(row),
            member_ids=tuple(m["officer_id"] for m in members),
            places=tuple(from_row(PatrolPlace, p) for p in places),
            accepted_warnings=warnings_from_json(row["accepted_warnings"]))

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
        return tuple(self._build(r) for r in rows)

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
        values = to_row(patrol, exclude=frozenset({"meta", "member_ids"}))
        values["accepted_warnings"] = warnings_to_json(patrol.accepted_warnings)
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
            members = list(dict.fromkeys(patrol.member_ids))
            if members:
                self._ctx.db.table("patrol_members").insert_all(
                    [{"patrol_id": patrol_id, "officer_id": o, "position": i}
                     for i, o in enumerate(members)])
            if patrol.places:
                self._ctx.db.table("patrol_places").insert_all(
                    [{**to_row(p), "patrol_id": patrol_id, "position": i}
                     for i, p in enumerate(patrol.places)])
            saved = self.get(patrol_id)
            assert saved.meta is not None
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by,
                         action="create" if before is None else "update", kind="patrol",
                         record_uuid=saved.meta.uuid, before=before, after=saved)
        return Saved(saved, CHANGED)

    def void(self, patrol_id: int, reason: str, by: int | None) -> Saved[Patrol]:
        self._ctx.require(Action.VOID)
        return Saved(void_record(self._ctx, "patrols", "patrol", patrol_id, reason, by, self.get),
                     CHANGED)

    def id_by_uuid(self, record_uuid: str) -> int | None:
        row = self._ctx.row("SELECT id FROM patrols WHERE uuid = ?", [record_uuid])
        return None if row is None else int(row["id"])

    def all_uuids(self) -> builtins.list[str]:
        return [r["uuid"] for r in self._ctx.rows("SELECT uuid FROM patrols ORDER BY id")]
