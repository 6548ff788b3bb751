"""Patroli: the patrol log. Filters (period, type, desa, situation found, search), the list
newest first, and the actions on a patrol: open, LP model A from a finding, print the report,
history, void with a reason. Unsaved drafts are offered back at the top of the page."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import PATROL_TYPES, SITUATIONS
from app.domain.models import Desa, Patrol, Vehicle
from app.pdf.patrol_report import render_patrol_report
from app.store import StoreError
from app.store.patrol_list import ANY_FINDING, PatrolFilter
from ui.common.dialogs import ask_yes_no, warn
from ui.common.errors import describe
from ui.common.widgets import ask_reason
from ui.patrols.dialog import DRAFT_KIND, PatrolDialog
from ui.patrols.filters import FilterBar
from ui.patrols.list_model import COL_DESA, PatrolListModel
from ui.patrols.lp import linked_lp_numbers, open_lp_form
from ui.patrols.records import open_document, print_folder
from ui.session import Session
from ui.visits.history import HistoryDialog

RELOAD_KINDS = frozenset({"patrol", "visit", "master", "settings"})


class PatrolsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.open_printed = True  # open the PDF in the PC's viewer after printing
        self.filters = FilterBar(session, "Cari: petugas, tempat, operasi, himbauan…")
        self.patrol_type = QComboBox()
        self.patrol_type.addItem("Semua jenis", None)
        for code, label in PATROL_TYPES.items():
            self.patrol_type.addItem(label, code)
        self.desa = QComboBox()
        self.situation = QComboBox()
        self.situation.addItem("Semua situasi", None)
        self.situation.addItem("Ada temuan (PG/AG/GN)", ANY_FINDING)
        for code, label in SITUATIONS.items():
            self.situation.addItem(label, code)
        for combo in (self.patrol_type, self.desa, self.situation):
            self.filters.add(combo)
        self.filters.finish()
        self.model = PatrolListModel(session, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DESA, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        self.draft_label = QLabel()
        self.draft_label.setStyleSheet("background: #fff3cd; padding: 4px;")
        self.draft_resume = QPushButton("Lanjutkan draf")
        self.draft_drop = QPushButton("Buang draf")
        self.new_button = QPushButton("&Patroli baru")
        self.new_button.setToolTip("Ctrl+N")
        self.open_button = QPushButton("&Buka")
        self.lp_button = QPushButton("Buat &LP model A…")
        self.print_button = QPushButton("&Cetak laporan")
        self.print_button.setToolTip("Ctrl+P")
        self.history_button = QPushButton("&Riwayat")
        self.void_button = QPushButton("Batalkan catatan…")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._build()
        self._connect()
        self._load_desa()
        self.reload()

    def _build(self) -> None:
        drafts = QHBoxLayout()
        drafts.addWidget(self.draft_label, 1)
        drafts.addWidget(self.draft_resume)
        drafts.addWidget(self.draft_drop)
        self._draft_bar = QWidget()
        self._draft_bar.setLayout(drafts)
        actions = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.lp_button, self.print_button,
                       self.history_button, self.void_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        title = QLabel("Patroli")
        title.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self._draft_bar)
        layout.addWidget(self.filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

    def _connect(self) -> None:
        self._session.changed.connect(self._on_session_changed)
        for combo in (self.filters.period, self.patrol_type, self.desa, self.situation):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        for edit in (self.filters.date_from, self.filters.date_to):
            edit.dateChanged.connect(self._on_filter_changed)
        self.filters.search.textChanged.connect(self._search_timer.start)
        self._search_timer.timeout.connect(self.reload)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._on_current_row_changed)
        self.new_button.clicked.connect(lambda: self.new_patrol())
        self.open_button.clicked.connect(lambda: self.open_patrol())
        self.lp_button.clicked.connect(lambda: self.make_lp())
        self.print_button.clicked.connect(lambda: self.print_report())
        self.history_button.clicked.connect(lambda: self.show_history())
        self.void_button.clicked.connect(lambda: self.void_patrol())
        self.draft_resume.clicked.connect(lambda: self.resume_draft())
        self.draft_drop.clicked.connect(self._on_draft_drop_clicked)
        QShortcut(QKeySequence.StandardKey.New, self, activated=lambda: self.new_patrol())
        QShortcut(QKeySequence.StandardKey.Print, self, activated=lambda: self.print_report())
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.filters.search.setFocus)

    # ------------------------------------------------------------------ loading
    def _load_desa(self) -> None:
        current = self.desa.currentData()
        self.desa.blockSignals(True)
        self.desa.clear()
        self.desa.addItem("Semua desa", None)
        for d in self._session.store.master.list(Desa):
            self.desa.addItem(d.name, d.name)
        self.desa.setCurrentIndex(max(0, self.desa.findData(current)))
        self.desa.blockSignals(False)

    def current_filter(self) -> PatrolFilter:
        start, end = self.filters.bounds()
        return PatrolFilter(start=start, end=end, patrol_type=self.patrol_type.currentData(),
                            desa=self.desa.currentData(), situation=self.situation.currentData(),
                            text=self.filters.search.text())

    def reload(self) -> None:
        self._search_timer.stop()  # a search still pending is covered by this reload
        selected = self.selected_id()
        self.model.set_filter(self.current_filter())
        self.count_label.setText(f"{self.model.total} patroli")
        if selected is not None and (row := self.model.row_of_id(selected)) >= 0:
            self.table.selectRow(row)
        self._refresh_drafts()
        self._on_current_row_changed(self.table.currentIndex(), QModelIndex())

    def _refresh_drafts(self) -> None:
        drafts = self._session.store.drafts.list(DRAFT_KIND)
        self._draft_bar.setVisible(bool(drafts))
        if drafts:
            local = drafts[0].updated_at.astimezone(self._session.tz())
            self.draft_label.setText(
                f"Ada {len(drafts)} draf patroli yang belum disimpan (terakhir diubah "
                f"{local.strftime('%d/%m/%Y %H.%M')}).")

    def _on_session_changed(self, kinds: object) -> None:
        if isinstance(kinds, frozenset) and kinds & RELOAD_KINDS:
            if "master" in kinds:
                self._load_desa()
            self.reload()

    def _on_filter_changed(self, *_args: object) -> None:
        self.reload()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        for button in (self.open_button, self.print_button, self.history_button):
            button.setEnabled(row is not None)
        self.lp_button.setEnabled(row is not None and not row.voided)
        self.void_button.setEnabled(row is not None and not row.voided)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.open_patrol()

    def _on_draft_drop_clicked(self) -> None:
        if ask_yes_no(self, "Buang draf", "Buang draf patroli yang belum disimpan?"):
            for draft in self._session.store.drafts.list(DRAFT_KIND):
                self._session.store.drafts.discard(draft.id)
            self._refresh_drafts()

    # ------------------------------------------------------------------ actions
    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.id if row else None

    def select_id(self, patrol_id: int) -> bool:
        row = self.model.row_of_id(patrol_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _show(self, dialog: PatrolDialog) -> PatrolDialog:
        dialog.finished.connect(lambda _r: self._refresh_drafts())
        dialog.open()
        return dialog

    def new_patrol(self) -> PatrolDialog:
        return self._show(PatrolDialog(self._session, None, self))

    def open_patrol(self, patrol_id: int | None = None) -> PatrolDialog | None:
        patrol_id = patrol_id if patrol_id is not None else self.selected_id()
        if patrol_id is None:
            return None
        patrol = self._session.store.patrols.get(patrol_id)
        uuid = patrol.meta.uuid if patrol.meta else None
        draft = next((d for d in self._session.store.drafts.list(DRAFT_KIND)
                      if d.record_uuid == uuid), None)
        return self._show(PatrolDialog(self._session, patrol, self, draft))

    def resume_draft(self) -> PatrolDialog | None:
        drafts = self._session.store.drafts.list(DRAFT_KIND)
        if not drafts:
            return None
        draft = drafts[0]
        patrol = None
        if draft.record_uuid:
            try:
                patrol = self._session.store.patrols.get_by_uuid(draft.record_uuid)
            except StoreError:
                patrol = None
        return self._show(PatrolDialog(self._session, patrol, self, draft))

    def _patrol(self, patrol_id: int | None) -> Patrol | None:
        patrol_id = patrol_id if patrol_id is not None else self.selected_id()
        return self._session.store.patrols.get(patrol_id) if patrol_id is not None else None

    def make_lp(self, patrol_id: int | None = None) -> QDialog | None:
        """Open the walk-in form as an LP model A prefilled from the patrol (it links back)."""
        patrol = self._patrol(patrol_id)
        if patrol is None or patrol.meta is None or patrol.meta.voided:
            return None
        return open_lp_form(self._session, patrol, self)

    def print_report(self, patrol_id: int | None = None) -> str | None:
        """Write the Laporan Hasil Patroli to the print folder; returns the file path."""
        patrol = self._patrol(patrol_id)
        if patrol is None or patrol.meta is None:
            return None
        store = self._session.store
        vehicle = store.master.get(Vehicle, patrol.vehicle_id) if patrol.vehicle_id else None
        start = patrol.start_at.astimezone(self._session.tz())
        path = print_folder(self._session) / (
            f"patroli-{start.strftime('%Y%m%d-%H%M')}-{patrol.meta.id}.pdf")
        try:
            render_patrol_report(patrol, profile=store.profile(),
                                 officers=store.master.officers_by_id(), out=path,
                                 vehicle=vehicle,
                                 lp_numbers=linked_lp_numbers(self._session, patrol.meta.uuid))
            store.record_activity("print", "patrol", self._session.officer_id, patrol.meta.uuid)
        except (OSError, StoreError) as exc:
            warn(self, "Gagal mencetak", describe(exc) if isinstance(exc, StoreError) else
                 f"Berkas tidak dapat ditulis: {exc}")
            return None
        if self.open_printed:
            open_document(path)
        return str(path)

    def show_history(self, patrol_id: int | None = None) -> HistoryDialog | None:
        patrol = self._patrol(patrol_id)
        if patrol is None or patrol.meta is None:
            return None
        start = patrol.start_at.astimezone(self._session.tz())
        dialog = HistoryDialog(self._session, patrol.meta.uuid,
                               f"patroli {start.strftime('%d/%m/%Y %H.%M')}", self)
        dialog.open()
        return dialog

    def void_patrol(self, patrol_id: int | None = None, reason: str | None = None) -> bool:
        """Void with a reason (asked for when not given); the patrol stays visible."""
        patrol = self._patrol(patrol_id)
        if patrol is None or patrol.meta is None or patrol.meta.voided:
            return False
        if reason is None:
            reason = ask_reason(self, "Batalkan catatan patroli",
                                "Catatan tidak dihapus: tetap terlihat, tetapi tidak dihitung lagi.",
                                "Alasan pembatalan", "Batalkan catatan")
        if not reason:
            return False
        meta_id = patrol.meta.id
        try:
            self._session.write(lambda: self._session.store.patrols.void(
                meta_id, reason, self._session.officer_id))
        except StoreError as exc:
            warn(self, "Gagal membatalkan", describe(exc))
            return False
        return True

