"""The window around the patrol form: save (Ctrl+S) with validation next to each field and
warnings accepted with a reason, a draft every few seconds, and for a saved patrol its LP model
A, its report and its history."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.models import AcceptedWarning, Draft, Patrol
from app.store import InvalidRecord, StoreError
from app.validation import Problem, blocking
from ui.common.dialogs import ask_save_discard_cancel
from ui.common.errors import describe
from ui.patrols.form import PatrolForm
from ui.patrols.lp import linked_lp_numbers
from ui.patrols.records import DraftKeeper, ask_warning_reason
from ui.session import Session

DRAFT_KIND = "patrol"


def merge_problems(local: Sequence[Problem], checked: Sequence[Problem]) -> list[Problem]:
    """The form's own findings first; the store's finding on the same field and code is the
    same problem said less precisely, so it is dropped."""
    seen = {(p.field, p.code) for p in local}
    return [*local, *(p for p in checked if (p.field, p.code) not in seen)]


def with_accepted(record_warnings: tuple[AcceptedWarning, ...], warnings: Sequence[Problem],
                  reason: str) -> tuple[AcceptedWarning, ...]:
    keep = {(w.field, w.code): w for w in record_warnings}
    for w in warnings:
        keep[(w.field, w.code)] = AcceptedWarning(w.field, w.code, reason)
    return tuple(keep.values())


class PatrolDialog(QDialog):
    def __init__(self, session: Session, patrol: Patrol | None = None,
                 parent: QWidget | None = None, draft: Draft | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.saved: Patrol | None = None
        self.ask_reason: Callable[[Sequence[Problem]], str | None] = (
            lambda warnings: ask_warning_reason(self, warnings))
        self.ask_close: Callable[[], str] = lambda: ask_save_discard_cancel(
            self, "Tutup formulir patroli", "Ada isian yang belum disimpan. Simpan sekarang?")
        self.form = PatrolForm(session, self)
        self.form.load(patrol)
        uuid = patrol.meta.uuid if patrol and patrol.meta else None
        self.drafts = DraftKeeper(session, DRAFT_KIND, self._snapshot, uuid, self)
        if draft is not None:
            self.form.restore(json.loads(draft.payload))
            self.drafts.adopt(draft)
        self._dirty = draft is not None
        self.setWindowTitle("Patroli baru" if patrol is None else "Ubah catatan patroli")
        self.resize(1120, 780)
        self.lp_label = QLabel()
        self.lp_label.setWordWrap(True)
        self.save_button = QPushButton("&Simpan")
        self.save_button.setToolTip("Simpan (Ctrl+S)")
        self.close_button = QPushButton("Tutup")
        buttons = QHBoxLayout()
        buttons.addWidget(self.lp_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        if patrol is not None and patrol.meta is not None and patrol.meta.voided:
            void = QLabel(f"Catatan ini telah dibatalkan: {patrol.meta.void_reason or ''}")
            void.setStyleSheet("color: #b00020; font-weight: bold;")
            layout.addWidget(void)
        layout.addWidget(self.form, 1)
        layout.addLayout(buttons)
        self._refresh_links()
        self._connect()

    def _connect(self) -> None:
        self.form.changed.connect(self._on_form_changed)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

    def _snapshot(self) -> str:
        return json.dumps(self.form.state(), ensure_ascii=False)

    def _on_form_changed(self) -> None:
        self._dirty = True
        self.drafts.mark_dirty()

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
            self.form.board.summary.set_message(describe(exc))
            return None
        except StoreError as exc:
            self.drafts.flush()
            self.form.board.summary.set_message(describe(exc))
            return None
        self.drafts.discard()
        self.saved = saved
        self._dirty = False
        self.accept()
        return saved

    # ------------------------------------------------------------------ closing
    def reject(self) -> None:
        """Esc, Tutup and the window's close button: unsaved input is saved, discarded on
        purpose, or the form stays open."""
        if self._dirty:
            choice = self.ask_close()
            if choice == "cancel":
                return
            if choice == "save":
                self.save()
                return
            self.drafts.discard()
        self.drafts.stop()
        super().reject()

    def done(self, result: int) -> None:
        self.drafts.stop()
        super().done(result)
