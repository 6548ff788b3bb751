"""The main window: a navigation list on the left, one page at a time on the right, and a
status bar with the store file and the officer on duty. Pages are plugged in from PAGES;
each page is a QWidget built as Page(session, parent) that reloads itself on
Session.changed. A page may declare `navigate = Signal(str)` to ask for another page by its
navigation label. Everything else (choosing the officer, first run) lives in its own module."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Officer
from ui.meetings.overdue_badge import OverdueBadge
from ui.session import Session

# (navigation label, "module:Class"); a page not built yet shows "belum tersedia".
PAGES: tuple[tuple[str, str], ...] = (  # type: ignore[assignment]  # (NOOP returns str)
    (QT_TRANSLATE_NOOP("MainWindow", "Beranda"), "ui.home.page:HomePage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Kunjungan & Laporan"), "ui.visits.page:VisitsPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Patroli"), "ui.patrols.page:PatrolsPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Pertemuan Warga"), "ui.meetings.page:MeetingsPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Tindak Lanjut"), "ui.meetings.followups:FollowUpsPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Rekap Mingguan"), "ui.weekly.page:WeeklyPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Data Master"), "ui.master.page:MasterPage"),
    (QT_TRANSLATE_NOOP("MainWindow", "Pengaturan"), "ui.settings.page:SettingsPage"),
)
START_PAGE = "Kunjungan & Laporan"


class MainWindow(QMainWindow):
    def __init__(self, session: Session, settings: QSettings | None = None) -> None:
        super().__init__()
        self._session = session
        self._settings = settings or QSettings("Piket", "Piket")
        self._nav = QListWidget()
        self._stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.store_label = QLabel()
        self.officer_label = QLabel()
        self.change_officer_action = QAction(self.tr("&Ganti petugas\u2026"), self)
        self._pages: dict[str, QWidget] = {}
        self._holders: list[QWidget] = []
        self._build()
        self._connect()
        self._refresh_title()
        self._restore_geometry()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        # overdue follow-ups stay in sight whatever page is open
        self.overdue_badge = OverdueBadge(self._session, self)
        self.overdue_badge.clicked.connect(lambda: self.show_page("Tindak Lanjut"))
        self._nav.setObjectName("navigation")
        self._nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; }"
                                "QListWidget#navigation::item { padding: 7px 10px; }")
        for index, (label, _target) in enumerate(PAGES):
            text = QCoreApplication.translate("MainWindow", label)
            item = QListWidgetItem(text)
            item.setToolTip(f"Alt+{index + 1}")
            self._nav.addItem(item)
            # pages are built when first shown: a start builds one page, not eight
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self._holders.append(holder)
            self._stack.addWidget(holder)
            action = QAction(text, self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.show_row(i))
            self.addAction(action)
        # wide enough for the longest label ("Kunjungan & Laporan") at the nav's font
        self._nav.setMinimumWidth(self._nav.sizeHintForColumn(0) + 2 * self._nav.frameWidth() + 4)
        self.splitter.addWidget(self._nav)
        self.splitter.addWidget(self._stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self._nav.minimumWidth(), 1000])
        self.setCentralWidget(self.splitter)
        self.change_officer_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.addAction(self.change_officer_action)
        change = QPushButton(self.tr("Ganti petugas (Ctrl+Shift+O)"))
        change.setFlat(True)
        change.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        change.clicked.connect(self.change_officer_action.trigger)
        self.store_label.setText(self.tr("Basis data: %1").replace("%1", str(self._session.store.path)))
        self.store_label.setToolTip(str(self._session.store.path))
        status = self.statusBar()
        status.addWidget(self.store_label, 1)
        status.addPermanentWidget(self.overdue_badge)
        status.addPermanentWidget(self.officer_label)
        status.addPermanentWidget(change)
        self._nav.setCurrentRow([label for label, _ in PAGES].index(START_PAGE))
        self.page(START_PAGE)
        self._stack.setCurrentIndex(self._nav.currentRow())  # _connect() runs later

    def _connect(self) -> None:
        self._nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self._session.officer_changed.connect(self._refresh_title)
        self._session.changed.connect(self._on_session_changed)
        self.change_officer_action.triggered.connect(self._on_change_officer_triggered)

    # ------------------------------------------------------------------ handlers
    def _on_nav_current_row_changed(self, row: int) -> None:
        self.page(PAGES[row][0])
        self._stack.setCurrentIndex(row)

    def _on_session_changed(self, kinds: object) -> None:
        if isinstance(kinds, frozenset) and kinds & {"settings", "officer", "master"}:
            self._refresh_title()

    def _on_change_officer_triggered(self) -> None:
        from ui.officer_picker import choose_officer

        choose_officer(self._session, self._settings, self)

    def _refresh_title(self) -> None:
        profile = self._session.store.profile()
        self.setWindowTitle(f"Piket \u2014 SPKT POLSEK {profile.name}")
        officer = None
        if self._session.officer_id is not None:
            officer = self._session.store.master.get(Officer, self._session.officer_id)
        self.officer_label.setText(
            self.tr("Petugas piket: %1").replace("%1", officer.display) if officer
            else self.tr("Petugas piket: (belum dipilih)"))

    # ------------------------------------------------------------------ pages
    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent status-bar widget from elsewhere (e.g. the time of the last backup)."""
        # after the store path (the only normal widget), before the officer on duty
        self.statusBar().insertPermanentWidget(1, widget)

    def page(self, label: str) -> QWidget:
        """The page named `label`, built on first use."""
        page = self._pages.get(label)
        if page is None:
            index = [p[0] for p in PAGES].index(label)
            holder = self._holders[index]
            # built with the window as parent (pages may navigate through it), then placed
            page = load_page(PAGES[index][1], self._session, self)
            holder_layout = holder.layout()
            assert holder_layout is not None
            holder_layout.addWidget(page)
            holder.setFocusProxy(page)
            self._pages[label] = page
            navigate = getattr(page, "navigate", None)
            if navigate is not None and hasattr(navigate, "connect"):
                navigate.connect(self.show_page)
        return page

    def current_page(self) -> QWidget:
        return self.page(PAGES[self._stack.currentIndex()][0])

    def show_row(self, row: int) -> None:
        """Show a page and put the keyboard focus in it (Alt+1..8)."""
        self._nav.setCurrentRow(row)
        page = self.current_page()
        target = page.focusProxy() or next(
            (w for w in page.findChildren(QWidget)
             if w.isVisibleTo(page) and w.isEnabled()
             and w.focusPolicy() & Qt.FocusPolicy.TabFocus), None)
        (target or self._nav).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_page(self, label: str) -> QWidget:
        self.show_row([p[0] for p in PAGES].index(label))
        return self._pages[label]

    # ------------------------------------------------------------------ geometry
    def _restore_geometry(self) -> None:
        geometry = self._settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            free = screen.availableGeometry() if screen else None
            self.resize(1280, 760)
            if free is not None and (free.width() < 1500 or free.height() < 860):
                # a 1366x768 or 1024x768 office screen: use all of it (the window needs
                # about 980 px: tests/test_ui_narrow.py)
                self.setWindowState(Qt.WindowState.WindowMaximized)
        splitter = self._settings.value("main/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        for page in self._pages.values():  # a weekly PDF being written is finished first
            wait = getattr(page, "wait_for_jobs", None)
            if callable(wait):
                wait()
        self._settings.setValue("main/geometry", self.saveGeometry())
        self._settings.setValue("main/splitter", self.splitter.saveState())
        super().closeEvent(event)


def load_page(target: str, session: Session, parent: QWidget, *,
              missing_text: str = "") -> QWidget:
    """Build `module:Class` as Class(session, parent); a module not written yet gives a
    placeholder that says so."""
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return placeholder_page(missing_text)
        raise
    page: QWidget = getattr(module, class_name)(session, parent)
    return page


def placeholder_page(text: str = "") -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    label = QLabel(text or QCoreApplication.translate("MainWindow", "Halaman ini belum tersedia."))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(label)
    return page
