"""The meeting list as a table model that pages rows from the store on demand (keyset
paging); filtering is the store's query."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.codes import MEETING_TYPES
from app.store import MeetingFilter, MeetingRow, meeting_key
from app.textid import format_date, format_number, format_time
from ui.common.table_model import FilteredPagedModel, Index
from ui.session import Session

PAGE_SIZE = 100

COL_DAY, COL_TIME, COL_TYPE, COL_DESA, COL_PLACE, COL_LEADER, COL_PEOPLE, COL_ISSUES, \
    COL_OPEN, COL_OVERDUE, COL_STATUS = range(11)
HEADERS = ("Tanggal", "Pukul", "Jenis", "Desa", "Tempat", "Dipimpin", "Peserta", "Masalah",
           "Terbuka", "Terlambat", "Keterangan")
RIGHT = {COL_PEOPLE, COL_ISSUES, COL_OPEN, COL_OVERDUE}
OVERDUE_BRUSH = QBrush(QColor("#f8d7da"))
VOID_BRUSH = QBrush(QColor("#888888"))


class MeetingListModel(FilteredPagedModel[MeetingRow, MeetingFilter]):
    HEADERS = HEADERS

    def __init__(self, session: Session, parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(session, MeetingFilter(), parent, page_size=page_size)
        self._leaders: dict[int, str] = {}

    # ------------------------------------------------------------------ paging
    def _refresh_names(self) -> None:
        self._leaders = {i: o.display
                         for i, o in self._session.store.master.officers_by_id().items()}

    def _first_page(self) -> list[MeetingRow]:
        return self._session.store.meetings.page(self._filter, None, self._size,
                                                 today=self._today)

    def _count(self) -> int:
        return self._session.store.meetings.count(self._filter)

    def _page_after(self, last: MeetingRow) -> list[MeetingRow]:
        return self._session.store.meetings.page(self._filter, meeting_key(last), self._size,
                                                 today=self._today)

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
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_OVERDUE and row.overdue_count:
            return OVERDUE_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and row.voided:
            return VOID_BRUSH
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: MeetingRow, col: int) -> str:
        held = row.held_at.astimezone(self._tz)
        values = {
            COL_DAY: format_date(held),
            COL_TIME: format_time(held),
            COL_TYPE: MEETING_TYPES.get(row.meeting_type, row.meeting_type),
            COL_DESA: row.desa,
            COL_PLACE: row.place,
            COL_LEADER: self._leaders.get(row.leader_id, "-") if row.leader_id is not None else "-",
            COL_PEOPLE: format_number(row.participant_total),
            COL_ISSUES: format_number(row.issue_count) if row.issue_count else "",
            COL_OPEN: format_number(row.open_issue_count) if row.open_issue_count else "",
            COL_OVERDUE: format_number(row.overdue_count) if row.overdue_count else "",
            COL_STATUS: "Dibatalkan" if row.voided else "",
        }
        return values.get(col, "")
