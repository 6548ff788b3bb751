"""Master data an admin edits: roster, positions, desa, categories, law articles, place types,
vehicles.
Entries are never deleted; they are deactivated (active = 0) and stay in old records."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from app.domain.changes import ChangeKind
from app.domain.models import Category, Desa, LawArticle, Officer, PlaceType, Position, Vehicle
from app.security.permissions import Action
from app.store import audit
from app.store.db import write_transaction
from app.store.driver import sqlite3
from app.store.errors import DuplicateEntry
from app.store.records import Saved, StoreContext, meta_from_row
from app.store.serialize import canonical_json, from_row, to_row

M = TypeVar("M", Officer, Position, Desa, Category, LawArticle, PlaceType, Vehicle)

TABLES: dict[type, tuple[str, str, str]] = {
    # class: (table, audit kind, ORDER BY)
    Officer: ("officers", "officer", "name COLLATE NOCASE"),
    Desa: ("desa", "desa", "name COLLATE NOCASE"),
    Category: ("categories", "category", "id"),
    LawArticle: ("law_articles", "law_article", "law DESC, code"),
    PlaceType: ("place_types", "place_type", "id"),
    Vehicle: ("vehicles", "vehicle", "name COLLATE NOCASE"),
    Position: ("positions", "position", "name COLLATE NOCASE"),
}


class MasterRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def list(self, cls: type[M], *, active_only: bool = False) -> tuple[M, ...]:
        table, _, order = TABLES[cls]
        where = "WHERE active = 1" if active_only else ""
        rows = self._ctx.rows(f'SELECT * FROM {table} {where} ORDER BY {order}')
        return tuple(self._build(cls, row) for row in rows)

    def get(self, cls: type[M], record_id: int) -> M | None:
        table = TABLES[cls][0]
        row = self._ctx.row(f"SELECT * FROM {table} WHERE id = ?", [record_id])
        return self._build(cls, row) if row else None

    def _build(self, cls: type[M], row: dict[str, Any]) -> M:
        return from_row(cls, row, meta=meta_from_row(row))

    def save(self, item: M, by: int | None) -> Saved[M]:
        """Insert a new entry (item.meta is None) or update an existing one. A value that
        must be unique and is taken (NRP, code, desa name) raises DuplicateEntry."""
        self._ctx.require(Action.MASTER)
        try:
            return self._save(item, by)
        except sqlite3.IntegrityError as exc:
            prefix = "UNIQUE constraint failed: "
            text = str(exc)
            if isinstance(exc, DuplicateEntry) or not text.startswith(prefix):
                raise
            table, _, column = text[len(prefix):].split(",")[0].strip().partition(".")
            raise DuplicateEntry(table, column) from exc

    def _save(self, item: M, by: int | None) -> Saved[M]:
        table, kind, _ = TABLES[type(item)]
        values = to_row(item, exclude=frozenset({"meta"}))
        with write_transaction(self._ctx.db):
            if item.meta is None:
                meta = self._ctx.new_meta(by)
                record_id = self._ctx.insert(table, {**meta, **values})
                before = None
            else:
                record_id = item.meta.id
                before_item = self.get(type(item), record_id)
                before = canonical_json(before_item) if before_item else None
                bump = self._ctx.bump(table, record_id, by, item.meta.version)
                self._ctx.db.table(table).update(record_id, {**values, **bump})
            saved = self.get(type(item), int(record_id))
            assert saved is not None and saved.meta is not None
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by,
                         action="create" if before is None else "update", kind=kind,
                         record_uuid=saved.meta.uuid, before=before, after=saved)
        return Saved(saved, frozenset({ChangeKind.MASTER, ChangeKind(kind)}))

    def set_active(self, item: M, active: bool, by: int | None) -> Saved[M]:
        self._ctx.require(Action.MASTER)
        return self.save(replace(item, active=active), by)

    def officer_ids(self) -> frozenset[int]:
        return frozenset(r["id"] for r in self._ctx.rows("SELECT id FROM officers"))

    def category_codes(self) -> frozenset[str]:
        return frozenset(r["code"] for r in self._ctx.rows("SELECT code FROM categories"))

    def desa_names(self) -> frozenset[str]:
        return frozenset(r["name"] for r in self._ctx.rows("SELECT name FROM desa"))

    def category_labels(self) -> dict[str, str]:
        return {r["code"]: r["label"] for r in self._ctx.rows("SELECT code, label FROM categories")}

    def officers_by_id(self) -> dict[int, Officer]:
        return {o.meta.id: o for o in self.list(Officer) if o.meta}

    def officers_by_nrp(self) -> dict[str, Officer]:
        """The whole roster (inactive officers too) by NRP."""
        return {o.nrp: o for o in self.list(Officer) if o.meta}

    def snapshots(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for cls in TABLES:
            for item in self.list(cls):
                assert item.meta is not None
                out[item.meta.uuid] = canonical_json(item)
        return out
