"""Objects Qt owns stay Qt's when the collector frees a window.

PySide ties the wrapper of an object an instance method returns (`widget.screen()`,
`layout.itemAt(i)`, `chart.legend()`) to the wrapper it was asked of. When a closed form
is freed by the garbage collector (a reference cycle), shiboken may clear the returned
object's wrapper first and hand it ownership: it then deletes the object under Qt. A deleted
QScreen stays in QGuiApplication's list and the next widget built anywhere crashed in its
constructor (the segmentation fault of docs/RELIABILITY.md, "Test runs"); a deleted layout
item is deleted again by its layout. ui/common/screen_size.py has the whole story."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import shiboken6
from PySide6.QtCharts import QLegend
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common.figures import BarChart
from ui.common.focus import focus_order
from ui.common.forms import FieldForm
from ui.common.screen_size import MARGIN, resize_within_screen, screen_of
from ui.gc_guard import collect_all

UI = Path(__file__).resolve().parent.parent / "ui"


def held(wrapper: object, kind: type) -> list[object]:
    """The live wrappers of `kind` that `wrapper` keeps (as its children, for shiboken)."""
    return [o for o in gc.get_referents(wrapper) if isinstance(o, kind) and shiboken6.isValid(o)]


def test_a_window_is_sized_within_the_screen(qapp: QApplication) -> None:
    screen = QGuiApplication.primaryScreen()
    window = QDialog()
    assert screen_of(window) is screen
    resize_within_screen(window, 5000, 300)
    area = screen.availableGeometry()
    assert (window.width(), window.height()) == (area.width() - MARGIN[0], 300)


def test_a_collected_window_leaves_the_screen_alive(qapp: QApplication) -> None:
    """As a closed form: sized to the screen, grown for its messages, then freed by the
    collector."""
    screen = QGuiApplication.primaryScreen()  # its wrapper is older than the window's
    window = QDialog()
    form = FieldForm(window)
    form.add_field("name", "Nama", QLineEdit())
    resize_within_screen(window, 700, 400)
    window.show()
    form.show_problems({"name": "Nama wajib diisi."})  # grows the dialog within the screen
    assert held(window, QScreen) == []
    window.close()
    window.cycle = window  # type: ignore[attr-defined]  # only the collector frees it
    del window, form
    collect_all()
    # held by the window's wrapper, the screen's was invalidated with it (or, cleared
    # first, given the QScreen to delete)
    assert shiboken6.isValid(screen) and not shiboken6.ownedByPython(screen)
    assert QGuiApplication.screens() == [screen]


def test_the_tab_order_leaves_the_layout_items_to_their_layouts(qapp: QApplication) -> None:
    window = QWidget()
    column = QVBoxLayout(window)
    first, second, third = QLineEdit(), QLineEdit(), QCheckBox("Selesai")
    second.setObjectName("named")  # (findChildren with a name of "" would miss it)
    row = QHBoxLayout()
    column.addWidget(first)
    column.addLayout(row)
    row.addWidget(second)
    row.addStretch(1)
    column.addStretch(1)
    column.addWidget(third)
    window.cycle = window  # type: ignore[attr-defined]  # only the collector frees it
    gc.collect(0)  # the window survives a young collection: the items' wrappers come later
    assert focus_order(window) == [first, second, third]
    items = [o for layout in (column, row) for o in held(layout, QLayoutItem)
             if not isinstance(o, QLayout)]
    assert items == []
    del window, column, row, first, second, third
    collect_all()


def test_a_chart_keeps_its_legend(qtbot) -> None:
    chart = BarChart("Kunjungan")
    qtbot.addWidget(chart)
    chart.cycle = chart  # type: ignore[attr-defined]
    gc.collect(0)
    chart.set_data(["Sen", "Sel"], [("Minggu ini", [3, 4]), ("Minggu lalu", [1, 2])])
    assert held(chart.chart(), QLegend) == []
    legend = chart.chart().legend()
    assert legend.isVisible()  # two series
    shiboken6.invalidate(legend)  # (as set_data does)


def test_the_window_asks_qt_objects_only_where_it_is_safe() -> None:
    """`widget.screen()` and `layout.itemAt()` hand out Qt's objects tied to the asker:
    screen_of and layout_members instead (ui/common/screen_size.py, ui/common/focus.py)."""
    calls = [f"{path.relative_to(UI.parent)}:{number}"
             for path in sorted(UI.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\.(screen|itemAt)\(", re.sub(r"`[^`]*`", "", line.split("#")[0]))]
    assert calls == []
