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
from ui.common.focus import first_in_form, focus_field
from ui.common.widgets import ERROR_COLOR, Banner, FieldBox, Message
from ui.patrols.rows import RowsModel, RowsView, normalize_choice

_PATH = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")


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


@dataclass
class _Table:
    model: RowsModel
    view: RowsView
    box: FieldBox
    rows: Callable[[], Sequence[int]]  # record index -> table row
    aliases: dict[str, str]


class ProblemBoard:
    """Puts each problem next to the field (or table cell) it is about, with the shared
    inline messages of ui.common.widgets (errors red, warnings amber)."""

    def __init__(self) -> None:
        self._boxes: dict[str, FieldBox] = {}
        self._tables: dict[str, _Table] = {}
        self.summary = Banner()

    def field(self, widget: QWidget, *keys: str) -> FieldBox:
        """Wrap `widget` with a message line for the problems of `keys`."""
        box = FieldBox(widget)
        for key in keys:
            self._boxes[key] = box
        return box

    def table(self, prefix: str, view: RowsView, rows: Callable[[], Sequence[int]],
              aliases: dict[str, str] | None = None) -> FieldBox:
        """Route "prefix[i].field" to cell (rows()[i], field); returns the table in its box."""
        box = FieldBox(view)
        self._tables[prefix] = _Table(view.rows_model(), view, box, rows, dict(aliases or {}))
        return box

    def message(self, key: str) -> str:
        """The text under the field of `key` (tests, screen readers)."""
        box = self._boxes.get(key) or (self._tables[key].box if key in self._tables else None)
        return box.message_text() if box else ""

    def clear(self) -> None:
        self.show(())

    def show(self, problems: Iterable[Problem]) -> int:
        """Show the problems; returns how many there are, and focuses the first one."""
        messages: dict[int, list[Message]] = {}
        boxes: dict[int, FieldBox] = {}
        cells: dict[str, dict[tuple[int, str], tuple[str, bool]]] = {p: {} for p in self._tables}
        contents: list[QWidget] = []
        shown = 0
        elsewhere: list[str] = []
        for problem in problems:
            routed = self._route(problem, cells)
            shown += 1
            if routed is None:
                elsewhere.append(problem.message)
                continue
            box, text = routed
            messages.setdefault(id(box), []).append(
                Message(text, "warning" if problem.is_warning else "error"))
            boxes[id(box)] = box
            contents.append(box.content)
        everything = {id(b): b for b in self._boxes.values()}
        everything.update({id(t.box): t.box for t in self._tables.values()})
        for key, box in everything.items():
            box.set_messages(sorted(messages.get(key, []), key=lambda m: _row_of(m.text)))
        for prefix, table in self._tables.items():
            table.model.set_problems(cells[prefix])
        if shown:
            self.summary.show_message(" ".join([
                f"Belum dapat disimpan: {shown} isian perlu diperiksa (lihat pesan di samping "
                "kolom yang ditandai).", *elsewhere]))
        else:
            self.summary.clear_message()
        first = first_in_form(contents)  # the checks do not run in the form's order
        if first is not None:
            focus_field(first)
        return shown

    def _route(self, problem: Problem, cells: dict[str, dict[tuple[int, str], tuple[str, bool]]]
               ) -> tuple[FieldBox, str] | None:
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
            cells[prefix][(row, key)] = (problem.message, problem.is_warning)
            title = table.model.columns()[column].title
            return table.box, f"Baris {row + 1}, {title}: {problem.message}"
        box = self._boxes.get(problem.field) or self._boxes.get(prefix)
        if box is None and prefix in self._tables:
            box = self._tables[prefix].box
        if box is None:
            return None
        return box, problem.message


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
