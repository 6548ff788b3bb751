"""Opening walk-in forms: a stored record (logging the view, offering its draft), a new
one, or a draft left by a crash (the openers listed in ui.records.kinds)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.domain.codes import SERVICES
from app.domain.models import Draft, Visit
from app.store import RecordNotFound
from ui.common.dialogs import ask_yes_no
from ui.records.access import log_view
from ui.records.drafts import split_payload
from ui.records.kinds import VISIT
from ui.session import Session

if TYPE_CHECKING:  # imported when a form is opened: not at start (a tenth of a second)
    from ui.visits.dialog import VisitDialog


def open_visit(session: Session, visit_id: int | None, parent: QWidget | None) -> VisitDialog | None:
    """A dialog for a stored record (logging the view), or for a new one (visit_id None).
    A draft left for the record is offered first."""
    from ui.visits.dialog import VisitDialog  # the form and its printing: loaded when first opened

    if visit_id is None:
        dialog = VisitDialog(session, parent=parent)
    else:
        store = session.store
        try:
            visit = store.visits.get(visit_id)
        except RecordNotFound:
            return None
        assert visit.meta is not None
        log_view(session, VISIT, visit.meta.uuid)
        draft = next((d for d in store.drafts.list(VISIT) if d.record_uuid == visit.meta.uuid),
                     None)
        if draft is not None and not ask_yes_no(
                parent, "Isian belum selesai",
                "Ada perubahan yang belum disimpan untuk catatan ini (draf). Lanjutkan "
                "perubahan itu? Jika tidak, draf dibuang.", default_yes=True):
            store.drafts.discard(draft.id)
            draft = None
        dialog = VisitDialog(session, visit, draft=draft, parent=parent)
    dialog.show()
    return dialog


def open_visit_draft(session: Session, draft: Draft, parent: QWidget | None) -> VisitDialog:
    """Reopen a draft (offer_drafts): over its record when it edits one."""
    from ui.visits.dialog import VisitDialog

    visit = None
    if draft.record_uuid:
        try:
            visit = session.store.visits.get_by_uuid(draft.record_uuid)
        except RecordNotFound:
            visit = None
    dialog = VisitDialog(session, visit, draft=draft, parent=parent)
    dialog.show()
    return dialog


def describe_visit_draft(draft: Draft) -> str:
    visit, _ = split_payload(Visit, draft.payload)
    reporter = visit.reporter
    who = reporter.name if reporter and reporter.name else "(nama belum diisi)"
    what = SERVICES.get(visit.service, visit.service)
    return f"{what}: {who}" + (f" — perubahan {visit.number}" if visit.number else "")
