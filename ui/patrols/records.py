"""What every record form around patrols and meetings shares with walk-ins: a draft saved every
few seconds, a reason for voiding, a note for a status change, warnings accepted with a reason,
the record's history, and printing to a PDF beside the store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Draft, Officer
from app.textid import format_date, format_time
from app.validation import Problem
from app.validation.problems import is_blank
from ui.common.dialogs import button_box
from ui.session import Session

ACTIONS = {
    "create": "Dibuat", "update": "Diubah", "status": "Status diubah", "void": "Dibatalkan",
    "print": "Dicetak", "view": "Dilihat", "export": "Diekspor", "import": "Diimpor",
}


class DraftKeeper(QObject):
    """Saves the form's contents as a draft every few seconds while they changed, so a crash
    or a power cut loses nothing; the draft goes once the record is saved or discarded."""

    def __init__(self, session: Session, kind: str, snapshot: Callable[[], str],
                 record_uuid: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._kind = kind
        self._snapshot = snapshot
        self._record_uuid = record_uuid
        self.draft_id: int | None = None
        self._dirty = False
        self._timer = QTimer(self)
        interval = max(1, session.store.settings.app_settings().draft_interval_s)
        self._timer.setInterval(interval * 1000)
        self._timer.timeout.connect(self.flush)
        self._timer.start()

    @staticmethod
    def find(session: Session, kind: str, record_uuid: str | None) -> Draft | None:
        """The newest draft of this kind for this record (None: a new record's draft)."""
        for draft in session.store.drafts.list(kind):
            if draft.record_uuid == record_uuid:
                return draft
        return None

    def adopt(self, draft: Draft) -> None:
        """Continue an earlier draft (after restoring it) instead of starting another."""
        self.draft_id = draft.id

    def mark_dirty(self) -> None:
        self._dirty = True

    def flush(self) -> None:
        if not self._dirty:
            return
        try:
            self.draft_id = self._session.store.drafts.save(
                self._kind, self._snapshot(), self._session.officer_id, draft_id=self.draft_id,
                record_uuid=self._record_uuid)
            self._dirty = False
        except Exception:  # noqa: BLE001 - a failed draft must never disturb typing
            pass  # the next tick tries again; the form still holds everything

    def discard(self) -> None:
        self._timer.stop()
        self._dirty = False
        if self.draft_id is not None:
            self._session.store.drafts.discard(self.draft_id)
            self.draft_id = None

    def stop(self) -> None:
        self._timer.stop()


class TextDialog(QDialog):
    """Asks for a required text (a void reason, a note on a status change)."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None,
                 initial: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.editor = QPlainTextEdit(initial)
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(90)
        self.buttons = button_box(QDialogButtonBox.StandardButton.Ok
                                  | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self._connect()
        self._on_editor_text_changed()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.editor.textChanged.connect(self._on_editor_text_changed)

    def _on_editor_text_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(not is_blank(self.editor.toPlainText()))

    def text(self) -> str:
        return self.editor.toPlainText().strip()


def ask_text(parent: QWidget | None, title: str, prompt: str, initial: str = "") -> str | None:
    dialog = TextDialog(title, prompt, parent, initial)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_warning_reason(parent: QWidget | None, warnings: Sequence[Problem]) -> str | None:
    """The officer saves despite warnings only with a reason (kept with the record)."""
    listed = "\n".join(f"• {w.message}" for w in warnings)
    return ask_text(parent, "Simpan dengan peringatan",
                    f"Masih ada peringatan:\n{listed}\n\nTetap simpan? Tulis alasannya:")


def describe_officer(officers: dict[int, Officer], officer_id: int | None) -> str:
    officer = officers.get(officer_id) if officer_id is not None else None
    return officer.display if officer else "-"


class HistoryDialog(QDialog):
    """Who did what to a record, and when (its audit entries)."""

    def __init__(self, session: Session, record_uuid: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Riwayat: {title}")
        self.resize(560, 360)
        tz = session.tz()
        officers = session.store.master.officers_by_id()
        entries = session.store.history(record_uuid)
        self.table = QTableWidget(len(entries), 3)
        self.table.setHorizontalHeaderLabels(["Waktu", "Petugas", "Tindakan"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, entry in enumerate(entries):
            local = entry.at.astimezone(tz)
            values = (f"{format_date(local)} {format_time(local)}",
                      describe_officer(officers, entry.officer_id),
                      ACTIONS.get(entry.action, entry.action))
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = button_box(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


def print_folder(session: Session) -> Path:
    """Printed documents go to a "cetak" folder beside the store file."""
    folder = session.store.path.parent / "cetak"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_document(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def item_flags_readonly() -> Qt.ItemFlag:
    return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
