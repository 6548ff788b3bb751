"""A table editor for the rows of a record (places visited, issues raised, participant groups),
built for keyboard-only entry: Enter or Tab moves to the next cell, and at the end of the last
row opens a new row; Ctrl+Enter opens a new row from anywhere; Ctrl+Delete removes a row.

Cells hold the text exactly as typed (a number column may hold "-3" or "dua"), so nothing typed
is lost; the form parses the text and hands problems back with `set_problems`, which colour the
cell and put the message in its tooltip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

ERROR_BRUSH = QBrush(QColor("#f8d7da"))
WARNING_BRUSH = QBrush(QColor("#fff3cd"))
LOCKED_TIP = "Baris ini sudah tersimpan dan tidak dapat dihapus."
KEY_HINT = ("Enter/Tab: kolom berikutnya (di akhir baris terakhir: baris baru) · "
            "Ctrl+Enter: baris baru · Ctrl+Del: hapus baris · Ctrl+Tab: keluar dari tabel")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column of a row editor. `kind`: text | choice (a fixed list of codes) | complete
    (free text with type-ahead over `choices`) | time | number | date."""

    key: str
    title: str
    kind: str = "text"
    choices: tuple[tuple[str, str], ...] = ()  # (code, label); for "complete" code == label
    width: int = 110
    stretch: bool = False
    placeholder: str = ""
    editable: bool = True


def normalize_choice(text: str, choices: Sequence[str]) -> str:
    """What a type-ahead cell keeps: the list entry the text names (same letters in another
    case, or the only entry containing them), otherwise the text as typed."""
    typed = text.strip()
    if not typed:
        return ""
    folded = typed.casefold()
    for choice in choices:
        if choice.casefold() == folded:
            return choice
    starting = [c for c in choices if c.casefold().startswith(folded)]
    if len(starting) == 1:
        return starting[0]
    containing = [c for c in choices if folded in c.casefold()]
    if len(containing) == 1:
        return containing[0]
    return typed


class RowsModel(QAbstractTableModel):
    """Rows of raw text, one dict per row keyed by column key."""

    edited = Signal()

    def __init__(self, columns: Sequence[Column], defaults: Mapping[str, str] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._defaults = dict(defaults or {})
        self._rows: list[dict[str, str]] = []
        self._locked: set[int] = set()
        self._problems: dict[tuple[int, str], tuple[str, bool]] = {}
        self.fixed_rows = False  # participant groups: no rows added or removed

    # ------------------------------------------------------------------ columns
    def columns(self) -> list[Column]:
        return list(self._columns)

    def column(self, key: str) -> Column:
        return self._columns[self.column_index(key)]

    def column_index(self, key: str) -> int:
        for i, col in enumerate(self._columns):
            if col.key == key:
                return i
        raise KeyError(key)

    def set_choices(self, key: str, choices: Sequence[tuple[str, str]]) -> None:
        i = self.column_index(key)
        self._columns[i] = replace(self._columns[i], choices=tuple(choices))
        if self._rows:
            self.dataChanged.emit(self.index(0, i), self.index(len(self._rows) - 1, i))

    # ------------------------------------------------------------------ rows
    def blank_row(self) -> dict[str, str]:
        return {c.key: self._defaults.get(c.key, "") for c in self._columns}

    def set_rows(self, rows: Sequence[Mapping[str, str]], locked: Sequence[int] = ()) -> None:
        self.beginResetModel()
        self._rows = [{**self.blank_row(), **{k: str(v) for k, v in r.items()}} for r in rows]
        self._locked = set(locked)
        self._problems = {}
        self.endResetModel()

    def rows(self) -> list[dict[str, str]]:
        return [dict(r) for r in self._rows]

    def is_blank(self, row: int) -> bool:
        blank = self.blank_row()
        return all(self._rows[row].get(k, "").strip() == v.strip() for k, v in blank.items())

    def is_locked(self, row: int) -> bool:
        return row in self._locked

    def append_row(self, values: Mapping[str, str] | None = None) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append({**self.blank_row(), **(values or {})})
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_row(self, row: int) -> bool:
        if self.fixed_rows or not 0 <= row < len(self._rows) or row in self._locked:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._locked = {r - 1 if r > row else r for r in self._locked}
        self._problems = {}
        self.endRemoveRows()
        self.edited.emit()
        return True

    def value(self, row: int, key: str) -> str:
        return self._rows[row].get(key, "")

    def set_value(self, row: int, key: str, text: str) -> None:
        self.setData(self.index(row, self.column_index(key)), text)

    # ------------------------------------------------------------------ problems
    def set_problems(self, problems: Mapping[tuple[int, str], tuple[str, bool]]) -> None:
        """{(row, column key): (message, is_warning)}; replaces the previous ones."""
        self._problems = dict(problems)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self._columns) - 1))

    def problem(self, row: int, key: str) -> tuple[str, bool] | None:
        return self._problems.get((row, key))

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].title if 0 <= section < len(self._columns) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._columns[index.column()].editable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        col = self._columns[index.column()]
        raw = self._rows[index.row()].get(col.key, "")
        if role == Qt.ItemDataRole.EditRole:
            return raw
        if role == Qt.ItemDataRole.DisplayRole:
            if col.kind == "choice":
                return dict(col.choices).get(raw, raw)
            return raw
        problem = self._problems.get((index.row(), col.key))
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return WARNING_BRUSH if problem[1] else ERROR_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            if problem:
                return problem[0]
            if index.row() in self._locked and index.column() == 0:
                return LOCKED_TIP
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        key = self._columns[index.column()].key
        text = "" if value is None else str(value)
        if self._rows[index.row()].get(key, "") == text:
            return True
        self._rows[index.row()][key] = text
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True


class RowsDelegate(QStyledItemDelegate):
    """Editors by column kind; Enter acts as Tab (next cell), Ctrl+Enter opens a new row."""

    def __init__(self, view: RowsView) -> None:
        super().__init__(view)
        self._view = view

    def _column(self, index: Index) -> Column:
        model = index.model()
        assert isinstance(model, RowsModel)
        return model.columns()[index.column()]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        col = self._column(index)
        if col.kind == "choice":
            combo = QComboBox(parent)
            for code, label in col.choices:
                combo.addItem(label, code)
            return combo
        edit = QLineEdit(parent)
        edit.setFrame(False)
        edit.setPlaceholderText(col.placeholder)
        if col.kind == "complete" and col.choices:
            completer = QCompleter([label for _, label in col.choices], edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        raw = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            found = editor.findData(raw)
            editor.setCurrentIndex(found if found >= 0 else 0)
        elif isinstance(editor, QLineEdit):
            editor.setText(raw)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel,  # noqa: N802
                     index: Index) -> None:
        col = self._column(index)
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            text = editor.text()
            if col.kind == "complete":
                text = normalize_choice(text, [label for _, label in col.choices])
            model.setData(index, text)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            key_event = event
            assert isinstance(key_event, QKeyEvent)
            ctrl = bool(key_event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl and key_event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self._view.focusNextPrevChild(key_event.key() == Qt.Key.Key_Tab)
                return True
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(editor)
                if ctrl:
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                    self._view.add_row_and_edit()
                else:
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
        return super().eventFilter(editor, event)


class RowsView(QTableView):
    """The table of a RowsModel, for the keyboard (see the module docstring)."""

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setItemDelegate(RowsDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        for i, col in enumerate(model.columns()):
            if col.stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(i, col.width)

    def rows_model(self) -> RowsModel:
        return self._model

    def add_row_and_edit(self) -> None:
        if self._model.fixed_rows:
            return
        row = self._model.append_row()
        first = self._first_editable_column()
        index = self._model.index(row, first)
        self.setCurrentIndex(index)  # opens the editor (edit trigger CurrentChanged)
        if self.state() != QAbstractItemView.State.EditingState:
            self.edit(index)

    def remove_current_row(self) -> bool:
        index = self.currentIndex()
        if not index.isValid():
            return False
        row = index.row()
        if not self._model.remove_row(row):
            return False
        if self._model.rowCount():
            self.setCurrentIndex(self._model.index(min(row, self._model.rowCount() - 1), 0))
        return True

    def _first_editable_column(self) -> int:
        for i, col in enumerate(self._model.columns()):
            if col.editable:
                return i
        return 0

    def _last_editable_column(self) -> int:
        cols = self._model.columns()
        for i in range(len(cols) - 1, -1, -1):
            if cols[i].editable:
                return i
        return len(cols) - 1

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Tab and Shift+Tab go cell by cell, row after row, skipping columns that cannot be
        typed in (a group's name); they stop at the first and the last cell."""
        current = self.currentIndex()
        forward = action == QAbstractItemView.CursorAction.MoveNext
        if not current.isValid() or action not in (QAbstractItemView.CursorAction.MoveNext,
                                                   QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        cols = self._model.columns()
        width, cells = len(cols), len(cols) * self._model.rowCount()
        position = current.row() * width + current.column()
        step = 1 if forward else -1
        position += step
        while 0 <= position < cells:
            row, col = divmod(position, width)
            if cols[col].editable:
                return self._model.index(row, col)
            position += step
        return current

    def closeEditor(self, editor: QWidget,  # noqa: N802
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        current = self.currentIndex()
        at_end = (current.isValid() and current.row() == self._model.rowCount() - 1
                  and current.column() >= self._last_editable_column())
        if hint == QAbstractItemDelegate.EndEditHint.EditNextItem and at_end:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            if self._model.fixed_rows:
                self.focusNextPrevChild(True)
            else:
                self.add_row_and_edit()
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if ctrl:
                self.add_row_and_edit()
            elif self.currentIndex().isValid():
                self.edit(self.currentIndex())
            elif self._model.rowCount() == 0:
                self.add_row_and_edit()
            event.accept()
            return
        if ctrl and key == Qt.Key.Key_Delete:
            self.remove_current_row()
            event.accept()
            return
        if ctrl and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.focusNextPrevChild(key == Qt.Key.Key_Tab)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        super().focusInEvent(event)
        # arriving by Tab on an empty table starts the first row at once
        if self._model.rowCount() == 0 and not self._model.fixed_rows:
            self.add_row_and_edit()
        elif not self.currentIndex().isValid() and self._model.rowCount():
            self.setCurrentIndex(self._model.index(0, self._first_editable_column()))
