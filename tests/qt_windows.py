"""Forms a test left open, closed at its end while the store is still open. Forms delete
themselves once closed (ui.common.dialogs.delete_when_finished), so they are not handed to
qtbot.addWidget: pytest-qt would close a form the test already saved and closed."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog


def close_open_forms() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
