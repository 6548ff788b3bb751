"""Walk-in visits (and LP model A): create, edit, handle, change status, void, print."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.domain.changes import ChangeKind
from app.domain.codes import FINAL_STATUSES, STATUSES, doc_kind_for
from app.domain.models import (
    Loss,
    LostItem,
    Party,
    StationProfile,
    StatusChange,
    Visit,
    VisitRow,
)
from app.store import audit, numbers, visit_search
from app.store.common import void_record, warnings_from_json, warnings_to_json
from app.store.context import Saved, StoreContext, meta_from_row
from app.store.db import write_transaction
from app.store.errors import InvalidRecord, RecordNotFound
from app.store.serialize import dt_to_db, from_row, to_row
from app.store.visit_search import PageKey, VisitFilter, index_visit
from app.validation import blocking, validate_visit

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from app.store.bulk_worker import BulkSource

CHILD_TABLES: tuple[tuple[str, str, type], ...] = (
    ("visit_parties", "parties", Party),
    ("visit_lost_items", "lost_items", LostItem),
    ("visit_losses", "losses", Loss),
)
CHANGED = frozenset({ChangeKind.VISIT})


class VisitRepo:
    def __init__(self, ctx: StoreContext, profile: Any) -> None:
        self._ctx = ctx
        self._profile = profile  # callable returning the current StationProfile

    # ------------------------------------------------------------------ reading
    def get(self, visit_id: int) -> Visit:
        row = self._ctx.row("SELECT * FROM visits WHERE id = ?", [visit_id])
        if row is None:
            raise RecordNotFound(f"visit {visit_id}")
        return self._build(row)

    def get_by_uuid(self, record_uuid: str) -> Visit:
        row = self._ctx.row("SELECT * FROM visits WHERE uuid = ?", [record_uuid])
        if row is None:
            raise RecordNotFound(f"visit {record_uuid}")
        return self._build(row)

    def _build(self, row: dict[str, Any]) -> Visit:
        children: dict[str, Any] = {}
        for table, attr, cls in CHILD_TABLES:
            rows = self._ctx.rows(
                f"SELECT * FROM {table} WHERE visit_id = ? ORDER BY position", [row["id"]])
            children[attr] = tuple(from_row(cls, r) for r in rows)
        history = self._ctx.rows(
            "SELECT status, at, officer_id, note FROM visit_status_history "
            "WHERE visit_id = ? ORDER BY at, id", [row["id"]])
        children["status_history"] = tuple(from_row(StatusChange, h) for h in history)
        children["accepted_warnings"] = warnings_from_json(row["accepted_warnings"])
        return from_row(Visit, row, meta=meta_from_row(row), **children)

    def page(self, flt: VisitFilter, after: PageKey | None = None, limit: int = 100, *,
             oldest_first: bool = False) -> list[VisitRow]:
        """A page of the walk-in list (keyset paging; see visit_search)."""
        return visit_search.page(self._ctx.db, flt, after, limit, oldest_first=oldest_first)

    def count(self, flt: VisitFilter, limit: int | None = None) -> int:
        """The rows of the list of `flt`; with `limit`, at most that (counting stops there)."""
        return visit_search.count(self._ctx.db, flt, limit)

    def page_keys(self, flt: VisitFilter, after: PageKey | None = None, limit: int = 1000, *,
                  oldest_first: bool = False) -> list[PageKey]:
        """Only the keys of a page (see visit_search.page_keys): for walking far ahead."""
        return visit_search.page_keys(self._ctx.db, flt, after, limit, oldest_first=oldest_first)

    def last_number_seq(self, doc_kind: str, year: int) -> int:
        """The counter of `doc_kind` in `year` (0: none issued yet), for the template preview."""
        return numbers.last_seq(self._ctx.db, doc_kind, year)

    def uuids_of_patrol(self, patrol_uuid: str) -> tuple[str, ...]:
        rows = self._ctx.rows("SELECT uuid FROM visits WHERE source_patrol_uuid = ? ORDER BY id",
                              [patrol_uuid])
        return tuple(r["uuid"] for r in rows)

    # ------------------------------------------------------------------ writing
    def check(self, visit: Visit) -> tuple[Any, ...]:
        """Validation problems of `visit` against the current master data."""
        master = _MasterSets.load(self._ctx)
        return validate_visit(visit, now=self._ctx.now(), categories=master.categories,
                              desa_names=master.desa, officer_ids=master.officers)

    def create(self, visit: Visit, by: int | None, *, keep_number: bool = False,
               record_uuid: str | None = None, validate: bool = True) -> Saved[Visit]:
        """Save a new record with its number, status history, search entry and audit entry,
        all in one transaction. `keep_number` accepts `visit.number` (imports)."""
        if validate:
            self._raise_blocking(visit)
        profile: StationProfile = self._profile()
        with write_transaction(self._ctx.db):
            values = self._values(visit)
            values.update(self._ctx.new_meta(by, record_uuid))
            values.update(self._number_values(visit, profile, keep_number))
            visit_id = self._ctx.insert("visits", values)
            self._write_children(visit_id, visit)
            history = visit.status_history or (
                StatusChange(visit.status, visit.received_at, visit.receiving_officer_id or by),)
            for change in history:
                self._insert_status(visit_id, change)
            saved = self.get(visit_id)
            index_visit(self._ctx.db, saved)
            assert saved.meta is not None
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="create",
                         kind="visit", record_uuid=saved.meta.uuid, after=saved)
        return Saved(saved, CHANGED)

    def update(self, visit: Visit, by: int | None, *, validate: bool = True) -> Saved[Visit]:
        """Save an edited record; raises StaleRecord when someone else saved it meanwhile."""
        if visit.meta is None:
            raise RecordNotFound("visit without id")
        if validate:
            self._raise_blocking(visit)
        profile: StationProfile = self._profile()
        with write_transaction(self._ctx.db):
            before = self.get(visit.meta.id)
            bump = self._ctx.bump("visits", visit.meta.id, by, visit.meta.version)
            values = self._values(visit)
            if before.number is None:  # e.g. informasi turned into an LP: now it needs one
                values.update(self._number_values(visit, profile, False))
            self._ctx.db.table("visits").update(visit.meta.id, {**values, **bump})
            self._write_children(visit.meta.id, visit, replace_existing=True)
            if visit.status != before.status:
                self._insert_status(visit.meta.id, StatusChange(
                    visit.status, self._ctx.now(), by, "diubah melalui formulir"))
            saved = self.get(visit.meta.id)
            index_visit(self._ctx.db, saved)
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="update",
                         kind="visit", record_uuid=visit.meta.uuid, before=before, after=saved)
        return Saved(saved, CHANGED)

    def change_status(self, visit_id: int, status: str, note: str, by: int | None, *,
                      at: datetime | None = None,
                      expected_version: int | None = None) -> Saved[Visit]:
        """A status change with its note; a final status also sets the resolution time."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status}")
        if not note.strip():
            raise InvalidRecord(())
        when = at or self._ctx.now()
        with write_transaction(self._ctx.db):
            before = self.get(visit_id)
            bump = self._ctx.bump("visits", visit_id, by, expected_version)
            values: dict[str, Any] = {"status": status, **bump}
            if status in FINAL_STATUSES and before.resolved_at is None:
                values["resolved_at"] = dt_to_db(when)
            self._ctx.db.table("visits").update(visit_id, values)
            self._insert_status(visit_id, StatusChange(status, when, by, note.strip()))
            saved = self.get(visit_id)
            assert before.meta is not None
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="status",
                         kind="visit", record_uuid=before.meta.uuid, before=before, after=saved)
        return Saved(saved, CHANGED)

    def void(self, visit_id: int, reason: str, by: int | None) -> Saved[Visit]:
        """Void with a reason: the record stops counting but stays readable; its number
        is not reused, so the gap stays visible."""
        return Saved(void_record(self._ctx, "visits", "visit", visit_id, reason, by, self.get),
                     CHANGED)

    def record_print(self, visit_id: int, by: int | None, document: str) -> int:
        """Log a print of the citizen's document; returns how many earlier prints there were
        (0: the original, more: print it marked SALINAN)."""
        visit = self.get(visit_id)
        assert visit.meta is not None
        with write_transaction(self._ctx.db):
            earlier = audit.count_actions(self._ctx.db, visit.meta.uuid, "print")
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="print",
                         kind="visit", record_uuid=visit.meta.uuid,
                         before=None, after=None)
            _ = document
        return earlier

    # ------------------------------------------------------------------ helpers
    def _raise_blocking(self, visit: Visit) -> None:
        problems = blocking(self.check(visit), visit.accepted_warnings)
        if problems:
            raise InvalidRecord(problems)

    def _values(self, visit: Visit) -> dict[str, Any]:
        return visit_values(visit)

    def _number_values(self, visit: Visit, profile: StationProfile,
                       keep_number: bool) -> dict[str, Any]:
        doc = doc_kind_for(visit.service, visit.lp_model)
        if doc is None:
            return {}
        if keep_number and visit.number:
            year, seq = numbers.keep_number(self._ctx.db, doc, visit.number, profile)
            number = visit.number
        else:
            number, year, seq = numbers.take_number(self._ctx.db, doc, visit.received_at,
                                                    profile)
        return {"number": number, "number_doc": doc, "number_year": year, "number_seq": seq}

    def _write_children(self, visit_id: int, visit: Visit, *,
                        replace_existing: bool = False) -> None:
        for table, attr, _cls in CHILD_TABLES:
            if replace_existing:
                # child rows are part of the record's current version; the audit entry
                # keeps the previous version whole
                self._ctx.db.execute(f"DELETE FROM {table} WHERE visit_id = ?", [visit_id])
            rows = [{**to_row(item), "visit_id": visit_id, "position": i}
                    for i, item in enumerate(getattr(visit, attr))]
            if rows:
                self._ctx.db.table(table).insert_all(rows)

    def _insert_status(self, visit_id: int, change: StatusChange) -> None:
        self._ctx.db.table("visit_status_history").insert({"visit_id": visit_id, **to_row(change)})

    def all_uuids(self) -> list[str]:
        return [r["uuid"] for r in self._ctx.rows("SELECT uuid FROM visits ORDER BY id")]

    # ------------------------------------------------------------------ bulk (CSV import/export)
    def create_many(self, items: Iterable[tuple[Visit, str | None]], by: int | None, *,
                    keep_number: bool = False,
                    progress: Callable[[int], None] | None = None) -> int:
        """`create` for many (visit, uuid) pairs in ONE transaction, without validation
        (the caller validated); see visit_bulk. Returns how many were saved."""
        from app.store import visit_bulk

        return visit_bulk.create_many(self, items, by, keep_number=keep_number, progress=progress)

    def create_many_in_worker(self, source: BulkSource, by: int | None,
                              *, keep_number: bool = False,
                              progress: Callable[[int], None] | None = None,
                              executor: Executor | None = None) -> int:
        """`create_many` with the rows made in other processes (large imports; `source`
        is picklable and builds the records where it is iterated): see bulk_worker."""
        from app.store import bulk_worker

        return bulk_worker.create_many_in_worker(self, source, by, keep_number=keep_number,
                                                 progress=progress, executor=executor)

    def iter_all(self, *, include_voided: bool = False) -> Iterator[Visit]:
        """Every record, oldest received first, read in batches (exports)."""
        from app.store import visit_bulk_reads

        return visit_bulk_reads.iter_all(self, include_voided=include_voided)

    def taken_numbers(self, keys: Iterable[tuple[str, int, int]]
                      ) -> frozenset[tuple[str, int, int]]:
        """Which (document kind, year, counter) keys a record already uses (import checks)."""
        from app.store import visit_bulk_reads

        return visit_bulk_reads.taken_numbers(self, keys)

    def existing_uuids(self, uuids: Iterable[str]) -> frozenset[str]:
        """Which of `uuids` a walk-in, patrol or meeting already has (import checks)."""
        from app.store import visit_bulk_reads

        return visit_bulk_reads.existing_uuids(self, uuids)


class _MasterSets:
    def __init__(self, categories: frozenset[str], desa: frozenset[str],
                 officers: frozenset[int]) -> None:
        self.categories = categories
        self.desa = desa
        self.officers = officers

    @classmethod
    def load(cls, ctx: StoreContext) -> _MasterSets:
        return cls(
            frozenset(r["code"] for r in ctx.rows("SELECT code FROM categories")),
            frozenset(r["name"] for r in ctx.rows("SELECT name FROM desa")),
            frozenset(r["id"] for r in ctx.rows("SELECT id FROM officers")),
        )


def visit_values(visit: Visit) -> dict[str, Any]:
    """The `visits` row of a record, but its meta, number and status history."""
    values = to_row(visit, exclude=frozenset({"meta", "number", "status_history"}))
    values["accepted_warnings"] = warnings_to_json(visit.accepted_warnings)
    reporter = visit.reporter
    values["reporter_name"] = reporter.name if reporter else ""
    values["total_loss_rp"] = visit.total_loss_rp
    return values
