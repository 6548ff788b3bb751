"""How each registered document is rendered: `prepare_*` reads from the store what the
document needs (labels, the roster, figures) on the calling thread and returns a `Render`
that needs no store, so the window can run it off the GUI thread (an SQLite connection
belongs to the thread that opened it). The layouts are imported when first used: reportlab
costs a fifth of a second, too much for every start of the window or the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from app.documents.signing import Signers, default_signers
from app.domain.models import (
    Category,
    LawArticle,
    Meeting,
    Officer,
    Patrol,
    PlaceType,
    Position,
    StationProfile,
    Vehicle,
    Visit,
)
from app.domain.outgoing import CoverLetter, DateRange
from app.domain.register import Sp2hpLetter

if TYPE_CHECKING:
    from app.store import Store
    from app.weekly.week import Week

DISPATCH_LINES = 5000  # lines of one page range of the buku ekspedisi (a year of a Polsek)

Render = Callable[[Path | BinaryIO], None]
"""Writes the document to a path (atomically, app.outputs) or a binary stream."""


@dataclass(frozen=True)
class Marks:
    """What the registry adds to every document: the copy mark and the check code."""

    copy: bool  # SALINAN: an original was given out before
    check_code: str
    signers: Signers | None = None  # chosen in the print dialog; None: the defaults


def visit_signers(store: Store, visit: Visit) -> Signers:
    """Who signs a walk-in's papers unless someone chose otherwise (app/documents/signing.py):
    the receiving officer, and "Mengetahui" by a Ka SPKT (the dispatched officer counts as
    on duty, as the receiver does)."""
    officers = store.master.officers_by_id()
    receiver = officers.get(visit.receiving_officer_id or -1)
    on_duty = [o for o in (receiver, officers.get(visit.dispatched_officer_id or -1)) if o]
    return default_signers(receiver, list(officers.values()),
                           store.master.list(Position), on_duty)


def sttlp_number(store: Store, visit: Visit) -> str:
    """The STTLP's own number: the LP's counter, month and year under the station's STTLP
    template (one STTLP per LP, so no counter of its own). '' for a record without one."""
    from app.domain.codes import DOC_LP_B
    from app.numbering import render_number
    from app.textid import to_local

    if visit.id is None or visit.service != "lp":
        return ""
    parts = store.visits.number_parts(visit.id)
    if parts is None or parts[0] != DOC_LP_B:
        return ""
    profile = store.profile()
    _doc, _year, seq = parts
    try:
        return render_number(profile.template_sttlp, seq,
                             to_local(visit.received_at, profile.timezone), profile)
    except ValueError:
        return ""  # a template that cannot be used: the LP's number is printed instead


def prepare_citizen(store: Store, visit: Visit, marks: Marks) -> Render:
    """STTLP, SKTLK and the complaint receipts (app/pdf/receipts.py)."""
    from app.pdf.receipts import render_citizen_document

    profile = store.profile()
    officer = (store.master.get(Officer, visit.receiving_officer_id)
               if visit.receiving_officer_id else None)
    signers = marks.signers or visit_signers(store, visit)
    positions = store.master.list(Position)
    category = {c.code: c.label for c in store.master.list(Category)}.get(visit.category, "")
    place = {p.code: p.label for p in store.master.list(PlaceType)}.get(visit.place_type, "")
    laws = {a.code: a.title for a in store.master.list(LawArticle)}
    own_number = sttlp_number(store, visit)

    def render(out: Path | BinaryIO) -> None:
        render_citizen_document(visit, profile=profile, officer=officer, copy=marks.copy,
                                out=out, category_label=category, place_label=place,
                                check_code=marks.check_code, signers=signers,
                                positions=positions, law_titles=laws, sttlp_number=own_number)

    return render


def prepare_police_report(store: Store, visit: Visit, marks: Marks) -> Render:
    """The Laporan Polisi form itself, model A or B (app/pdf/police_report.py)."""
    from app.pdf.police_report import render_police_report
    from app.store import RecordNotFound

    profile = store.profile()
    officers = store.master.officers_by_id()
    signers = marks.signers or visit_signers(store, visit)
    positions = store.master.list(Position)
    category = {c.code: c.label for c in store.master.list(Category)}.get(visit.category, "")
    place = {p.code: p.label for p in store.master.list(PlaceType)}.get(visit.place_type, "")
    laws = {a.code: a.title for a in store.master.list(LawArticle)}
    patrol_note = ""
    if visit.source_patrol_uuid:
        try:
            patrol_note = _patrol_note(store.patrols.get_by_uuid(visit.source_patrol_uuid),
                                       profile)
        except RecordNotFound:  # a missing patrol only leaves the line out
            patrol_note = ""

    def render(out: Path | BinaryIO) -> None:
        render_police_report(visit, profile=profile, officers=officers, signers=signers,
                             positions=positions, category_label=category, place_label=place,
                             law_titles=laws, patrol_note=patrol_note, out=out,
                             check_code=marks.check_code)

    return render


def _patrol_note(patrol: Patrol, profile: StationProfile) -> str:
    """"Patroli rutin, Rabu, 2 Desember 2026 (Dasar: Sprin/...)": the patrol an LP model A
    was found on, as its form names it."""
    from app.domain.codes import PATROL_TYPES
    from app.textid import format_date_long, to_local

    kind = PATROL_TYPES.get(patrol.patrol_type, patrol.patrol_type)
    day = format_date_long(to_local(patrol.start_at, profile.timezone))
    basis = f" (Dasar: {patrol.basis.strip()})" if patrol.basis.strip() else ""
    return f"{kind}, {day}{basis}"


def linked_lp_numbers(store: Store, patrol_uuid: str) -> list[str]:
    """The numbers of the LP made from a patrol (voided ones marked)."""
    out = []
    for uuid in store.visits.uuids_of_patrol(patrol_uuid):
        visit = store.visits.get_by_uuid(uuid)
        number = visit.number or "(tanpa nomor)"
        voided = visit.meta is not None and visit.meta.voided
        out.append(f"{number} (dibatalkan)" if voided else number)
    return out


def prepare_patrol(store: Store, patrol: Patrol, marks: Marks) -> Render:
    """Laporan Hasil Patroli (app/pdf/patrol_report.py)."""
    from app.pdf.patrol_report import render_patrol_report

    assert patrol.meta is not None
    profile = store.profile()
    officers = store.master.officers_by_id()
    vehicle = store.master.get(Vehicle, patrol.vehicle_id) if patrol.vehicle_id else None
    lp_numbers = linked_lp_numbers(store, patrol.meta.uuid)

    def render(out: Path | BinaryIO) -> None:
        render_patrol_report(patrol, profile=profile, officers=officers, out=out,
                             vehicle=vehicle, lp_numbers=lp_numbers,
                             check_code=marks.check_code)

    return render


def prepare_meeting(store: Store, meeting: Meeting, marks: Marks) -> Render:
    """Notulen of a community meeting (app/pdf/meeting_record.py)."""
    from app.pdf.meeting_record import render_meeting_record

    profile = store.profile()
    officers = store.master.officers_by_id()
    categories = {c.code: c.label for c in store.master.list(Category)}

    def render(out: Path | BinaryIO) -> None:
        render_meeting_record(meeting, profile=profile, officers=officers, out=out,
                              category_labels=categories, check_code=marks.check_code)

    return render


def prepare_weekly(store: Store, week: Week, marks: Marks) -> Render:
    """The weekly review (app/weekly/pdf.py); its figures are computed now."""
    from app.weekly.figures import compute_weekly
    from app.weekly.pdf import render_weekly_pdf

    figures = compute_weekly(store, week)

    def render(out: Path | BinaryIO) -> None:
        render_weekly_pdf(figures, out, check_code=marks.check_code)

    return render


def prepare_cover_letter(store: Store, letter: CoverLetter, marks: Marks) -> Render:
    """Surat pengantar of a case handed to the Polres (app/pdf/cover_letter.py)."""
    from app.pdf.cover_letter import render_cover_letter

    profile = store.profile()
    signer = store.master.get(Officer, letter.signer_id) if letter.signer_id else None
    case_number = store.visits.get_by_uuid(letter.visit_uuid).number or "(tanpa nomor)"

    positions = store.master.list(Position)

    def render(out: Path | BinaryIO) -> None:
        render_cover_letter(letter, profile=profile, signer=signer, case_number=case_number,
                            out=out, check_code=marks.check_code, positions=positions)

    return render


def prepare_sp2hp(store: Store, letter: Sp2hpLetter, marks: Marks) -> Render:
    """An SP2HP to the reporter (app/pdf/sp2hp.py)."""
    from app.pdf.sp2hp import render_sp2hp
    from app.textid import format_date, to_local

    profile = store.profile()
    visit = store.visits.get_by_uuid(letter.visit_uuid)
    signer = store.master.get(Officer, letter.signer_id) if letter.signer_id else None
    supervisor = store.master.get(Officer, letter.supervisor_id) if letter.supervisor_id else None
    positions = store.master.list(Position)
    lp_day = format_date(to_local(visit.received_at, profile.timezone))

    def render(out: Path | BinaryIO) -> None:
        render_sp2hp(letter, profile=profile, lp_number=visit.number or "-", lp_day=lp_day,
                     signer=signer, supervisor=supervisor, positions=positions, out=out,
                     check_code=marks.check_code)

    return render


def prepare_dispatch_book(store: Store, pages: DateRange, marks: Marks) -> Render:
    """A page of the buku ekspedisi: the lines sent in the range (app/pdf/dispatch_book.py)."""
    from app.pdf.dispatch_book import render_dispatch_book
    from app.weekly.week import local_midnight_utc

    profile = store.profile()
    start = local_midnight_utc(pages.first, profile.timezone)
    end = local_midnight_utc(pages.last + timedelta(days=1), profile.timezone)
    lines = store.dispatches.list(start, end, limit=DISPATCH_LINES)

    def render(out: Path | BinaryIO) -> None:
        render_dispatch_book(lines, first=pages.first, last=pages.last, profile=profile,
                             out=out, check_code=marks.check_code)

    return render


def prepare_journal(store: Store, shift: Any, marks: Marks) -> Render:
    """The buku mutasi of a shift and its handover sheet (app/journal/pdf.py)."""
    from app.journal.pdf import render_journal_pdf

    journal = store.duty.journal(shift)
    profile = store.profile()
    officers = {o.id: o for o in store.master.list(Officer) if o.id is not None}

    def render(out: Path | BinaryIO) -> None:
        render_journal_pdf(journal, profile=profile, officers=officers, out=out,
                           check_code=marks.check_code)

    return render
