"""The patrol form in its window (see ui.records.record_dialog for saving, drafts and
closing), showing the LP made from a saved patrol."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QPushButton, QWidget

from app.domain.codes import PATROL_TYPES
from app.domain.models import Draft, Patrol
from app.security.permissions import Action
from ui.common.screen_size import resize_within_screen
from ui.patrols.form import PatrolForm
from ui.patrols.lp import open_lp_form
from ui.records.kinds import PATROL
from ui.records.links import linked_lp_numbers
from ui.records.record_dialog import RecordDialog, Records, open_draft
from ui.roles import may
from ui.session import Session

DRAFT_KIND = PATROL


class PatrolDialog(RecordDialog[Patrol]):
    draft_kind = DRAFT_KIND
    what = "patroli"
    write_action = Action.PATROL_WRITE

    def __init__(self, session: Session, patrol: Patrol | None = None,
                 parent: QWidget | None = None, draft: Draft | None = None) -> None:
        super().__init__(session, PatrolForm(session), patrol, parent, draft)
        self.setWindowTitle("Patroli baru" if patrol is None else "Ubah catatan patroli")
        resize_within_screen(self, 1120, 780)
        self.lp_label = self.info
        numbers = linked_lp_numbers(session, patrol.meta.uuid) if patrol and patrol.meta else []
        self.lp_label.setText("LP dari patroli ini: " + "; ".join(numbers) if numbers else "")
        self.lp_button = QPushButton("Buat LP model A dari temuan…")
        self.lp_button.setAutoDefault(False)
        self.lp_button.setToolTip("Simpan patroli dulu; LP-nya tertaut ke patroli ini")
        self.lp_button.setEnabled(bool(patrol and patrol.meta and not patrol.meta.voided))
        self.lp_button.clicked.connect(self._on_lp_button_clicked)
        self.button_row.insertWidget(1, self.lp_button)
        self.lp_button.setVisible(may(session, Action.VISIT_WRITE))

    def _on_lp_button_clicked(self) -> None:
        record = self.form.record
        if record is not None and record.meta is not None:
            # under this form, which is window-modal: under the page the LP form would get
            # no input (this form waits for it before it is deleted: delete_when_finished)
            open_lp_form(self._session, record, self)

    def records(self) -> Records[Patrol]:
        return self._session.store.patrols


def open_patrol_draft(session: Session, draft: Draft, parent: QWidget | None) -> PatrolDialog:
    """Reopen a patrol draft (ui.records.drafts.offer_drafts), over its record if it has one."""
    return open_draft(draft, session.store.patrols.get_by_uuid,
                      lambda patrol: PatrolDialog(session, patrol, parent, draft))


def describe_patrol_draft(draft: Draft) -> str:
    state = json.loads(draft.payload)
    kind = PATROL_TYPES.get(state.get("patrol_type", ""), "Patroli")
    desa = [row.get("desa", "") for row in state.get("places", []) if row.get("desa")]
    where = f" — {', '.join(dict.fromkeys(desa))}" if desa else ""
    return f"Patroli: {kind}, {state.get('day', '')}{where}"
