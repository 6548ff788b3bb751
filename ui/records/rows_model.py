"""The rows behind a keyboard table (ui.records.rows): text exactly as typed, one dict per
row keyed by column, with the problems validation found per cell (shown as colour and
tooltip). Hidden keys (an issue's uuid, a group's code) ride along in the same dicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

ERROR_BRUSH = QBrush(QColor("#f8d7da"))
WARNING_BRUSH = QBrush(QColor("#fff3cd"))
LOCKED_TIP = "Baris ini sudah tersimpan dan tidak dapat dihapus."

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
