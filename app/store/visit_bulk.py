"""Bulk writes of walk-in records: CSV import and `piket demo --reports` (bulk reads are in
visit_bulk_reads, the fast row and JSON converters in fast_rows).

`create_many` stores what `VisitRepo.create` stores for each record (row, children, status
history, number and counter, search entry, audit entry), in ONE write transaction. A
per-record `create` costs milliseconds (sqlite-utils introspection, `dataclasses.asdict`
copies, reading each record back, a savepoint each), far too slow for an Excel register of
100,000 rows. Here records are prepared in Python in batches, with ids given in advance (the
write lock of BEGIN IMMEDIATE is held, so nobody else can take them), and each table is
written with one statement per batch (`_insert_staged`; the audit trail, which has no
insert trigger, with one `executemany`). The stored rows and audit JSON must stay those of
`create`: tests/test_csv_import.py compares the two, and `piket verify` checks every record
against its audit entry.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

import sqlite_utils

from app.domain.codes import doc_kind_for
from app.domain.models import RecordMeta, StationProfile, StatusChange, Visit
from app.numbering import parse_number, render_number
from app.store import audit, search_terms
from app.store.common import warnings_to_json
from app.store.db import bulk_cache, write_transaction
from app.store.errors import DuplicateNumber
from app.store.fast_rows import cached_dt_to_db, canonical_json_fast, plain_row
from app.store.record_ids import new_uuid
from app.store.serialize import canonical_json, dt_to_db
from app.store.visit_search import fts_values

if TYPE_CHECKING:
    from app.store.visits import VisitRepo

BATCH = 500
_EXCLUDED = frozenset({"meta", "number", "status_history"})
_NUMBER_COLUMNS = ("number", "number_doc", "number_year", "number_seq")
_SENTINEL = 987654321  # stands for {n} in a cached rendering of a number template
_FTS_SQL = "INSERT INTO visits_fts (rowid, number, names, niks, body) VALUES (?, ?, ?, ?, ?)"


def create_many(repo: VisitRepo, items: Iterable[tuple[Visit, str | None]], by: int | None, *,
                keep_number: bool = False,
                progress: Callable[[int], None] | None = None) -> int:
    """Save new records (visit, uuid or None) in one transaction; returns how many. The
    caller has validated them. Any failure rolls back every record (all or nothing): inside
    the caller's transaction this joins it (no savepoint), so the caller's rollback undoes
    it. A kept number that is malformed raises ValueError, one already taken DuplicateNumber.
    (bulk_worker.create_many_in_worker does the same with the rows made in other processes.)"""
    db = repo._ctx.db
    count = 0
    with bulk_cache(db), write_transaction(db, savepoint=False):
        batch = start_batch(repo, by, keep_number)
        prev_hash = audit.latest_hash(db)
        for visit, record_uuid in items:
            batch.add(visit, record_uuid)
            if batch.size >= BATCH:
                count += batch.size
                prev_hash = write_rows(db.conn, batch.take(), prev_hash)
                if progress is not None:
                    progress(count)
        count += batch.size
        write_rows(db.conn, batch.take(), prev_hash)
        batch.counters.save(db)
        if progress is not None:
            progress(count)
    return count


def start_batch(repo: VisitRepo, by: int | None, keep_number: bool) -> _Batch:
    """The first batch of a bulk write (inside its transaction: ids and counters continue
    from what is stored). It holds no connection: it can be sent to another process, which
    makes the rows there."""
    ctx = repo._ctx
    db = ctx.db
    row = db.execute("SELECT coalesce(max(id), 0) + 1 FROM visits").fetchone()
    counters = _Counters(repo._profile(), {
        (doc, int(year)): int(seq) for doc, year, seq in
        db.execute("SELECT doc_kind, year, last_seq FROM number_counters")})
    return _Batch(ctx.station_code, by, ctx.now(), counters, first_id=int(row[0]),
                  keep_number=keep_number)


class _Batch:
    """Rows of every table for the records added since the last write."""

    def __init__(self, station: str, by: int | None, now: datetime, counters: _Counters, *,
                 first_id: int, keep_number: bool) -> None:
        from app.store.visits import CHILD_TABLES

        self._by = by
        self._now = now
        self._stamp = dt_to_db(now)
        self._station = station
        self.counters = counters
        self._next_id = first_id
        self._keep_number = keep_number
        self._children = CHILD_TABLES
        self._columns: dict[str, tuple[str, ...]] = {}
        self._rows: dict[str, list[list[Any]]] = {}
        self._audit: list[dict[str, Any]] = []
        self._checked = False
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
        (`_Counters.number_values` of the same records in the same order), else they are
        counted here."""
        visit_id = self._next_id
        self._next_id += 1
        record_uuid = record_uuid or new_uuid()
        if numbered is None:
            numbered = self.counters.number_values(visit, self._keep_number)
        elif numbered.get("number_doc") != doc_kind_for(visit.service, visit.lp_model):
            raise AssertionError("the numbers counted before are not this record's")
        values = self._visit_values(visit)
        values.update({"id": visit_id, "uuid": record_uuid, "station_code": self._station,
                       "created_at": self._stamp, "created_by": self._by,
                       "updated_at": self._stamp, "updated_by": self._by, "version": 1})
        for column in _NUMBER_COLUMNS:
            values[column] = numbered.get(column)
        self._append("visits", values)
        for table, attr, _cls in self._children:
            for position, item in enumerate(getattr(visit, attr)):
                self._append(table, {**plain_row(item), "visit_id": visit_id,
                                     "position": position})
        history = visit.status_history or (
            StatusChange(visit.status, visit.received_at, visit.receiving_officer_id or self._by),)
        # read back in (at, id) order: store them in that order so the audit JSON matches
        history = tuple(sorted(history, key=lambda change: cached_dt_to_db(change.at) or ""))
        for change in history:
            self._append("visit_status_history", {"visit_id": visit_id, **plain_row(change)})
        saved = _replace(
            visit, number=numbered.get("number"), status_history=history,
            meta=RecordMeta(id=visit_id, uuid=record_uuid, station_code=self._station,
                            created_at=self._now, created_by=self._by, updated_at=self._now,
                            updated_by=self._by, version=1))
        self._rows.setdefault("visits_fts", []).append([visit_id, *fts_values(saved)])
        after = canonical_json_fast(saved)
        if not self._checked:  # the reference serialisation, once per call
            if json.loads(after) != json.loads(canonical_json(saved)):
                raise AssertionError("canonical_json_fast differs from canonical_json")
            self._checked = True
        self._audit.append({"at": self._now, "officer_id": self._by, "action": "create",
                            "kind": "visit", "record_uuid": record_uuid, "after": after})
        self.size += 1

    def _visit_values(self, visit: Visit) -> dict[str, Any]:
        reporter = visit.reporter
        values = plain_row(visit, _EXCLUDED)
        values["accepted_warnings"] = (warnings_to_json(visit.accepted_warnings)
                                       if visit.accepted_warnings else "[]")
        values["reporter_name"] = reporter.name if reporter else ""
        values["total_loss_rp"] = visit.total_loss_rp
        if not self._checked and values != _reference_values(visit):
            # VisitRepo._values is the reference: notice when it grows a derived column
            raise AssertionError("visit_bulk is out of step with VisitRepo._values")
        return values

    def _append(self, table: str, values: dict[str, Any]) -> None:
        columns = self._columns.setdefault(table, tuple(values))
        if len(columns) != len(values):
            raise AssertionError(f"{table}: columns differ between records")
        self._rows.setdefault(table, []).append([values[c] for c in columns])

    def take(self) -> Rows:
        """The rows of the records added since the last take. Their audit entries are not
        chained yet: `write_rows` does it, where the batches come together in order (a
        batch may have been made in another process: bulk_worker)."""
        audit_rows, bodies = audit.unlinked_rows(self._audit)
        words = search_terms.words_of(
            text for row in self._rows.get("visits_fts", ()) for text in row[1:])
        taken = Rows(self._rows, dict(self._columns), audit_rows, bodies, sorted(words))
        self._rows, self._audit, self.size = {}, [], 0
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


def write_rows(conn: sqlite3.Connection, rows: Rows, prev_hash: str) -> str:
    """Insert one batch (parents first), its audit entries chained after `prev_hash`;
    returns the last hash."""
    from app.store.visits import CHILD_TABLES

    last_hash = audit.link(prev_hash, rows.audit, rows.bodies)
    for table in ("visits", *(t for t, _a, _c in CHILD_TABLES), "visit_status_history"):
        found = rows.tables.get(table)
        if found:
            try:
                _insert_staged(conn, table, rows.columns[table], found)
            except sqlite3.IntegrityError as exc:
                if table == "visits" and "number" in str(exc):
                    raise DuplicateNumber(str(exc)) from exc
                raise
    if rows.tables.get("visits_fts"):
        conn.executemany(_FTS_SQL, rows.tables["visits_fts"])
    search_terms.insert_words(conn, rows.words)
    if rows.audit:
        conn.executemany(audit.INSERT_SQL, rows.audit)  # no trigger on INSERT: no need to stage
    return last_hash


def _insert_staged(conn: sqlite3.Connection, table: str, columns: tuple[str, ...],
                   rows: list[list[Any]]) -> None:
    """Insert `rows` with ONE statement: first into a private temporary table, then
    `INSERT ... SELECT` into the store. A table with a trigger (visits: visit_total) makes
    every INSERT statement keep a journal of the pages it touches, so a row-by-row
    `executemany` wrote each index page again for every row: 140 us a row at a million
    records against 40 us for one statement."""
    names = ", ".join(columns)
    stage = f"bulk_{table}"
    conn.execute(f'CREATE TEMP TABLE IF NOT EXISTS {stage} AS SELECT {names} FROM main."{table}" '
                 "WHERE 0")
    try:
        conn.executemany(f"INSERT INTO temp.{stage} VALUES ({', '.join('?' * len(columns))})",
                         rows)
        conn.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM temp.{stage} '
                     "ORDER BY rowid")
    finally:
        conn.execute(f"DELETE FROM temp.{stage}")


def _reference_values(visit: Visit) -> dict[str, Any]:
    from app.store.visits import visit_values

    return visit_values(visit)


def _replace(visit: Visit, **changes: Any) -> Visit:
    """`dataclasses.replace` without re-running the frozen __init__ of 35 fields (a tenth of
    the time); Visit is a plain frozen dataclass (no __post_init__, no slots)."""
    if hasattr(Visit, "__post_init__") or hasattr(Visit, "__slots__"):
        return dataclasses.replace(visit, **changes)
    copy = object.__new__(Visit)
    copy.__dict__.update(visit.__dict__)
    copy.__dict__.update(changes)
    return copy


class Numbered(Protocol):
    """What numbering looks at in a record."""

    @property
    def service(self) -> str: ...
    @property
    def lp_model(self) -> str | None: ...
    @property
    def number(self) -> str | None: ...
    @property
    def received_at(self) -> datetime: ...


class _Counters:
    """Numbers for the records of one bulk write, counted in memory from the stored
    counters and stored once at the end (same transaction); the numbers are those
    `numbers.take_number` / `numbers.keep_number` would give."""

    def __init__(self, profile: StationProfile, last: dict[tuple[str, int], int]) -> None:
        self._profile = profile
        self._tz = ZoneInfo(profile.timezone)
        self._last = last
        self._touched: set[tuple[str, int]] = set()
        self._patterns: dict[tuple[str, int, int], str] = {}

    def number_values(self, visit: Numbered, keep_number: bool) -> dict[str, Any]:
        doc = doc_kind_for(visit.service, visit.lp_model)
        if doc is None:
            return {}
        if keep_number and visit.number:
            parsed = parse_number(self._profile.template_for(doc), visit.number, self._profile)
            if parsed is None:
                raise ValueError(f"nomor tidak sesuai pola: {visit.number}")
            key = (doc, parsed.year)
            self._last[key] = max(self._last.get(key, 0), parsed.seq)
            self._touched.add(key)
            return {"number": visit.number, "number_doc": doc, "number_year": parsed.year,
                    "number_seq": parsed.seq}
        local = visit.received_at.astimezone(self._tz)
        key = (doc, local.year)
        seq = self._last[key] = self._last.get(key, 0) + 1
        self._touched.add(key)
        return {"number": self._render(doc, seq, local), "number_doc": doc,
                "number_year": local.year, "number_seq": seq}

    def _render(self, doc: str, seq: int, local: datetime) -> str:
        """render_number, with the template rendered once per document kind and month
        (parsing the template for every record costs more than writing the record)."""
        key = (doc, local.year, local.month)
        pattern = self._patterns.get(key)
        if pattern is None:
            template = self._profile.template_for(doc)
            pattern = render_number(template, _SENTINEL, local, self._profile)
            if pattern.count(str(_SENTINEL)) != template.count("{n}"):
                pattern = ""  # the sentinel also occurs elsewhere: render every time
            self._patterns[key] = pattern
        if not pattern:
            return render_number(self._profile.template_for(doc), seq, local, self._profile)
        return pattern.replace(str(_SENTINEL), str(seq))


    def save(self, db: sqlite_utils.Database) -> None:
        db.conn.executemany(
            "INSERT INTO number_counters (doc_kind, year, last_seq) VALUES (?, ?, ?) "
            "ON CONFLICT (doc_kind, year) DO UPDATE SET "
            "last_seq = max(last_seq, excluded.last_seq)",
            [[doc, year, self._last[(doc, year)]] for doc, year in sorted(self._touched)])
