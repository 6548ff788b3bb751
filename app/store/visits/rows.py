"""The one way a walk-in record becomes rows: its `visits` row, child rows, status history,
search entry and audit entry. A single save is a batch of one (`VisitRepo.create`); a CSV
import or `piket demo` adds thousands to the same batch (visits.write), or has other
processes make the batches (visits.workers). A new column is added here once.

Records are prepared in Python with ids given in advance (the write lock of BEGIN IMMEDIATE
is held, so nobody else can take them) and each table is then written with one statement a
batch (visits.write): a per-record insert through sqlite-utils (introspection, a savepoint
each, reading the record back) cost milliseconds, far too slow for an Excel register of
100,000 rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sized
from datetime import datetime
from typing import Any, Protocol

from app.domain.codes import doc_kind_for
from app.domain.models import Loss, LostItem, Party, RecordMeta, StationProfile, StatusChange, Visit
from app.store import audit, numbers
from app.store.bulk import TableRows
from app.store.numbers import Numbered
from app.store.records import StoreContext, new_uuid, warnings_to_json
from app.store.serialize import cached_dt_to_db, canonical_json, dt_to_db, quick_replace, to_row
from app.store.visits import terms
from app.store.visits.search import fts_values

CHILD_TABLES: tuple[tuple[str, str, type], ...] = (
    ("visit_parties", "parties", Party),
    ("visit_lost_items", "lost_items", LostItem),
    ("visit_losses", "losses", Loss),
)
TABLES = ("visits", *(table for table, _attr, _cls in CHILD_TABLES), "visit_status_history")
_EXCLUDED = frozenset({"meta", "number", "status_history"})
_NUMBER_COLUMNS = ("number", "number_doc", "number_year", "number_seq")


class BulkSource(Sized, Iterable[tuple[Visit, str | None]], Protocol):
    """Records to save (visit, uuid or None), picklable, built where they are iterated."""

    def part(self, start: int, stop: int) -> Iterable[tuple[Visit, str | None]]:
        """The records from position `start` to `stop`, picklable."""
        ...

    def numbering(self) -> Iterator[Numbered]:
        """What numbering looks at in each record, in order, without building them."""
        ...


def visit_values(visit: Visit) -> dict[str, Any]:
    """The `visits` row of a record, but its meta, number and status history."""
    values = to_row(visit, exclude=_EXCLUDED)
    values["accepted_warnings"] = warnings_to_json(visit.accepted_warnings)
    reporter = visit.reporter
    values["reporter_name"] = reporter.name if reporter else ""
    values["total_loss_rp"] = visit.total_loss_rp
    return values


def child_rows(visit_id: int, visit: Visit) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) of the record's parties, lost items and losses, in order."""
    for table, attr, _cls in CHILD_TABLES:
        for position, item in enumerate(getattr(visit, attr)):
            yield table, {**to_row(item), "visit_id": visit_id, "position": position}


def status_row(visit_id: int, change: StatusChange) -> dict[str, Any]:
    return {"visit_id": visit_id, **to_row(change)}


def start(ctx: StoreContext, profile: StationProfile, by: int | None,
          keep_number: bool) -> NewVisits:
    """The first batch of a write (inside its transaction: ids and counters continue from
    what is stored). It holds no connection: it can be sent to another process, which makes
    the rows there."""
    row = ctx.db.execute("SELECT coalesce(max(id), 0) + 1 FROM visits").fetchone()
    return NewVisits(ctx.station_code, by, ctx.now(), numbers.Counters.load(ctx.db, profile),
                     first_id=int(row[0]), keep_number=keep_number)


class NewVisits:
    """Rows of every table for the records added since the last `take`."""

    def __init__(self, station: str, by: int | None, now: datetime, counters: numbers.Counters,
                 *, first_id: int, keep_number: bool) -> None:
        self._by = by
        self._now = now
        self._stamp = dt_to_db(now)
        self._station = station
        self.counters = counters
        self._next_id = first_id
        self._keep_number = keep_number
        self._rows = TableRows()
        self._audit: list[dict[str, Any]] = []
        self.size = 0

    @property
    def next_id(self) -> int:
        return self._next_id

    def seek(self, next_id: int) -> None:
        """Go on from record id `next_id` (a process making every other batch)."""
        self._next_id = next_id

    def add(self, visit: Visit, record_uuid: str | None,
            numbered: dict[str, Any] | None = None) -> None:
        """Add a record; `numbered` are its number columns when they were counted before
        (`counters.number_values` of the same records in the same order, visits.workers),
        else they are counted here."""
        visit_id = self._next_id
        self._next_id += 1
        record_uuid = record_uuid or new_uuid()
        if numbered is None:
            numbered = self.counters.number_values(visit, self._keep_number)
        elif numbered.get("number_doc") != doc_kind_for(visit.service, visit.lp_model):
            raise ValueError("the numbers counted before are not this record's")
        values = visit_values(visit)
        values.update({"id": visit_id, "uuid": record_uuid, "station_code": self._station,
                       "created_at": self._stamp, "created_by": self._by,
                       "updated_at": self._stamp, "updated_by": self._by, "version": 1})
        for column in _NUMBER_COLUMNS:
            values[column] = numbered.get(column)
        self._rows.add("visits", values)
        for table, row in child_rows(visit_id, visit):
            self._rows.add(table, row)
        history = visit.status_history or (
            StatusChange(visit.status, visit.received_at, visit.receiving_officer_id or self._by),)
        # read back in (at, id) order: stored in that order, the audit JSON is the read-back's
        history = tuple(sorted(history, key=lambda change: cached_dt_to_db(change.at) or ""))
        for change in history:
            self._rows.add("visit_status_history", status_row(visit_id, change))
        saved = quick_replace(
            visit, number=numbered.get("number"), status_history=history,
            meta=RecordMeta(id=visit_id, uuid=record_uuid, station_code=self._station,
                            created_at=self._now, created_by=self._by, updated_at=self._now,
                            updated_by=self._by, version=1))
        self._rows.rows.setdefault("visits_fts", []).append([visit_id, *fts_values(saved)])
        self._audit.append({"at": self._now, "officer_id": self._by, "action": "create",
                            "kind": "visit", "record_uuid": record_uuid,
                            "after": canonical_json(saved)})
        self.size += 1

    def take(self) -> Rows:
        """The rows of the records added since the last take. Their audit entries are not
        chained yet: visits.write does it, where the batches come together in order (a
        batch may have been made in another process: visits.workers)."""
        audit_rows, bodies = audit.unlinked_rows(self._audit)
        words = terms.words_of(
            text for row in self._rows.rows.get("visits_fts", ()) for text in row[1:])
        taken = Rows(self._rows.rows, self._rows.columns, audit_rows, bodies, sorted(words))
        self._rows, self._audit, self.size = TableRows(), [], 0
        return taken


@dataclasses.dataclass(frozen=True)
class Rows:
    """One batch, ready to insert: rows per table, their columns, the audit rows without
    their hashes and the text each hash covers (audit.unlinked_rows), the new search words."""

    tables: dict[str, list[list[Any]]]
    columns: dict[str, tuple[str, ...]]
    audit: list[list[Any]]
    bodies: list[str]
    words: list[str]

    @property
    def size(self) -> int:
        """How many records."""
        return len(self.tables.get("visits", ()))
