"""Walk-in visits (and LP model A): create, edit, handle, change status, void, print."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.domain.changes import ChangeKind
from app.domain.codes import FINAL_STATUSES, STATUSES
from app.domain.models import StationProfile, StatusChange, Visit, VisitRow
from app.security.permissions import Action
from app.store import audit, numbers
from app.store.db import bulk_cache, write_transaction
from app.store.errors import InvalidRecord, ItemFailed, RecordNotFound
from app.store.records import Saved, StoreContext, void_record
from app.store.serialize import canonical_json, dt_to_db
from app.store.visits import reads, search
from app.store.visits.matches import DEFAULT_TUNING, SearchTuning
from app.store.visits.rows import (
    CHILD_TABLES,
    BulkSource,
    child_rows,
    status_row,
    visit_values,
)
from app.store.visits.search import PageKey, VisitFilter, index_visit
from app.store.visits.write import DEFAULT_BATCH, save_new
from app.validation import blocking, clean_record, validate_visit

if TYPE_CHECKING:
    from concurrent.futures import Executor

CHANGED = frozenset({ChangeKind.VISIT})
PAPER = "kertas"  # a print on paper: the first is the citizen's original
PDF = "pdf"  # opened (a preview) or saved as a PDF file: uses nothing up


class VisitRepo:
    def __init__(self, ctx: StoreContext, profile: Callable[[], StationProfile], *,
                 search_tuning: SearchTuning = DEFAULT_TUNING) -> None:
        self._ctx = ctx
        self._profile = profile  # the current station profile (it may change while open)
        self._tuning = search_tuning

    # ------------------------------------------------------------------ reading
    def get(self, visit_id: int) -> Visit:
        row = self._ctx.row("SELECT * FROM visits WHERE id = ?", [visit_id])
        if row is None:
            raise RecordNotFound(f"visit {visit_id}")
        return reads.build(self._ctx, row)

    def get_by_uuid(self, record_uuid: str) -> Visit:
        row = self._ctx.row("SELECT * FROM visits WHERE uuid = ?", [record_uuid])
        if row is None:
            raise RecordNotFound(f"visit {record_uuid}")
        return reads.build(self._ctx, row)

    def numbers_of(self, uuids: Iterable[str]) -> dict[str, str]:
        """The number of each walk-in among `uuids` that has one (for Riwayat akses, a page
        of entries at a time)."""
        wanted = sorted(set(uuids))
        if not wanted:
            return {}
        rows = self._ctx.rows(f"SELECT uuid, number FROM visits WHERE number IS NOT NULL AND "
                              f"uuid IN ({', '.join('?' * len(wanted))})", wanted)
        return {str(r["uuid"]): str(r["number"]) for r in rows}

    def page(self, flt: VisitFilter, after: PageKey | None = None, limit: int = 100, *,
             oldest_first: bool = False) -> list[VisitRow]:
        """A page of the walk-in list (keyset paging; see visits.search)."""
        return search.page(self._ctx.db, flt, after, limit, oldest_first=oldest_first,
                           tuning=self._tuning)

    def count(self, flt: VisitFilter, limit: int | None = None) -> int:
        """The rows of the list of `flt`; with `limit`, at most that (counting stops there)."""
        return search.count(self._ctx.db, flt, limit, self._tuning)

    def page_keys(self, flt: VisitFilter, after: PageKey | None = None, limit: int = 1000, *,
                  oldest_first: bool = False) -> list[PageKey]:
        """Only the keys of a page (see search.page_keys): for walking far ahead."""
        return search.page_keys(self._ctx.db, flt, after, limit, oldest_first=oldest_first,
                                tuning=self._tuning)

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
        all in one transaction: a bulk write of one (visits.write). `keep_number` accepts
        `visit.number` (imports)."""
        self._ctx.require(Action.VISIT_WRITE)
        visit = clean_record(visit)  # invisible control characters are never stored
        if validate:
            self._raise_blocking(visit)
        with write_transaction(self._ctx.db):
            (visit_id,) = save_new(self._ctx, self._profile(), [(visit, record_uuid)], by,
                                   keep_number=keep_number)
            saved = self.get(visit_id)
        return Saved(saved, CHANGED)

    def update(self, visit: Visit, by: int | None, *, validate: bool = True) -> Saved[Visit]:
        """Save an edited record; raises StaleRecord when someone else saved it meanwhile."""
        self._ctx.require(Action.VISIT_WRITE)
        visit = clean_record(visit)  # invisible control characters are never stored
        if visit.meta is None:
            raise RecordNotFound("visit without id")
        if validate:
            self._raise_blocking(visit)
        with write_transaction(self._ctx.db):
            before = self.get(visit.meta.id)
            bump = self._ctx.bump("visits", visit.meta.id, by, visit.meta.version)
            values = visit_values(visit)
            if before.number is None:  # e.g. informasi turned into an LP: now it needs one
                values.update(self._take_number(visit))
            self._ctx.db.table("visits").update(visit.meta.id, {**values, **bump})
            self._write_children(visit.meta.id, visit)
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
        self._ctx.require(Action.STATUS)
        return self.set_status(visit_id, status, note, by, at=at,
                               expected_version=expected_version)

    def set_status(self, visit_id: int, status: str, note: str, by: int | None, *,
                   at: datetime | None = None,
                   expected_version: int | None = None) -> Saved[Visit]:
        """change_status for an LP's stage change too (app/store/register): the role may
        change statuses, or stages (Action.STAGE), which move the status with them."""
        if not self._ctx.access.may(Action.STATUS):
            self._ctx.require(Action.STAGE)
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
        self._ctx.require(Action.VOID)
        return Saved(void_record(self._ctx, "visits", "visit", visit_id, reason, by, self.get),
                     CHANGED)

    def paper_prints(self, visit_id: int, document: str | None = None) -> int:
        """How many times the citizen's document was printed on paper (0: the next paper is
        the original; more: it is marked SALINAN). Opening or saving it as a PDF does not
        count (docs/DOCUMENTS.md). Prints logged before outputs were told apart count as
        paper: an original once handed out stays handed out. With `document` (e.g. "STTLP")
        only the prints of that document of the record count (and those that name none)."""
        visit = self.get(visit_id)
        assert visit.meta is not None
        row = self._ctx.db.execute(
            "SELECT count(*) FROM audit_log WHERE record_uuid = ? AND action = 'print'"
            " AND (after IS NULL OR (json_extract(after, '$.output') = ?"
            " AND (? IS NULL OR coalesce(json_extract(after, '$.document'), ?) = ?)))",
            [visit.meta.uuid, PAPER, document, document, document]).fetchone()
        return int(row[0])

    def find_by_number(self, number: str) -> Visit | None:
        """The record with this document number (as printed; letter case and spaces around
        it do not matter), or None."""
        text = " ".join(number.split())
        row = (self._ctx.row("SELECT * FROM visits WHERE number = ?", [text])
               or self._ctx.row("SELECT * FROM visits WHERE number = ? COLLATE NOCASE", [text]))
        return reads.build(self._ctx, row) if row else None

    def number_parts(self, visit_id: int) -> tuple[str, int, int] | None:
        """(document kind, year, sequence) of the record's number; None without a number.
        These identify a number even after the station changed its number templates."""
        row = self._ctx.row("SELECT number_doc, number_year, number_seq FROM visits "
                            "WHERE id = ? AND number IS NOT NULL", [visit_id])
        if row is None or row["number_doc"] is None:
            return None
        return str(row["number_doc"]), int(row["number_year"]), int(row["number_seq"])

    def find_by_number_parts(self, doc_kind: str, year: int, seq: int) -> Visit | None:
        """The record whose number has these parts (see number_parts), or None."""
        row = self._ctx.row("SELECT * FROM visits WHERE number_doc = ? AND number_year = ? "
                            "AND number_seq = ?", [doc_kind, year, seq])
        return reads.build(self._ctx, row) if row else None

    def record_print(self, visit_id: int, by: int | None, document: str, *,
                     output: str = PAPER) -> int:
        """Log an output of the citizen's document, once it was produced (a failed print is
        no print): `output` PAPER (sent to a printer) or PDF (opened or saved as a file).
        Returns how many paper prints there were before this one."""
        self._ctx.require(Action.PRINT)
        if output not in (PAPER, PDF):
            raise ValueError(f"unknown output {output!r}")
        visit = self.get(visit_id)
        assert visit.meta is not None
        with write_transaction(self._ctx.db):
            earlier = self.paper_prints(visit_id)
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="print",
                         kind="visit", record_uuid=visit.meta.uuid, before=None,
                         after=canonical_json({"document": document, "output": output}))
        return earlier

    # ------------------------------------------------------------------ helpers
    def _raise_blocking(self, visit: Visit) -> None:
        problems = blocking(self.check(visit), visit.accepted_warnings)
        if problems:
            raise InvalidRecord(problems)

    def _take_number(self, visit: Visit) -> dict[str, Any]:
        """The number columns of an edited record that needs its first number."""
        counters = numbers.Counters.load(self._ctx.db, self._profile())
        values = counters.number_values(visit, keep_number=False)
        counters.save(self._ctx.db)
        return values

    def _write_children(self, visit_id: int, visit: Visit) -> None:
        """Replace the child rows: they are part of the record's current version; the audit
        entry keeps the previous version whole."""
        for table, _attr, _cls in CHILD_TABLES:
            self._ctx.db.execute(f"DELETE FROM {table} WHERE visit_id = ?", [visit_id])
        for table, row in child_rows(visit_id, visit):
            self._ctx.db.table(table).insert(row)

    def _insert_status(self, visit_id: int, change: StatusChange) -> None:
        self._ctx.db.table("visit_status_history").insert(status_row(visit_id, change))

    # ------------------------------------------------------------------ bulk (CSV import/export)
    def create_many(self, items: Iterable[tuple[Visit, str | None]], by: int | None, *,
                    keep_number: bool = False, progress: Callable[[int], None] | None = None,
                    batch_size: int = DEFAULT_BATCH) -> int:
        """`create` for many (visit, uuid) pairs in ONE transaction (joining the caller's:
        all or nothing), without validation (the caller validated). Returns how many."""
        self._ctx.require(Action.VISIT_WRITE)
        with bulk_cache(self._ctx.db), write_transaction(self._ctx.db, savepoint=False):
            ids = save_new(self._ctx, self._profile(), items, by, keep_number=keep_number,
                           progress=progress, batch_size=batch_size)
        return len(ids)

    def import_many(self, source: BulkSource, by: int | None, *, note: str,
                    progress: Callable[[int], None] | None = None,
                    executor: Executor | None = None, workers_from: int = 5000,
                    batch_size: int = DEFAULT_BATCH) -> int:
        """An import: every record of `source` with the numbers it brings, and one activity
        entry ("import", `note`), in one transaction. From `workers_from` records their rows
        are made in other processes (visits.workers; `executor`, or two started there). A
        record that fails raises ItemFailed with its position in `source`."""
        self._ctx.require(Action.IMPORT)
        ctx = self._ctx
        with bulk_cache(ctx.db), write_transaction(ctx.db):  # the cache until COMMIT
            if len(source) >= workers_from:
                from app.store.visits import workers  # processes: only for a large import

                count = workers.save_new_in_workers(
                    ctx, self._profile(), source, by, keep_number=True, progress=progress,
                    executor=executor, batch_size=batch_size)
            else:
                records = _Positions(source)
                try:
                    count = len(save_new(ctx, self._profile(), records, by, keep_number=True,
                                         progress=progress, batch_size=batch_size))
                except ValueError as exc:  # a kept number that does not fit, a bad record
                    raise ItemFailed(records.index, exc) from exc
            audit.append(ctx.db, at=ctx.now(), officer_id=by, action="import", kind="visit",
                         record_uuid=None, after=canonical_json({"detail": note}))
        return count

    def ids_by_uuid(self, uuids: Iterable[str]) -> dict[str, int]:
        """uuid -> id of those of `uuids` held here."""
        out: dict[str, int] = {}
        wanted = list(uuids)
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            marks = ", ".join("?" * len(part))
            for row in self._ctx.rows(f"SELECT uuid, id FROM visits WHERE uuid IN ({marks})",
                                      part):
                out[str(row["uuid"])] = int(row["id"])
        return out

    def replace_state(self, visit_id: int, visit: Visit, by: int | None) -> None:
        """Bring a record to the state another store holds of it (the Polres mirror,
        app/hub/mirror.py): its columns and child rows, the status changes it has beyond
        those held here (appended, so the register's triggers see them as the station did),
        and its void. Inside the caller's write transaction; the caller audits the batch."""
        self._ctx.require(Action.IMPORT)
        held = self._ctx.row("SELECT count(*) AS n FROM visit_status_history WHERE visit_id = ?",
                             [visit_id])
        bump = self._ctx.bump("visits", visit_id, by, None)
        meta = visit.meta
        voided = {} if meta is None else {"voided_at": dt_to_db(meta.voided_at),
                                          "voided_by": meta.voided_by,
                                          "void_reason": meta.void_reason}
        self._ctx.db.table("visits").update(visit_id, {**visit_values(visit), **bump, **voided})
        self._write_children(visit_id, visit)
        for change in visit.status_history[int(held["n"]) if held else 0:]:
            self._insert_status(visit_id, change)
        index_visit(self._ctx.db, self.get(visit_id))

    def iter_all(self, *, include_voided: bool = False, batch: int = 500) -> Iterator[Visit]:
        """Every record, oldest received first, read `batch` at a time (exports, verify)."""
        return reads.iter_all(self._ctx, include_voided=include_voided, batch=batch)

    def taken_numbers(self, keys: Iterable[tuple[str, int, int]]
                      ) -> frozenset[tuple[str, int, int]]:
        """Which (document kind, year, counter) keys a record already uses (import checks)."""
        return reads.taken_numbers(self._ctx, keys)

    def existing_uuids(self, uuids: Iterable[str]) -> frozenset[str]:
        """Which of `uuids` a walk-in, patrol or meeting already has (import checks)."""
        return reads.existing_uuids(self._ctx, uuids)


class _Positions:
    """The records of a source, knowing the position of the one being built or saved."""

    def __init__(self, source: Iterable[tuple[Visit, str | None]]) -> None:
        self._source = source
        self.index = 0

    def __iter__(self) -> Iterator[tuple[Visit, str | None]]:
        self.index = 0
        for item in self._source:  # building the next one fails: index is already its own
            yield item
            self.index += 1


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
