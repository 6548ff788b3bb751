"""Every kind of document Piket prints, in one table: its name (what `piket print --doc`
takes), the short name its check code and file names carry, its title, the record it is
printed from (app/documents/subjects.py), why a record may not have it, how it is rendered
(app/documents/render.py), and which record the sample sheet shows.

A new kind of document is one entry in KINDS (and, when it is printed from a new kind of
record, one Subject). The window, `piket print`, `piket documents --sample` and the check
codes all go through this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.documents.render import (
    Marks,
    Render,
    prepare_citizen,
    prepare_cover_letter,
    prepare_dispatch_book,
    prepare_journal,
    prepare_meeting,
    prepare_patrol,
    prepare_police_report,
    prepare_sp2hp,
    prepare_weekly,
)
from app.documents.subjects import (
    COVER_LETTER,
    DISPATCH_RANGE,
    MEETING,
    PATROL,
    SHIFT,
    SP2HP_LETTER,
    VISIT,
    WEEK,
    Subject,
)
from app.domain.codes import SERVICES
from app.domain.models import Visit
from app.domain.outgoing import DateRange
from app.store import MeetingFilter, PatrolFilter, Store, VisitFilter
from app.textid import to_local
from app.validation.limits import length_problems
from app.weekly.figures import default_week

SAMPLE_SCAN = 200  # newest walk-ins of a service looked at for the sample sheet


@dataclass(frozen=True)
class DocumentKind:
    name: str  # "sttlp": what `piket print --doc` takes
    short: str  # "STTLP": in check codes (capitals only), file names, audit entries
    title: str  # "Surat Tanda Terima Laporan Polisi"
    subject: Subject
    refusal: Callable[[Any], str | None]  # why this record has no such document (None: it has)
    prepare: Callable[[Store, Any, Marks], Render]
    sample: Callable[[Store], Any | None]  # a record to show it with, or None
    originals: bool = False  # handed out once: later prints are SALINAN (docs/DOCUMENTS.md)


# ---------------------------------------------------------------- citizen documents
def _citizen_refusal(service: str, lp_model: str | None) -> Callable[[Any], str | None]:
    def refusal(visit: Visit) -> str | None:
        if visit.service != service:
            return (f"dokumen ini hanya untuk {SERVICES.get(service, service).lower()}; "
                    f"catatan ini {SERVICES.get(visit.service, visit.service).lower()}.")
        if lp_model is not None and visit.lp_model != lp_model:
            return "LP model A dibuat oleh petugas: tidak ada tanda terima untuk warga."
        if visit.meta is None or not visit.number:
            return "catatan ini belum bernomor; dokumennya baru dapat dicetak setelah disimpan."
        if visit.meta.voided:
            return "catatan ini sudah dibatalkan; dokumennya tidak dapat dicetak lagi."
        too_long = length_problems(visit)  # saved before the limits existed
        if too_long:
            return f"{too_long[0][1]} Perbaiki isian itu di jendela Piket, lalu cetak lagi."
        return None

    return refusal


def _newest_visit(service: str, lp_model: str | None) -> Callable[[Store], Visit | None]:
    refusal = _citizen_refusal(service, lp_model)

    def sample(store: Store) -> Visit | None:
        for row in store.visits.page(VisitFilter(service=service, include_voided=False),
                                     limit=SAMPLE_SCAN):
            visit = store.visits.get(row.id)
            if refusal(visit) is None:
                return visit
        return None

    return sample


def _citizen(name: str, short: str, title: str, service: str,
             lp_model: str | None = None) -> DocumentKind:
    return DocumentKind(name=name, short=short, title=title, subject=VISIT,
                        refusal=_citizen_refusal(service, lp_model), prepare=prepare_citizen,
                        sample=_newest_visit(service, lp_model), originals=True)


# ---------------------------------------------------------------- station records
def _newest_patrol(store: Store) -> Any | None:
    rows = store.patrols.page(PatrolFilter(include_voided=False), limit=1)
    return store.patrols.get(rows[0].id) if rows else None


def _newest_meeting(store: Store) -> Any | None:
    rows = store.meetings.page(MeetingFilter(include_voided=False), limit=1)
    return store.meetings.get(rows[0].id) if rows else None


def _printable(record: Any) -> str | None:
    return None  # a voided patrol or meeting still prints, marked DIBATALKAN (as the window)


LP_FORM = DocumentKind(
    name="lp", short="LP", title="Laporan Polisi (formulir LP model A/B)", subject=VISIT,
    refusal=_citizen_refusal("lp", None), prepare=prepare_police_report,
    sample=_newest_visit("lp", None))
STTLP = _citizen("sttlp", "STTLP", "Surat Tanda Terima Laporan Polisi", "lp", "B")
SKTLK = _citizen("sktlk", "SKTLK", "Surat Keterangan Tanda Lapor Kehilangan", "kehilangan")
STPP = _citizen("stpp", "STPP", "Surat Tanda Penerimaan Pengaduan", "pengaduan")
STPD = _citizen("stpd", "STPD", "Surat Tanda Penerimaan Pengaduan Masyarakat (Dumas)", "dumas")
PATROL_REPORT = DocumentKind(
    name="patroli", short="PATROLI", title="Laporan Hasil Patroli", subject=PATROL,
    refusal=_printable, prepare=prepare_patrol, sample=_newest_patrol)
MEETING_RECORD = DocumentKind(
    name="notulen", short="NOTULEN", title="Notulen Pertemuan Warga", subject=MEETING,
    refusal=_printable, prepare=prepare_meeting, sample=_newest_meeting)
WEEKLY_REVIEW = DocumentKind(
    name="anev", short="ANEV", title="Analisa dan Evaluasi (Anev) Mingguan", subject=WEEK,
    refusal=_printable, prepare=prepare_weekly,
    sample=lambda store: default_week(store.profile(), store.clock()))

COVER = DocumentKind(
    name="pengantar", short="PENGANTAR", title="Surat Pengantar", subject=COVER_LETTER,
    refusal=_printable, prepare=prepare_cover_letter,
    sample=lambda store: store.dispatches.newest_cover_letter())


def _this_month(store: Store) -> DateRange:
    today = to_local(store.clock(), store.profile().timezone).date()
    return DateRange(today.replace(day=1), today)


DISPATCH_BOOK = DocumentKind(
    name="ekspedisi", short="EKSPEDISI", title="Buku Ekspedisi", subject=DISPATCH_RANGE,
    refusal=_printable, prepare=prepare_dispatch_book, sample=_this_month)

JOURNAL_SHEET = DocumentKind(
    name="mutasi", short="MUTASI", title="Buku Mutasi dan Serah Terima Dinas", subject=SHIFT,
    refusal=_printable, prepare=prepare_journal,
    sample=lambda store: store.duty.shift_on(store.duty.shift_at(store.clock()).day))

SP2HP = DocumentKind(  # "SPHP": a check code's kind is capitals only
    name="sp2hp", short="SPHP",
    title="Surat Pemberitahuan Perkembangan Hasil Penyelidikan/Penyidikan (SP2HP)",
    subject=SP2HP_LETTER, refusal=_printable, prepare=prepare_sp2hp,
    sample=lambda store: store.register.newest_letter())

KINDS: tuple[DocumentKind, ...] = (LP_FORM, STTLP, SKTLK, STPP, STPD, PATROL_REPORT,
                                   MEETING_RECORD, WEEKLY_REVIEW, COVER, DISPATCH_BOOK,
                                   JOURNAL_SHEET, SP2HP)


def kind_named(name: str) -> DocumentKind | None:
    """The kind `piket print --doc` names (letter case does not matter)."""
    wanted = name.strip().lower()
    return next((k for k in KINDS if k.name == wanted), None)


def kind_of_code(short: str) -> DocumentKind | None:
    """The kind whose short name a check code carries."""
    return next((k for k in KINDS if k.short == short), None)


CITIZEN_DOCUMENTS = {"lp": STTLP, "kehilangan": SKTLK, "pengaduan": STPP, "dumas": STPD}


def citizen_kind(visit: Visit) -> DocumentKind | None:
    """The document the citizen of this walk-in takes home (the window's "Cetak dokumen");
    None for a service without one and for an LP model A."""
    if visit.service == "lp" and visit.lp_model == "A":
        return None
    return CITIZEN_DOCUMENTS.get(visit.service)
