"""Window sizes that stay on the screen: an office PC may have a 1024x768 monitor."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = (40, 60)  # room left for the window frame and the taskbar


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to `width` x `height`, or to the screen's free area when smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - MARGIN[0])
        height = min(height, area.height() - MARGIN[1])
    window.resize(width, height)
