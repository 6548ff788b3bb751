"""Table models that show a list of light rows: the Qt plumbing every list shares (counts,
headers, the row under an index) and keyset paging for lists that load page by page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows in ``_rows``, columns named by ``HEADERS`` (set by the subclass)."""

    HEADERS: tuple[str, ...] = ()
    _rows: Sequence[Row]

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None


class PagedTableModel(RowTableModel[Row]):
    """A list that holds only the pages read so far; ``_page_after`` reads the next one from
    the store (keyset paging, never the whole table)."""

    _rows: list[Row]
    _more: bool

    def _page_after(self, last: Row) -> list[Row]:
        raise NotImplementedError

    def _page_size(self) -> int:
        """The limit ``_page_after`` reads with: a page that comes back full means more."""
        raise NotImplementedError

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or not self._more or not self._rows:
            return
        page = self._page_after(self._rows[-1])
        self._more = len(page) == self._page_size()
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()
