"""Patroli: the patrol log. Filters (period, type, desa, situation found, search), the list
newest first, and the actions on a patrol: open, LP model A from a finding (through the
walk-in form), print the Laporan Hasil Patroli, history, void with a reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QComboBox, QDialog, QPushButton, QWidget

from app.documents.printing import prepare
from app.documents.registry import PATROL_REPORT
from app.domain.changes import ChangeKind, Changes
from app.domain.codes import PATROL_TYPES, SITUATIONS
from app.domain.models import Draft, Patrol
from app.security.permissions import Action
from app.store import ANY_FINDING, PatrolFilter, Saved
from ui.patrols.dialog import DRAFT_KIND, PatrolDialog
from ui.patrols.list_model import COL_DESA, PatrolListModel
from ui.patrols.lp import open_lp_form
from ui.records.documents import print_folder
from ui.records.list_page import RecordListPage
from ui.roles import show_if
from ui.session import Session


class PatrolsPage(RecordListPage):
    title = "Patroli"
    noun = "patroli"
    draft_kind = DRAFT_KIND
    reload_kinds: Changes = frozenset({ChangeKind.PATROL, ChangeKind.VISIT, ChangeKind.MASTER,
                                       ChangeKind.SETTINGS})
    stretch_column = COL_DESA
    write_action = Action.PATROL_WRITE

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, PatrolListModel(session), "Cari: petugas, tempat, operasi, "
                         "himbauan…", parent)
        self.model.setParent(self)
        self.patrol_type = QComboBox()
        self.patrol_type.addItem("Semua jenis", None)
        for code, label in PATROL_TYPES.items():
            self.patrol_type.addItem(label, code)
        self.situation = QComboBox()
        self.situation.addItem("Semua situasi", None)
        self.situation.addItem("Ada temuan (PG/AG/GN)", ANY_FINDING)
        for code, label in SITUATIONS.items():
            self.situation.addItem(label, code)
        self.lp_button = QPushButton("Buat &LP model A…")
        self.lp_button.setToolTip("Kejadian yang ditemukan saat patroli dijadikan Laporan Polisi "
                                  "model A, tertaut ke patroli ini")
        self.lp_button.clicked.connect(lambda: self.make_lp())
        self.finish([self.patrol_type, self.desa, self.situation], [self.lp_button])
        show_if(session, Action.VISIT_WRITE, self.lp_button)

    def current_filter(self) -> PatrolFilter:
        start, end = self.filters.bounds()
        return PatrolFilter(start=start, end=end, patrol_type=self.patrol_type.currentData(),
                            desa=self.desa.currentData(), situation=self.situation.currentData(),
                            text=self.filters.search.text())

    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        super()._on_current_row_changed(current, previous)
        row = self.model.row_at(current.row()) if current.isValid() else None
        self.lp_button.setEnabled(row is not None and not row.voided)

    # ------------------------------------------------------------------ the record kind
    def get(self, record_id: int) -> Patrol:
        return self._session.store.patrols.get(record_id)

    def get_by_uuid(self, record_uuid: str) -> Patrol:
        return self._session.store.patrols.get_by_uuid(record_uuid)

    def dialog(self, record: Any, draft: Draft | None) -> QDialog:
        return PatrolDialog(self._session, record, self, draft)

    def void(self, record_id: int, reason: str, by: int | None) -> Saved[Any]:
        return self._session.store.patrols.void(record_id, reason, by)

    def caption(self, record: Patrol) -> str:
        start = record.start_at.astimezone(self._session.tz())
        return f"patroli {start.strftime('%d-%m-%Y %H.%M')}"

    def write_pdf(self, record: Patrol) -> Path:
        assert record.meta is not None
        start = record.start_at.astimezone(self._session.tz())
        path = print_folder(self._session) / (
            f"patroli-{start.strftime('%Y%m%d-%H%M')}-{record.meta.id}.pdf")
        prepare(self._session.store, PATROL_REPORT, record).render(path)
        return path

    # ------------------------------------------------------------------ patrol actions
    def open_patrol(self, patrol_id: int | None = None) -> QDialog | None:
        return self.open_record(patrol_id)

    def make_lp(self, patrol_id: int | None = None) -> QDialog | None:
        """Open the walk-in form as an LP model A prefilled from the patrol (it links back)."""
        patrol = self.selected(patrol_id)
        if patrol is None or patrol.meta is None or patrol.meta.voided:
            return None
        return open_lp_form(self._session, patrol, self)

    def print_report(self, patrol_id: int | None = None) -> str | None:
        return self.print_record(patrol_id)

    def void_patrol(self, patrol_id: int | None = None, reason: str | None = None) -> bool:
        return self.void_record(patrol_id, reason)
