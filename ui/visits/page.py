"""Kunjungan & Laporan: the walk-in list with search and filters, and the forms it opens.

Keys: Ctrl+N new visit, Ctrl+F search, Enter or double-click opens the selected record,
Ctrl+End jumps to the oldest record (the list pages from the store; see list_model)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.domain.models import Category, Desa
from app.security.permissions import Action
from app.store import VisitFilter
from app.textid import format_number
from ui.common.fit_columns import ColumnFitter
from ui.common.list_view import page_title
from ui.records.access import log_searches
from ui.records.drafts import DraftKeeper, offer_drafts, pending_drafts
from ui.records.kinds import VISIT
from ui.roles import may, show_if
from ui.session import Session
from ui.visits.filters import FilterBar
from ui.visits.list_model import (
    COL_CATEGORY,
    COL_DESA,
    COL_NUMBER,
    COL_RECEIVED,
    COL_REPORTER,
    COL_RESPONSE,
    COL_SERVICE,
    COL_STATUS,
    ID_ROLE,
    VisitListModel,
)
from ui.visits.opening import open_visit

if TYPE_CHECKING:  # the form is loaded when first opened, not at start
    from ui.visits.dialog import VisitDialog

# fixed columns: (width, narrowest in a small window); Kategori and Pelapor take the rest.
# Status is as wide as "Restorative Justice"; Kategori shows the short names (list_model.
# short_category), which fit with the room left at 1366 pixels (tests/test_ui_narrow.py).
COLUMN_WIDTHS = {COL_NUMBER: (140, 100), COL_RECEIVED: (125, 116), COL_SERVICE: (90, 80),
                 COL_DESA: (115, 95), COL_STATUS: (135, 90), COL_RESPONSE: (120, 108)}
# Kategori and Pelapor: the fixed columns give way to leave them this much, they scroll below
STRETCH_WISH, STRETCH_LEAST = 125, 100
TITLE = "Kunjungan & Laporan"  # the name in the navigation
RELOAD_KINDS: Changes = frozenset({ChangeKind.VISIT})
MASTER_KINDS: Changes = frozenset({ChangeKind.MASTER, ChangeKind.CATEGORY, ChangeKind.DESA,
                                    ChangeKind.SETTINGS})


class VisitsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._dialogs: list[VisitDialog] = []
        self.title = page_title(TITLE)  # as every other page (ui/records/list_page.py)
        self.new_button = QPushButton("Kunjungan baru (Ctrl+N)")
        self.drafts_button = QPushButton()
        self.drafts_button.setToolTip("Isian formulir yang belum disimpan")
        self.count_label = QLabel()
        self.filters = FilterBar(session.local_now, lambda: session.store.profile().week_start)
        self.model = VisitListModel(session.store.visits, session.tz(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.legend = QLabel(
            '<span style="background:#ffe08a"><b>&nbsp;Kuning tebal&nbsp;</b></span>: laporan '
            "menunggu petugas tiba di TKP &nbsp;·&nbsp; <s>dicoret abu-abu</s>: catatan "
            "dibatalkan (tidak dihitung) &nbsp;·&nbsp; Enter/klik ganda: buka")
        self.legend.setStyleSheet("color: #444444")
        self.legend.setWordWrap(True)  # two lines in a narrow window
        self._build()
        self._connect()
        show_if(session, Action.VISIT_WRITE, self.new_button)
        self._reload_master()
        self._on_filters_changed()
        self._refresh_drafts_button()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSortingEnabled(False)  # the store orders: newest first
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        table.setWordWrap(False)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        ColumnFitter(table, COLUMN_WIDTHS, (COL_CATEGORY, COL_REPORTER), STRETCH_WISH,
                     STRETCH_LEAST)
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.drafts_button)
        top.addStretch(1)
        font = self.count_label.font()
        font.setBold(True)
        self.count_label.setFont(font)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(table, 1)
        layout.addWidget(self.legend)

    def _connect(self) -> None:
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self).activated.connect(self.new_visit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self).activated.connect(
            self._on_find_shortcut)
        self.new_button.clicked.connect(self.new_visit)
        self.drafts_button.clicked.connect(self._on_drafts_button_clicked)
        self.filters.changed.connect(self._on_filters_changed)
        self.filters.search.returnPressed.connect(self._on_search_return_pressed)
        self.searches = log_searches(self._session, self.filters.search, VISIT)
        self.table.activated.connect(self._on_table_activated)
        self._session.changed.connect(self._on_session_changed)

    # ------------------------------------------------------------------ data
    def _reload_master(self) -> None:
        master = self._session.store.master
        categories = [(c.code, c.label) for c in master.list(Category)]
        self.filters.set_master(categories, [d.name for d in master.list(Desa)])
        self.model.set_category_labels(dict(categories))
        self.model.set_timezone(self._session.tz())

    def _show_count(self) -> None:
        count = self.model.rowCount()
        if self.model.capped:
            text = f"Lebih dari {format_number(count)} data"
            self.count_label.setToolTip(
                f"Pencarian ini menemukan lebih dari {format_number(count)} data; yang "
                f"ditampilkan {format_number(count)} data terbaru. Tambahkan kata, atau saring "
                "menurut periode, layanan atau kategori, untuk melihat data yang lebih lama.")
        else:
            text = f"{format_number(count)} data"
            self.count_label.setToolTip("")
        if self.filters.is_filtered():
            text += " (tersaring)"
        self.count_label.setText(text)

    def _refresh_drafts_button(self) -> None:
        count = len(pending_drafts(self._session, (VISIT,), self._open_draft_ids()))
        self.drafts_button.setText(f"Draf ({count})")
        self.drafts_button.setVisible(count > 0)

    def _open_draft_ids(self) -> set[int]:
        """Drafts of forms still open (not offered again). A form that was just closed as a
        draft is hidden but not yet deleted: its draft is offered (it was left out, so
        "Draf (1)" showed only after some later save refreshed the button)."""
        return {keeper.draft_id for keeper in self.window().findChildren(DraftKeeper)
                if keeper.kind == VISIT and keeper.draft_id is not None and keeper.is_open()}

    def show_filter(self, flt: VisitFilter, origin: str, what: str = "") -> None:
        """Show exactly the records of `flt` (e.g. a Beranda number), with a chip "Disaring
        dari {origin}: {what}" and a way back to the whole list (ui/visits/filters.py)."""
        self.filters.show_filter(flt, origin, what)

    # ------------------------------------------------------------------ opening
    def new_visit(self) -> VisitDialog | None:
        if not may(self._session, Action.VISIT_WRITE):  # Ctrl+N of a read-only role
            return None
        return self._track(open_visit(self._session, None, self.window()))

    def open_record(self, visit_id: int) -> VisitDialog | None:
        for dialog in self._dialogs:
            if dialog.record_id() == visit_id:
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        return self._track(open_visit(self._session, visit_id, self.window()))

    def _track(self, dialog: VisitDialog | None) -> VisitDialog | None:
        if dialog is not None:
            self._dialogs.append(dialog)
            dialog.finished.connect(lambda _code, d=dialog: self._on_dialog_finished(d))
        return dialog

    def _on_dialog_finished(self, dialog: VisitDialog) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)
        self._refresh_drafts_button()

    # ------------------------------------------------------------------ handlers
    def _on_filters_changed(self) -> None:
        self.model.set_filter(self.filters.current_filter())
        self._show_count()

    def _on_search_return_pressed(self) -> None:
        self.filters.flush()
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _on_find_shortcut(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _on_table_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        visit_id = self.model.data(index, ID_ROLE)
        if visit_id is not None:
            self.open_record(int(visit_id))

    def _on_drafts_button_clicked(self) -> None:
        for dialog in offer_drafts(self._session, self.window(), kinds=(VISIT,),
                                   exclude=self._open_draft_ids()):
            if isinstance(dialog, _visit_dialog_class()):
                self._track(dialog)
        self._refresh_drafts_button()

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & MASTER_KINDS:
            self._reload_master()
        if kinds & (RELOAD_KINDS | MASTER_KINDS):
            self.model.refresh()
            self._show_count()
            self._refresh_drafts_button()

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt naming)
        self._refresh_drafts_button()
        super().showEvent(event)  # type: ignore[arg-type]


def _visit_dialog_class() -> type[VisitDialog]:
    from ui.visits.dialog import VisitDialog

    return VisitDialog
