"""A window session for tests/test_ui_window_stderr.py, run in its own process (so that
everything Qt, PySide and Python print on stderr is seen): every page shown, every form
opened, its rows and people added, its services switched, and closed; the window closed.
Usage: python tests/window_session.py STORE.db"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QMessageBox, QPushButton

from app.domain.models import Officer, StationProfile
from app.store import Store
from ui.main_window import MainWindow
from ui.pages import Page
from ui.session import Session


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def exercise(dialog: QDialog, app: QApplication) -> None:
    """What an officer does in a form before closing it: add rows and people ("+ Tambah
    terlapor", the buttons that open no dialog of their own), try every choice of its first
    combo (the service of a walk-in)."""
    for button in dialog.findChildren(QPushButton):
        if button.isVisible() and button.text().startswith("+"):
            button.click()
            settle(app)
    combos = [c for c in dialog.findChildren(QComboBox) if c.isVisible() and c.count() > 1]
    if combos:
        for index in range(combos[0].count()):
            combos[0].setCurrentIndex(index)
            settle(app)
        for button in dialog.findChildren(QPushButton):
            if button.isVisible() and button.text().startswith("+"):
                button.click()
                settle(app)


def answer_questions() -> None:
    """A question the session did not expect (its exec() would wait for ever): said on
    stdout, and answered "no" / closed."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            print("pertanyaan:", widget.windowTitle(), widget.text(), flush=True)
            no = widget.button(QMessageBox.StandardButton.No) or widget.button(
                QMessageBox.StandardButton.Discard)
            if no is not None:
                no.click()
            else:
                widget.reject()


def main(path: Path) -> int:
    app = QApplication([])
    watchdog = QTimer()
    watchdog.timeout.connect(answer_questions)
    watchdog.start(100)
    store = Store(path)
    store.settings.save_station_profile(StationProfile(), None)
    officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
    session = Session(store)
    session.set_officer(officer.id)
    window = MainWindow(session, QSettings(str(path) + ".ini", QSettings.Format.IniFormat))
    window.show()
    settle(app)
    for page in Page:
        shown = window.show_page(page)
        settle(app)
        for opener in ("new_visit", "new_record"):
            if hasattr(shown, opener):
                dialog = getattr(shown, opener)()
                settle(app)
                if isinstance(dialog, QDialog):
                    exercise(dialog, app)
                    if hasattr(dialog, "mark_clean"):
                        dialog.mark_clean()
                    dialog.reject()
                    settle(app)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
    settle(app)
    window.close()
    settle(app)
    store.close()
    print("sesi selesai", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
