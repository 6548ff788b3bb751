"""`piket import --kind reports`: walk-in records from a CSV file, all or nothing.

Two passes. The first reads and checks every row (report_rows) plus what one row cannot know
alone: numbers and uuids already in the store or earlier in the file. If any row is bad,
nothing is written and every bad row is listed. Otherwise the second pass builds the records
again from the parsed values kept (a third of the memory of 100,000 whole records) and saves
them in ONE write transaction through `store.visits.create_many`, together with the audit
entry of the import itself.

Numbers: rows with a `number` keep it (parsed with the station's template, written back in
the template's spelling); they are saved first, so the year's counter moves past the highest
kept number; rows without one then get the next numbers in received_at order.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from app.csvio import row_checks
from app.csvio.common import CsvFileError, RowProblem, read_table, unneutralise
from app.csvio.report_rows import (
    ALL_COLUMNS,
    REQUIRED_COLUMNS,
    ParsedRow,
    RowReader,
    RowResult,
    quoted,
)
from app.csvio.row_checks import RowChecks
from app.domain.codes import doc_kind_for
from app.domain.models import AcceptedWarning, StationProfile, Visit
from app.numbering import parse_number, render_number
from app.store import BULK_BATCH, IntegrityError

if TYPE_CHECKING:
    from app.store import Store

# progress(phase, rows done, total or None): phase "periksa" then "simpan". Raise from it
# to cancel: the transaction rolls back and nothing is saved.
Progress = Callable[[str, int, int | None], None]
_PROGRESS_EVERY = 1000
# from this many rows the rows are read in two other processes (row_checks), and the records'
# rows are made in the same two processes while this one writes (store.visits.import_many);
# starting them costs about half a second
WORKER_FROM = 5000


@dataclass(frozen=True)
class ImportTuning:
    """How an import divides its work (tests make the pieces small)."""

    workers_from: int = WORKER_FROM  # rows from which other processes read and make rows
    batch_size: int = BULK_BATCH  # records written with one statement a table
    chunk: int = row_checks.CHUNK  # rows a reading task
    in_flight: int = row_checks.IN_FLIGHT  # reading tasks sent and not yet taken

_NRPS_SHOWN = 5  # unknown NRPs named in the note, then "dan N lainnya"
_NOTE_FOR_MISSING = {
    "lost_items": "{n} laporan kehilangan diimpor tanpa daftar barang yang hilang (kolomnya "
                  "tidak ada di CSV); lengkapi di aplikasi sebelum mencetak SKTLK.",
    "other_reason": "{n} kunjungan 'lainnya' diimpor tanpa keperluan kedatangan (kolomnya "
                    "tidak ada di CSV); lengkapi di aplikasi bila perlu.",
}


@dataclass(frozen=True)
class ImportReport:
    rows: int  # data rows read
    imported: int  # records saved (0 when any row is bad, or when only checking)
    errors: tuple[RowProblem, ...]
    notes: tuple[RowProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class _Kept:
    """A row that passed the first pass, kept for the second."""

    line: int
    parsed: ParsedRow
    number: str | None  # in the template's spelling
    record_uuid: str | None
    accepted: tuple[AcceptedWarning, ...]


def import_reports(store: Store, path: Path, *, by: int | None = None, check_only: bool = False,
                   progress: Progress | None = None,
                   tuning: ImportTuning = ImportTuning()) -> ImportReport:
    """Import the file; raises CsvFileError when the file cannot be read at all."""
    header, rows = read_table(Path(path))
    columns, header_errors = _columns(header)
    if header_errors:
        return ImportReport(0, 0, tuple(header_errors), ())
    checker = _Checker(store)
    errors: list[RowProblem] = []
    notes: list[RowProblem] = []
    kept: list[_Kept] = []
    unnamed = [i for i, name in enumerate(columns) if not name]
    count = 0
    with RowChecks(checker.reader, from_row=tuning.workers_from, chunk=tuning.chunk,
                   in_flight=tuning.in_flight) as checks:
        try:
            for line, fields in rows:
                count += 1
                if len(fields) != len(columns):
                    errors.append(RowProblem(line, "", f"baris ini berisi {len(fields)} "
                                             f"kolom, judul berisi {len(columns)}; periksa "
                                             "pemisah dan tanda kutip."))
                elif any(fields[i].strip() for i in unnamed):
                    errors.append(RowProblem(line, "", "ada isi di kolom tanpa judul; beri "
                                             "judul kolom atau kosongkan selnya."))
                else:
                    values = {c: unneutralise(f.strip())
                              for c, f in zip(columns, fields, strict=True) if c}
                    for done in checks.add(line, values):
                        checker.check(*done, kept, errors, notes)
                if progress is not None and count % _PROGRESS_EVERY == 0:
                    progress("periksa", count, None)
        except CsvFileError as exc:  # broken quoting: the rest of the file cannot be read
            errors.append(RowProblem(0, "", str(exc)))
        for done in checks.finish():
            checker.check(*done, kept, errors, notes)
        errors.extend(checker.store_conflicts())
        position = {name: i for i, name in enumerate(columns)}
        errors.sort(key=lambda p: (p.line, position.get(p.column, -1)))  # in the file's order
        notes.extend(checker.summary_notes())
        if errors or check_only:
            return ImportReport(count, 0, tuple(errors), tuple(notes))
        try:
            imported = _save(store, checker.reader, kept, by, Path(path), progress, checks,
                             tuning)
        except _RowFailed as failed:  # a race with another desk, or a store rule missed
            return ImportReport(count, 0, (failed.problem,), tuple(notes))
    return ImportReport(count, imported, (), tuple(notes))


def _columns(header: list[str]) -> tuple[list[str], list[RowProblem]]:
    columns = [h.strip().lower() for h in header]
    errors: list[RowProblem] = []
    for name in columns:
        # a column without a name (a stray separator at the end of the header, as a
        # spreadsheet may leave) is allowed as long as its cells are empty: see check()
        if name and name not in ALL_COLUMNS:
            errors.append(RowProblem(1, name, "kolom tidak dikenal; kolom yang boleh ada: "
                                     f"{', '.join(ALL_COLUMNS)}."))
    for name in sorted({n for n in columns if n and columns.count(n) > 1}):
        errors.append(RowProblem(1, name, "kolom ini muncul lebih dari sekali."))
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            errors.append(RowProblem(1, name, "kolom wajib ini tidak ada di baris judul."))
    return columns, errors


class _Checker:
    """First pass: each row on its own (RowReader), then numbers and uuids across rows."""

    def __init__(self, store: Store) -> None:
        self.profile: StationProfile = store.profile()
        self.tz = ZoneInfo(self.profile.timezone)
        officers = {nrp: o.id for nrp, o in store.master.officers_by_nrp().items() if o.id}
        self.reader = RowReader(tz=self.tz, now=store.clock(), desa_names=store.master.desa_names(),
                                categories=store.master.category_codes(), officers=officers)
        self._visits = store.visits
        self._numbers_seen: dict[tuple[str, int, int], tuple[int, str]] = {}
        self._uuids_seen: dict[str, tuple[int, str]] = {}
        self._missing: dict[str, int] = {}
        self._unknown_nrps: dict[str, int] = {}  # NRP -> records saved without their officer

    def check(self, line: int, values: dict[str, str], result: RowResult, kept: list[_Kept],
              errors: list[RowProblem], notes: list[RowProblem]) -> None:
        """Take a row read on its own (`RowReader.read`, see row_checks), rows in file order."""
        problems = [RowProblem(line, f.column, f.message) for f in result.findings if f.is_error]
        notes.extend(RowProblem(line, f.column, f.message)
                     for f in result.findings if not f.is_error)
        parsed = result.parsed
        number = self._number(line, values.get("number", ""), parsed, problems, notes)
        record_uuid = self._uuid(line, values.get("uuid", ""), problems)
        if problems or parsed is None:
            errors.extend(problems)
            return
        for field in result.missing:
            self._missing[field] = self._missing.get(field, 0) + 1
        if result.unknown_nrp:
            self._unknown_nrps[result.unknown_nrp] = self._unknown_nrps.get(
                result.unknown_nrp, 0) + 1
        kept.append(_Kept(line, parsed, number, record_uuid, result.accepted))

    def _number(self, line: int, text: str, parsed: ParsedRow | None,
                problems: list[RowProblem], notes: list[RowProblem]) -> str | None:
        if not text or parsed is None:
            return None
        doc = doc_kind_for(parsed.service, parsed.lp_model)
        if doc is None:
            problems.append(RowProblem(line, "number", f"layanan {parsed.service} tidak "
                                       "memakai nomor; kosongkan kolom ini."))
            return None
        template = self.profile.template_for(doc)
        local = parsed.received_at.astimezone(self.tz)
        found = parse_number(template, text, self.profile)
        if found is None:
            example = render_number(template, 7, local, self.profile)
            problems.append(RowProblem(line, "number", f"nomor {quoted(text)} tidak sesuai pola "
                                       f"nomor stasiun ini, misalnya '{example}'."))
            return None
        if found.year and found.year != local.year:
            problems.append(RowProblem(line, "number", f"nomor {quoted(text)} bertahun "
                                       f"{found.year}, tetapi laporan diterima tahun "
                                       f"{local.year}."))
            return None
        key = (doc, local.year, found.seq)
        if key in self._numbers_seen:
            problems.append(RowProblem(line, "number", f"nomor {quoted(text)} sama dengan "
                                       f"nomor di baris {self._numbers_seen[key][0]}."))
        else:
            self._numbers_seen[key] = (line, text)
        if found.month and found.month != local.month:
            notes.append(RowProblem(line, "number", f"bulan pada nomor {quoted(text)} berbeda "
                                    "dengan bulan laporan diterima."))
        when = local.replace(day=1, month=found.month) if found.month else local
        return render_number(template, found.seq, when, self.profile)

    def _uuid(self, line: int, text: str, problems: list[RowProblem]) -> str | None:
        if not text:
            return None
        try:
            if len(text) != 36:
                raise ValueError(text)
            value = str(uuid_module.UUID(text))
        except ValueError:
            problems.append(RowProblem(line, "uuid", f"uuid {quoted(text)} tidak valid; "
                                       "contoh yang benar: 3f2b6c1e-8d4a-4c1b-9e2f-5a6b7c8d9e0f."))
            return None
        if value in self._uuids_seen:
            problems.append(RowProblem(line, "uuid", f"uuid {quoted(text)} sama dengan uuid "
                                       f"di baris {self._uuids_seen[value][0]}."))
        else:
            self._uuids_seen[value] = (line, text)
        return value

    def store_conflicts(self) -> list[RowProblem]:
        """Numbers and uuids of the file that the store already has (asked once, at the end
        of the pass, for just the file's own values)."""
        out = []
        for key in self._visits.taken_numbers(self._numbers_seen):
            line, text = self._numbers_seen[key]
            out.append(RowProblem(line, "number",
                                  f"nomor {quoted(text)} sudah dipakai di basis data."))
        for value in self._visits.existing_uuids(self._uuids_seen):
            line, text = self._uuids_seen[value]
            out.append(RowProblem(line, "uuid", f"uuid {quoted(text)} sudah ada di basis data."))
        return out

    def summary_notes(self) -> list[RowProblem]:
        notes = [RowProblem(0, "", _NOTE_FOR_MISSING[field].format(n=n))
                 for field, n in self._missing.items()]
        if self._unknown_nrps:
            nrps = sorted(self._unknown_nrps)
            shown = ", ".join(nrps[:_NRPS_SHOWN]) + (
                f" dan {len(nrps) - _NRPS_SHOWN} lainnya" if len(nrps) > _NRPS_SHOWN else "")
            notes.append(RowProblem(0, "officer_nrp", (
                f"{sum(self._unknown_nrps.values())} laporan diimpor tanpa petugas penerima: "
                f"NRP {shown} tidak ada di daftar personel. Tambahkan petugasnya di Data Master "
                "sebelum impor bila petugas penerima perlu tercatat.")))
        return notes


class _RowFailed(Exception):
    def __init__(self, problem: RowProblem) -> None:
        super().__init__(problem.text())
        self.problem = problem


def _save(store: Store, reader: RowReader, kept: list[_Kept], by: int | None, path: Path,
          progress: Progress | None, checks: RowChecks, tuning: ImportTuning) -> int:
    from app.store import DuplicateNumber, ItemFailed

    # kept numbers first: the counters move past them before new numbers are taken
    kept.sort(key=lambda k: (k.number is None, k.parsed.received_at, k.line))

    def saved(done: int) -> None:
        if progress is not None:
            progress("simpan", done, len(kept))

    saved(0)
    try:
        return store.visits.import_many(
            _KeptRecords(reader, tuple(kept)), by, note=f"{len(kept)} laporan dari {path.name}",
            progress=saved, executor=checks.executor(), workers_from=tuning.workers_from,
            batch_size=tuning.batch_size)
    except ItemFailed as failed:  # its position in `kept` tells the line
        if not isinstance(failed.error, ValueError):
            raise failed.error from failed
        raise _number_failed(kept[failed.index].line, failed.error) from failed
    except (DuplicateNumber, IntegrityError) as exc:
        # checked in the first pass: only another desk saving the same number or uuid
        # meanwhile gets here
        raise _RowFailed(RowProblem(0, "", "nomor atau uuid di berkas ini baru saja dipakai "
                                    "data lain di basis data; tidak ada yang disimpan. Ulangi "
                                    "impor untuk melihat baris mana.")) from exc


def _number_failed(line: int, exc: ValueError) -> _RowFailed:
    return _RowFailed(RowProblem(line, "number", f"nomor tidak dapat dipakai ({exc})."))


@dataclass(frozen=True)
class _KeptRecords:
    """The records of the checked rows, built where they are iterated: in the processes
    that make their rows (app.store.BulkSource), which are sent the rows, not 100,000
    records."""

    reader: RowReader
    kept: tuple[_Kept, ...]

    def __len__(self) -> int:
        return len(self.kept)

    def __iter__(self) -> Iterator[tuple[Visit, str | None]]:
        for item in self.kept:
            yield (self.reader.build(item.parsed, number=item.number, accepted=item.accepted),
                   item.record_uuid)

    def part(self, start: int, stop: int) -> _KeptRecords:
        return _KeptRecords(self.reader, self.kept[start:stop])

    def numbering(self) -> Iterator[_NumberedRow]:
        for item in self.kept:
            parsed = item.parsed
            yield _NumberedRow(parsed.service, parsed.lp_model, item.number, parsed.received_at)


class _NumberedRow(NamedTuple):
    """What numbering looks at in a record to be built (app.store.numbers.Numbered)."""

    service: str
    lp_model: str | None
    number: str | None
    received_at: datetime
