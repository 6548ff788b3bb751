"""The window on a 1024-pixel screen: filters wrap instead of widening it, and list columns
give way so that names stay readable (ui/common/fit_columns)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QTableView

from app.domain.models import Category, Officer, StationProfile
from app.store import Store
from ui.common.fit_columns import fitted
from ui.main_window import MainWindow
from ui.meetings.followup_model import COL_ISSUE
from ui.pages import PAGES, Page
from ui.session import Session
from ui.visits.filters import PRESET_RANGE
from ui.visits.list_model import COL_REPORTER
from ui.visits.page import COLUMN_WIDTHS

WIDTHS = {0: (150, 100), 1: (100, 90)}


def test_fixed_columns_give_way_in_proportion_down_to_their_floors() -> None:
    assert fitted(WIDTHS, 600, 200) == {0: 150, 1: 100}  # room enough: as laid out
    narrower = fitted(WIDTHS, 420, 200)  # 30 short: 50 and 10 to give
    assert narrower == {0: 125, 1: 95} and sum(narrower.values()) + 200 == 420
    assert fitted(WIDTHS, 100, 200) == {0: 100, 1: 90}  # no less than the floors


@pytest.fixture
def session(qapp: QApplication, store: Store) -> Session:
    store.settings.save_station_profile(StationProfile(), None)
    officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
    store.master.save(Category("x_panjang", "Penganiayaan ringan terhadap anak di bawah umur "
                               "dan perempuan", "lain"), None)  # a long label in the combo
    session = Session(store)
    session.set_officer(officer.id)
    return session


@pytest.fixture
def window(session: Session, tmp_path: Path) -> Iterator[MainWindow]:
    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    window.setWindowState(Qt.WindowState.WindowNoState)  # not maximised on the small screen
    yield window
    window.close()  # waits for the weekly page's thread (shown: it computes the week)


def test_every_page_fits_a_1024_pixel_screen(qtbot, window: MainWindow) -> None:
    qtbot.addWidget(window)
    window.show()
    for entry in PAGES:
        window.show_page(entry.page)
        QApplication.processEvents()
        assert window.minimumSizeHint().width() <= 1000, entry.label  # the frame needs a few more
    filters = window.show_page(Page.VISITS).filters
    filters.period.setCurrentIndex(filters.period.findData(PRESET_RANGE))  # two dates more
    QApplication.processEvents()
    assert filters.first_day.isVisible() and window.minimumSizeHint().width() <= 1000


def table_at(window: MainWindow, page: Page, width: int) -> QTableView:
    """The list of `page`, the window shown `width` pixels wide."""
    window.show()
    window.show_page(page)
    window.resize(width, 740)
    QApplication.processEvents()
    table = window.page(page).table
    assert isinstance(table, QTableView)
    return table


def test_walk_in_list_keeps_names_readable_without_scrolling_sideways(
        qtbot, window: MainWindow) -> None:
    qtbot.addWidget(window)
    header = table_at(window, Page.VISITS, 1366).horizontalHeader()
    assert {c: header.sectionSize(c) for c in COLUMN_WIDTHS} == {
        c: wide for c, (wide, _floor) in COLUMN_WIDTHS.items()}
    table = table_at(window, Page.VISITS, 1024)
    assert header.length() <= table.viewport().width()
    assert not table.horizontalScrollBar().maximum()
    assert header.sectionSize(COL_REPORTER) >= 100
    for column, (wide, floor) in COLUMN_WIDTHS.items():
        assert floor <= header.sectionSize(column) < wide


def test_follow_ups_scroll_sideways_rather_than_squeeze_the_issue(
        qtbot, window: MainWindow) -> None:
    qtbot.addWidget(window)
    table = table_at(window, Page.FOLLOW_UPS, 1024)
    assert table.horizontalHeader().sectionSize(COL_ISSUE) >= 200
    assert table.horizontalScrollBar().maximum() > 0
    window.resize(1600, 900)
    QApplication.processEvents()
    assert table.horizontalHeader().sectionSize(COL_ISSUE) >= 250
    assert not table.horizontalScrollBar().maximum()


def test_record_forms_open_within_the_screen(qtbot, session: Session) -> None:
    from ui.meetings.dialog import MeetingDialog
    from ui.patrols.dialog import PatrolDialog
    from ui.visits.dialog import VisitDialog

    free = QApplication.primaryScreen().availableGeometry()  # 800 x 800 offscreen
    for dialog in (VisitDialog(session), PatrolDialog(session), MeetingDialog(session)):
        qtbot.addWidget(dialog)
        wanted = dialog.minimumSizeHint()
        assert dialog.height() <= free.height() - 60, type(dialog).__name__
        assert dialog.width() <= max(free.width() - 40, wanted.width()), type(dialog).__name__


def test_kategori_and_status_are_whole_at_1366_pixels(qtbot, window: MainWindow) -> None:
    """Every seeded category (in its list name) and every status fits its column on a
    1366x768 screen; Pelapor does not take the room they need. The whole category name is
    the cell's tooltip."""
    from app.domain.codes import STATUSES
    from app.store.schema.seeds import CATEGORIES
    from ui.visits.list_model import COL_CATEGORY, COL_STATUS, short_category

    qtbot.addWidget(window)
    table = table_at(window, Page.VISITS, 1366)
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    margin = 2 * (table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 1)
    for _code, label, _group in CATEGORIES:
        assert metrics.horizontalAdvance(short_category(label)) + margin <= header.sectionSize(
            COL_CATEGORY), label
    for status in STATUSES.values():
        assert metrics.horizontalAdvance(status) + margin <= header.sectionSize(COL_STATUS), status
    assert header.sectionSize(COL_REPORTER) <= header.sectionSize(COL_CATEGORY)
    assert not table.horizontalScrollBar().maximum()
    assert short_category("Pencurian kendaraan bermotor (Curanmor)") == "Curanmor"
    assert short_category("Penipuan / perbuatan curang") == "Penipuan / perbuatan curang"


def test_walk_in_page_has_a_title_like_the_others(qtbot, window: MainWindow) -> None:
    qtbot.addWidget(window)
    window.show()
    page = window.show_page(Page.VISITS)
    QApplication.processEvents()
    assert page.title.text() == "Kunjungan & Laporan" and page.title.isVisible()
    assert "bold" in page.title.styleSheet()
