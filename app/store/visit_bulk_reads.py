"""Bulk reads of walk-in records: every record in batches (CSV export, `piket verify`), and
which numbers and uuids of a file the store already has (CSV import)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from app.domain.models import StatusChange, Visit
from app.store.common import warnings_from_json
from app.store.context import meta_from_row
from app.store.serialize import from_row

if TYPE_CHECKING:
    from app.store.visits import VisitRepo

_CHUNK = 500  # parameters per IN (...) query


def iter_all(repo: VisitRepo, *, include_voided: bool = False,
             batch: int = 500) -> Iterator[Visit]:
    """Every record, oldest received first (received_at, id), read in keyset batches with
    the children of a whole batch in one query per table (not five queries per record)."""
    ctx = repo._ctx
    voided = "" if include_voided else "AND voided_at IS NULL"
    after: tuple[str, int] = ("", 0)
    batched: bool | None = None  # decided on the first record
    while True:
        found = ctx.rows(
            f"SELECT * FROM visits WHERE (received_at, id) > (?, ?) {voided} "
            f"ORDER BY received_at, id LIMIT ?", [after[0], after[1], batch])
        if batched is None and found:
            # VisitRepo._build is the reference: if it learns a new child, read like it does
            batched = _build_batch(repo, found[:1]) == [repo._build(found[0])]
        if batched:
            yield from _build_batch(repo, found)
        else:
            yield from (repo._build(row) for row in found)
        if len(found) < batch:
            return
        after = (found[-1]["received_at"], found[-1]["id"])


def _build_batch(repo: VisitRepo, rows: list[dict[str, Any]]) -> list[Visit]:
    from app.store.visits import CHILD_TABLES

    if not rows:
        return []
    ctx = repo._ctx
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


def taken_numbers(repo: VisitRepo,
                  keys: Iterable[tuple[str, int, int]]) -> frozenset[tuple[str, int, int]]:
    """Which of the (document kind, year, counter) keys are already used by a record."""
    by_year: dict[tuple[str, int], list[int]] = {}
    for doc, year, seq in keys:
        by_year.setdefault((doc, year), []).append(seq)
    found: set[tuple[str, int, int]] = set()
    for (doc, year), seqs in by_year.items():
        for i in range(0, len(seqs), _CHUNK):
            chunk = seqs[i:i + _CHUNK]
            rows = repo._ctx.db.execute(
                f"SELECT number_seq FROM visits WHERE number_doc = ? AND number_year = ? "
                f"AND number_seq IN ({', '.join('?' * len(chunk))})", [doc, year, *chunk])
            found.update((doc, year, int(seq)) for (seq,) in rows)
    return frozenset(found)


def existing_uuids(repo: VisitRepo, uuids: Iterable[str]) -> frozenset[str]:
    """Which of `uuids` are already the uuid of a record (walk-in, patrol or meeting)."""
    wanted = list(dict.fromkeys(uuids))
    found: set[str] = set()
    for table in ("visits", "patrols", "meetings"):
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            rows = repo._ctx.db.execute(
                f"SELECT uuid FROM {table} WHERE uuid IN ({', '.join('?' * len(chunk))})", chunk)
            found.update(uuid for (uuid,) in rows)
    return frozenset(found)
