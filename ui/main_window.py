"""The main window: a navigation list on the left, one page at a time on the right, and a
status bar with the store file and the officer on duty. The pages are listed in ui/pages.py
(each a QWidget that reloads itself on Session.changed), built when first shown, and asked
for by their `Page`. Everything else (signing in, the idle lock, first run) lives in its
own module (ui/signin/). Pages and menu actions the signed-in role may not use are hidden
(ui/roles.py), again whenever the officer changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
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

from app.domain.changes import ChangeKind, Changes
from app.domain.models import Officer
from app.security.permissions import ROLE_LABELS
from ui.meetings.overdue_badge import OverdueBadge
from ui.pages import PAGES, START_PAGE, Page, row_of
from ui.register.overdue_badge import Sp2hpBadge
from ui.roles import may, on_role_change
from ui.session import Session
from ui.signin.lock import SessionGuard

TITLE_KINDS: Changes = frozenset({ChangeKind.SETTINGS, ChangeKind.OFFICER, ChangeKind.MASTER})


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
        self.lock_action = QAction(self.tr("&Kunci layar sekarang"), self)
        self.check_document_action = QAction(self.tr("&Cek keaslian dokumen\u2026"), self)
        self.change_password_action = QAction(self.tr("Ganti &kata sandi\u2026"), self)
        self._page_actions: list[QAction] = []
        self._pages: dict[Page, QWidget] = {}
        self._holders: list[QWidget] = []
        self._on_close: list[Callable[[], object]] = []
        self._build()
        # the idle lock and "Ganti petugas" (a store opened unrestricted, in tests, never locks)
        self.guard = SessionGuard(session, self)
        for action in (self.change_officer_action, self.lock_action):
            action.setEnabled(self.guard.enabled)
        self._connect()
        self._refresh_title()
        self._restore_geometry()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        # overdue follow-ups stay in sight whatever page is open
        self.overdue_badge = OverdueBadge(self._session, self)
        self.overdue_badge.clicked.connect(lambda: self.show_page(Page.FOLLOW_UPS))
        # and so do late SP2HPs: the register opens filtered to them
        self.sp2hp_badge = Sp2hpBadge(self._session, self)
        self.sp2hp_badge.clicked.connect(self._on_sp2hp_badge_clicked)
        self._nav.setObjectName("navigation")
        self._nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; }"
                                "QListWidget#navigation::item { padding: 7px 10px; }")
        for index, entry in enumerate(PAGES):
            text = QCoreApplication.translate("MainWindow", entry.label)
            item = QListWidgetItem(text)
            # Alt+1..9, then Alt+0: the first ten pages (the last ones are an admin's)
            shortcut = f"Alt+{(index + 1) % 10}" if index < 10 else ""
            item.setToolTip(shortcut)
            self._nav.addItem(item)
            # pages are built when first shown: a start builds one page, not eight
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self._holders.append(holder)
            self._stack.addWidget(holder)
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _=False, i=index: self.show_row(i))
            self.addAction(action)
            self._page_actions.append(action)
        # wide enough for the longest label ("Kunjungan & Laporan") at the nav's font
        self._nav.setMinimumWidth(self._nav.sizeHintForColumn(0) + 2 * self._nav.frameWidth() + 4)
        self.splitter.addWidget(self._nav)
        self.splitter.addWidget(self._stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([self._nav.minimumWidth(), 1000])
        self.setCentralWidget(self.splitter)
        self.change_officer_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.addAction(self.change_officer_action)
        self.lock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.addAction(self.lock_action)
        duty = self.menuBar().addMenu(self.tr("Petugas"))
        duty.addAction(self.change_officer_action)
        duty.addAction(self.lock_action)
        # the menu's title has no mnemonic: Alt+letter belongs to the fields of the pages
        documents = self.menuBar().addMenu(self.tr("Dokumen"))
        self.check_document_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        documents.addAction(self.check_document_action)
        self._account_menu = self.menuBar().addMenu(self.tr("Akun"))
        self._account_menu.addAction(self.change_password_action)
        change = QPushButton(self.tr("Ganti petugas (Ctrl+Shift+O)"))
        change.setFlat(True)
        change.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        change.clicked.connect(self.change_officer_action.trigger)
        self.store_label.setText(self.tr("Basis data: %1").replace("%1", str(self._session.store.path)))
        self.store_label.setToolTip(str(self._session.store.path))
        status = self.statusBar()
        status.addWidget(self.store_label, 1)
        status.addPermanentWidget(self.overdue_badge)
        status.addPermanentWidget(self.sp2hp_badge)
        status.addPermanentWidget(self.officer_label)
        status.addPermanentWidget(change)
        self._nav.setCurrentRow(row_of(START_PAGE))
        self.page(START_PAGE)
        self._stack.setCurrentIndex(self._nav.currentRow())  # _connect() runs later
        on_role_change(self._session, self, self._apply_role)

    def _connect(self) -> None:
        self._nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self._session.officer_changed.connect(self._refresh_title)
        self._session.changed.connect(self._on_session_changed)
        self.change_officer_action.triggered.connect(self._on_change_officer_triggered)
        self.lock_action.triggered.connect(self._on_lock_action_triggered)
        self.check_document_action.triggered.connect(self._on_check_document_triggered)
        self.change_password_action.triggered.connect(self._on_change_password_triggered)

    # ------------------------------------------------------------------ handlers
    def _on_nav_current_row_changed(self, row: int) -> None:
        self.page(PAGES[row].page)
        self._stack.setCurrentIndex(row)

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & TITLE_KINDS:
            self._refresh_title()

    def _on_change_officer_triggered(self) -> None:
        self.guard.sign_out_now()

    def _on_lock_action_triggered(self) -> None:
        self.guard.lock_now()

    def _on_check_document_triggered(self) -> None:
        self.check_document()

    def _on_change_password_triggered(self) -> None:
        self.change_password()

    def change_password(self) -> QDialog:
        """"Ganti kata sandi": the signed-in officer's own password (every role)."""
        from ui.accounts.own_password import ChangePasswordDialog

        dialog = ChangePasswordDialog(self._session, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(
            self.tr("Kata sandi sudah diganti."), 8000))
        dialog.open()
        return dialog

    def _apply_role(self) -> None:
        """Show the pages and actions the signed-in role may use; leave a page it may not."""
        for row, entry in enumerate(PAGES):
            allowed = may(self._session, entry.action)
            self._nav.setRowHidden(row, not allowed)
            self._page_actions[row].setEnabled(allowed)
        # accounts exist only in an encrypted store: without one there is no password
        self.change_password_action.setVisible(self._session.store.encrypted)
        self._account_menu.menuAction().setVisible(self._session.store.encrypted)
        if self._nav.isRowHidden(self._nav.currentRow()):
            self._nav.setCurrentRow(row_of(START_PAGE))

    def check_document(self) -> QDialog:
        """The "Cek keaslian dokumen" dialog (modeless: a stack of papers is checked one
        after another while the window stays usable)."""
        from ui.common.dialogs import delete_when_finished
        from ui.documents.check_dialog import CheckDocumentDialog

        dialog = CheckDocumentDialog(self._session, self)
        delete_when_finished(dialog)
        dialog.show()
        return dialog

    def _refresh_title(self) -> None:
        store = self._session.store
        title = f"Piket \u2014 SPKT POLSEK {store.profile().name}"
        officer = None
        if self._session.officer_id is not None:
            officer = store.master.get(Officer, self._session.officer_id)
        access = store.access
        who = officer.display if officer else ""
        if access.role is not None:  # signed in: name, rank and role
            role = ROLE_LABELS[access.role]
            who = f"{who} ({role})" if who else f"{role} (kunci pemulihan)"
        if not access.signed_in:
            self.officer_label.setText(self.tr("Petugas piket: (terkunci)"))
        else:
            self.officer_label.setText(
                self.tr("Petugas piket: %1").replace("%1", who) if who
                else self.tr("Petugas piket: (belum dipilih)"))
            if who:
                title += f" \u2014 {who}"
        self.setWindowTitle(title)

    # ------------------------------------------------------------------ pages
    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent status-bar widget from elsewhere (e.g. the time of the last backup)."""
        # after the store path (the only normal widget), before the officer on duty
        self.statusBar().insertPermanentWidget(1, widget)

    def finish_on_close(self, wait: Callable[[], object]) -> None:
        """Have `wait` run when the window closes (a page's work in a thread, say)."""
        self._on_close.append(wait)

    def page(self, page: Page) -> QWidget:
        """The page, built on first use."""
        widget = self._pages.get(page)
        if widget is None:
            row = row_of(page)
            holder = self._holders[row]
            # built with the window as parent (its builder wires what it needs of the window)
            widget = PAGES[row].build(self._session, self)
            holder_layout = holder.layout()
            assert holder_layout is not None
            holder_layout.addWidget(widget)
            holder.setFocusProxy(widget)
            self._pages[page] = widget
        return widget

    def current_page(self) -> QWidget:
        return self.page(PAGES[self._stack.currentIndex()].page)

    def show_row(self, row: int) -> None:
        """Show a page and put the keyboard focus in it (Alt+1..9, Alt+0)."""
        self._nav.setCurrentRow(row)
        page = self.current_page()
        target = page.focusProxy() or next(
            (w for w in page.findChildren(QWidget)
             if w.isVisibleTo(page) and w.isEnabled()
             and w.focusPolicy() & Qt.FocusPolicy.TabFocus), None)
        (target or self._nav).setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_sp2hp_badge_clicked(self) -> None:
        from ui.home.navigate import ListTarget, open_list

        open_list(self, ListTarget(Page.REGISTER, overdue_only=True))

    def show_page(self, page: Page) -> QWidget:
        self.show_row(row_of(page))
        return self._pages[page]

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
        for wait in self._on_close:
            wait()
        self._settings.setValue("main/geometry", self.saveGeometry())
        self._settings.setValue("main/splitter", self.splitter.saveState())
        super().closeEvent(event)

