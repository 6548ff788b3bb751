"""The register as a table model that pages rows from the store on demand (keyset paging);
filtering is the store's query (app/store/register/listing.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.register import DIFFICULTIES, STAGES, RegisterFilter, RegisterRow
from app.store import register_key as key_of
from app.textid import format_date
from ui.common.table_model import FilteredPagedModel, Index
from ui.session import Session

PAGE_SIZE = 100

COL_NUMBER, COL_RECEIVED, COL_REPORTER, COL_STAGE, COL_INVESTIGATOR, COL_DIFFICULTY, \
    COL_LAST, COL_DUE = range(8)
HEADERS = ("Nomor LP", "Diterima", "Pelapor", "Tahap", "Penyidik", "Kesulitan",
           "SP2HP terakhir", "SP2HP berikutnya")
OVERDUE_BRUSH = QBrush(QColor("#f8d7da"))
VOID_BRUSH = QBrush(QColor("#888888"))


def short_number(number: str, parts: int = 5) -> str:
    """ "LP/B/7/II/2024/…": the number's first parts (its full form in the tooltip); the
    station's part repeats on every line and left no room for the SP2HP columns."""
    pieces = number.split("/")
    return number if len(pieces) <= parts + 1 else "/".join(pieces[:parts]) + "/…"


class RegisterModel(FilteredPagedModel[RegisterRow, RegisterFilter]):
    HEADERS = HEADERS
    ID_FIELD = "visit_id"

    def __init__(self, session: Session, parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(session, RegisterFilter(), parent, page_size=page_size)

    def overdue(self, row: RegisterRow) -> bool:
        return row.due_on is not None and row.due_on < self._today

    # ------------------------------------------------------------------ paging
    def _first_page(self) -> list[RegisterRow]:
        return self._session.store.register.page(self._filter, None, self._size)

    def _count(self) -> int:
        return self._session.store.register.count(self._filter)

    def _page_after(self, last: RegisterRow) -> list[RegisterRow]:
        return self._session.store.register.page(self._filter, key_of(last), self._size)

    # ------------------------------------------------------------------ Qt model
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_DUE and self.overdue(row):
            return OVERDUE_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NUMBER:
            return row.number
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_DUE and self.overdue(row):
            return "SP2HP terlambat: belum dikirim sampai batas waktunya."
        if role == Qt.ItemDataRole.ForegroundRole and row.voided:
            return VOID_BRUSH
        if role == Qt.ItemDataRole.UserRole:
            return row.visit_id
        return None

    def _text(self, row: RegisterRow, col: int) -> str:
        tz = self._session.tz()
        last = row.last_sp2hp_at
        values = {
            COL_NUMBER: short_number(row.number) or "(tanpa nomor)",
            COL_RECEIVED: format_date(row.received_at.astimezone(tz)),
            COL_REPORTER: row.reporter_name,
            COL_STAGE: STAGES.get(row.stage, row.stage),
            COL_INVESTIGATOR: row.investigator or "-",
            COL_DIFFICULTY: DIFFICULTIES.get(row.difficulty, row.difficulty),
            COL_LAST: (f"{format_date(last.astimezone(tz))} ({row.sp2hp_count}×)"
                       if last is not None else "belum ada"),
            COL_DUE: ("terlambat, " if self.overdue(row) else "") + format_date(row.due_on)
            if row.due_on is not None else "-",
        }
        return values.get(col, "")
