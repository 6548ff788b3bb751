"""The follow-up list as a table model: the issues the store returned (open issues are few;
the store sorts them, overdue first), overdue rows highlighted."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.domain.codes import ISSUE_STATUSES, MEETING_TYPES
from app.domain.models import Category
from app.store import FollowUp
from app.textid import format_date
from ui.common.table_model import Index, RowTableModel
from ui.session import Session

COL_DUE, COL_LATE, COL_ISSUE, COL_DESA, COL_ACTION, COL_OWNER, COL_STATUS, COL_MEETING = range(8)
HEADERS = ("Batas waktu", "Terlambat", "Masalah", "Desa", "Tindak lanjut", "Penanggung jawab",
           "Status", "Dari pertemuan")
# (width, narrowest in a small window); Masalah takes the rest, at least ISSUE_MIN
COLUMN_WIDTHS = {COL_DUE: (130, 105), COL_LATE: (75, 70), COL_DESA: (105, 90),
                 COL_ACTION: (180, 150), COL_OWNER: (160, 120), COL_STATUS: (95, 80),
                 COL_MEETING: (185, 120)}
ISSUE_MIN = 200
OVERDUE_BRUSH = QBrush(QColor("#f8d7da"))
OVERDUE_TEXT = QBrush(QColor("#7a0010"))


class FollowUpModel(RowTableModel[FollowUp]):
    """The follow-ups the store returned (open issues are few; the store sorts them, overdue
    first)."""

    HEADERS = HEADERS

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: tuple[FollowUp, ...] = ()
        self._officers: dict[int, str] = {}
        self._categories: dict[str, str] = {}
        self._today = session.today()
        self._tz = session.tz()

    def set_rows(self, rows: tuple[FollowUp, ...]) -> None:
        store = self._session.store
        self.beginResetModel()
        self._rows = rows
        self._officers = {i: o.display for i, o in store.master.officers_by_id().items()}
        self._categories = {c.code: c.label for c in store.master.list(Category)}
        self._today = self._session.today()
        self._tz = self._session.tz()
        self.endResetModel()

    def today(self) -> date:
        """The day the rows were loaded for (what "overdue" was measured against)."""
        return self._today

    def row_of_uuid(self, uuid: str) -> int:
        return next((i for i, f in enumerate(self._rows) if f.issue.uuid == uuid), -1)

    def owner(self, follow_up: FollowUp) -> str:
        issue = follow_up.issue
        bits = []
        if issue.owner_officer_id is not None:
            bits.append(self._officers.get(issue.owner_officer_id, f"petugas #{issue.owner_officer_id}"))
        if issue.owner_agency:
            bits.append(issue.owner_agency)
        return " / ".join(bits) or "(belum ditentukan)"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        f = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(f, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and f.overdue:
            return OVERDUE_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and f.overdue:
            return OVERDUE_TEXT
        if role == Qt.ItemDataRole.FontRole and f.overdue and index.column() in (COL_DUE, COL_LATE):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_ISSUE:
            return f.issue.description
        return None

    def _text(self, f: FollowUp, col: int) -> str:
        issue = f.issue
        if col == COL_DUE:
            return format_date(issue.due_date) if issue.due_date else "-"
        if col == COL_LATE:
            if f.overdue and issue.due_date is not None:
                return f"{(self._today - issue.due_date).days} hari"
            return ""
        if col == COL_ISSUE:
            category = self._categories.get(issue.category, issue.category)
            return f"{issue.description} ({category})" if category else issue.description
        if col == COL_DESA:
            return issue.desa
        if col == COL_ACTION:
            return issue.action
        if col == COL_OWNER:
            return self.owner(f)
        if col == COL_STATUS:
            return ISSUE_STATUSES.get(issue.status, issue.status)
        if col == COL_MEETING:
            held = f.held_at.astimezone(self._tz)
            return f"{MEETING_TYPES.get(f.meeting_type, f.meeting_type)}, {format_date(held)}"
        return ""
