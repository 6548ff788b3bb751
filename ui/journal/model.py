"""The lines of one shift's journal (a shift holds a few hundred at most: the store reads
them by indexed ranges, the model holds that one shift)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.domain.models import Officer
from app.journal.codes import EVENT_KINDS
from app.store import JournalEvent
from ui.common.table_model import RowTableModel

COL_TIME, COL_KIND, COL_TEXT, COL_OFFICER = range(4)
CORRECTED = "dikoreksi"


class JournalModel(RowTableModel[JournalEvent]):
    HEADERS = ("Pukul", "Jenis", "Uraian", "Petugas")

    def __init__(self) -> None:
        super().__init__()
        self._rows: Sequence[JournalEvent] = ()
        self._officers: Mapping[int, Officer] = {}
        self._zone = ZoneInfo("Asia/Jakarta")
        self._first_day: Any = None

    def set_events(self, events: Sequence[JournalEvent], officers: Mapping[int, Officer],
                   zone: ZoneInfo, first_day: Any) -> None:
        self.beginResetModel()
        self._rows = tuple(events)
        self._officers = officers
        self._zone = zone
        self._first_day = first_day
        self.endResetModel()

    def text_of(self, event: JournalEvent) -> str:
        """The line as shown: a corrected entry keeps its text, marked (struck through by the
        font role); the correction is its own later line, and the tooltip names it."""
        text = event.text
        if event.corrections:
            text += f" ({CORRECTED})"
        if event.voided:
            text += " (dibatalkan)"
        return text

    def tooltip_of(self, event: JournalEvent) -> str:
        text = self.text_of(event)
        for c in event.corrections:
            local = c.at.astimezone(self._zone)
            text += f"\nKoreksi {local.strftime('%d-%m-%Y %H.%M')}: {c.text}"
        return text

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event = self.row_at(index.row()) if index.isValid() else None
        if event is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TEXT:
            return self.tooltip_of(event)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_TIME:
                local = event.at.astimezone(self._zone)
                shown = local.strftime("%H.%M")
                return shown if local.date() == self._first_day else \
                    f"{shown} ({local.strftime('%d/%m')})"
            if column == COL_KIND:
                return EVENT_KINDS.get(event.kind, event.kind)
            if column == COL_TEXT:
                return self.text_of(event)
            if column == COL_OFFICER:
                officer = self._officers.get(event.officer_id) if event.officer_id else None
                return officer.display if officer else ""
        if role == Qt.ItemDataRole.FontRole and column == COL_TEXT and event.corrections:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (event.voided or event.corrections):
            return QColor("#777777")
        return None
