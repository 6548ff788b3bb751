"""Form pieces shared by the patrol and meeting forms: a message line under each field, a board
that routes validation problems (field paths such as "end_at" or "places[2].people_reached")
to those lines and to table cells, and officer pickers that only accept names on the roster.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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
from app.validation import Problem
from ui.patrols.rows import RowsModel, RowsView, normalize_choice

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"
_PATH = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")


class MessageLabel(QLabel):
    """One message under a field; hidden while empty so the form stays compact."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def set_message(self, text: str, warning: bool = False) -> None:
        self.setStyleSheet(WARNING_STYLE if warning else ERROR_STYLE)
        self.setText(text)
        self.setVisible(bool(text))


@dataclass
class _Table:
    model: RowsModel
    view: RowsView
    label: MessageLabel
    rows: Callable[[], Sequence[int]]  # record index -> table row
    aliases: dict[str, str]


class ProblemBoard:
    """Puts each problem next to the field (or table cell) it is about."""

    def __init__(self) -> None:
        self._labels: dict[str, MessageLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self._tables: dict[str, _Table] = {}
        self.summary = MessageLabel()

    def field(self, widget: QWidget, *keys: str) -> QWidget:
        """Wrap `widget` with a message line for the problems of `keys`."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        label = MessageLabel()
        column.addWidget(label)
        for key in keys:
            self._labels[key] = label
            self._widgets[key] = widget
        return box

    def table(self, prefix: str, view: RowsView, rows: Callable[[], Sequence[int]],
              aliases: dict[str, str] | None = None) -> MessageLabel:
        """Route "prefix[i].field" to cell (rows()[i], field); returns the table's message line."""
        label = MessageLabel()
        self._tables[prefix] = _Table(view.rows_model(), view, label, rows, dict(aliases or {}))
        return label

    def clear(self) -> None:
        self.show(())

    def show(self, problems: Iterable[Problem]) -> int:
        """Show the problems; returns how many there are, and focuses the first one."""
        texts: dict[int, list[tuple[str, bool]]] = {}
        labels: dict[int, MessageLabel] = {}
        cells: dict[str, dict[tuple[int, str], tuple[str, bool]]] = {p: {} for p in self._tables}
        first: QWidget | None = None
        shown = 0
        for problem in problems:
            shown += 1
            target = self._route(problem, texts, labels, cells)
            if first is None:
                first = target
        for key, label in labels.items():
            messages = sorted(texts[key], key=lambda m: _row_of(m[0]))
            label.set_message("\n".join(m for m, _ in messages), all(w for _, w in messages))
        for label in set(self._labels.values()) | {t.label for t in self._tables.values()}:
            if id(label) not in labels:
                label.set_message("")
        for prefix, table in self._tables.items():
            table.model.set_problems(cells[prefix])
        if shown:
            self.summary.set_message(
                f"{shown} isian perlu diperiksa; pesannya ada di samping kolom yang ditandai.")
        else:
            self.summary.set_message("")
        if first is not None:
            first.setFocus()
        return shown

    def _route(self, problem: Problem, texts: dict[int, list[tuple[str, bool]]],
               labels: dict[int, MessageLabel],
               cells: dict[str, dict[tuple[int, str], tuple[str, bool]]]) -> QWidget | None:
        entry = (problem.message, problem.is_warning)
        match = _PATH.match(problem.field)
        prefix = match.group(1) if match else problem.field
        if match and prefix in self._tables and match.group(3):
            table = self._tables[prefix]
            index = int(match.group(2))
            rows = table.rows()
            row = rows[index] if index < len(rows) else index
            key = table.aliases.get(match.group(3), match.group(3))
            try:
                column = table.model.column_index(key)
            except KeyError:
                column = 0
                key = table.model.columns()[0].key
            cells[prefix][(row, key)] = entry
            label = table.label
            texts.setdefault(id(label), []).append(
                (f"Baris {row + 1}, {table.model.columns()[column].title}: {problem.message}",
                 problem.is_warning))
            labels[id(label)] = label
            return table.view
        key = problem.field if problem.field in self._labels else prefix
        label = self._labels.get(key)
        if label is None and prefix in self._tables:
            label = self._tables[prefix].label
        if label is None:
            label = self.summary
        texts.setdefault(id(label), []).append(entry)
        labels[id(label)] = label
        return self._widgets.get(key) or (self._tables[prefix].view if prefix in self._tables
                                          else None)


def _row_of(message: str) -> int:
    """Table messages ("Baris 3, ...") in row order; other messages keep their place."""
    match = re.match(r"^Baris (\d+),", message)
    return int(match.group(1)) if match else 0


# ---------------------------------------------------------------- officers


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
