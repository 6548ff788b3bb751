"""A count in the status bar that stays in sight whatever page is open (overdue follow-ups,
late SP2HPs): red while there is something, grey when not, rechecked when records change and
hourly and at midnight (station time, from the session's clock). Click it to open the list."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.changes import Changes
from app.store import StoreError
from ui.session import Session

HOUR_MS = 3600 * 1000


def ms_until_next_check(now_local: datetime) -> int:
    """Milliseconds to the next refresh: the coming midnight (station time) if it is within
    the hour, otherwise an hour (a clock set forward is caught within the hour)."""
    midnight = datetime.combine(now_local.date() + timedelta(days=1), time(), now_local.tzinfo)
    until_midnight = int((midnight - now_local).total_seconds() * 1000) + 1000
    return max(1000, min(HOUR_MS, until_midnight))


class CountBadge(QLabel):
    """Subclasses say what is counted (`count`), how it reads (`text`) and which record
    kinds change it (`CHANGED_KINDS`)."""

    clicked = Signal()
    CHANGED_KINDS: Changes = frozenset()

    def __init__(self, session: Session, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.count = 0
        self.setToolTip(tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        session.changed.connect(self._on_session_changed)

    def count_now(self) -> int:
        raise NotImplementedError

    def text_for(self, count: int) -> str:
        raise NotImplementedError

    def refresh(self) -> int:
        try:
            self.count = self.count_now()
        except StoreError:
            return self.count  # keep the last figure; the next change or tick tries again
        self.setText(self.text_for(self.count))
        if self.count:
            self.setStyleSheet("QLabel { background: #b00020; color: white; font-weight: bold;"
                               " padding: 1px 8px; border-radius: 3px; }")
        else:
            self.setStyleSheet("QLabel { color: #555555; padding: 1px 8px; }")
        self._timer.start(ms_until_next_check(self._session.local_now()))
        return self.count

    def next_check_ms(self) -> int:
        return self._timer.remainingTime()

    def _on_timer_timeout(self) -> None:
        self.refresh()

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & self.CHANGED_KINDS:
            self.refresh()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
