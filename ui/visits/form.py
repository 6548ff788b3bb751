"""The walk-in form: one widget for every service; the service (and the LP model) chooses the
sections that show. It takes a Visit in (`load`) and hands a typed Visit out (`dump`); it
never writes to the store. Problems (from store.visits.check and from text that does not
parse yet) are shown next to their fields; warnings can be accepted with a reason.

Sections (top to bottom, which is also the Tab order):
  Penerimaan (all) - Pelapor/Pengadu/Pengunjung - Pengaduan (pengaduan, dumas) - Keperluan
  (lainnya) - Kejadian / waktu dan tempat hilang (lp, kehilangan) - Barang hilang
  (kehilangan) - Uraian - Pihak terkait, Kerugian, Pasal, Tanda (lp) - Penanganan (saved).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.models import (
    AcceptedWarning,
    Category,
    Desa,
    LawArticle,
    Officer,
    PlaceType,
    Visit,
)
from app.validation import Problem
from ui.common.widgets import FieldBox, Message, ask_reason
from ui.records.drafts import make_payload, split_payload
from ui.records.problems import Problems
from ui.session import Session
from ui.visits.form_data import (
    all_boxes,
    box_for,
    dump_sections,
    load_sections,
    raw_problems,
    raw_texts,
)
from ui.visits.form_sections import FormSections

LIVE_CHECK_MS = 300
ACCEPT_TEXT = "Terima dengan alasan…"
UNDO_TEXT = "Batalkan penerimaan"
WIRED = "piket_wired"  # a box's property: its action_requested is connected to the form


class VisitForm(QWidget):
    """`edited` fires on every change; `status_change_requested` when the officer asks to
    change the status of a saved record (the dialog does the write)."""

    edited = Signal()
    status_change_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._base = Visit(service="lp", received_at=session.local_now(), lp_model="B",
                           receiving_officer_id=session.officer_id)
        self._accepted: dict[tuple[str, str], AcceptedWarning] = {}
        self._party_editors: list[Any] = []
        self._lost_origin: list[int] = []
        self._loss_origin: list[int] = []
        self._show_required = False
        self._last_problems: tuple[Problem, ...] = ()
        self.s = FormSections(session)
        # next to the fields, with links to accept a warning; the dialog places the banner
        self.problems = Problems(self._message)
        self.problems.follow(self.box_for, lambda: all_boxes(self.s))
        layout = QVBoxLayout(self)
        layout.addWidget(self.s)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(LIVE_CHECK_MS)
        self.reload_master()
        self.load(self._base)
        self._connect()

    def _connect(self) -> None:
        self.s.edited.connect(self._on_sections_edited)
        self.s.service_changed.connect(self._on_sections_service_changed)
        self.s.restructured.connect(self._on_sections_restructured)
        self.s.handling.status_change_requested.connect(self.status_change_requested)
        self._check_timer.timeout.connect(self._on_check_timer_timeout)
        self._on_sections_restructured()

    # ------------------------------------------------------------------ master data
    def reload_master(self) -> None:
        master = self._session.store.master
        profile = self._session.store.profile()
        officers = [(o.display, o.id) for o in master.list(Officer) if o.id is not None and o.active]
        self.s.set_master(
            officers=officers,
            categories=[(c.label, c.code) for c in master.list(Category, active_only=True)],
            desa=[d.name for d in master.list(Desa, active_only=True)],
            place_types=[(p.label, p.code) for p in master.list(PlaceType, active_only=True)],
            laws=master.list(LawArticle), area=(profile.kecamatan, profile.kabupaten))

    # ------------------------------------------------------------------ in and out
    def load(self, visit: Visit, raw: dict[str, str] | None = None) -> None:
        """Show `visit` (a stored record, a new one, or a draft with its raw text)."""
        self._base = visit
        self._accepted = {(w.field, w.code): w for w in visit.accepted_warnings}
        load_sections(self.s, visit, raw or {})
        self._show_required = False
        self._last_problems = ()
        self.problems.clear()

    def visit(self) -> Visit:
        """The record as loaded (number, meta, status history of a saved one)."""
        return self._base

    def dump(self) -> Visit:
        """The visit as typed. Never fails: text that does not parse is left out here and
        reported by `raw_problems()` (and kept by `raw()` for drafts)."""
        values, editors, lost_origin, loss_origin = dump_sections(self.s, self._base)
        self._party_editors = editors
        self._lost_origin = lost_origin
        self._loss_origin = loss_origin
        return replace(self._base, **values, accepted_warnings=tuple(self._accepted.values()))

    def raw(self) -> dict[str, str]:
        self.dump()
        return raw_texts(self.s, self._party_editors)

    def raw_problems(self) -> list[Problem]:
        self.dump()
        return raw_problems(self.s, self._party_editors)

    # ------------------------------------------------------------------ drafts
    def draft_payload(self) -> str:
        return make_payload(self.dump(), self.raw())

    def load_draft_payload(self, payload: str) -> None:
        visit, raw = split_payload(Visit, payload)
        self.load(visit, raw)

    # ------------------------------------------------------------------ problems
    def check(self, *, show_required: bool = True) -> tuple[Problem, ...]:
        """Validate what is typed and show the problems; returns them (all of them)."""
        self._show_required = self._show_required or show_required
        visit = self.dump()
        raw = self.raw_problems()
        raw_fields = {p.field for p in raw}
        stored = tuple(p for p in self._session.store.visits.check(visit)
                       if p.field not in raw_fields)
        problems = (*raw, *stored)
        self._last_problems = problems
        self.show_problems(problems)
        return problems

    def blocking(self, problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
        from app.validation import blocking

        return blocking(problems, tuple(self._accepted.values()))

    def prune_accepted(self, problems: tuple[Problem, ...]) -> None:
        """Forget accepted warnings that no longer match a warning (e.g. a NIK corrected)."""
        current = {(p.field, p.code) for p in problems if p.is_warning}
        self._accepted = {k: v for k, v in self._accepted.items() if k in current}

    def show_problems(self, problems: tuple[Problem, ...], *, refused: bool = False) -> int:
        """Show the problems (see ui.records.problems); "required" ones only once the
        officer tried to save. `refused`: a save was refused, say so and focus the first."""
        shown = [p for p in problems if self._show_required or p.code != "required"
                 and p.code != "reporter_required"]
        return self.problems.show(shown, refused=refused)

    def _message(self, problem: Problem) -> Message:
        key = f"{problem.field}|{problem.code}"
        if problem.is_warning:
            accepted = self._accepted.get((problem.field, problem.code))
            if accepted is not None:
                return Message(f"{problem.message} Diterima: {accepted.reason}", "note",
                               "undo|" + key, UNDO_TEXT)
            return Message(problem.message, "warning", "accept|" + key, ACCEPT_TEXT)
        return Message(problem.message, "error")

    def box_for(self, path: str) -> FieldBox | None:
        return box_for(self.s, path, self._party_editors, self._lost_origin,
                       self._loss_origin)

    # ------------------------------------------------------------------ accepting warnings
    def accept_warning(self, field: str, code: str, reason: str) -> None:
        if reason.strip():
            self._accepted[(field, code)] = AcceptedWarning(field, code, reason.strip())
            self.edited.emit()
            self.show_problems(self._last_problems)

    def _on_box_action_requested(self, key: str) -> None:
        action, field, code = key.split("|", 2)
        if action == "undo":
            self._accepted.pop((field, code), None)
            self.edited.emit()
            self.show_problems(self._last_problems)
            return
        message = next((p.message for p in self._last_problems
                        if p.field == field and p.code == code), "")
        reason = ask_reason(self, "Terima peringatan",
                            f"{message}\n\nTulis alasan menerima peringatan ini (tercatat "
                            "pada laporan).", "Alasan", "Terima")
        if reason:
            self.accept_warning(field, code, reason)

    # ------------------------------------------------------------------ handlers
    def _on_sections_edited(self) -> None:
        self._check_timer.start()
        self.edited.emit()

    def _on_sections_service_changed(self) -> None:
        self._check_timer.start()
        self.edited.emit()

    def _on_sections_restructured(self) -> None:
        # only the new boxes: disconnecting a box never connected printed "libpyside:
        # Failed to disconnect … from signal" on stderr at every added row or person
        for box in all_boxes(self.s):
            if not box.property(WIRED):
                box.action_requested.connect(self._on_box_action_requested)
                box.setProperty(WIRED, True)

    def _on_check_timer_timeout(self) -> None:
        try:
            self.check(show_required=False)
        except Exception:  # noqa: BLE001 - a live check must never break typing
            pass

    def set_read_only(self, read_only: bool) -> None:
        self.s.setEnabled(not read_only)

