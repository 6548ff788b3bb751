"""Reading walk-in records: one record with its children (`build`), every record in batches
(CSV export, `piket verify`), and which numbers and uuids of a file the store already has
(CSV import)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from app.domain.models import StatusChange, Visit
from app.store.records import StoreContext, meta_from_row, warnings_from_json
from app.store.serialize import from_row
from app.store.visits.rows import CHILD_TABLES

_CHUNK = 500  # parameters per IN (...) query


def build(ctx: StoreContext, row: dict[str, Any]) -> Visit:
    """The record of a `visits` row, with its children and status history."""
    return _build_batch(ctx, [row])[0]


def iter_all(ctx: StoreContext, *, include_voided: bool = False,
             batch: int = 500) -> Iterator[Visit]:
    """Every record, oldest received first (received_at, id), read in keyset batches with
    the children of a whole batch in one query per table (not five queries per record)."""
    voided = "" if include_voided else "AND voided_at IS NULL"
    after: tuple[str, int] = ("", 0)
    while True:
        found = ctx.rows(
            f"SELECT * FROM visits WHERE (received_at, id) > (?, ?) {voided} "
            f"ORDER BY received_at, id LIMIT ?", [after[0], after[1], batch])
        yield from _build_batch(ctx, found)
        if len(found) < batch:
            return
        after = (found[-1]["received_at"], found[-1]["id"])


def _build_batch(ctx: StoreContext, rows: list[dict[str, Any]]) -> list[Visit]:
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    marks = ", ".join("?" * len(ids))
    children: dict[str, dict[int, list[Any]]] = {}
    for table, attr, cls in CHILD_TABLES:
        grouped: dict[int, list[Any]] = {}
        for child in ctx.rows(f"SELECT * FROM {table} WHERE visit_id IN ({marks}) "
                              f"ORDER BY visit_id, position", ids):
            grouped.setdefault(child["visit_id"], []).append(from_row(cls, child))
        children[attr] = grouped
    history: dict[int, list[StatusChange]] = {}
    for change in ctx.rows("SELECT visit_id, status, at, officer_id, note "
                           f"FROM visit_status_history WHERE visit_id IN ({marks}) "
                           "ORDER BY visit_id, at, id", ids):
        history.setdefault(change["visit_id"], []).append(from_row(StatusChange, change))
    return [from_row(Visit, row, meta=meta_from_row(row),
                     **{attr: tuple(grouped.get(row["id"], ())) for attr, grouped in children.items()},
                     status_history=tuple(history.get(row["id"], ())),
                     accepted_warnings=warnings_from_json(row["accepted_warnings"]))
            for row in rows]


def taken_numbers(ctx: StoreContext,
                  keys: Iterable[tuple[str, int, int]]) -> frozenset[tuple[str, int, int]]:
    """Which of the (document kind, year, counter) keys are already used by a record."""
    by_year: dict[tuple[str, int], list[int]] = {}
    for doc, year, seq in keys:
        by_year.setdefault((doc, year), []).append(seq)
    found: set[tuple[str, int, int]] = set()
    for (doc, year), seqs in by_year.items():
        for i in range(0, len(seqs), _CHUNK):
            chunk = seqs[i:i + _CHUNK]
            rows = ctx.db.execute(
                f"SELECT number_seq FROM visits WHERE number_doc = ? AND number_year = ? "
                f"AND number_seq IN ({', '.join('?' * len(chunk))})", [doc, year, *chunk])
            found.update((doc, year, int(seq)) for (seq,) in rows)
    return frozenset(found)


def existing_uuids(ctx: StoreContext, uuids: Iterable[str]) -> frozenset[str]:
    """Which of `uuids` are already the uuid of a record (walk-in, patrol or meeting)."""
    wanted = list(dict.fromkeys(uuids))
    found: set[str] = set()
    for table in ("visits", "patrols", "meetings"):
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            rows = ctx.db.execute(
                f"SELECT uuid FROM {table} WHERE uuid IN ({', '.join('?' * len(chunk))})", chunk)
            found.update(uuid for (uuid,) in rows)
    return frozenset(found)
