"""Who is on duty at the desk: picked from the active roster with type-ahead at start and at
shift handover (serah terima, 08.00); remembered (by NRP) as the default for next time."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Officer
from ui.common.dialogs import button_box
from ui.common.forms import MessageLabel
from ui.master.officers import OfficerEditor
from ui.session import Session

LAST_OFFICER_KEY = "duty/officer_nrp"


def officer_choice_text(officer: Officer) -> str:
    return f"{officer.rank} {officer.name} \u2014 NRP {officer.nrp}"


class OfficerPickerDialog(QDialog):
    """Hands out `officer_id()` of the chosen officer after exec()."""

    def __init__(self, session: Session, default_nrp: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._combo = QComboBox()
        self._message = MessageLabel()
        self._buttons = button_box(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = QPushButton(self.tr("Tambah &personel\u2026"))
        self._build()
        self._connect()
        self._fill(default_nrp)

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Petugas piket"))
        self._combo.setEditable(True)
        self._combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._combo.setMinimumWidth(480)
        completer = self._combo.completer()
        assert completer is not None  # an editable combo has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Mulai bertugas"))
        self._buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        intro = QLabel(self.tr(
            "Siapa petugas piket SPKT yang bertugas sekarang? Namanya dicatat pada setiap "
            "data yang diisi. Ketik nama, pangkat atau NRP untuk mencari."))
        intro.setWordWrap(True)
        caption = QLabel(self.tr("&Petugas:"))
        caption.setBuddy(self._combo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(caption)
        layout.addWidget(self._combo)
        layout.addWidget(self._message)
        layout.addWidget(self._buttons)

    def _connect(self) -> None:
        popup = self._popup()
        if popup is not None:
            popup.installEventFilter(self)  # after the completer's own filter: runs first
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self._on_add_button_clicked)

    def _fill(self, select_nrp: str) -> None:
        self._combo.clear()
        for officer in self._session.store.master.list(Officer, active_only=True):
            self._combo.addItem(officer_choice_text(officer), officer.id)
        index = next((i for i in range(self._combo.count())
                      if self._combo.itemText(i).endswith(f"NRP {select_nrp}")), -1)
        if index < 0 and self._session.officer_id is not None:
            index = self._combo.findData(self._session.officer_id)
        self._combo.setCurrentIndex(index)
        if index < 0:
            self._combo.setEditText("")
        line = self._combo.lineEdit()
        if line is not None:
            line.selectAll()
        self._combo.setFocus()

    def _on_add_button_clicked(self) -> None:
        store = self._session.store
        editor = OfficerEditor(
            None, lambda officer: self._session.write(lambda: store.master.save(officer, None)),
            self, roster=lambda: store.master.list(Officer))
        if editor.exec() and editor.saved is not None:
            self._fill(editor.saved.nrp)

    def choices(self) -> list[str]:
        return [self._combo.itemText(i) for i in range(self._combo.count())]

    def set_text(self, text: str) -> None:
        """Type into the search box (keyboard users; tests)."""
        self._combo.setEditText(text)

    def officer_id(self) -> int | None:
        """The officer whose entry matches what is shown, or the single type-ahead match."""
        text = self._combo.currentText().strip()
        exact = self._combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if exact >= 0:
            return int(self._combo.itemData(exact))
        if not text:
            return None
        matches = [i for i in range(self._combo.count())
                   if text.casefold() in self._combo.itemText(i).casefold()]
        return int(self._combo.itemData(matches[0])) if len(matches) == 1 else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        """Enter in the list of matches starts the duty at once: with a row highlighted,
        that officer; with none, the one the typed text names. Without this the first Enter
        only closed the list and the officer had to press it again."""
        popup = self._popup()
        if (popup is not None and watched is popup and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            row = popup.currentIndex()
            if row.isValid():
                self._combo.setEditText(str(row.data()))
            popup.hide()
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def _popup(self) -> QAbstractItemView | None:
        """The list of matches under the name box (the editable combo's completer's)."""
        completer = self._combo.completer()
        return completer.popup() if completer is not None else None

    def _show_message(self, text: str) -> None:
        """The message under the name box; the dialog grows to hold it (it kept its height and
        squeezed the wrapped introduction to half its lines)."""
        self._message.set_message(text)
        layout = self.layout()
        if layout is not None:
            layout.activate()
        needed = self.heightForWidth(self.width()) if self.hasHeightForWidth() else -1
        self.resize(self.width(), max(needed, self.sizeHint().height(), self.height()))

    def accept(self) -> None:
        if self._combo.count() == 0:
            self._show_message(self.tr("Belum ada personel aktif. Tambah personel dulu."))
            return
        if self.officer_id() is None:
            self._show_message(self.tr(
                "Pilih satu nama dari daftar personel aktif (ketik sebagian nama atau NRP)."))
            self._combo.setFocus()
            return
        super().accept()


def choose_officer(session: Session, settings: QSettings, parent: QWidget | None = None) -> bool:
    """Ask who is on duty; set it on the session and remember it. False if cancelled."""
    default_nrp = str(settings.value(LAST_OFFICER_KEY, "") or "")
    dialog = OfficerPickerDialog(session, default_nrp, parent)
    if not dialog.exec():
        return False
    return apply_choice(session, settings, dialog.officer_id())


def apply_choice(session: Session, settings: QSettings, officer_id: int | None) -> bool:
    if officer_id is None:
        return False
    officer = session.store.master.get(Officer, officer_id)
    if officer is None:
        return False
    session.set_officer(officer_id)
    settings.setValue(LAST_OFFICER_KEY, officer.nrp)
    return True


def ensure_roster(session: Session, parent: QWidget | None = None) -> bool:
    """When nobody is on the active roster, ask for one officer so someone can be on duty."""
    store = session.store
    if store.master.list(Officer, active_only=True):
        return True
    editor = OfficerEditor(
        None, lambda officer: session.write(lambda: store.master.save(officer, None)),
        parent, roster=lambda: store.master.list(Officer))
    editor.setWindowTitle("Personel pertama")
    editor.set_intro("Belum ada personel aktif. Isi minimal satu personel agar ada petugas piket "
                     "yang dapat dicatat; personel lain dapat ditambah nanti di Data Master.")
    return bool(editor.exec()) and editor.saved is not None
