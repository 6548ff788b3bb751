"""The idle lock and "Ganti petugas": a screen over the whole main window that asks for a
password. Open forms are hidden while it is up, never closed: the same officer unlocks and
finds them as they were; another officer signs in and the first one's forms are kept as
THEIR drafts (ui/records/drafts.py) and closed. A question open at the moment of the lock
(an application-modal dialog) is answered "Batal", which in Piket always means "back to the
form": nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.domain.models import Officer
from app.store import IDLE_LOCK_MINUTES, lock, sign_out, switch_officer
from ui.records.drafts import DraftKeeper
from ui.session import Session
from ui.signin.fields import SignInForm

# what counts as someone at the desk (a key, the mouse, the wheel, a touch)
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride})
SETTINGS_KINDS: Changes = frozenset({ChangeKind.SETTINGS})
MAX_QUESTIONS = 5  # modal questions answered "Batal" at a lock before giving up for now


class LockScreen(QFrame):
    """Covers the whole main window (its child, kept at its size): who is locked out and
    the password; "Petugas lain" lets another officer sign in instead."""

    other_officer = Signal()

    def __init__(self, window: QMainWindow, form: SignInForm) -> None:
        super().__init__(window)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("QFrame#lockScreen { background: #2b3a4a; }"
                           "QFrame#lockPanel { background: palette(window); border-radius: 8px; }")
        self.form = form
        self.title = QLabel()
        self.who = QLabel()
        self.other_button = QPushButton("Petugas &lain")
        self._build()
        self.other_button.clicked.connect(self.other_officer)
        window.installEventFilter(self)
        self.hide()

    def _build(self) -> None:
        panel = QFrame(self)
        panel.setObjectName("lockPanel")
        panel.setFixedWidth(520)
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.who.setWordWrap(True)
        column = QVBoxLayout(panel)
        column.setContentsMargins(24, 20, 24, 20)
        column.addWidget(self.title)
        column.addWidget(self.who)
        column.addWidget(self.form)
        column.addWidget(self.other_button, 0, Qt.AlignmentFlag.AlignLeft)
        # centred by stretches, not by an alignment flag: an aligned widget gets its plain
        # size hint, too short for the wrapped text above the fields, which were squeezed flat
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_locked(self, officer: Officer | None, nrp: str) -> None:
        self.title.setText("Piket terkunci")
        who = officer.display if officer else nrp
        self.who.setText(f"Dikunci karena tidak ada kegiatan. Petugas: <b>{who}</b> (NRP {nrp}). "
                         "Masukkan kata sandi untuk membuka; isian formulir tetap ada.")
        self.form.set_nrp(nrp, fixed=True)
        self.form.button.setText("&Buka")
        self.other_button.show()
        self._cover()

    def show_signed_out(self, nrp: str = "") -> None:
        self.title.setText("Masuk ke Piket")
        self.who.setText("Petugas sebelumnya sudah keluar. Masukkan NRP dan kata sandi petugas "
                         "yang bertugas sekarang.")
        self.form.set_nrp(nrp)
        self.form.button.setText("&Masuk")
        self.other_button.hide()
        self._cover()

    def _cover(self) -> None:
        self.form.clear()
        window = self.parentWidget()
        assert window is not None
        self.setGeometry(window.rect())
        self.show()
        self.raise_()
        self.form.focus_first()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Resize and not self.isHidden():
            window = self.parentWidget()
            if window is not None and watched is window:
                self.setGeometry(window.rect())
        return super().eventFilter(watched, event)


class SessionGuard(QObject):
    """Locks the window after the idle minutes of the settings; signs out on "Ganti
    petugas"; lets the same or another officer in again."""

    def __init__(self, session: Session, window: QMainWindow) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.form = SignInForm(self._attempt, button_text="&Buka")
        self.screen = LockScreen(window, self.form)
        self.locked_officer: int | None = None  # who was signed in when the screen came up
        self.locked_nrp = ""
        self._hidden: list[QWidget] = []
        self._disabled: list[QWidget | QAction] = []
        self._names: dict[int | None, Officer] = {}
        self._connect()
        self._apply_settings()

    def _connect(self) -> None:
        self.idle_timer.timeout.connect(self._on_idle_timer_timeout)
        self.screen.other_officer.connect(self._on_screen_other_officer)
        self._session.changed.connect(self._on_session_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def enabled(self) -> bool:
        """Only a store someone signed in to locks (not one opened unrestricted in tests)."""
        return self._session.store.encrypted

    @property
    def is_locked(self) -> bool:
        return not self.screen.isHidden()  # (a hidden or minimised window is still locked)

    def _apply_settings(self) -> None:
        minutes = self._session.store.settings.app_settings().idle_lock_minutes
        low, high = IDLE_LOCK_MINUTES
        self.idle_timer.setInterval(max(low, min(high, int(minutes))) * 60_000)
        if self.enabled and not self.is_locked:
            self.idle_timer.start()

    # ------------------------------------------------------------------ handlers
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() in INPUT_EVENTS and self.idle_timer.isActive():
            self.idle_timer.start()  # someone is at the desk: start counting again
        return False

    def _on_idle_timer_timeout(self) -> None:
        if not self.lock_now():
            self.idle_timer.start()  # a question would not close: try again later

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & SETTINGS_KINDS and self._session.store.access.signed_in:
            self._apply_settings()

    def _on_screen_other_officer(self) -> None:
        self.form.set_nrp("")
        self.form.button.setText("&Masuk")
        self.screen.who.setText(
            f"Petugas lain masuk: isian formulir yang terbuka disimpan sebagai draf milik "
            f"NRP {self.locked_nrp} dan ditutup.")

    # ------------------------------------------------------------------ lock and sign-out
    def lock_now(self) -> bool:
        """The idle lock (also for tests): False when a question would not close."""
        store = self._session.store
        if self.is_locked or not store.access.signed_in:
            return True
        if not self._answer_questions():
            return False
        self._hide_windows()
        self.locked_officer, self.locked_nrp = store.access.officer_id, store.access.nrp
        lock(store)
        self._session.access_changed()
        self._cover()
        self.screen.show_locked(self._officer(self.locked_officer), self.locked_nrp)
        return True

    def sign_out_now(self) -> bool:
        """"Ganti petugas": the open forms are kept as drafts of the officer and closed,
        the officer signs out, and the screen asks who signs in next."""
        store = self._session.store
        if self.is_locked or not self._answer_questions():
            return False
        self._hide_windows()
        self._close_hidden_as_drafts()
        self.locked_officer, self.locked_nrp = None, ""
        sign_out(store)
        self._session.access_changed()
        self._cover()
        self.screen.show_signed_out()
        return True

    def _officer(self, officer_id: int | None) -> Officer | None:
        """The locked store reads nothing: the name comes from the roster read just before
        the lock (see _hide_windows)."""
        return self._names.get(officer_id) if officer_id is not None else None

    # ------------------------------------------------------------------ signing in again
    def _attempt(self, nrp: str, password: str) -> None:
        store = self._session.store
        same = self.locked_officer is not None and nrp == self.locked_nrp
        account = switch_officer(store, nrp, password, event="unlock" if same else "sign_in")
        if account.officer_id == self.locked_officer:
            self._show_hidden()
        else:
            self._close_hidden_as_drafts()
        self._uncover()
        self._session.access_changed()
        if not same:
            self._offer_drafts()

    def _offer_drafts(self) -> None:
        from ui.records.drafts import offer_drafts

        window = self._window
        QTimer.singleShot(0, lambda: offer_drafts(self._session, window))

    # ------------------------------------------------------------------ the windows
    def _answer_questions(self) -> bool:
        """Answer "Batal" to every application-modal question (back to the form)."""
        for _ in range(MAX_QUESTIONS):
            modal = QApplication.activeModalWidget()
            if modal is None:
                return True
            if not isinstance(modal, QDialog):
                return False
            modal.reject()
        return QApplication.activeModalWidget() is None

    def _hide_windows(self) -> None:
        """Save every open form as a draft of the officer (still signed in), stop its
        drafts and hide it; hide every other window but the main one."""
        store = self._session.store
        self._names = {o.id: o for o in store.master.list(Officer)}
        for widget in QApplication.topLevelWidgets():
            if widget is self._window or not widget.isVisible() or not widget.isWindow():
                continue
            if widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                widget.close()
                continue
            for keeper in widget.findChildren(DraftKeeper):
                keeper.flush()
                keeper.stop()
            widget.hide()
            self._hidden.append(widget)

    def _show_hidden(self) -> None:
        for widget in self._hidden:
            widget.show()
            for keeper in widget.findChildren(DraftKeeper):
                keeper.start()
        self._hidden.clear()

    def _close_hidden_as_drafts(self) -> None:
        """The hidden forms close without a question: their drafts (saved when they were
        hidden) stay for their officer, who is offered them at their next sign-in."""
        for widget in self._hidden:
            keepers = widget.findChildren(DraftKeeper)
            for keeper in keepers:
                keeper.stop()
            if isinstance(widget, QDialog):
                widget.done(QDialog.DialogCode.Rejected)
            else:
                widget.close()
        self._hidden.clear()

    def _cover(self) -> None:
        self.idle_timer.stop()
        self._disabled = [w for w in (self._window.centralWidget(), self._window.menuBar(),
                                      self._window.statusBar()) if w is not None and w.isEnabled()]
        self._disabled += [a for a in self._window.actions() if a.isEnabled()]
        for item in self._disabled:
            item.setEnabled(False)

    def _uncover(self) -> None:
        for item in self._disabled:
            item.setEnabled(True)
        self._disabled.clear()
        self.screen.hide()
        self.locked_officer, self.locked_nrp = None, ""
        self._apply_settings()

