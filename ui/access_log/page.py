"""Riwayat akses (pimpinan, admin): who opened a record, searched, printed, exported, backed
up, restored, signed in or failed to, and when; filtered by officer and period, older
entries read on scrolling down or with "Muat yang lebih lama" (the model pages the log)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.domain.models import Officer
from app.security.permissions import Action
from app.store import StoreError
from ui.access_log.model import COL_DETAIL, COL_NUMBER, PAGE_SIZE, AccessFilter, AccessLogModel
from ui.common.errors import describe
from ui.common.list_view import list_table, page_title
from ui.common.widgets import Banner
from ui.records.filters import FilterBar
from ui.roles import may, on_role_change
from ui.session import Session

NUMBER_WIDTH = 200


class AccessLogPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._session = session
        self._shown_once = False
        self.model = AccessLogModel(session, self, page_size=page_size)
        self.filters = FilterBar(session, "")
        self.officer = QComboBox()
        self.officer.setToolTip("Petugas")
        self.table = QTableView()
        self.banner = Banner()
        self.older_button = QPushButton("Muat yang &lebih lama")
        self.refresh_button = QPushButton("Muat &ulang")
        self.count_label = QLabel()
        self._build()
        self._connect()
        on_role_change(session, self, self._on_role_changed)  # loads now and for each officer

    def _build(self) -> None:
        title = page_title("Riwayat Akses")
        intro = QLabel("Siapa membuka catatan, mencari data orang, mencetak, mengekspor, "
                       "membuat atau memulihkan cadangan, dan masuk ke Piket (UU 27/2022 "
                       "tentang Pelindungan Data Pribadi).")
        intro.setWordWrap(True)
        self.filters.add(self.officer)
        self.filters.finish()
        self.filters.search.hide()  # the log is filtered by officer and period only
        self.filters.period.setCurrentIndex(0)  # 30 hari terakhir
        self.table.setModel(self.model)
        list_table(self.table, COL_DETAIL).setWordWrap(False)
        header = self.table.horizontalHeader()
        # an LP number is 90 characters long: its start says enough (the tooltip says all)
        header.setSectionResizeMode(COL_NUMBER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_NUMBER, NUMBER_WIDTH)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.older_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

    def _connect(self) -> None:
        self._session.changed.connect(self._on_session_changed)
        self.filters.changed.connect(self._on_filter_changed)
        self.older_button.clicked.connect(self._on_older_button_clicked)
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.model.rowsInserted.connect(self._on_model_rows_inserted)

    # ------------------------------------------------------------------ loading
    def _load_officers(self) -> None:
        current = self.officer.currentData()
        self.officer.blockSignals(True)
        self.officer.clear()
        self.officer.addItem("Semua petugas", None)
        for officer in self._session.store.master.list(Officer):
            self.officer.addItem(f"{officer.display} ({officer.nrp})", officer.id)
        self.officer.setCurrentIndex(max(0, self.officer.findData(current)))
        self.officer.blockSignals(False)

    def current_filter(self) -> AccessFilter:
        start, end = self.filters.bounds()
        return AccessFilter(self.officer.currentData(), start, end)

    def reload(self) -> None:
        if not may(self._session, Action.ACCESS_LOG):
            self.model.clear()  # another officer signed in: nothing to show them
            self._refresh_count()
            return
        try:
            self.model.set_filter(self.current_filter())
        except StoreError as exc:
            self.banner.show_message(describe(exc))
            return
        self.banner.clear_message()
        self._refresh_count()

    def older(self) -> int:
        """Read the next page of older entries; how many rows were added."""
        before = self.model.rowCount()
        try:
            self.model.fetchMore()
        except StoreError as exc:
            self.banner.show_message(describe(exc))
        return self.model.rowCount() - before

    def _refresh_count(self) -> None:
        rows = self.model.rowCount()
        more = self.model.has_more()
        self.older_button.setEnabled(more)
        self.count_label.setText(f"{rows} entri ditampilkan" + (" (ada yang lebih lama)"
                                                                 if more else ""))

    # ------------------------------------------------------------------ handlers
    def _on_role_changed(self) -> None:
        self._load_officers()
        self.reload()

    def _on_session_changed(self, kinds: Changes) -> None:
        if ChangeKind.OFFICER in kinds:
            self._load_officers()

    def _on_filter_changed(self, *_args: object) -> None:
        self.reload()

    def _on_older_button_clicked(self) -> None:
        self.older()

    def _on_refresh_button_clicked(self) -> None:
        self.reload()

    def _on_model_rows_inserted(self, *_args: object) -> None:
        self._refresh_count()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        """Shown again: read again (what it lists changes without an announcement: sign-ins,
        lockouts, searches, records opened)."""
        if self._shown_once:
            self.reload()
        self._shown_once = True
        super().showEvent(event)
