"""The kinds of record the desk keeps, wired by plain imports: what a draft of each kind is
called, how to reopen one and describe it in the list of unfinished forms, and how another
screen opens the walk-in form (an LP model A made from a patrol).

This is the one module of ui.records that reaches up into the feature packages (ui.visits,
ui.patrols, ui.meetings). It does so inside functions: importing it loads no form, and the
feature packages can import ui.records without a cycle. A renamed module or function fails
mypy and tests/test_ui_drafts.py, not an officer's crash recovery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QWidget

from app.domain.models import Draft, Visit
from ui.session import Session

VISIT = "visit"
PATROL = "patrol"
MEETING = "meeting"

# what a draft of each kind is called (known without loading any form)
DRAFT_LABELS: dict[str, str] = {
    VISIT: "Kunjungan / laporan",
    PATROL: "Patroli",
    MEETING: "Pertemuan warga",
}

Opener = Callable[[Session, Draft, QWidget | None], QWidget | None]
Describer = Callable[[Draft], str]


@dataclass(frozen=True)
class DraftKind:
    label: str
    open: Opener  # (session, draft, parent) -> the form it opened
    describe: Describer  # one line for the list of unfinished forms


def draft_kinds() -> dict[str, DraftKind]:
    """Every kind of draft with its opener and describer (loads the forms' modules)."""
    from ui.meetings.dialog import describe_meeting_draft, open_meeting_draft
    from ui.patrols.dialog import describe_patrol_draft, open_patrol_draft
    from ui.visits.opening import describe_visit_draft, open_visit_draft

    return {
        VISIT: DraftKind(DRAFT_LABELS[VISIT], open_visit_draft, describe_visit_draft),
        PATROL: DraftKind(DRAFT_LABELS[PATROL], open_patrol_draft, describe_patrol_draft),
        MEETING: DraftKind(DRAFT_LABELS[MEETING], open_meeting_draft, describe_meeting_draft),
    }


def open_walk_in(session: Session, visit: Visit, parent: QWidget | None) -> QDialog:
    """The walk-in form (ui.visits) over `visit`, shown: a new record handed in filled."""
    from ui.visits.dialog import VisitDialog

    dialog = VisitDialog(session, visit, parent=parent)
    dialog.show()
    return dialog
