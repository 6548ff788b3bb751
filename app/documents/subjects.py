"""What documents are printed from (a walk-in, a patrol, a meeting, a week) and what the
registry needs of each: finding the record by what a user types, the short reference and the
day a check code carries, the number a user reads, whether it was voided, and how a print of
it is logged (the same audit entries the window writes).

What a user types for `piket print --record` (assumptions, change them here):
- a walk-in: its document number as printed ("LP/B/7/II/2024/SPKT/POLSEK ..."; letter case and
  spaces do not matter) or the reference of its check code ("B7.2024");
- a patrol or a meeting: its record number, which is the number in its check code
  ("PATROLI-12-..." is patrol 12): these records have no document number of their own;
- a week: its label ("2026-W47");
- a shift (the buku mutasi): the day it starts ("2024-02-14"), its reference "20240214".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from app.domain.codes import DOC_DUMAS, DOC_LP_A, DOC_LP_B, DOC_PENGADUAN, DOC_SKTLK
from app.domain.models import Meeting, Patrol, StationProfile, Visit
from app.domain.outgoing import CoverLetter, DateRange
from app.domain.register import Sp2hpLetter
from app.store import RecordNotFound, Store
from app.textid import to_local
from app.weekly.figures import station_week
from app.weekly.week import Week, WeekFormatError

PDF = "pdf"  # store.visits.record_print's output for a file (app/store/visits/repo.py)


@dataclass(frozen=True)
class Subject:
    """A kind of record documents are printed from."""

    name: str  # "kunjungan", "patroli", "pertemuan", "minggu"
    noun: str  # for messages: "laporan", "patroli", ...
    asks_for: str  # what --record takes, for help and messages
    find: Callable[[Store, str], Any | None]  # by what a user typed
    by_reference: Callable[[Store, str], Any | None]  # by a check code's reference
    reference: Callable[[Store, Any], str]  # for a check code ([A-Z0-9.]+)
    number: Callable[[Any], str]  # as a user reads it
    day: Callable[[Any, StationProfile], date]  # the record's day in station time
    voided_at: Callable[[Any], datetime | None]
    earlier_papers: Callable[[Store, Any, str], int]  # originals given out of document X
    log_print: Callable[[Store, Any, str, int | None], None]  # (record, document, officer)


# ---------------------------------------------------------------- walk-ins
_LETTERS = {DOC_LP_B: "B", DOC_LP_A: "A", DOC_SKTLK: "K", DOC_PENGADUAN: "P", DOC_DUMAS: "D"}
_DOCS = {letter: doc for doc, letter in _LETTERS.items()}
_VISIT_REFERENCE = re.compile(r"([A-Z])(\d{1,7})\.(\d{4})")


def _visit_reference(store: Store, visit: Visit) -> str:
    """The parts of the record's number ("B7.2024": LP model B, 7th of 2024), which stay
    the same when the station changes its number templates."""
    assert visit.id is not None
    parts = store.visits.number_parts(visit.id)
    if parts is None or parts[0] not in _LETTERS:
        raise ValueError("the record has no document number")
    doc, year, seq = parts
    return f"{_LETTERS[doc]}{seq}.{year}"


def _visit_by_reference(store: Store, reference: str) -> Visit | None:
    match = _VISIT_REFERENCE.fullmatch(reference.strip().upper())
    if match is None or match.group(1) not in _DOCS:
        return None
    return store.visits.find_by_number_parts(_DOCS[match.group(1)], int(match.group(3)),
                                             int(match.group(2)))


def _find_visit(store: Store, text: str) -> Visit | None:
    return store.visits.find_by_number(text) or _visit_by_reference(store, text)


def _log_visit_print(store: Store, visit: Visit, document: str, by: int | None) -> None:
    assert visit.id is not None
    store.visits.record_print(visit.id, by, document, output=PDF)  # a file, not paper


def _earlier_papers(store: Store, visit: Visit, document: str) -> int:
    assert visit.id is not None
    return store.visits.paper_prints(visit.id, document)


VISIT = Subject(
    name="kunjungan", noun="laporan", asks_for="nomor dokumennya seperti tercetak (mis. "
    "SKTLK/3/II/2024/SPKT/POLSEK PEDAMARAN) atau rujukan di kode ceknya (mis. K3.2024)",
    find=_find_visit, by_reference=_visit_by_reference,
    reference=_visit_reference, number=lambda v: v.number or "",
    day=lambda v, p: to_local(v.received_at, p.timezone).date(),
    voided_at=lambda v: v.meta.voided_at if v.meta else None,
    earlier_papers=_earlier_papers, log_print=_log_visit_print)


# ---------------------------------------------------------------- patrols and meetings
def _record_id(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def _find_patrol(store: Store, text: str) -> Patrol | None:
    record_id = _record_id(text)
    try:
        return store.patrols.get(record_id) if record_id is not None else None
    except RecordNotFound:
        return None


def _find_meeting(store: Store, text: str) -> Meeting | None:
    record_id = _record_id(text)
    try:
        return store.meetings.get(record_id) if record_id is not None else None
    except RecordNotFound:
        return None


def _activity_logger(kind: str) -> Callable[[Store, Any, str, int | None], None]:
    """A print logged as the window's record pages log it (ui/records/list_page.py)."""

    def log(store: Store, record: Any, document: str, by: int | None) -> None:
        store.record_activity("print", kind, by, record.meta.uuid)

    return log


def _no_originals(store: Store, record: Any, document: str) -> int:
    return 0  # a station's own report: no citizen holds an original of it


def _meta_voided(record: Patrol | Meeting) -> datetime | None:
    return record.meta.voided_at if record.meta else None


PATROL = Subject(
    name="patroli", noun="patroli", asks_for="nomor catatan patroli (angka di kode ceknya, "
    "mis. 12 pada PATROLI-12-...)", find=_find_patrol, by_reference=_find_patrol,
    reference=lambda store, p: str(p.id), number=lambda p: str(p.id),
    day=lambda p, profile: to_local(p.start_at, profile.timezone).date(),
    voided_at=_meta_voided, earlier_papers=_no_originals, log_print=_activity_logger("patrol"))

MEETING = Subject(
    name="pertemuan", noun="pertemuan warga", asks_for="nomor catatan pertemuan (angka di kode "
    "ceknya, mis. 5 pada NOTULEN-5-...)", find=_find_meeting, by_reference=_find_meeting,
    reference=lambda store, m: str(m.id), number=lambda m: str(m.id),
    day=lambda m, profile: to_local(m.held_at, profile.timezone).date(),
    voided_at=_meta_voided, earlier_papers=_no_originals, log_print=_activity_logger("meeting"))


# ---------------------------------------------------------------- weeks (the weekly review)
def _find_week(store: Store, text: str) -> Week | None:
    try:
        return station_week(store.profile(), text.strip())
    except WeekFormatError:
        return None


def _log_week_print(store: Store, week: Week, document: str, by: int | None) -> None:
    store.record_activity("print", "weekly", by, None, detail=week.label)  # as ui/weekly


WEEK = Subject(
    name="minggu", noun="minggu", asks_for="minggu (mis. 2026-W47)", find=_find_week,
    by_reference=_find_week, reference=lambda store, w: w.label.replace("-", ""),
    number=lambda w: w.label, day=lambda w, profile: w.start, voided_at=lambda w: None,
    earlier_papers=_no_originals, log_print=_log_week_print)


# ---------------------------------------------------------------- surat pengantar
_COVER_REFERENCE = re.compile(r"(\d{1,7})\.(\d{4})")


def _cover_by_reference(store: Store, reference: str) -> CoverLetter | None:
    match = _COVER_REFERENCE.fullmatch(reference.strip())
    if match is None:
        return None
    return store.dispatches.cover_letter_by_parts(int(match.group(2)), int(match.group(1)))


def _find_cover(store: Store, text: str) -> CoverLetter | None:
    """By the letter's own number, or the walk-in's (its newest letter), or the reference
    of its check code ("4.2026": the 4th letter of 2026)."""
    found = store.dispatches.cover_letter_by_number(text)
    if found is not None:
        return found
    visit = _find_visit(store, text)
    if visit is not None and visit.meta is not None:
        letters = store.dispatches.cover_letters_of(visit.meta.uuid)
        return letters[0] if letters else None
    return _cover_by_reference(store, text)


def _cover_reference(store: Store, letter: CoverLetter) -> str:
    year, seq = store.dispatches.cover_letter_parts(letter)
    return f"{seq}.{year}"


COVER_LETTER = Subject(
    name="surat pengantar", noun="surat pengantar", asks_for="nomor surat pengantar "
    "(mis. B/4/XI/2026/SPKT/POLSEK PEDAMARAN) atau nomor laporan yang dilimpahkan",
    find=_find_cover, by_reference=_cover_by_reference, reference=_cover_reference,
    number=lambda c: c.number or "",
    day=lambda c, p: to_local(c.issued_at, p.timezone).date(),
    voided_at=lambda c: c.meta.voided_at if c.meta else None,
    earlier_papers=_no_originals, log_print=_activity_logger("surat_pengantar"))


# ---------------------------------------------------------------- SP2HP letters
def _sp2hp_by_reference(store: Store, reference: str) -> Sp2hpLetter | None:
    match = _COVER_REFERENCE.fullmatch(reference.strip())
    if match is None:
        return None
    return store.register.letter_by_parts(int(match.group(2)), int(match.group(1)))


def _find_sp2hp(store: Store, text: str) -> Sp2hpLetter | None:
    """By the letter's own number, or the LP's number (the newest letter of the LP's
    current stage), or the reference of its check code ("4.2026")."""
    found = store.register.letter_by_number(text)
    if found is not None:
        return found
    case = store.register.case_by_number(text)
    if case is not None:
        return store.register.current_letter(case.visit_id)
    return _sp2hp_by_reference(store, text)


def _sp2hp_reference(store: Store, letter: Sp2hpLetter) -> str:
    year, seq = store.register.letter_parts(letter)
    return f"{seq}.{year}"


SP2HP_LETTER = Subject(
    name="SP2HP", noun="SP2HP", asks_for="nomor SP2HP, atau nomor LP (SP2HP tahap "
    "penanganannya sekarang)",
    find=_find_sp2hp, by_reference=_sp2hp_by_reference, reference=_sp2hp_reference,
    number=lambda c: c.number or "",
    day=lambda c, p: to_local(c.issued_at, p.timezone).date(),
    voided_at=lambda c: c.meta.voided_at if c.meta else None,
    earlier_papers=_no_originals, log_print=_activity_logger("sp2hp"))


# ---------------------------------------------------------------- pages of the buku ekspedisi
_RANGE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})\s*(?:\.\.|s\.?d\.?)\s*(\d{4}-\d{2}-\d{2})\s*",
                    re.IGNORECASE)
_RANGE_REFERENCE = re.compile(r"(\d{8})\.(\d{8})")
MAX_RANGE_DAYS = 366  # a page of the book covers at most a year


def _range(first: date, last: date) -> DateRange | None:
    if last < first or last - first > timedelta(days=MAX_RANGE_DAYS):
        return None
    return DateRange(first, last)


def _find_range(store: Store, text: str) -> DateRange | None:
    """"2026-11-01..2026-11-30" (also "... s.d. ..."); one day: "2026-11-05"."""
    match = _RANGE.fullmatch(text)
    try:
        if match is not None:
            return _range(date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2)))
        day = date.fromisoformat(text.strip())
    except ValueError:
        return None
    return DateRange(day, day)


def _range_by_reference(store: Store, reference: str) -> DateRange | None:
    match = _RANGE_REFERENCE.fullmatch(reference.strip())
    if match is None:
        return None
    try:
        first, last = (datetime.strptime(g, "%Y%m%d").date() for g in match.groups())
    except ValueError:
        return None
    return _range(first, last)


def _log_range_print(store: Store, pages: DateRange, document: str, by: int | None) -> None:
    store.record_activity("print", "ekspedisi", by, None, detail=pages.label)


DISPATCH_RANGE = Subject(
    name="rentang tanggal", noun="rentang tanggal", asks_for="rentang tanggal (mis. "
    "2026-11-01..2026-11-30, paling lama setahun)", find=_find_range,
    by_reference=_range_by_reference,
    reference=lambda store, r: f"{r.first:%Y%m%d}.{r.last:%Y%m%d}",
    number=lambda r: r.label, day=lambda r, profile: r.first, voided_at=lambda r: None,
    earlier_papers=_no_originals, log_print=_log_range_print)


# ---------------------------------------------------------------- shifts (buku mutasi)
def _find_shift(store: Store, text: str) -> Any | None:
    text = text.strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        return store.duty.shift_on(date.fromisoformat(text))
    except ValueError:
        return None


def _log_shift_print(store: Store, shift: Any, document: str, by: int | None) -> None:
    store.record_activity("print", "mutasi", by, None, detail=f"{document} {shift.day}")


SHIFT = Subject(
    name="dinas", noun="dinas", asks_for="tanggal mulai dinas (mis. 2024-02-14)",
    find=_find_shift, by_reference=_find_shift,
    reference=lambda store, shift: shift.day.strftime("%Y%m%d"),
    number=lambda shift: shift.day.isoformat(), day=lambda shift, profile: shift.day,
    voided_at=lambda shift: None, earlier_papers=_no_originals, log_print=_log_shift_print)
