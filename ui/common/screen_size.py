"""Window sizes that stay on the screen: an office PC may have a 1024x768 monitor.

The screen is found with QGuiApplication's static functions, never `QWidget.screen()`:
PySide makes the QScreen wrapper that an instance method returns a child of the widget's
wrapper. That one wrapper passes from form to form, so it is older than the form holding it,
and when the garbage collector frees closed forms (reference cycles), shiboken's tp_clear
clears the screen's wrapper first and hands it ownership of the QScreen, which it deletes.
QGuiApplication still lists the deleted screen, and the next widget built anywhere crashes in
its constructor (QWidgetPrivate::init, looking up its screen): the segmentation fault of
docs/RELIABILITY.md, "Test runs"."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

MARGIN = (40, 60)  # room left for the window frame and the taskbar


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen under the middle of `widget` (the primary one when it is off every
    screen), without tying the screen's wrapper to the widget (see above)."""
    middle = widget.mapToGlobal(widget.rect().center())
    return QGuiApplication.screenAt(middle) or QGuiApplication.primaryScreen()


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to `width` x `height`, or to the screen's free area when smaller."""
    screen = screen_of(window)
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - MARGIN[0])
        height = min(height, area.height() - MARGIN[1])
    window.resize(width, height)
