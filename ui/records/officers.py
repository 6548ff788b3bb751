"""Officers on a patrol or meeting form: a picker for one officer and an editor for a team,
both taking only names (or NRPs) on the roster, typed with suggestions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Officer
from ui.common.widgets import ERROR_COLOR
from ui.records.rows_model import normalize_choice


class MessageLabel(QLabel):
    """One message under a widget that is not a form field (the members entry)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOR};")
        self.hide()

    def set_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def officer_choice(officer: Officer) -> str:
    """How an officer appears in a picker: "BRIPKA ANDI SAPUTRA (85061234)"."""
    return f"{officer.rank} {officer.name} ({officer.nrp})"


class OfficerResolver:
    """Turns what was typed into an officer of the roster (or says it is not on it)."""

    def __init__(self, officers: Sequence[Officer]) -> None:
        self.officers = [o for o in officers if o.id is not None]
        self._by_text = {officer_choice(o): o for o in self.officers}

    def choices(self, include: Iterable[int | None] = ()) -> list[str]:
        keep = set(include)
        return [officer_choice(o) for o in self.officers if o.active or o.id in keep]

    def find(self, text: str) -> Officer | None:
        typed = text.strip()
        if not typed:
            return None
        chosen = normalize_choice(typed, list(self._by_text))
        officer = self._by_text.get(chosen)
        if officer is None:
            digits = re.sub(r"\D", "", typed)
            officer = next((o for o in self.officers if digits and o.nrp == digits), None)
        return officer

    def by_id(self, officer_id: int | None) -> Officer | None:
        return next((o for o in self.officers if o.id == officer_id), None)


def not_on_roster(text: str) -> str:
    return f"“{text.strip()}” tidak ada di daftar personel; pilih nama dari daftar."


class OfficerPicker(QComboBox):
    """An officer from the roster, chosen by typing part of the name or the NRP."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._resolver = OfficerResolver(())
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText("ketik nama atau NRP")

    def set_roster(self, resolver: OfficerResolver, keep: int | None = None) -> None:
        text = self.currentText()
        self._resolver = resolver
        self.clear()
        self.addItems(resolver.choices([keep]))
        completer = QCompleter(resolver.choices([keep]), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setEditText(text)

    def set_officer_id(self, officer_id: int | None) -> None:
        officer = self._resolver.by_id(officer_id)
        self.setEditText(officer_choice(officer) if officer else "")

    def officer_id(self) -> int | None:
        officer = self._resolver.find(self.currentText())
        return officer.id if officer else None

    def unknown_text(self) -> str:
        """What was typed if it names nobody on the roster ("" when fine or empty)."""
        text = self.currentText().strip()
        return text if text and self._resolver.find(text) is None else ""


class MembersEditor(QWidget):
    """The team: type a name or NRP, Enter adds it; Delete removes the selected member."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resolver = OfficerResolver(())
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("ketik nama atau NRP anggota, lalu Enter")
        self.add_button = QPushButton("Tambah")
        self.remove_button = QPushButton("Hapus")
        self.list = QListWidget()
        self.list.setMaximumHeight(92)
        self.message = MessageLabel()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.list)
        column.addWidget(self.message)
        self.setFocusProxy(self.entry)  # Alt+A ("&Anggota") goes to the name to add
        self._connect()

    def _connect(self) -> None:
        self.entry.returnPressed.connect(self._on_entry_return_pressed)
        self.add_button.clicked.connect(self._on_entry_return_pressed)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.entry.textEdited.connect(lambda _text: self.message.set_message(""))

    def set_roster(self, resolver: OfficerResolver, keep: Iterable[int] = ()) -> None:
        self._resolver = resolver
        completer = QCompleter(resolver.choices(keep), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(completer)

    def set_member_ids(self, ids: Iterable[int]) -> None:
        self.list.clear()
        for officer_id in ids:
            self._append(officer_id)

    def member_ids(self) -> tuple[int, ...]:
        """The members, including a name typed and not yet added (if it is on the roster)."""
        ids = [int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
               for i in range(self.list.count())]
        pending = self._resolver.find(self.entry.text())
        if pending is not None and pending.id not in ids and pending.id is not None:
            ids.append(pending.id)
        return tuple(ids)

    def pending_text(self) -> str:
        return self.entry.text()

    def set_pending_text(self, text: str) -> None:
        self.entry.setText(text)

    def unknown_text(self) -> str:
        text = self.entry.text().strip()
        return text if text and self._resolver.find(text) is None else ""

    def _append(self, officer_id: int) -> None:
        officer = self._resolver.by_id(officer_id)
        label = officer_choice(officer) if officer else f"(personel #{officer_id})"
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, officer_id)
        self.list.addItem(item)

    def _on_entry_return_pressed(self) -> None:
        text = self.entry.text()
        if not text.strip():
            return
        officer = self._resolver.find(text)
        if officer is None or officer.id is None:
            self.message.set_message(not_on_roster(text))
            return
        if officer.id not in self.member_ids()[: self.list.count()]:
            self._append(officer.id)
        self.entry.clear()
        self.message.set_message("")
        self.changed.emit()

    def _on_remove_button_clicked(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Delete and self.list.hasFocus():
            self._on_remove_button_clicked()
            return
        super().keyPressEvent(event)
