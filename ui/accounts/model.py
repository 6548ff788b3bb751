"""The list of Akun Petugas: every officer of the roster beside their account (none, its
role, active or not, locked out for now). The roster is small (dozens): the model holds it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.models import Officer
from app.security.permissions import ROLE_LABELS
from app.store import Account
from ui.common.table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex
MUTED = QColor("#8a8a8a")


@dataclass(frozen=True)
class AccountRow:
    officer: Officer
    account: Account | None
    locked_until: datetime | None = None

    @property
    def officer_id(self) -> int:
        assert self.officer.id is not None
        return self.officer.id


def state_text(row: AccountRow, tz: tzinfo) -> str:
    account = row.account
    if account is None:
        return "Belum punya akun"
    if not account.active:
        return "Nonaktif"
    if row.locked_until is not None:
        return f"Terkunci s.d. {row.locked_until.astimezone(tz).strftime('%H.%M')}"
    return "Aktif"


class AccountsTableModel(RowTableModel[AccountRow]):
    NAME, RANK, NRP, POSITION, ROLE, STATE = range(6)
    HEADERS = ("Nama", "Pangkat", "NRP", "Jabatan", "Peran", "Status akun")

    def __init__(self, tz: tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: tuple[AccountRow, ...] = ()

    def set_rows(self, rows: Iterable[AccountRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_of(self, officer_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.officer_id == officer_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            account = row.account
            return (row.officer.name, row.officer.rank, row.officer.nrp, row.officer.position,
                    ROLE_LABELS[account.role] if account else "\u2014",
                    state_text(row, self._tz))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and (row.account is None
                                                        or not row.account.active):
            return QBrush(MUTED)
        return None
