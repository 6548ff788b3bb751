"""The table model every master-data list uses. Master tables are small (a roster of dozens,
a few hundred law articles at most), so a model holds all rows of its kind; the big record
lists (visits, patrols) page from the store instead."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.common.table_model import RowTableModel

INACTIVE_COLOR = QColor("#8a8a8a")
ItemRole = Qt.ItemDataRole.UserRole + 1  # the dataclass of the row

Index = QModelIndex | QPersistentModelIndex


def active_text(active: bool) -> str:
    return "Aktif" if active else "Nonaktif"


class MasterTableModel(RowTableModel[Any]):
    """Rows are frozen dataclasses with an `active` flag. Subclasses name their columns as
    constants, list HEADERS in the same order and say what each cell shows in `text`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Any, ...] = ()

    def set_items(self, items: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = tuple(items)
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._rows[row]

    def items(self) -> tuple[Any, ...]:
        return self._rows

    def row_of(self, record_id: int) -> int | None:
        for row, item in enumerate(self._rows):
            if item.meta is not None and item.meta.id == record_id:
                return row
        return None

    def text(self, item: Any, column: int) -> str:
        raise NotImplementedError

    # ------------------------------------------------------------------ Qt model API
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(item, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and not item.active:
            return QBrush(INACTIVE_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and not item.active:
            return "Nonaktif: tidak muncul lagi di pilihan isian baru"
        if role == ItemRole:
            return item
        return None
