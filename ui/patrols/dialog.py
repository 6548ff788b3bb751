"""The window around the patrol form: save (Ctrl+S) with validation next to each field and
warnings accepted with a reason, a draft every few seconds (ui.visits.drafts), and for a
saved patrol the LP made from it."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.codes import PATROL_TYPES
from app.domain.models import Draft, Patrol
from app.store import InvalidRecord, StoreError
from app.validation import Problem, blocking
from ui.common.dialogs import ask_save_discard_cancel
from ui.common.errors import describe
from ui.common.widgets import Banner
from ui.patrols.form import PatrolForm
from ui.patrols.lp import linked_lp_numbers
from ui.patrols.records import ask_warning_reason, merge_problems, with_accepted
from ui.session import Session
from ui.visits.drafts import DraftKeeper

DRAFT_KIND = "patrol"


class PatrolDialog(QDialog):
    def __init__(self, session: Session, patrol: Patrol | None = None,
                 parent: QWidget | None = None, draft: Draft | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.saved: Patrol | None = None
        self._finished = False  # saved or closed: no more drafts
        self.ask_reason: Callable[[Sequence[Problem]], str | None] = (
            lambda warnings: ask_warning_reason(self, warnings))
        self.ask_close: Callable[[], str] = lambda: ask_save_discard_cancel(
            self, "Tutup formulir patroli", "Ada isian yang belum disimpan. Simpan sekarang?")
        self.form = PatrolForm(session, self)
        self.form.load(patrol)
        self._clean = self.draft_payload()
        self.drafts = DraftKeeper(session, DRAFT_KIND, self, parent=self,
                                  record_uuid=patrol.meta.uuid if patrol and patrol.meta else None,
                                  draft_id=draft.id if draft else None)
        self.drafts.mark_clean(self._clean)
        self.banner = Banner()
        if draft is not None:
            self.form.restore(json.loads(draft.payload))
            self.banner.show_message("Isian dipulihkan dari draf yang belum disimpan.", "info")
        if patrol is not None and patrol.meta is not None and patrol.meta.voided:
            self.banner.show_message(
                f"Catatan ini DIBATALKAN. Alasan: {patrol.meta.void_reason}. Catatan tetap "
                "tersimpan tetapi tidak dihitung lagi.", "warning")
        self.setWindowTitle("Patroli baru" if patrol is None else "Ubah catatan patroli")
        self.resize(1120, 780)
        self.setSizeGripEnabled(True)
        self.lp_label = QLabel()
        self.lp_label.setWordWrap(True)
        self.save_button = QPushButton("Simpan (Ctrl+S)")
        self.close_button = QPushButton("Tutup (Esc)")
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.lp_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form, 1)
        layout.addLayout(buttons)
        self._refresh_links()
        self._connect()

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

    def draft_payload(self) -> str:
        return json.dumps(self.form.state(), ensure_ascii=False, sort_keys=True)

    def is_dirty(self) -> bool:
        return self.draft_payload() != self._clean

    def _refresh_links(self) -> None:
        record = self.form.record
        numbers = linked_lp_numbers(self._session, record.meta.uuid) if record and record.meta else []
        self.lp_label.setText("LP dari patroli ini: " + "; ".join(numbers) if numbers else "")

    # ------------------------------------------------------------------ saving
    def save(self) -> Patrol | None:
        """Validate and save; None (with the problems shown) while something needs fixing."""
        patrol, local = self.form.build()
        problems = merge_problems(local, self._session.store.patrols.check(patrol))
        stopping = blocking(problems, patrol.accepted_warnings)
        if any(p.is_error for p in stopping):
            self.form.board.show(problems)
            return None
        if stopping:
            reason = self.ask_reason(stopping)
            if not reason:
                self.form.board.show(problems)
                return None
            patrol = replace(patrol, accepted_warnings=with_accepted(
                patrol.accepted_warnings, stopping, reason))
        try:
            saved = self._session.write(
                lambda: self._session.store.patrols.save(patrol, self._session.officer_id))
        except InvalidRecord as exc:
            self.form.board.show([p for p in exc.problems if isinstance(p, Problem)])
            self.banner.show_message(describe(exc))
            return None
        except StoreError as exc:
            self.drafts.flush()
            self.banner.show_message(describe(exc))
            return None
        self.drafts.discard()
        self.saved = saved
        self._clean = self.draft_payload()
        self.accept()
        return saved

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        """Esc, Tutup and the window's close button: unsaved input is saved, discarded on
        purpose, or the form stays open."""
        if self.is_dirty():
            choice = self.ask_close()
            if choice == "cancel":
                return
            if choice == "save":
                self.save()
                return
        self._finished = True
        self.drafts.stop()
        try:
            self.drafts.discard()
        except StoreError:
            pass  # a draft that cannot be removed now is offered again later
        super().reject()

    def done(self, result: int) -> None:
        self._finished = True
        self.drafts.stop()
        super().done(result)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._finished:
            self.drafts.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        # a hidden form takes no typing: keep what it holds now and stop the timer
        if not self._finished:
            self.drafts.flush()
        self.drafts.stop()
        super().hideEvent(event)


def open_patrol_draft(session: Session, draft: Draft, parent: QWidget | None) -> PatrolDialog:
    """Reopen a patrol draft (ui.visits.drafts.offer_drafts), over its record if it has one."""
    patrol = None
    if draft.record_uuid:
        try:
            patrol = session.store.patrols.get_by_uuid(draft.record_uuid)
        except StoreError:
            patrol = None
    dialog = PatrolDialog(session, patrol, parent, draft)
    dialog.show()
    return dialog


def describe_patrol_draft(draft: Draft) -> str:
    state = json.loads(draft.payload)
    kind = PATROL_TYPES.get(state.get("patrol_type", ""), "Patroli")
    desa = [row.get("desa", "") for row in state.get("places", []) if row.get("desa")]
    where = f" — {', '.join(dict.fromkeys(desa))}" if desa else ""
    return f"Patroli: {kind}, {state.get('day', '')}{where}"
