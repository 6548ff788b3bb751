"""What the patrol and meeting pages share: the filter bar, the paged list, the actions on
the selected record (new, open, print, history, void with a reason) and a strip offering
unsaved drafts back. A page subclass says which record kind it shows and how to print it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.domain.models import Desa, Draft
from app.security.permissions import Action
from app.store import Saved, StoreError
from ui.common.dialogs import ask_yes_no, warn
from ui.common.errors import describe
from ui.common.list_view import list_table, page_title
from ui.common.widgets import ask_reason
from ui.records.access import log_searches
from ui.records.documents import open_document
from ui.records.filters import FilterBar
from ui.records.history import HistoryDialog
from ui.roles import may, show_if
from ui.session import Session


class RecordListPage(QWidget):
    title = ""
    noun = ""  # "patroli", "pertemuan"
    draft_kind = ""
    reload_kinds: Changes = frozenset()
    stretch_column = 0
    write_action = Action.READ  # what the role needs to record one (Action.PATROL_WRITE, ...)

    def __init__(self, session: Session, model: Any, search_hint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.open_printed = True  # open the PDF in the PC's viewer after printing
        self.filters = FilterBar(session, search_hint)
        self.desa = QComboBox()
        self.model = model
        self.table = QTableView()
        self.table.setModel(self.model)
        list_table(self.table, self.stretch_column)
        self.count_label = QLabel()
        self.draft_label = QLabel()
        self.draft_resume = QPushButton("Lanjutkan draf")
        self.draft_drop = QPushButton("Buang draf")
        self._draft_bar = QWidget()
        self._draft_bar.setStyleSheet("background: #fff3cd;")
        self.new_button = QPushButton(f"{self.noun.capitalize()} &baru")
        self.new_button.setToolTip("Ctrl+N")
        self.open_button = QPushButton("B&uka")
        self.print_button = QPushButton("&Cetak")
        self.print_button.setToolTip("Ctrl+P")
        self.history_button = QPushButton("&Riwayat")
        self.void_button = QPushButton("Batalkan catatan…")
        self.button_row = QHBoxLayout()

    def finish(self, extra_filters: list[QWidget], extra_buttons: list[QPushButton]) -> None:
        """Lay the page out with its own filters and buttons, then load it."""
        for widget in extra_filters:
            self.filters.add(widget)
        self.filters.finish()
        drafts = QHBoxLayout(self._draft_bar)
        drafts.setContentsMargins(6, 2, 6, 2)
        drafts.addWidget(self.draft_label, 1)
        drafts.addWidget(self.draft_resume)
        drafts.addWidget(self.draft_drop)
        for button in (self.new_button, self.open_button, *extra_buttons, self.print_button,
                       self.history_button, self.void_button):
            self.button_row.addWidget(button)
        self.button_row.addStretch(1)
        self.button_row.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        title = page_title(self.title)
        layout.addWidget(title)
        layout.addWidget(self._draft_bar)
        layout.addWidget(self.filters)
        layout.addLayout(self.button_row)
        layout.addWidget(self.table, 1)
        self._connect(extra_filters)
        # what the role may not do is not offered (ui/roles.py); the store refuses it too
        show_if(self._session, self.write_action, self.new_button)
        show_if(self._session, Action.PRINT, self.print_button)
        show_if(self._session, Action.VOID, self.void_button)
        self._load_desa()
        self.reload()

    def _connect(self, extra_filters: list[QWidget]) -> None:
        self._session.changed.connect(self._on_session_changed)
        self.filters.changed.connect(self._on_filter_changed)
        self.searches = log_searches(self._session, self.filters.search, self.draft_kind)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.new_button.clicked.connect(lambda: self.new_record())
        self.open_button.clicked.connect(lambda: self.open_record())
        self.print_button.clicked.connect(lambda: self.print_record())
        self.history_button.clicked.connect(lambda: self.show_history())
        self.void_button.clicked.connect(lambda: self.void_record())
        self.draft_resume.clicked.connect(lambda: self.resume_draft())
        self.draft_drop.clicked.connect(self._on_draft_drop_clicked)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(lambda: self.new_record())
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(
            lambda: self.print_record())
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(
            self._on_find_shortcut_activated)

    # ------------------------------------------------------------------ for subclasses
    def current_filter(self) -> Any:
        raise NotImplementedError

    def get(self, record_id: int) -> Any:
        raise NotImplementedError

    def get_by_uuid(self, record_uuid: str) -> Any:
        raise NotImplementedError

    def dialog(self, record: Any, draft: Draft | None) -> QDialog:
        raise NotImplementedError

    def void(self, record_id: int, reason: str, by: int | None) -> Saved[Any]:
        raise NotImplementedError

    def write_pdf(self, record: Any) -> Path:
        """Write the record's report to a PDF and return where."""
        raise NotImplementedError

    def caption(self, record: Any) -> str:
        raise NotImplementedError

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

    def reload(self) -> None:
        self.filters.settle()  # a search still pending is covered by this reload
        selected = self.selected_id()
        self.model.set_filter(self.current_filter())
        self.count_label.setText(f"{self.model.total} {self.noun}")
        if selected is not None:
            self.select_id(selected)
        self._refresh_drafts()
        self._on_current_row_changed(self.table.currentIndex(), QModelIndex())

    def _refresh_drafts(self) -> None:
        drafts = self._session.store.drafts.list(self.draft_kind)
        self._draft_bar.setVisible(bool(drafts))
        if drafts:
            local = drafts[0].updated_at.astimezone(self._session.tz())
            self.draft_label.setText(
                f"Ada {len(drafts)} isian {self.noun} yang belum disimpan (terakhir diubah "
                f"{local.strftime('%d-%m-%Y %H.%M')}).")

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & self.reload_kinds:
            if ChangeKind.MASTER in kinds:
                self._load_desa()
            self.reload()

    def _on_find_shortcut_activated(self) -> None:
        self.filters.search.setFocus()

    def _on_filter_changed(self, *_args: object) -> None:
        self.reload()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        for button in (self.open_button, self.print_button, self.history_button):
            button.setEnabled(row is not None)
        self.void_button.setEnabled(row is not None and not row.voided)

    def _on_table_activated(self, _index: QModelIndex) -> None:
        self.open_record()

    def _on_draft_drop_clicked(self) -> None:
        if ask_yes_no(self, "Buang draf", f"Buang isian {self.noun} yang belum disimpan?"):
            for draft in self._session.store.drafts.list(self.draft_kind):
                self._session.store.drafts.discard(draft.id)
            self._refresh_drafts()

    # ------------------------------------------------------------------ selection
    def selected_id(self) -> int | None:
        return self.model.id_at(self.table.currentIndex().row())

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of_id(record_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def selected(self, record_id: int | None = None) -> Any:
        record_id = record_id if record_id is not None else self.selected_id()
        return self.get(record_id) if record_id is not None else None

    # ------------------------------------------------------------------ actions
    def _show(self, dialog: QDialog) -> QDialog:
        dialog.finished.connect(lambda _r: self._refresh_drafts())
        dialog.open()
        return dialog

    def new_record(self) -> QDialog | None:
        if not may(self._session, self.write_action):  # Ctrl+N of a read-only role
            return None
        return self._show(self.dialog(None, None))

    def open_record(self, record_id: int | None = None) -> QDialog | None:
        record = self.selected(record_id)
        if record is None:
            return None
        uuid = record.meta.uuid if record.meta else None
        draft = next((d for d in self._session.store.drafts.list(self.draft_kind)
                      if d.record_uuid == uuid), None)
        return self._show(self.dialog(record, draft))

    def resume_draft(self) -> QDialog | None:
        drafts = self._session.store.drafts.list(self.draft_kind)
        if not drafts:
            return None
        draft = drafts[0]
        record = None
        if draft.record_uuid:
            try:
                record = self.get_by_uuid(draft.record_uuid)
            except StoreError:
                record = None
        return self._show(self.dialog(record, draft))

    def print_record(self, record_id: int | None = None) -> str | None:
        """Write the record's report to the print folder (and open it); the print is logged."""
        record = self.selected(record_id)
        if record is None or record.meta is None or not may(self._session, Action.PRINT):
            return None
        try:
            path = self.write_pdf(record)
            self._session.store.record_activity("print", self.draft_kind,
                                                self._session.officer_id, record.meta.uuid)
        except (OSError, StoreError) as exc:
            warn(self, "Gagal mencetak", describe(exc) if isinstance(exc, StoreError) else
                 f"Berkas tidak dapat ditulis: {exc}")
            return None
        if self.open_printed and not open_document(path):
            warn(self, "PDF tersimpan", f"Laporan tersimpan di {path}, tetapi tidak ada "
                 "aplikasi pembuka PDF di komputer ini.")
        return str(path)

    def show_history(self, record_id: int | None = None) -> HistoryDialog | None:
        record = self.selected(record_id)
        if record is None or record.meta is None:
            return None
        dialog = HistoryDialog(self._session, record.meta.uuid, self.caption(record), self)
        dialog.open()
        return dialog

    def void_record(self, record_id: int | None = None, reason: str | None = None) -> bool:
        """Void with a reason (asked for when not given); the record stays visible."""
        record = self.selected(record_id)
        if record is None or record.meta is None or record.meta.voided:
            return False
        if reason is None:
            reason = ask_reason(self, f"Batalkan catatan {self.noun}",
                                "Catatan tidak dihapus: tetap terlihat, tetapi tidak dihitung lagi.",
                                "Alasan pembatalan", "Batalkan catatan")
        if not reason:
            return False
        meta_id = record.meta.id
        try:
            self._session.write(lambda: self.void(meta_id, reason, self._session.officer_id))
        except StoreError as exc:
            warn(self, "Gagal membatalkan", describe(exc))
            return False
        return True
