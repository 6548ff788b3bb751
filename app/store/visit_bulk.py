"""Bulk reads and writes of walk-in records, for CSV import and export.

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
import functools
import json
import sqlite3
import types
import typing
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import sqlite_utils

from app.domain.codes import doc_kind_for
from app.domain.models import RecordMeta, StationProfile, StatusChange, Visit
from app.numbering import parse_number, render_number
from app.store import audit, search_terms
from app.store.common import warnings_from_json, warnings_to_json
from app.store.context import meta_from_row
from app.store.db import write_transaction
from app.store.errors import DuplicateNumber
from app.store.serialize import canonical_json, dt_to_db, from_row, to_db_value, to_row
from app.store.visit_search import fts_values

if TYPE_CHECKING:
    from app.store.visits import VisitRepo

BATCH = 500
_CHUNK = 500  # parameters per IN (...) query
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
    (bulk_worker.create_many_in_worker does the same with the rows made in a second process.)"""
    db = repo._ctx.db
    count = 0
    with write_transaction(db, savepoint=False):
        batch = start_batch(repo, by, keep_number)
        for visit, record_uuid in items:
            batch.add(visit, record_uuid)
            if batch.size >= BATCH:
                count += write_rows(db.conn, batch.take())
                if progress is not None:
                    progress(count)
        count += write_rows(db.conn, batch.take())
        batch.counters.save(db)
        if progress is not None:
            progress(count)
    return count


def start_batch(repo: VisitRepo, by: int | None, keep_number: bool) -> _Batch:
    """The first batch of a bulk write (inside its transaction: ids, counters and the audit
    chain continue from what is stored). It holds no connection: it can be sent to another
    process, which makes the rows there."""
    ctx = repo._ctx
    db = ctx.db
    row = db.execute("SELECT coalesce(max(id), 0) + 1 FROM visits").fetchone()
    counters = _Counters(repo._profile(), {
        (doc, int(year)): int(seq) for doc, year, seq in
        db.execute("SELECT doc_kind, year, last_seq FROM number_counters")})
    return _Batch(ctx.station_code, by, ctx.now(), counters, first_id=int(row[0]),
                  prev_hash=audit.latest_hash(db), keep_number=keep_number)


class _Batch:
    """Rows of every table for the records added since the last write."""

    def __init__(self, station: str, by: int | None, now: datetime, counters: _Counters, *,
                 first_id: int, prev_hash: str, keep_number: bool) -> None:
        from app.store.visits import CHILD_TABLES

        self._by = by
        self._now = now
        self._stamp = dt_to_db(now)
        self._station = station
        self.counters = counters
        self._next_id = first_id
        self._prev_hash = prev_hash
        self._keep_number = keep_number
        self._children = CHILD_TABLES
        self._columns: dict[str, tuple[str, ...]] = {}
        self._rows: dict[str, list[list[Any]]] = {}
        self._audit: list[dict[str, Any]] = []
        self._checked = False
        self.size = 0

    def add(self, visit: Visit, record_uuid: str | None) -> None:
        visit_id = self._next_id
        self._next_id += 1
        record_uuid = record_uuid or str(uuid_module.uuid4())
        numbered = self.counters.number_values(visit, self._keep_number)
        values = self._visit_values(visit)
        values.update({"id": visit_id, "uuid": record_uuid, "station_code": self._station,
                       "created_at": self._stamp, "created_by": self._by,
                       "updated_at": self._stamp, "updated_by": self._by, "version": 1})
        for column in _NUMBER_COLUMNS:
            values[column] = numbered.get(column)
        self._append("visits", values)
        for table, attr, _cls in self._children:
            for position, item in enumerate(getattr(visit, attr)):
                self._append(table, {**_plain_row(item), "visit_id": visit_id,
                                     "position": position})
        history = visit.status_history or (
            StatusChange(visit.status, visit.received_at, visit.receiving_officer_id or self._by),)
        # read back in (at, id) order: store them in that order so the audit JSON matches
        history = tuple(sorted(history, key=lambda change: _dt(change.at) or ""))
        for change in history:
            self._append("visit_status_history", {"visit_id": visit_id, **_plain_row(change)})
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
        values = _plain_row(visit, _EXCLUDED)
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
        """The rows of the records added since the last take (audit entries chained)."""
        audit_rows, self._prev_hash = audit.chain_rows(self._prev_hash, self._audit)
        taken = Rows(self._rows, dict(self._columns), audit_rows, self.size)
        self._rows, self._audit, self.size = {}, [], 0
        return taken


@dataclasses.dataclass(frozen=True)
class Rows:
    """One batch, ready to insert: rows per table, their columns, chained audit rows."""

    tables: dict[str, list[list[Any]]]
    columns: dict[str, tuple[str, ...]]
    audit: list[list[Any]]
    size: int


def write_rows(conn: sqlite3.Connection, rows: Rows) -> int:
    """Insert one batch (parents first); returns its size."""
    from app.store.visits import CHILD_TABLES

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
        search_terms.add_words(conn, (text for row in rows.tables["visits_fts"] for text in row[1:]))
    if rows.audit:
        conn.executemany(audit.INSERT_SQL, rows.audit)  # no trigger on INSERT: no need to stage
    return rows.size


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

    def number_values(self, visit: Visit, keep_number: bool) -> dict[str, Any]:
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


# ---------------------------------------------------------------------- reading


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


# ---------------------------------------------------------------------- serialising


_ROW_CONVERTERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _plain_row(obj: Any, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`to_row(obj, exclude=...)` without its per-call type-hint walk: the plain fields of a
    class are found once (with `to_row` itself) and each gets the conversion `to_db_value`
    makes for its declared type."""
    convert = _ROW_CONVERTERS.get(type(obj))
    if convert is None:
        convert = _ROW_CONVERTERS[type(obj)] = _row_converter(obj, exclude)
    return convert(obj)


def _row_converter(obj: Any, exclude: frozenset[str]) -> Callable[[Any], dict[str, Any]]:
    hints = typing.get_type_hints(type(obj))
    names = tuple(to_row(obj, exclude=exclude))
    other = tuple((n, _column_converter(_strip_optional(hints[n]))) for n in names
                  if _strip_optional(hints[n]) not in (str, int, float))

    def convert(value: Any) -> dict[str, Any]:
        fields = value.__dict__
        out = {name: fields[name] for name in names}
        for name, column in other:
            field = out[name]
            if field is not None:
                out[name] = column(field)
        return out

    return convert


def _column_converter(hint: Any) -> Callable[[Any], Any]:
    """What `to_db_value` does to a value of this declared type."""
    if hint is datetime:
        return _dt
    if hint is bool:
        return int
    if typing.get_origin(hint) is tuple:
        return lambda values: to_db_value(values) if values else "[]"
    return to_db_value


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else Any
    return hint


# A record's times are converted for its row and again for its audit JSON: remember them.
_dt = functools.lru_cache(maxsize=4096)(dt_to_db)


def canonical_json_fast(value: Any) -> str:
    """The JSON `serialize.canonical_json` gives for a record, several times faster: each
    dataclass gets a converter made once from its type hints (no `dataclasses.asdict` deep
    copies, no per-value type dispatch for plain fields)."""
    return json.dumps(_converter(type(value))(value), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


_CONVERTERS: dict[Any, Callable[[Any], Any] | None] = {}


def _converter(hint: Any) -> Callable[[Any], Any]:
    found = _field_converter(hint)
    return found if found is not None else (lambda value: value)


def _field_converter(hint: Any) -> Callable[[Any], Any] | None:
    """None for values JSON takes as they are; else a function that makes them plain."""
    if hint in _CONVERTERS:
        return _CONVERTERS[hint]
    base = _strip_optional(hint)
    convert: Callable[[Any], Any] | None
    if base in (str, int, bool, float):
        convert = None
    elif base is datetime:
        convert = _dt
    elif base is date:
        convert = _date
    elif typing.get_origin(base) is tuple:
        item = _field_converter(typing.get_args(base)[0])
        convert = list if item is None else (lambda values: [item(v) for v in values])
    elif isinstance(base, type) and dataclasses.is_dataclass(base):
        convert = _dataclass_converter(base)
    else:
        convert = _plain_any
    _CONVERTERS[hint] = convert
    return convert


def _dataclass_converter(cls: type) -> Callable[[Any], Any]:
    _CONVERTERS[cls] = lambda value: converter(value)  # recursion guard
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    converters = [(name, _field_converter(hints[name])) for name in names]
    other = tuple((name, convert) for name, convert in converters if convert is not None)

    count = len(names)

    def converter(value: Any) -> Any:
        if value is None:
            return None
        fields = getattr(value, "__dict__", None)
        if fields is not None and len(fields) == count:
            out = dict(fields)  # a plain dataclass: its fields, copied at C speed
        else:
            out = {name: getattr(value, name) for name in names}
        for name, convert in other:
            field = out[name]
            out[name] = None if field is None else convert(field)
        return out

    return converter


def _date(value: date) -> str:
    return value.isoformat()


def _plain_any(value: Any) -> Any:
    """Fallback for a field typed Any or a union: the same rules as canonical_json."""
    if isinstance(value, datetime):
        return dt_to_db(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _converter(type(value))(value)
    if isinstance(value, tuple | list):
        return [_plain_any(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value
