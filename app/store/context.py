"""What every repository of the store shares: the connection, the clock, the station."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import sqlite_utils

from app.clock import Clock
from app.domain.changes import Changes
from app.domain.models import RecordMeta
from app.store.errors import RecordNotFound, StaleRecord
from app.store.record_ids import new_uuid
from app.store.serialize import dt_to_db, from_row

T = TypeVar("T")

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
