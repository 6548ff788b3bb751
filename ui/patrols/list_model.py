"""The patrol list as a table model that pages rows from the store on demand (keyset paging);
filtering is the store's query, never a proxy over every patrol."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.codes import PATROL_TYPES
from app.store import PatrolFilter, PatrolRow, patrol_key
from app.textid import format_date, format_number, format_time
from ui.common.table_model import FilteredPagedModel, Index
from ui.session import Session

PAGE_SIZE = 100

COL_DAY, COL_TIME, COL_TYPE, COL_LEADER, COL_DESA, COL_PLACES, COL_SITUATION, COL_PEOPLE, \
    COL_LP, COL_STATUS = range(10)
HEADERS = ("Tanggal", "Waktu", "Jenis", "Ketua tim", "Desa dikunjungi", "Tempat", "Situasi",
           "Warga", "LP", "Keterangan")
SITUATION_LABELS = {"aman": "Aman", "pg": "PG", "ag": "AG", "gn": "GN"}
SITUATION_BRUSHES = {"pg": QBrush(QColor("#fff3cd")), "ag": QBrush(QColor("#ffe0b2")),
                     "gn": QBrush(QColor("#f8d7da"))}
VOID_BRUSH = QBrush(QColor("#888888"))
RIGHT = {COL_PLACES, COL_PEOPLE, COL_LP}


class PatrolListModel(FilteredPagedModel[PatrolRow, PatrolFilter]):
    HEADERS = HEADERS

    def __init__(self, session: Session, parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(session, PatrolFilter(), parent, page_size=page_size)
        self._leaders: dict[int, str] = {}

    # ------------------------------------------------------------------ paging
    def _refresh_names(self) -> None:
        self._leaders = {i: o.display
                         for i, o in self._session.store.master.officers_by_id().items()}

    def _first_page(self) -> list[PatrolRow]:
        return self._session.store.patrols.page(self._filter, None, self._size)

    def _count(self) -> int:
        return self._session.store.patrols.count(self._filter)

    def _page_after(self, last: PatrolRow) -> list[PatrolRow]:
        return self._session.store.patrols.page(self._filter, patrol_key(last), self._size)

    # ------------------------------------------------------------------ Qt model
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_SITUATION:
            return SITUATION_BRUSHES.get(row.worst_situation)
        if role == Qt.ItemDataRole.ForegroundRole and row.voided:
            return VOID_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_DESA:
            return ", ".join(row.desa) or None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: PatrolRow, col: int) -> str:
        start, end = row.start_at.astimezone(self._tz), row.end_at.astimezone(self._tz)
        if col == COL_DAY:
            return format_date(start)
        if col == COL_TIME:
            later = " (+1)" if end.date() > start.date() else ""
            return f"{format_time(start)}–{format_time(end)}{later}"
        if col == COL_TYPE:
            label = PATROL_TYPES.get(row.patrol_type, row.patrol_type)
            return f"{label}: {row.operation_name}" if row.operation_name else label
        if col == COL_LEADER:
            return self._leaders.get(row.leader_id, "-") if row.leader_id is not None else "-"
        if col == COL_DESA:
            return ", ".join(row.desa)
        if col == COL_PLACES:
            return format_number(row.place_count)
        if col == COL_SITUATION:
            return SITUATION_LABELS.get(row.worst_situation, row.worst_situation)
        if col == COL_PEOPLE:
            return format_number(row.people_reached)
        if col == COL_LP:
            return format_number(row.lp_count) if row.lp_count else ""
        if col == COL_STATUS:
            return "Dibatalkan" if row.voided else ""
        return ""
