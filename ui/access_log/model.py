"""Riwayat akses as a table model: entries of the access log, newest first, read a page at a
time from the store (keyset paging on the entry id: `before_id`); it never holds the whole
log. Actions and kinds are said in Indonesian words; times in station time."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt

from app.domain.models import AuditEntry
from ui.common.table_model import FilteredPagedModel, Index
from ui.session import Session

PAGE_SIZE = 200

COL_WHEN, COL_OFFICER, COL_ACTION, COL_KIND, COL_NUMBER, COL_DETAIL = range(6)
HEADERS = ("Waktu", "Petugas", "Tindakan", "Jenis data", "Nomor", "Keterangan")

ACTION_WORDS = {
    "view": "Membuka catatan", "search": "Mencari", "print": "Mencetak",
    "export": "Mengekspor", "import": "Mengimpor", "backup": "Membuat cadangan",
    "backup_auto": "Cadangan otomatis", "restore": "Memulihkan cadangan",
    "weekly": "Rekap mingguan", "sign_in": "Masuk",
    "sign_in_failed": "Gagal masuk (kata sandi salah)",
    "sign_in_locked": "Gagal masuk (akun terkunci)",
    "sign_in_inactive": "Gagal masuk (akun nonaktif)",
    "lockout": "Akun terkunci (5 kali salah)", "lock": "Layar dikunci",
    "unlock": "Layar dibuka", "sign_out": "Keluar / ganti petugas",
    "recovery": "Dibuka dengan kunci pemulihan", "recovery_failed": "Kunci pemulihan salah",
}
KIND_WORDS = {
    "visit": "Kunjungan / laporan", "patrol": "Patroli", "meeting": "Pertemuan warga",
    "weekly": "Rekap mingguan", "store": "Basis data", "masuk": "Akun",
    "officer": "Personel", "desa": "Desa", "category": "Kategori",
    "ekspedisi": "Buku ekspedisi", "surat_pengantar": "Surat pengantar",
}


@dataclass(frozen=True)
class AccessFilter:
    officer_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class AccessRow:
    entry: AuditEntry
    number: str = ""
    detail: str = field(default="")


def detail_of(entry: AuditEntry) -> str:
    """What the entry says beyond who and what: the search text, the export's file, the NRP
    typed at a sign-in."""
    if not entry.after:
        return ""
    try:
        value = json.loads(entry.after)
    except ValueError:
        return ""
    if not isinstance(value, dict):
        return ""
    if "detail" in value:
        return str(value["detail"])
    if "nrp" in value:
        return f"NRP {value['nrp']}"
    return ""


class AccessLogModel(FilteredPagedModel[AccessRow, AccessFilter]):
    """The access log, newest first; it shows no total (``total`` is the rows read)."""

    HEADERS = HEADERS

    def __init__(self, session: Session, parent: QObject | None = None, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(session, AccessFilter(), parent, page_size=page_size)
        self._officers: dict[int, str] = {}

    def _refresh_names(self) -> None:
        self._officers = {i: f"{o.display} ({o.nrp})"
                          for i, o in self._session.store.master.officers_by_id().items()}

    def _first_page(self) -> list[AccessRow]:
        return self._read(None)

    def _count(self) -> int:
        return len(self._rows)

    def clear(self) -> None:
        """Nothing shown (an officer whose role may not see the log signed in)."""
        self.beginResetModel()
        self._rows, self._more = [], False
        self.endResetModel()

    def has_more(self) -> bool:
        return self._more

    def _page_after(self, last: AccessRow) -> list[AccessRow]:
        return self._read(last.entry.id)

    def _read(self, before_id: int | None) -> list[AccessRow]:
        store = self._session.store
        flt = self._filter
        entries = store.access_log(officer_id=flt.officer_id, start=flt.start, end=flt.end,
                                   limit=self._size, before_id=before_id)
        numbers = store.visits.numbers_of(e.record_uuid for e in entries
                                          if e.record_uuid and e.kind == "visit")
        return [AccessRow(e, numbers.get(e.record_uuid or "", ""), detail_of(e))
                for e in entries]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, index.column())
        return None

    def text(self, row: AccessRow, column: int) -> str:
        entry = row.entry
        if column == COL_WHEN:
            local = entry.at.astimezone(self._tz)
            return local.strftime("%d-%m-%Y %H.%M.%S")
        if column == COL_OFFICER:
            if entry.officer_id is None:
                return "\u2014"
            return self._officers.get(entry.officer_id, f"petugas #{entry.officer_id}")
        if column == COL_ACTION:
            return ACTION_WORDS.get(entry.action, entry.action)
        if column == COL_KIND:
            return KIND_WORDS.get(entry.kind, entry.kind)
        if column == COL_NUMBER:
            return row.number
        return row.detail
