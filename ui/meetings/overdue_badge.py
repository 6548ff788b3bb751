"""The status bar's count of overdue follow-ups. Its own module: the main window shows it
at start, and importing the Tindak Lanjut page with it (its editors, models and forms)
cost a tenth of the start."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.changes import ChangeKind, Changes
from ui.common.count_badge import HOUR_MS, CountBadge, ms_until_next_check
from ui.session import Session

CHANGED_KINDS: Changes = frozenset({ChangeKind.MEETING, ChangeKind.ISSUE, ChangeKind.SETTINGS,
                                     ChangeKind.MASTER})
__all__ = ["CHANGED_KINDS", "HOUR_MS", "OverdueBadge", "ms_until_next_check", "overdue_text"]


def overdue_text(count: int) -> str:
    if count == 0:
        return "Tindak lanjut: tidak ada yang terlambat"
    return f"Tindak lanjut terlambat: {count}"


class OverdueBadge(CountBadge):
    """The count of overdue follow-ups (issues still open after their due date). Click it
    to go to Tindak Lanjut."""

    CHANGED_KINDS = CHANGED_KINDS

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "Masalah dari pertemuan warga yang belum selesai melewati "
                         "batas waktunya. Klik untuk membuka Tindak Lanjut.", parent)
        self.setObjectName("overdueBadge")
        self.refresh()

    def count_now(self) -> int:
        return self._session.store.meetings.overdue_count(self._session.today())

    def text_for(self, count: int) -> str:
        return overdue_text(count)
