"""One master-data list with its buttons: add, edit, deactivate / reactivate, search. Entries
are never deleted; a deactivated entry stays in old records and leaves the pick lists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.security.permissions import Action
from app.store import StoreError
from ui.common.dialogs import ask_yes_no, warn
from ui.common.editor import EditorDialog, SaveFn
from ui.common.errors import describe
from ui.master.table import ItemRole, MasterTableModel
from ui.roles import may, show_if
from ui.session import Session

EditorFactory = Callable[[Session, Any | None, SaveFn, QWidget], EditorDialog]


@dataclass(frozen=True)
class KindSpec:
    """How one kind of master data is listed and edited."""

    title: str  # tab label, e.g. "Personel"
    noun: str  # in sentences, e.g. "personel", "desa"
    cls: type
    kind: ChangeKind  # the change kind the store reports, e.g. ChangeKind.OFFICER
    model: type[MasterTableModel]
    editor: EditorFactory
    describe: Callable[[Any], str]  # "BRIPKA ANDI SAPUTRA", "Serinanti"
    stretch_column: int = 0


class MasterListPanel(QWidget):
    def __init__(self, session: Session, spec: KindSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.spec = spec
        self.model = spec.model(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.model)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._proxy.setFilterKeyColumn(-1)
        self.view = QTableView()
        self._search = QLineEdit()
        self._hide_inactive = QCheckBox("Sembunyikan yang nonaktif")
        self.add_button = QPushButton("&Tambah\u2026")
        self.edit_button = QPushButton("&Ubah\u2026")
        self.toggle_button = QPushButton("&Nonaktifkan")
        self._count = QLabel()
        self._build()
        self._connect()
        show_if(session, Action.MASTER, self.add_button, self.edit_button, self.toggle_button)
        self.reload()

    def _build(self) -> None:
        self._search.setPlaceholderText(f"Cari {self.spec.noun}\u2026")
        self._search.setClearButtonEnabled(True)
        self.add_button.setToolTip("Tambah (Ctrl+N)")
        self.edit_button.setToolTip("Ubah yang dipilih (Enter atau klik dua kali)")
        top = QHBoxLayout()
        for widget in (self.add_button, self.edit_button, self.toggle_button):
            top.addWidget(widget)
        top.addSpacing(12)
        top.addWidget(self._search, 1)
        top.addWidget(self._hide_inactive)
        self.view.setModel(self._proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the store's order
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self._count)
        self.setFocusProxy(self.view)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self._search.textChanged.connect(self._on_search_text_changed)
        self._hide_inactive.toggled.connect(self.reload)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self._session.changed.connect(self._on_session_changed)
        new = QShortcut(QKeySequence.StandardKey.New, self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.add)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.view)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.edit_selected)

    # ------------------------------------------------------------------ handlers
    def _on_search_text_changed(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        self._refresh_count()

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        self.edit_selected()

    def _on_view_selection_changed(self, selected: QItemSelection, deselected: QItemSelection
                                   ) -> None:
        self._refresh_buttons()

    def _on_session_changed(self, kinds: Changes) -> None:
        if self.spec.kind in kinds or ChangeKind.MASTER in kinds:
            self.reload()

    # ------------------------------------------------------------------ state
    def reload(self) -> None:
        selected = self.selected()
        selected_id = selected.meta.id if selected is not None and selected.meta else None
        items = self._session.store.master.list(self.spec.cls,
                                                active_only=self._hide_inactive.isChecked())
        self.model.set_items(items)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.spec.stretch_column, QHeaderView.ResizeMode.Stretch)
        if selected_id is not None:
            self.select_id(selected_id)
        self._refresh_count()
        self._refresh_buttons()

    def _refresh_count(self) -> None:
        shown, total = self._proxy.rowCount(), self.model.rowCount()
        inactive = sum(1 for item in self.model.items() if not item.active)
        text = f"{total} {self.spec.noun}" + (f", {inactive} nonaktif" if inactive else "")
        self._count.setText(text if shown == total else f"{shown} dari {text}")

    def _refresh_buttons(self) -> None:
        item = self.selected()
        self.edit_button.setEnabled(item is not None)
        self.toggle_button.setEnabled(item is not None)
        self.toggle_button.setText("Aktifkan &kembali" if item is not None and not item.active
                                   else "&Nonaktifkan")

    def selected(self) -> Any | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self._proxy.data(index, ItemRole)

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row is None:
            return False
        index = self._proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.selectRow(index.row())
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    # ------------------------------------------------------------------ actions
    def _save(self, item: Any) -> Any:
        store, by = self._session.store, self._session.officer_id
        return self._session.write(lambda: store.master.save(item, by))

    def open_editor(self, item: Any | None) -> EditorDialog:
        """The editor for `item` (None: a new entry), not yet shown."""
        return self.spec.editor(self._session, item, self._save, self)

    def add(self) -> None:
        self._run_editor(None)

    def edit_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self._run_editor(item)

    def _run_editor(self, item: Any | None) -> None:
        if not may(self._session, Action.MASTER):  # Ctrl+N, Enter of a role that only reads
            return
        editor = self.open_editor(item)
        if editor.exec() and editor.saved is not None and editor.saved.meta is not None:
            if not self.select_id(editor.saved.meta.id) and self._hide_inactive.isChecked():
                self._hide_inactive.setChecked(False)
                self.select_id(editor.saved.meta.id)

    def toggle_selected(self) -> None:
        item = self.selected()
        if item is None or not may(self._session, Action.MASTER):
            return
        name = self.spec.describe(item)
        if item.active:
            question = (f"Nonaktifkan {self.spec.noun} \u201c{name}\u201d?\n\nData lama tetap "
                        "menyimpannya; hanya tidak muncul lagi di pilihan isian baru.")
        else:
            question = f"Aktifkan kembali {self.spec.noun} \u201c{name}\u201d?"
        if ask_yes_no(self, "Data Master", question, default_yes=True):
            self.set_active(item, not item.active)

    def set_active(self, item: Any, active: bool) -> None:
        store, by = self._session.store, self._session.officer_id
        try:
            self._session.write(lambda: store.master.set_active(item, active, by))
        except StoreError as exc:
            warn(self, "Data Master", describe(exc))
