"""The main window: a navigation list on the left, one page at a time on the right, and a
status bar with the store file and the officer on duty. Pages are plugged in from PAGES;
each page is a QWidget built as Page(session, parent) that reloads itself on
Session.changed."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel, QListWidget, QListWidgetItem, QMainWindow, QSplitter, QStackedWidget, QVBoxLayout,
    QWidget,
)

from ui.session import Session

# (navigation label, "module:Class"); a page not built yet shows "belum tersedia".
PAGES: tuple[tuple[str, str], ...] = (
    ("Beranda", "ui.home.page:HomePage"),
    ("Kunjungan & Laporan", "ui.visits.page:VisitsPage"),
    ("Patroli", "ui.patrols.page:PatrolsPage"),
    ("Pertemuan Warga", "ui.meetings.page:MeetingsPage"),
    ("Tindak Lanjut", "ui.meetings.followups:FollowUpsPage"),
    ("Rekap Mingguan", "ui.weekly.page:WeeklyPage"),
    ("Data Master", "ui.master.page:MasterPage"),
    ("Pengaturan", "ui.settings.page:SettingsPage"),
)


class MainWindow(QMainWindow):
    def __init__(self, session: Session, settings: QSettings | None = None) -> None:
        super().__init__()
        self._session = session
        self._settings = settings or QSettings("Piket", "Piket")
        self._nav = QListWidget()
        self._stack = QStackedWidget()
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._officer_label = QLabel()
        self._pages: dict[str, QWidget] = {}
        self._build()
        self._connect()
        self._refresh_title()
        self._restore_geometry()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self._nav.setObjectName("navigation")
        self._nav.setMinimumWidth(170)
        for label, target in PAGES:
            self._nav.addItem(QListWidgetItem(label))
            page = load_page(target, self._session, self)
            self._pages[label] = page
            self._stack.addWidget(page)
        self._splitter.addWidget(self._nav)
        self._splitter.addWidget(self._stack)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setSizes([190, 1000])
        self.setCentralWidget(self._splitter)
        status = self.statusBar()
        status.addWidget(QLabel(f"Basis data: {self._session.store.path}"))
        status.addPermanentWidget(self._officer_label)
        self._nav.setCurrentRow(1 if self._pages else 0)
        for index, (label, _) in enumerate(PAGES):
            action = QAction(label, self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self._nav.setCurrentRow(i))
            self.addAction(action)

    def _connect(self) -> None:
        self._nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self._session.officer_changed.connect(self._refresh_title)
        self._session.changed.connect(self._on_session_changed)

    # ------------------------------------------------------------------ handlers
    def _on_nav_current_row_changed(self, row: int) -> None:
        self._stack.setCurrentIndex(row)

    def _on_session_changed(self, kinds: object) -> None:
        if isinstance(kinds, frozenset) and ("settings" in kinds or "officer" in kinds):
            self._refresh_title()

    def _refresh_title(self) -> None:
        profile = self._session.store.profile()
        self.setWindowTitle(f"Piket — SPKT POLSEK {profile.name}")
        officer = None
        if self._session.officer_id is not None:
            from app.domain.models import Officer

            officer = self._session.store.master.get(Officer, self._session.officer_id)
        self._officer_label.setText(
            f"Petugas piket: {officer.display}" if officer else "Petugas piket: (belum dipilih)")

    def page(self, label: str) -> QWidget:
        return self._pages[label]

    def show_page(self, label: str) -> QWidget:
        index = [p[0] for p in PAGES].index(label)
        self._nav.setCurrentRow(index)
        return self._pages[label]

    # ------------------------------------------------------------------ geometry
    def _restore_geometry(self) -> None:
        geometry = self._settings.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        splitter = self._settings.value("main/splitter")
        if isinstance(splitter, QByteArray):
            self._splitter.restoreState(splitter)

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt naming)
        self._settings.setValue("main/geometry", self.saveGeometry())
        self._settings.setValue("main/splitter", self._splitter.saveState())
        super().closeEvent(event)  # type: ignore[arg-type]


def load_page(target: str, session: Session, parent: QWidget) -> QWidget:
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return placeholder_page()
        raise
    page: QWidget = getattr(module, class_name)(session, parent)
    return page


def placeholder_page() -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel("Halaman ini belum tersedia.")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(label)
    return page
