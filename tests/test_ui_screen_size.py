"""Sizing a window to the screen leaves the QScreen to Qt (ui/common/screen_size.py).

`QWidget.screen()` made the screen's wrapper a child of the widget's wrapper; a closed form
freed by the garbage collector could then take the QScreen with it, and the next widget built
anywhere crashed in its constructor (the segmentation fault of docs/RELIABILITY.md, "Test
runs", met in tests/test_ui_roles.py after the other window tests)."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import shiboken6
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from ui.common.forms import FieldForm
from ui.common.screen_size import MARGIN, resize_within_screen, screen_of

UI = Path(__file__).resolve().parent.parent / "ui"


def test_a_window_is_sized_within_the_screen(qapp: QApplication) -> None:
    screen = QGuiApplication.primaryScreen()
    window = QDialog()
    assert screen_of(window) is screen
    resize_within_screen(window, 5000, 300)
    area = screen.availableGeometry()
    assert (window.width(), window.height()) == (area.width() - MARGIN[0], 300)


def test_a_collected_window_leaves_the_screen_alive(qapp: QApplication) -> None:
    """As a closed form: freed by the collector (a reference cycle), after it was sized to
    the screen and grown for its messages."""
    screen = QGuiApplication.primaryScreen()  # its wrapper is older than the window's
    window = QDialog()
    form = FieldForm(window)
    form.add_field("name", "Nama", QLineEdit())
    resize_within_screen(window, 700, 400)
    window.show()
    form.show_problems({"name": "Nama wajib diisi."})  # grows the dialog within the screen
    assert not [o for o in gc.get_referents(window) if isinstance(o, QScreen)]
    window.close()
    window.cycle = window  # type: ignore[attr-defined]  # only the collector frees it
    del window, form
    gc.collect()
    # held by a widget's wrapper, the screen's was invalidated with it (or, cleared first,
    # given the QScreen to delete)
    assert shiboken6.isValid(screen) and not shiboken6.ownedByPython(screen)
    assert QGuiApplication.screens() == [screen]


def test_the_window_never_asks_a_widget_for_its_screen() -> None:
    """`widget.screen()` (or a QWindow's) ties the QScreen to the widget: screen_of instead."""
    calls = [f"{path.relative_to(UI.parent)}:{number}"
             for path in sorted(UI.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\.screen\(\)", re.sub(r"`[^`]*`", "", line.split("#")[0]))]
    assert calls == []
