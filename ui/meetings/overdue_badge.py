"""The status bar's count of overdue follow-ups. Its own module: the main window shows it
at start, and importing the Tindak Lanjut page with it (its editors, models and forms)
cost a tenth of the start."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.changes import ChangeKind, Changes
from app.store import StoreError
from ui.session import Session

CHANGED_KINDS: Changes = frozenset({ChangeKind.MEETING, ChangeKind.ISSUE, ChangeKind.SETTINGS,
                                     ChangeKind.MASTER})
HOUR_MS = 3600 * 1000


def overdue_text(count: int) -> str:
    if count == 0:
        return "Tindak lanjut: tidak ada yang terlambat"
    return f"Tindak lanjut terlambat: {count}"


def ms_until_next_check(now_local: datetime) -> int:
    """Milliseconds to the next refresh: the coming midnight (station time) if it is within
    the hour, otherwise an hour (a clock set forward is caught within the hour)."""
    midnight = datetime.combine(now_local.date() + timedelta(days=1), time(), now_local.tzinfo)
    until_midnight = int((midnight - now_local).total_seconds() * 1000) + 1000
    return max(1000, min(HOUR_MS, until_midnight))


class OverdueBadge(QLabel):
    """The count of overdue follow-ups (issues still open after their due date), for the
    status bar. Standalone: it listens to Session.changed and rechecks hourly and at
    midnight (station time, from the session's clock). Click it to go to Tindak Lanjut."""

    clicked = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.count = 0
        self.setObjectName("overdueBadge")
        self.setToolTip("Masalah dari pertemuan warga yang belum selesai melewati batas "
                        "waktunya. Klik untuk membuka Tindak Lanjut.")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        session.changed.connect(self._on_session_changed)
        self.refresh()

    def refresh(self) -> int:
        try:
            self.count = self._session.store.meetings.overdue_count(self._session.today())
        except StoreError:
            return self.count  # keep the last figure; the next change or tick tries again
        self.setText(overdue_text(self.count))
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
        if kinds & CHANGED_KINDS:
            self.refresh()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
