"""A typed line of the buku mutasi: its kind, when it happened and what. A saved entry is
never changed; a mistake is corrected by a new entry (JournalPage.correct)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.journal.codes import ENTRY_KINDS
from app.store import DutyInputError, JournalEntry, StoreError
from ui.common.dialogs import button_box
from ui.common.errors import describe
from ui.common.forms import FieldForm
from ui.common.widgets import Banner, DateTimeField
from ui.session import Session


class EntryDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.saved: JournalEntry | None = None
        self.setWindowTitle("Catatan buku mutasi")
        self.kind = QComboBox()
        for code, label in ENTRY_KINDS.items():
            self.kind.addItem(label, code)
        self.at = DateTimeField(session.local_now)
        self.at.set_value(session.now())
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(120)
        self.banner = Banner()
        self.form = FieldForm()
        self.form.add_field("kind", "&Jenis", self.kind)
        self.form.add_field("at", "&Waktu", self.at)
        self.form.add_field("text", "&Isi catatan", self.text,
                            "Tulis apa yang terjadi dan apa yang dilakukan. Catatan yang sudah "
                            "disimpan tidak dapat diubah; kesalahan dikoreksi dengan catatan "
                            "koreksi.")
        self.buttons = button_box(QDialogButtonBox.StandardButton.Save
                                  | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.resize(560, 360)
        self._connect()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> bool:
        error = self.at.error()
        at = self.at.value()
        if error or at is None:
            self.form.show_problems({"at": error or "Isi waktu catatan."})
            return False
        officer_id = self._session.officer_id
        store = self._session.store
        try:
            self.saved = self._session.write(lambda: store.duty.add_entry(
                str(self.kind.currentData()), self.text.toPlainText(), at, officer_id,
                officer_id))
        except DutyInputError as exc:
            self.form.show_problems({exc.field: exc.message})
            return False
        except StoreError as exc:
            self.banner.show_message(describe(exc))
            return False
        return True

    def _on_buttons_accepted(self) -> None:
        if self.save():
            self.accept()
