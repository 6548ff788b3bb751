"""The status bar's count of late SP2HPs (LPs whose next letter to the reporter is past its
day). Its own module: the window shows it at start without importing the register page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.changes import ChangeKind, Changes
from ui.common.count_badge import CountBadge
from ui.session import Session

CHANGED_KINDS: Changes = frozenset({ChangeKind.VISIT, ChangeKind.REGISTER, ChangeKind.SETTINGS})


def sp2hp_text(count: int) -> str:
    return "SP2HP: tidak ada yang terlambat" if count == 0 else f"SP2HP terlambat: {count}"


class Sp2hpBadge(CountBadge):
    """Click it to open the Register LP filtered to the late ones."""

    CHANGED_KINDS = CHANGED_KINDS

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, "Laporan polisi yang SP2HP-nya belum dikirim sampai batas "
                         "waktunya. Klik untuk membuka Register LP.", parent)
        self.setObjectName("sp2hpBadge")
        self.refresh()

    def count_now(self) -> int:
        return self._session.store.register.overdue_count(today=self._session.today())

    def text_for(self, count: int) -> str:
        return sp2hp_text(count)
