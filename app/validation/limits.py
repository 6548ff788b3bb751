"""The bounds of what a record may hold, in one place: the longest text of each field, the
years a date may lie in, and the characters that are removed from text before it is stored.

docs/LIMITS.md lists these for users; change a number here and there.

Lengths are counted in characters (Python `len`) after cleaning (see `clean_text`). Names
and places are short (they go into one line of a letter); narratives are long and every
document prints them over as many pages as they need.

Invisible characters are *removed*, not refused: NUL, ESC and the other C0/C1 control
characters, and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) that
can make a name print backwards. An officer cannot see them, so a message asking to delete
them could not be followed; they arrive with a paste from a chat app or a spreadsheet. A tab
or line break in a one-line field becomes a space; multi-line texts keep their line breaks
(a carriage return becomes a line break) and tabs. Zero-width joiners and other format
characters that scripts need are kept.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from datetime import date
from typing import Any, NamedTuple, TypeVar

from app.domain.models import (
    AcceptedWarning,
    Loss,
    LostItem,
    Meeting,
    MeetingIssue,
    Party,
    Patrol,
    PatrolPlace,
    Visit,
)
from app.domain.outgoing import CoverLetter, Dispatch, WeeklyAnalysis
from app.domain.register import Sp2hpLetter

MIN_YEAR = 1900  # an older date is a typo (year 0001, 1800): nobody alive was born earlier

NAME = 100  # a person's name
PLACE = 150  # a street, a place, a desa or kecamatan name
SHORT = 60  # an occupation, a document type, a document number
NOTE = 500  # a note on a person, a reason, a subject
TEXT = 1000  # modus operandi, evidence, a himbauan, an issue's follow-up
NARRATIVE = 5000  # the incident narrative, findings, topics, notes




class Limit(NamedTuple):
    length: int  # at most this many characters
    multiline: bool  # line breaks allowed (a narrative), or one line (a name)
    label: str  # the field's name in a message


# (record class, field) -> its limit
LIMITS: dict[tuple[type[Any], str], Limit] = {
    (Party, "name"): Limit(NAME, False, "Nama"),
    (Party, "nik"): Limit(30, False, "NIK"),  # 16 digits; a passport or KITAS number fits too
    (Party, "birth_place"): Limit(SHORT, False, "Tempat lahir"),
    (Party, "occupation"): Limit(SHORT, False, "Pekerjaan"),
    (Party, "religion"): Limit(30, False, "Agama"),
    (Party, "phone"): Limit(20, False, "Nomor telepon"),
    (Party, "street"): Limit(PLACE, False, "Alamat (jalan)"),
    (Party, "rt_rw"): Limit(15, False, "RT/RW"),
    (Party, "desa"): Limit(SHORT, False, "Desa/kelurahan"),
    (Party, "kecamatan"): Limit(SHORT, False, "Kecamatan"),
    (Party, "kabupaten"): Limit(SHORT, False, "Kabupaten"),
    (Party, "note"): Limit(NOTE, True, "Keterangan"),
    (Party, "nationality"): Limit(SHORT, False, "Kewarganegaraan"),
    (LostItem, "doc_type"): Limit(SHORT, False, "Jenis dokumen/barang"),
    (LostItem, "number"): Limit(SHORT, False, "Nomor dokumen"),
    (LostItem, "description"): Limit(NOTE, True, "Keterangan barang"),
    (Loss, "description"): Limit(NOTE, True, "Uraian kerugian"),
    (AcceptedWarning, "reason"): Limit(NOTE, True, "Alasan"),
    (Visit, "incident_desa"): Limit(SHORT, False, "Desa kejadian"),
    (Visit, "place_detail"): Limit(PLACE, False, "Tempat kejadian"),
    (Visit, "narrative"): Limit(NARRATIVE, True, "Uraian singkat kejadian"),
    (Visit, "modus_operandi"): Limit(TEXT, True, "Modus operandi"),
    (Visit, "evidence"): Limit(TEXT, True, "Barang bukti"),
    (Visit, "complaint_subject"): Limit(NOTE, True, "Hal yang diadukan"),
    # the only text of an informasi / lainnya visit: what was asked and answered
    (Visit, "other_reason"): Limit(NARRATIVE, True, "Keperluan kedatangan"),
    (PatrolPlace, "desa"): Limit(SHORT, False, "Desa"),
    (PatrolPlace, "place"): Limit(PLACE, False, "Tempat"),
    (PatrolPlace, "himbauan"): Limit(TEXT, True, "Himbauan"),
    (PatrolPlace, "note"): Limit(NOTE, True, "Keterangan"),
    (Patrol, "operation_name"): Limit(NAME, False, "Nama operasi"),
    (Patrol, "findings"): Limit(NARRATIVE, True, "Temuan / kejadian"),
    (Patrol, "notes"): Limit(NARRATIVE, True, "Catatan"),
    (Patrol, "basis"): Limit(PLACE, False, "Dasar (surat perintah)"),
    (MeetingIssue, "description"): Limit(TEXT, True, "Uraian masalah"),
    (MeetingIssue, "category"): Limit(SHORT, False, "Kategori masalah"),
    (MeetingIssue, "desa"): Limit(SHORT, False, "Desa"),
    (MeetingIssue, "action"): Limit(TEXT, True, "Tindak lanjut"),
    (MeetingIssue, "owner_agency"): Limit(NAME, False, "Instansi"),
    (Meeting, "desa"): Limit(SHORT, False, "Desa"),
    (Meeting, "place"): Limit(PLACE, False, "Tempat"),
    (Meeting, "topics"): Limit(NARRATIVE, True, "Pokok bahasan"),
    (Meeting, "notes"): Limit(NARRATIVE, True, "Catatan"),
    (WeeklyAnalysis, "text"): Limit(NARRATIVE, True, "Analisa dan langkah-langkah"),
    (CoverLetter, "recipient"): Limit(PLACE, False, "Kepada"),
    (CoverLetter, "note"): Limit(TEXT, True, "Keterangan"),
    (Dispatch, "document"): Limit(PLACE, False, "Dokumen"),
    (Dispatch, "number"): Limit(PLACE, False, "Nomor"),
    (Dispatch, "recipient"): Limit(PLACE, False, "Kepada"),
    (Dispatch, "received_by"): Limit(NAME, False, "Diterima oleh"),
    (Dispatch, "note"): Limit(NOTE, True, "Keterangan"),
    (Sp2hpLetter, "summary"): Limit(TEXT, True, "Perkara singkat"),
    (Sp2hpLetter, "actions"): Limit(TEXT * 2, True, "Tindakan dan hasil"),
    (Sp2hpLetter, "obstacles"): Limit(TEXT, True, "Hambatan"),
    (Sp2hpLetter, "next_steps"): Limit(TEXT, True, "Rencana tindak lanjut"),
    (Sp2hpLetter, "advice"): Limit(TEXT, True, "Hak dan kewajiban pelapor"),
    (Sp2hpLetter, "recipient"): Limit(PLACE, False, "Kepada"),
    (Sp2hpLetter, "delivered_to"): Limit(NAME, False, "Diterima oleh"),
}

# C0 controls but tab and line feed, DEL, C1 controls, the bidi embeddings, overrides and
# isolates; tab, line feed and carriage return are handled by `clean_text`
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")

R = TypeVar("R")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """`value` without invisible control and bidi characters (see the module docstring).

    Surrounding spaces are kept: a form cleaning as one types must not eat the space
    before the next word (the store trims where it always did)."""
    if value.isprintable() and (multiline or "\t" not in value):
        return value  # the common case, cheap
    value = _LINE_BREAKS.sub("\n", value)
    value = _INVISIBLE.sub("", value)
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    return value


def _plan(cls: type[Any]) -> tuple[tuple[str, Limit | None], ...]:
    """The fields of a record class worth visiting: (name, its limit), or (name, None) for
    a tuple that may hold parts (parties, places, issues). Worked out once per class."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = tuple((f.name, LIMITS.get((cls, f.name))) for f in fields(cls)
                     if (cls, f.name) in LIMITS or str(f.type).startswith("tuple["))
        _PLANS[cls] = plan
    return plan


_PLANS: dict[type[Any], tuple[tuple[str, Limit | None], ...]] = {}


def clean_record(record: R) -> R:
    """The record with every text field of LIMITS cleaned (parts and lists of parts too)."""
    if not is_dataclass(record) or isinstance(record, type):
        return record
    changes: dict[str, Any] = {}
    for name, limit in _plan(type(record)):
        value = getattr(record, name)
        if limit is not None and isinstance(value, str):
            new: Any = clean_text(value, multiline=limit.multiline)
        elif isinstance(value, tuple) and value and is_dataclass(value[0]):
            new = tuple(clean_record(item) for item in value)
        else:
            continue
        if new != value:
            changes[name] = new
    return replace(record, **changes) if changes else record


def length_problems(record: object, at: str = "") -> list[tuple[str, str]]:
    """(field path, message) for every text of `record` (and of its parts, e.g.
    "parties[0].name") longer than its limit once cleaned. `at` prefixes the paths."""
    if not is_dataclass(record) or isinstance(record, type):
        return []
    out: list[tuple[str, str]] = []
    for name, limit in _plan(type(record)):
        value = getattr(record, name)
        path = f"{at}.{name}" if at else name
        if limit is not None and isinstance(value, str):
            if len(value) <= limit.length:
                continue  # cleaning and trimming only shorten it
            length = len(clean_text(value, multiline=limit.multiline).strip())
            if length > limit.length:
                out.append((path, length_message(limit.label, limit.length, length)))
        elif isinstance(value, tuple) and value and is_dataclass(value[0]):
            for i, item in enumerate(value):
                out.extend(length_problems(item, f"{path}[{i}]"))
    return out


def max_year(today: date) -> int:
    """The last year a date may lie in: next year (a due date, a date typed at New Year)."""
    return today.year + 1


def year_out_of_range(year: int, today: date) -> bool:
    return not MIN_YEAR <= year <= max_year(today)


def year_message(label: str, year: int, today: date) -> str:
    """The Indonesian sentence for a date whose year lies outside the bounds."""
    return (f"{label}: tahun {year} tidak masuk akal; tahun harus antara {MIN_YEAR} dan "
            f"{max_year(today)}.")


def length_message(label: str, limit: int, length: int) -> str:
    def number(n: int) -> str:
        return f"{n:,}".replace(",", ".")  # 5.000, as Indonesian writes it

    return f"{label} terlalu panjang: paling banyak {number(limit)} karakter, sekarang {number(length)}."
