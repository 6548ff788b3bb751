"""One CSV row of the reports file -> one walk-in record (Visit), with every problem found.

The column list is fixed (docs/CSV.md): an export writes it, an import reads it back.
Rules, so they can be changed in one place:
- codes (service, category, status) are matched without regard to case and stored in lower
  case; desa names are matched without regard to case and stored as the desa list spells them.
- `status` empty means `diterima`. `lp_model` empty means B (a citizen's report); an LP
  model A (made by an officer) needs `officer_nrp`, the NRP of that officer on the roster.
- `officer_nrp` is the receiving officer (for model A: the officer who made the LP). An NRP
  not on the roster is an error for model A; for other records it is a note and the record
  is saved without its officer (a Polres merging stations' files need not copy every roster).
- the reporter (role `pelapor`, `pengadu` for pengaduan and dumas) exists when any of
  reporter_name / reporter_nik / reporter_phone is filled in; the phone is stored as +62…,
  the NIK without spaces, dots and dashes.
- `needs_visit` is set when dispatched_at or arrived_at is given.
- the status history is rebuilt from the times: diterima at received_at; unless the status
  is still diterima, ditangani at dispatched_at (at received_at when the status is ditangani
  but no dispatch time is known);
  a final status at resolved_at, or at the latest time known when resolved_at is empty
  (validation's note asks for the resolution time). So statistics treat imported records like typed ones.
- validation warnings (an odd NIK, an incident after the report) do not block the import:
  they become notes and are stored on the record as accepted warnings with the reason
  "diterima saat impor CSV", so the form later shows they were let through on import.
- fields without a column (the lost items of a kehilangan, the reason of a lainnya) are not
  asked for; one note per file counts the records that need them completed in the app.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import NamedTuple

from app.domain import codes
from app.domain.models import AcceptedWarning, Party, StatusChange, Visit
from app.validation import clean_text, normalize_phone, validate_visit
from app.validation.limits import year_message, year_out_of_range
from app.validation.nik import compact_nik

COLUMNS = ("received_at", "service", "category", "reporter_name", "reporter_nik",
           "reporter_phone", "desa", "occurred_at", "narrative", "status", "dispatched_at",
           "arrived_at", "resolved_at", "lp_model", "officer_nrp")
ID_COLUMNS = ("number", "uuid")
ALL_COLUMNS = COLUMNS + ID_COLUMNS
REQUIRED_COLUMNS = ("received_at", "service")
TIME_COLUMNS = ("received_at", "occurred_at", "dispatched_at", "arrived_at", "resolved_at")
MULTILINE_COLUMNS = ("narrative",)  # line breaks kept; other cells are one line
_TIME_LABELS = {"received_at": "waktu diterima", "occurred_at": "waktu kejadian",
                "dispatched_at": "waktu pemberangkatan", "arrived_at": "waktu tiba di TKP",
                "resolved_at": "waktu penyelesaian"}
_YEAR = re.compile(r"\s*(\d{4})-")

HISTORY_NOTE = "impor CSV"
ACCEPTED_REASON = "diterima saat impor CSV"

# validation field -> CSV column; fields not listed have no column
_FIELD_COLUMNS = {
    "service": "service", "category": "category", "narrative": "narrative",
    "parties": "reporter_name", "parties[0].name": "reporter_name",
    "parties[0].nik": "reporter_nik", "parties[0].phone": "reporter_phone",
    "incident_desa": "desa", "status": "status", "lp_model": "lp_model",
    "receiving_officer_id": "officer_nrp",
    **{name: name for name in TIME_COLUMNS},
}
# fields the CSV cannot carry: their "required" problems are counted, not listed per row
NO_COLUMN_FIELDS = ("lost_items", "other_reason")
_EXCEL_NUMBER = re.compile(r"[0-9]+([.,][0-9]+)?[eE]\+?[0-9]+")


@dataclass(frozen=True)
class Finding:
    """A problem with one cell: an error blocks the import, a note does not."""

    column: str
    message: str
    is_error: bool = True


class ParsedRow(NamedTuple):
    """A row's values, parsed and checked one by one: what `RowReader.build` needs."""

    service: str
    received_at: datetime
    category: str
    reporter: tuple[str, str, str] | None  # name, NIK, phone (+62…)
    desa: str
    occurred_at: datetime | None
    narrative: str
    status: str
    dispatched_at: datetime | None
    arrived_at: datetime | None
    resolved_at: datetime | None
    lp_model: str | None  # "A" | "B" for an lp
    officer_id: int | None  # the receiving officer (officer_nrp on the roster)


@dataclass(frozen=True)
class RowResult:
    visit: Visit | None  # None when an error left nothing to build, or once sent back
    findings: tuple[Finding, ...]
    missing: tuple[str, ...] = ()  # NO_COLUMN_FIELDS this record lacks
    parsed: ParsedRow | None = None  # None when an error left nothing to build
    accepted: tuple[AcceptedWarning, ...] = ()  # the warnings let through (with their reason)
    unknown_nrp: str = ""  # officer_nrp not on the roster: saved without its officer


def quoted(value: str) -> str:
    """User text inside a message: no control characters, cut to a sensible length."""
    value = "".join(ch for ch in " ".join(value.split())
                    if unicodedata.category(ch) not in ("Cc", "Cf"))
    return f"'{value[:39]}…'" if len(value) > 40 else f"'{value}'"


def _choices(names: object) -> str:
    return ", ".join(str(n) for n in names)  # type: ignore[attr-defined]


class RowReader:
    """Reads rows against the store's master data (loaded once per file)."""

    def __init__(self, *, tz: tzinfo, now: datetime, desa_names: frozenset[str],
                 categories: frozenset[str], officers: dict[str, int] | None = None) -> None:
        self.tz = tz
        self.now = now
        self._desa = {name.casefold(): name for name in desa_names}
        self._categories = categories
        self._officers = officers or {}  # NRP -> officer id, the whole roster

    def read(self, values: dict[str, str]) -> RowResult:
        """The record a row describes, with every problem found. Invisible control and
        bidi characters are removed from every cell first (app.validation.limits)."""
        values = {column: clean_text(text, multiline=column in MULTILINE_COLUMNS).strip()
                  for column, text in values.items()}
        out: list[Finding] = []
        parsed = self._parse(values, out)
        if parsed is None:
            return RowResult(None, tuple(out))
        result = self._validate(self.build(parsed), out, parsed)
        nrp = _nrp(values)
        if nrp and parsed.officer_id is None and parsed.lp_model != "A":
            return replace(result, unknown_nrp=nrp)  # counted for one note per file
        return result

    def build(self, parsed: ParsedRow, *, number: str | None = None,
              accepted: tuple[AcceptedWarning, ...] = ()) -> Visit:
        """The record of a row parsed before (the second pass of an import builds it again
        from this, rather than holding 100,000 records in memory), with its kept `number`
        and the warnings `accepted` in the first pass."""
        (service, received, category, reporter, desa, occurred, narrative, status, dispatched,
         arrived, resolved, lp_model, officer_id) = parsed
        party = None
        if reporter is not None:
            name, nik, phone = reporter
            party = Party(role="pengadu" if service in ("pengaduan", "dumas") else "pelapor",
                          name=name, nik=nik, phone=phone)
        return Visit(
            service=service, received_at=received, lp_model=lp_model,
            receiving_officer_id=officer_id,
            parties=(party,) if party else (), occurred_at=occurred, incident_desa=desa,
            category=category, narrative=narrative, status=status, dispatched_at=dispatched,
            arrived_at=arrived, resolved_at=resolved,
            needs_visit=dispatched is not None or arrived is not None,
            status_history=_history(status, received, dispatched, arrived, resolved),
            number=number, accepted_warnings=accepted)

    def _parse(self, values: dict[str, str], out: list[Finding]) -> ParsedRow | None:
        from app.csvio.common import parse_local

        times: dict[str, datetime | None] = {}
        for column in TIME_COLUMNS:
            text = values.get(column, "")
            times[column] = None
            if not text:
                continue
            year = _YEAR.match(text)
            if year and year_out_of_range(int(year.group(1)), self.now.date()):
                # before parsing: year 0001 in station time is before what Python can hold
                out.append(Finding(column, year_message(_TIME_LABELS[column],
                                                        int(year.group(1)), self.now.date())))
                continue
            try:
                times[column] = parse_local(text, self.tz)
            except (ValueError, OverflowError):
                out.append(Finding(column, f"waktu {quoted(text)} tidak sesuai format "
                                   "YYYY-MM-DD HH:MM (contoh 2024-02-14 09:30) atau tidak ada "
                                   "di kalender."))
        received = times["received_at"]
        if received is None and not values.get("received_at"):
            out.append(Finding("received_at", "waktu diterima wajib diisi."))
        service = self._code(out, values, "service", codes.SERVICES, "jenis layanan",
                             required=True)
        status = self._code(out, values, "status", codes.STATUSES, "status") or "diterima"
        category = values.get("category", "").lower()
        if category and category not in self._categories:
            out.append(Finding("category",
                               f"kategori {quoted(category)} tidak ada di daftar kategori."))
        elif not category and service == "lp":
            out.append(Finding("category", "kategori wajib diisi untuk laporan polisi (lp)."))
        desa_text = values.get("desa", "")
        desa = self._desa.get(desa_text.casefold(), "") if desa_text else ""
        if desa_text and not desa:
            out.append(Finding("desa", f"desa {quoted(desa_text)} tidak ada di daftar desa."))
        reporter = self._reporter(out, values)
        lp_model = self._lp_model(out, values, service)
        officer_id = self._officer(out, values, lp_model)
        if received is None or service is None:
            return None
        return ParsedRow(service, received, category, reporter, desa or desa_text,
                         times["occurred_at"], values.get("narrative", ""), status,
                         times["dispatched_at"], times["arrived_at"], times["resolved_at"],
                         lp_model, officer_id)

    def _lp_model(self, out: list[Finding], values: dict[str, str],
                  service: str | None) -> str | None:
        text = values.get("lp_model", "")
        if service != "lp":
            if text and service is not None:
                out.append(Finding("lp_model", f"model LP hanya untuk layanan lp, bukan "
                                   f"{service}; kosongkan kolom ini."))
            return None
        model = text.upper() or "B"
        if model not in codes.LP_MODELS:
            out.append(Finding("lp_model", f"model LP {quoted(text)} tidak dikenal; isi A "
                               "(dibuat petugas) atau B (laporan warga); kosong berarti B."))
            return None
        return model

    def _officer(self, out: list[Finding], values: dict[str, str],
                 lp_model: str | None) -> int | None:
        nrp = _nrp(values)
        if not nrp:
            if lp_model == "A":
                out.append(Finding("officer_nrp", "LP model A dibuat petugas: isi NRP petugas "
                                   "yang membuatnya."))
            return None
        officer_id = self._officers.get(nrp)
        if officer_id is None and lp_model == "A":  # other records: RowResult.unknown_nrp
            out.append(Finding("officer_nrp", f"NRP {quoted(nrp)} tidak ada di daftar personel; "
                               "tambahkan petugas itu di Data Master lalu ulangi impor."))
        return officer_id

    def _validate(self, visit: Visit, out: list[Finding], parsed: ParsedRow) -> RowResult:
        resolved, dispatched = visit.resolved_at, visit.dispatched_at
        if dispatched and resolved and visit.received_at <= resolved < dispatched:
            out.append(Finding("resolved_at", "waktu penyelesaian tidak boleh sebelum waktu "
                               "pemberangkatan."))
        flagged = {f.column for f in out}
        missing: list[str] = []
        accepted: list[AcceptedWarning] = []
        for problem in validate_visit(visit, now=self.now):
            field = problem.field.split("[")[0] if problem.field.startswith(
                NO_COLUMN_FIELDS) else problem.field
            if field in NO_COLUMN_FIELDS:
                missing.append(field)
                continue
            column = _FIELD_COLUMNS.get(problem.field, "")
            if column in flagged or (problem.is_error and not column):
                continue  # already explained in the words of the CSV, or not in the CSV
            if problem.is_error:
                out.append(Finding(column, problem.message))
            else:
                out.append(Finding(column, problem.message, is_error=False))
                accepted.append(AcceptedWarning(problem.field, problem.code, ACCEPTED_REASON))
        if accepted:
            visit = _with_warnings(visit, tuple(accepted))
        return RowResult(visit, tuple(out), tuple(dict.fromkeys(missing)), parsed,
                         tuple(accepted))

    def _code(self, out: list[Finding], values: dict[str, str], column: str,
              known: dict[str, str], label: str, *, required: bool = False) -> str | None:
        text = values.get(column, "")
        if not text:
            if required:
                out.append(Finding(column, f"{label} wajib diisi ({_choices(known)})."))
            return None
        code = text.lower()
        if code not in known:
            out.append(Finding(column, f"{label} {quoted(text)} tidak dikenal; pilih salah "
                               f"satu: {_choices(known)}."))
            return None
        return code

    def _reporter(self, out: list[Finding],
                  values: dict[str, str]) -> tuple[str, str, str] | None:
        name = values.get("reporter_name", "")
        nik_text = values.get("reporter_nik", "")
        phone_text = values.get("reporter_phone", "")
        if not (name or nik_text or phone_text):
            return None
        if _EXCEL_NUMBER.fullmatch(nik_text):
            out.append(Finding("reporter_nik", f"NIK {quoted(nik_text)} sudah diubah Excel "
                               "menjadi angka ilmiah; format kolom NIK sebagai Teks lalu "
                               "simpan ulang."))
        phone = normalize_phone(phone_text)
        if phone is None:
            out.append(Finding("reporter_phone", f"nomor telepon {quoted(phone_text)} tidak "
                               "valid; tulis 08… atau +62… (Excel sering membuang angka 0 di "
                               "depan: format kolom sebagai Teks)."))
        return name, compact_nik(nik_text), phone if phone is not None else phone_text


def _nrp(values: dict[str, str]) -> str:
    return "".join(values.get("officer_nrp", "").split())


def _history(status: str, received: datetime, dispatched: datetime | None,
             arrived: datetime | None, resolved: datetime | None) -> tuple[StatusChange, ...]:
    """The status history the times tell (see the module docstring)."""
    steps = [StatusChange("diterima", received, None, HISTORY_NOTE)]
    if status == "diterima":
        return tuple(steps)
    if dispatched is not None or status == "ditangani":
        steps.append(StatusChange("ditangani", dispatched or received, None, HISTORY_NOTE))
    if status in codes.FINAL_STATUSES:
        if resolved is None:  # validation notes it; the history needs some time
            resolved = max(t for t in (received, dispatched, arrived) if t)
        steps.append(StatusChange(status, resolved, None, HISTORY_NOTE))
    return tuple(steps)


def _with_warnings(visit: Visit, accepted: tuple[AcceptedWarning, ...]) -> Visit:
    from dataclasses import replace

    return replace(visit, accepted_warnings=accepted)
