"""Draft kinds are wired by import (ui.records.kinds): every kind resolves to a callable opener
and describer, so a renamed module or function fails here instead of silently turning off
the recovery of forms left open by a crash."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QWidget

from app.domain.models import Officer
from app.store import Store
from ui.meetings.dialog import MeetingDialog
from ui.patrols.dialog import PatrolDialog
from ui.records.drafts import describe_draft, open_drafts, pending_drafts
from ui.records.kinds import DRAFT_LABELS, MEETING, PATROL, VISIT, draft_kinds
from ui.session import Session
from ui.visits.dialog import VisitDialog


def test_every_draft_kind_resolves_to_an_opener_and_a_describer() -> None:
    kinds = draft_kinds()
    assert set(kinds) == set(DRAFT_LABELS) == {VISIT, PATROL, MEETING}
    for name, kind in kinds.items():
        assert kind.label == DRAFT_LABELS[name]
        assert callable(kind.open) and callable(kind.describe)


def test_a_draft_of_each_kind_is_described_and_reopened(qtbot, store: Store,
                                                        officer: Officer) -> None:
    session = Session(store)
    session.set_officer(officer.id)
    forms = {VISIT: VisitDialog(session), PATROL: PatrolDialog(session),
             MEETING: MeetingDialog(session)}
    payloads = {VISIT: forms[VISIT].form.draft_payload(),
                PATROL: forms[PATROL].draft_payload(), MEETING: forms[MEETING].draft_payload()}
    for form in forms.values():
        form.deleteLater()
    for kind, payload in payloads.items():
        store.drafts.save(kind, payload, officer.id)
    drafts = pending_drafts(session)
    assert {d.kind for d in drafts} == {VISIT, PATROL, MEETING}
    lines = {d.kind: describe_draft(session, d) for d in drafts}
    assert lines[VISIT].startswith("Laporan Polisi:")
    assert lines[PATROL].startswith("Patroli:")
    assert lines[MEETING].startswith("Pertemuan:")
    opened = open_drafts(session, drafts, None)
    assert sorted(type(w).__name__ for w in opened) == ["MeetingDialog", "PatrolDialog",
                                                        "VisitDialog"]
    for widget in opened:
        _close(widget)


def _close(widget: QWidget) -> None:
    if not shiboken6.isValid(widget):
        return
    timers = [getattr(widget, name, None) for name in ("keeper", "drafts")]
    for keeper in timers:
        if keeper is not None:
            keeper.stop()
    widget.hide()
    widget.deleteLater()
