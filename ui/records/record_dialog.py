"""The window around a patrol or meeting form: save (Ctrl+S) with every problem next to its
field and warnings accepted with a reason, a draft every few seconds while the form differs
from the stored record (ui.records.drafts), and a careful close (save, discard, or stay).

A form plugged in here has `load(record)`, `build() -> (record, problems)`, `state()` /
`restore(state)` (its raw contents, for drafts), `problems` (ui.records.problems) and
`record`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.models import AcceptedWarning, Draft
from app.security.permissions import Action
from app.store import InvalidRecord, Saved, StoreError
from app.validation import Problem, blocking
from ui.common.dialogs import ask_save_discard_cancel, delete_when_finished
from ui.common.errors import describe
from ui.common.focus import tab_stops
from ui.common.wheel import guard_wheel
from ui.common.widgets import Banner, ask_reason
from ui.records.access import log_view
from ui.records.drafts import DraftKeeper
from ui.roles import may, read_only
from ui.session import Session

RECHECK_MS = 300  # after a refused save, the marks follow the typing this soon

R = TypeVar("R")
D = TypeVar("D", bound=QDialog)


class Records(Protocol[R]):
    """What a dialog needs of the store's repository of its record kind."""

    def check(self, record: R, /) -> Sequence[Problem]: ...

    def save(self, record: R, by: int | None, /) -> Saved[R]: ...


def ask_warning_reason(parent: QWidget | None, warnings: Sequence[Problem]) -> str | None:
    """The officer saves despite warnings only with a reason (kept with the record)."""
    listed = "\n".join(f"• {w.message}" for w in warnings)
    return ask_reason(parent, "Simpan dengan peringatan",
                      f"Masih ada peringatan:\n{listed}\n\nTetap simpan? Tulis alasannya.",
                      ok_text="Simpan")


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


class RecordDialog(QDialog, Generic[R]):
    """Subclasses give the form, the draft kind and the store's `records` of their kind."""

    draft_kind = ""
    what = "catatan"  # "patroli", "pertemuan": used in the window's words
    write_action = Action.READ  # what the role needs to save it (Action.PATROL_WRITE, ...)

    def __init__(self, session: Session, form: Any, record: R | None,
                 parent: QWidget | None = None, draft: Draft | None = None) -> None:
        super().__init__(parent)
        delete_when_finished(self)
        self._session = session
        self.form = form
        self.saved: R | None = None
        self._finished = False  # saved or closed: no more drafts
        self._shown = False
        self.ask_reason: Callable[[Sequence[Problem]], str | None] = (
            lambda warnings: ask_warning_reason(self, warnings))
        self.ask_close: Callable[[], str] = lambda: ask_save_discard_cancel(
            self, f"Tutup formulir {self.what}", "Ada isian yang belum disimpan. Simpan sekarang?")
        self.form.load(record)
        meta = getattr(record, "meta", None)
        if meta is not None:
            log_view(session, self.draft_kind, meta.uuid)  # personal data seen: Riwayat akses
        self._clean = self.draft_payload()
        self.drafts = DraftKeeper(session, self.draft_kind, self, parent=self,
                                  record_uuid=meta.uuid if meta else None,
                                  draft_id=draft.id if draft else None)
        self.drafts.mark_clean(self._clean)
        self.banner = Banner()
        if draft is not None:
            self.form.restore(json.loads(draft.payload))
            self.banner.show_message("Isian dipulihkan dari draf yang belum disimpan.", "info")
        if meta is not None and meta.voided:
            self.banner.show_message(
                f"Catatan ini DIBATALKAN. Alasan: {meta.void_reason}. Catatan tetap tersimpan "
                "tetapi tidak dihitung lagi.", "warning")
        self.setSizeGripEnabled(True)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.save_button = QPushButton("Simpan (Ctrl+S)")
        self.close_button = QPushButton("Tutup (Esc)")
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)
        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.info, 1)
        self.button_row.addWidget(self.save_button)
        self.button_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form, 1)
        layout.addLayout(self.button_row)
        # once a save was refused, every change checks the form again: a fixed field loses
        # its mark and the banner its count (it said "N isian" after all were fixed)
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_MS)
        self._refused = False
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.form.changed.connect(self._on_form_changed)
        self._recheck.timeout.connect(self._on_recheck_timeout)
        self.drafts.failed.connect(self._on_drafts_failed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        guard_wheel(self)
        if not may(session, self.write_action):  # pimpinan, admin: read, never save
            self.save_button.hide()
            read_only(self.form)
            self.banner.show_message(f"Hanya dapat dilihat: {self.what} tidak dapat diubah "
                                     "dengan peran Anda.", "info")

    def _on_form_changed(self) -> None:
        if self._refused:
            self._recheck.start()

    def _on_recheck_timeout(self) -> None:
        try:
            record, local = self.form.build()
            self.form.problems.show(merge_problems(local, self.check(record)))
        except StoreError:
            pass  # a check while typing must never break the typing

    def _on_drafts_failed(self, text: str) -> None:
        self.banner.show_message(f"Draf belum dapat disimpan: {text}", "warning")

    # ------------------------------------------------------------------ for subclasses
    def records(self) -> Records[R]:
        raise NotImplementedError

    def check(self, record: R) -> Sequence[Problem]:
        return self.records().check(record)

    def write(self, record: R, by: int | None) -> Saved[R]:
        return self.records().save(record, by)

    # ------------------------------------------------------------------ drafts
    def draft_payload(self) -> str:
        return json.dumps(self.form.state(), ensure_ascii=False, sort_keys=True)

    def is_dirty(self) -> bool:
        return self.draft_payload() != self._clean

    # ------------------------------------------------------------------ saving
    def save(self) -> R | None:
        """Validate and save; None (with the problems shown) while something needs fixing."""
        if not may(self._session, self.write_action):
            return None
        record, local = self.form.build()
        problems = merge_problems(local, self.check(record))
        accepted = getattr(record, "accepted_warnings", ())
        stopping = blocking(problems, accepted)
        if any(p.is_error for p in stopping):
            self._refused = True
            self.form.problems.show(problems, refused=True)
            return None
        if stopping:
            reason = self.ask_reason(stopping)
            if not reason:
                self._refused = True
                self.form.problems.show(problems, refused=True)
                return None
            record = replace(record, accepted_warnings=with_accepted(
                accepted, stopping, reason))
        try:
            saved = self._session.write(lambda: self.write(record, self._session.officer_id))
        except InvalidRecord as exc:
            self._refused = True
            self.form.problems.show([p for p in exc.problems if isinstance(p, Problem)], refused=True)
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
        purpose, or the form stays open (a form the role may only read closes)."""
        if self.is_dirty() and may(self._session, self.write_action):
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
        if not self._shown:  # opens with the focus in its first field, where typing goes
            self._shown = True
            stops = tab_stops(self.form)
            if stops:
                stops[0].setFocus(Qt.FocusReason.OtherFocusReason)
        if not self._finished:
            self.drafts.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        # a hidden form takes no typing: keep what it holds now and stop the timer
        if not self._finished:
            self.drafts.flush()
        self.drafts.stop()
        super().hideEvent(event)


def open_draft(draft: Draft, get_by_uuid: Callable[[str], R],
               make: Callable[[R | None], D]) -> D:
    """Reopen a draft (ui.records.drafts.offer_drafts) in the window ``make`` builds, over its
    saved record if it still has one."""
    record = None
    if draft.record_uuid:
        try:
            record = get_by_uuid(draft.record_uuid)
        except StoreError:
            record = None
    dialog = make(record)
    dialog.show()
    return dialog
