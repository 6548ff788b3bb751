"""Start-up sequence of the window: QApplication, open the store, first run, officer on
duty, then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app.store import Store, StoreError
from ui.common.dialogs import message_box
from ui.common.errors import describe
from ui.main_window import MainWindow
from ui.session import Session


def start(path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Piket")
    app.setOrganizationName("Piket")
    try:
        store = Store(path)
    except StoreError as exc:
        message_box(None, QMessageBox.Icon.Critical, "Piket tidak dapat dibuka",
                    f"{describe(exc)}\n\nBerkas: {path}", QMessageBox.StandardButton.Ok).exec()
        return 1
    session = Session(store)
    window = MainWindow(session)
    window.show()
    code = app.exec()
    store.close()
    return int(code)
