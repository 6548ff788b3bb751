"""Pertemuan Warga: community meetings. Filters (period, type, desa, meetings with open
issues, search), the list newest first with open and overdue issues counted, and the actions:
open, print the Notulen with its Daftar Hadir, history, void with a reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QWidget

from app.documents.printing import prepare
from app.documents.registry import MEETING_RECORD
from app.domain.changes import ChangeKind, Changes
from app.domain.codes import MEETING_TYPES
from app.domain.models import Draft, Meeting
from app.security.permissions import Action
from app.store import MeetingFilter, Saved
from ui.meetings.dialog import DRAFT_KIND, MeetingDialog
from ui.meetings.list_model import COL_PLACE, MeetingListModel
from ui.records.documents import print_folder
from ui.records.list_page import RecordListPage
from ui.session import Session


class MeetingsPage(RecordListPage):
    title = "Pertemuan Warga"
    noun = "pertemuan"
    draft_kind = DRAFT_KIND
    reload_kinds: Changes = frozenset({ChangeKind.MEETING, ChangeKind.ISSUE, ChangeKind.MASTER,
                                       ChangeKind.SETTINGS})
    stretch_column = COL_PLACE
    write_action = Action.MEETING_WRITE

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, MeetingListModel(session), "Cari: tempat, pokok bahasan, "
                         "masalah, instansi…", parent)
        self.model.setParent(self)
        self.meeting_type = QComboBox()
        self.meeting_type.addItem("Semua jenis", None)
        for code, label in MEETING_TYPES.items():
            self.meeting_type.addItem(label, code)
        self.open_only = QCheckBox("Masih ada masalah terbuka")
        self.print_button.setText("&Cetak notulen")
        self.finish([self.meeting_type, self.desa, self.open_only], [])

    def current_filter(self) -> MeetingFilter:
        start, end = self.filters.bounds()
        return MeetingFilter(start=start, end=end, meeting_type=self.meeting_type.currentData(),
                             desa=self.desa.currentData(), text=self.filters.search.text(),
                             open_issues_only=self.open_only.isChecked())

    def get(self, record_id: int) -> Meeting:
        return self._session.store.meetings.get(record_id)

    def get_by_uuid(self, record_uuid: str) -> Meeting:
        return self._session.store.meetings.get_by_uuid(record_uuid)

    def dialog(self, record: Any, draft: Draft | None) -> QDialog:
        return MeetingDialog(self._session, record, self, draft)

    def void(self, record_id: int, reason: str, by: int | None) -> Saved[Any]:
        return self._session.store.meetings.void(record_id, reason, by)

    def caption(self, record: Meeting) -> str:
        held = record.held_at.astimezone(self._session.tz())
        kind = MEETING_TYPES.get(record.meeting_type, record.meeting_type)
        return f"{kind} {held.strftime('%d-%m-%Y')}, {record.desa}"

    def write_pdf(self, record: Meeting) -> Path:
        assert record.meta is not None
        held = record.held_at.astimezone(self._session.tz())
        path = print_folder(self._session) / (
            f"notulen-{held.strftime('%Y%m%d-%H%M')}-{record.meta.id}.pdf")
        prepare(self._session.store, MEETING_RECORD, record).render(path)
        return path
