"""Table models that show a list of light rows: the Qt plumbing every list shares (counts,
headers, the row under an index) and keyset paging for lists that load page by page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from ui.session import Session

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


Filter = TypeVar("Filter")


class FilteredPagedModel(PagedTableModel[Row], Generic[Row, Filter]):
    """A store's list under a filter, read page by page: the session, the filter, the total
    and the station's time zone and day as of the last reload. A subclass reads its first page
    (``_first_page``), the next (``_page_after``) and the total (``_count``), and refreshes
    what its rows are shown with (``_refresh_names``)."""

    def __init__(self, session: Session, flt: Filter, parent: QObject | None = None, *,
                 page_size: int = 100) -> None:
        super().__init__(parent)
        self._session = session
        self._size = page_size
        self._filter = flt
        self._rows = []
        self._more = False
        self._tz = session.tz()
        self._today = session.today()
        self.total = 0

    ID_FIELD = "id"
    """The row's field that names its record (what a page selects by)."""

    def filter(self) -> Filter:
        return self._filter

    def row_of_id(self, record_id: int) -> int:
        """The row of record `record_id` among those read so far, or -1."""
        return next((i for i, r in enumerate(self._rows)
                     if getattr(r, self.ID_FIELD) == record_id), -1)

    def id_at(self, position: int) -> int | None:
        """The record id of the row at `position` (None: no row there, as for -1, the row
        of no index), as the walk-in list's model answers it."""
        row = self.row_at(position)
        return None if row is None else int(getattr(row, self.ID_FIELD))

    def set_filter(self, flt: Filter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._tz = self._session.tz()
        self._today = self._session.today()
        self._refresh_names()
        self._rows = self._first_page()
        self._more = len(self._rows) == self._size
        self.total = self._count()
        self.endResetModel()

    def _refresh_names(self) -> None:
        """Read again the names the rows are shown with (officers…); nothing by default."""

    def _first_page(self) -> list[Row]:
        raise NotImplementedError

    def _count(self) -> int:
        raise NotImplementedError

    def _page_size(self) -> int:
        return self._size
