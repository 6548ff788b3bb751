"""The meeting form in its window (see ui.records.record_dialog for saving, drafts and
closing)."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QWidget

from app.domain.codes import MEETING_TYPES
from app.domain.models import Draft, Meeting
from app.security.permissions import Action
from ui.common.screen_size import resize_within_screen
from ui.meetings.form import MeetingForm
from ui.records.kinds import MEETING
from ui.records.record_dialog import RecordDialog, Records, open_draft
from ui.session import Session

DRAFT_KIND = MEETING


class MeetingDialog(RecordDialog[Meeting]):
    draft_kind = DRAFT_KIND
    what = "pertemuan"
    write_action = Action.MEETING_WRITE

    def __init__(self, session: Session, meeting: Meeting | None = None,
                 parent: QWidget | None = None, draft: Draft | None = None) -> None:
        super().__init__(session, MeetingForm(session), meeting, parent, draft)
        self.setWindowTitle("Pertemuan warga baru" if meeting is None else "Ubah catatan pertemuan")
        resize_within_screen(self, 1180, 800)
        if meeting is not None and meeting.issues:
            self.info.setText("Masalah yang sudah tersimpan tidak dapat dihapus; tutup atau "
                              "teruskan lewat halaman Tindak Lanjut.")

    def records(self) -> Records[Meeting]:
        return self._session.store.meetings


def open_meeting_draft(session: Session, draft: Draft, parent: QWidget | None) -> MeetingDialog:
    """Reopen a meeting draft (ui.records.drafts.offer_drafts), over its record if it has one."""
    return open_draft(draft, session.store.meetings.get_by_uuid,
                      lambda meeting: MeetingDialog(session, meeting, parent, draft))


def describe_meeting_draft(draft: Draft) -> str:
    state = json.loads(draft.payload)
    kind = MEETING_TYPES.get(state.get("meeting_type", ""), "Pertemuan")
    desa = state.get("desa") or "(desa belum diisi)"
    return f"Pertemuan: {kind}, {state.get('day', '')}, {desa}"
