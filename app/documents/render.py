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
from typing import TYPE_CHECKING, BinaryIO

from app.domain.models import Category, Meeting, Officer, Patrol, PlaceType, Vehicle, Visit
from app.domain.outgoing import CoverLetter, DateRange

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


def prepare_citizen(store: Store, visit: Visit, marks: Marks) -> Render:
    """STTLP, SKTLK and the complaint receipts (app/pdf/receipts.py)."""
    from app.pdf.receipts import render_citizen_document

    profile = store.profile()
    officer = (store.master.get(Officer, visit.receiving_officer_id)
               if visit.receiving_officer_id else None)
    category = {c.code: c.label for c in store.master.list(Category)}.get(visit.category, "")
    place = {p.code: p.label for p in store.master.list(PlaceType)}.get(visit.place_type, "")

    def render(out: Path | BinaryIO) -> None:
        render_citizen_document(visit, profile=profile, officer=officer, copy=marks.copy,
                                out=out, category_label=category, place_label=place,
                                check_code=marks.check_code)

    return render


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

    def render(out: Path | BinaryIO) -> None:
        render_cover_letter(letter, profile=profile, signer=signer, case_number=case_number,
                            out=out, check_code=marks.check_code)

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

