"""What the CSV import and exports share: the time format, reading a file Excel wrote,
writing a file Excel reads, and how a problem with one row is reported.

Decisions (docs/CSV.md explains them to users):
- Times are station local time `YYYY-MM-DD HH:MM`. On reading, a `T` instead of the space,
  a one-digit hour and trailing seconds are accepted too (Excel and scripts write those).
- Files are UTF-8; a byte order mark is accepted on reading and written on export (without
  it, Excel shows "Ã©" instead of accented letters).
- The delimiter is taken from the header line: whichever of `,` `;` and TAB occurs most
  (Excel in the Indonesian locale writes `;`).
- Formula injection (OWASP "CSV injection"): a cell that starts with `=` `+` `-` `@`, a TAB
  or a carriage return is written with a leading apostrophe, so Excel shows it as text and
  never runs it (phone numbers `+62…` included). A cell that starts with an apostrophe
  followed by one of those (or by another apostrophe) gets one too, so the import, which
  removes one such apostrophe, gives back exactly what was exported.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.outputs import atomic_write

if TYPE_CHECKING:
    from app.store import Store

TIME_FORMAT = "%Y-%m-%d %H:%M"
DATE_FORMAT = "%Y-%m-%d"
_TIME_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?", re.ASCII)
_DELIMITERS = (",", ";", "\t")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


class CsvFileError(Exception):
    """The file as a whole cannot be read (missing, not UTF-8, no header). Indonesian text."""


@dataclass(frozen=True)
class RowProblem:
    """One finding about one cell of the file. `line` is the line in the file where the row
    starts (the header is line 1; 0: the file as a whole); `column` may be empty."""

    line: int
    column: str
    message: str

    def text(self) -> str:
        where = f"Baris {self.line}" if self.line else "Berkas"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"


def parse_local(text: str, tz: tzinfo) -> datetime:
    """A station-local `YYYY-MM-DD HH:MM` as an aware UTC datetime; ValueError if it is not."""
    match = _TIME_RE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    year, month, day, hour, minute, second = match.groups()
    return datetime(int(year), int(month), int(day), int(hour), int(minute),
                    int(second) if second else 0, tzinfo=tz).astimezone(UTC)


def format_local(value: datetime | None, tz: tzinfo) -> str:
    return "" if value is None else value.astimezone(tz).strftime(TIME_FORMAT)


def minute_key(value: datetime, tz: tzinfo) -> str:
    """Records are exported in this order (then by uuid), so an export that went through an
    import (which keeps only minutes) comes out in the same order as the original."""
    return format_local(value, tz)


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and an iterator of (line where the row starts, fields), read as a stream
    (a 100,000-row register is not held in memory as text). Blank rows are skipped. Raises
    CsvFileError; a row that cannot be read raises CsvFileError from the iterator."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError as exc:
        raise CsvFileError(f"berkas tidak ditemukan: {path}") from exc
    except IsADirectoryError as exc:
        raise CsvFileError(f"{path} adalah folder, bukan berkas CSV") from exc
    except OSError as exc:
        raise CsvFileError(f"berkas tidak dapat dibaca: {path} ({exc.strerror})") from exc
    try:
        first = handle.readline()
        delimiter = max(_DELIMITERS, key=lambda d: (first.count(d), d == ","))
        reader = csv.reader(itertools.chain([first], handle), delimiter=delimiter, strict=True)
        header = next(reader, None)
    except UnicodeDecodeError as exc:
        handle.close()
        raise _not_utf8(path) from exc
    except csv.Error as exc:
        handle.close()
        raise CsvFileError(f"baris judul kolom tidak dapat dibaca ({exc})") from exc
    except OSError as exc:
        handle.close()
        raise CsvFileError(f"berkas tidak dapat dibaca: {path} ({exc.strerror})") from exc
    if not header or not any(h.strip() for h in header):
        handle.close()
        raise CsvFileError("berkas kosong: baris pertama harus berisi nama kolom")
    return header, _rows(reader, handle, path)


def _rows(reader: Any, handle: Any, path: Path) -> Iterator[tuple[int, list[str]]]:
    with handle:
        while True:
            start = int(reader.line_num) + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise _not_utf8(path) from exc
            except csv.Error as exc:
                raise CsvFileError(f"baris {start} tidak dapat dibaca ({exc}); periksa tanda "
                                   "kutip (\") di baris itu") from exc
            if any(f.strip() for f in fields):
                yield start, fields


def _not_utf8(path: Path) -> CsvFileError:
    """The error for a file that is not UTF-8, naming the first line that is not."""
    data = path.read_bytes()
    try:
        data.decode("utf-8-sig")
        line = 0
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    where = f" (baris {line})" if line else ""
    return CsvFileError(f"berkas bukan UTF-8{where}. Di Excel simpan dengan 'Save As' > "
                        "'CSV UTF-8 (Comma delimited)'.")


def _marked(cell: str) -> bool:
    """Whether `cell` starts with an apostrophe the import removes."""
    return cell[:1] == TEXT_MARK and cell[1:2] != "" and cell[1] in (*FORMULA_STARTS, TEXT_MARK)


def neutralise(cell: Any) -> Any:
    """A cell as written to a file: text that a spreadsheet would take as a formula gets a
    leading apostrophe (see the module's notes); other values are left as they are."""
    if isinstance(cell, str) and (cell[:1] in FORMULA_STARTS or _marked(cell)):
        return TEXT_MARK + cell
    return cell


def unneutralise(cell: str) -> str:
    """A cell as read from a file: the apostrophe `neutralise` added is removed again."""
    return cell[1:] if _marked(cell) else cell


def write_table(path: Path, header: Sequence[str], rows: Iterator[Sequence[Any]], *,
                delimiter: str = ",", protected: Sequence[Path] = ()) -> int:
    """Write the file through app.outputs.atomic_write (never over the store or a backup;
    an export that fails half-way, disk full, leaves no half file; owner-only), each cell
    neutralised against formula injection. Returns the number of data rows."""
    count = 0
    with atomic_write(Path(path), text=True, encoding="utf-8-sig", newline="",
                      protected=protected) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow([neutralise(cell) for cell in row])
            count += 1
    return count


def require_export(store: Store) -> None:
    """Refuse (PermissionDenied, Indonesian) a role that may not export, before anything is
    read or written (issue 16 item 8)."""
    from app.security.permissions import Action

    store.require(Action.EXPORT)


class Span:
    """The first and last day (station time) of the records an export held: its period."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.first: date | None = None
        self.last: date | None = None

    def see(self, moment: datetime | None) -> None:
        if moment is None:
            return
        day = moment.astimezone(self.tz).date()
        self.first = day if self.first is None or day < self.first else self.first
        self.last = day if self.last is None or day > self.last else self.last

    def text(self) -> str:
        if self.first is None or self.last is None:
            return "periode: tidak ada catatan"
        return (f"periode {self.first.strftime(DATE_FORMAT)} s.d. "
                f"{self.last.strftime(DATE_FORMAT)}")


def log_export(store: Store, path: Path, kind: str, by: int | None, what: str,
               span: Span | None = None) -> None:
    """Record the export in the audit trail (UU PDP: every processing activity) with what
    it held: the kind (the entry's kind), the number of records and the period they cover.
    A file whose export could not be recorded is removed: no personal data leaves unlogged."""
    period = f", {span.text()}" if span is not None else ""
    try:
        store.record_activity("export", kind, by, detail=f"CSV {what}{period} ke {path.resolve()}")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
