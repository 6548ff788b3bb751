"""Beranda: this week so far against last week, and each number opening the list it counts
(in the real main window)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.store import VisitFilter
from tests.test_weekly_figures import Scenario, build_scenario, wib
from ui.home.navigate import ListTarget, open_list
from ui.home.page import HomePage
from ui.main_window import MainWindow
from ui.meetings.followups import FollowUpsPage
from ui.pages import Page
from ui.patrols.page import PatrolsPage
from ui.register.page import RegisterPage
from ui.session import Session
from ui.visits.page import VisitsPage
from ui.weekly.page import WeeklyPage


@pytest.fixture
def scenario(tmp_path: Path) -> Iterator[Scenario]:
    s = build_scenario(tmp_path / "anev.db")
    s.clock.when = wib(16, 22)  # Jumat 16 Februari 2024, 22.00 WIB
    yield s
    s.store.close()


def test_week_so_far(qtbot: QtBot, scenario: Scenario) -> None:
    page = HomePage(Session(scenario.store))
    qtbot.addWidget(page)
    tiles = page.tiles
    assert page.title.text() == "Beranda — Minggu ke-7 2024"
    # Mon 00.00 curat, Wed pencurian (model A), Fri 21.30 penganiayaan; the voided curas
    # does not count. Last week up to Friday 22.00: curanmor, penganiayaan, curat.
    assert tiles["ct"].value.text() == "3"
    assert "minggu lalu: 3\n" in tiles["ct"].detail.text()
    assert tiles["3c"].value.text() == "1"
    assert "perubahan −1 (−50,0%)" in tiles["3c"].detail.text()
    assert tiles["waiting"].value.text() == "1"  # last week's curat, never reached
    assert tiles["overdue"].value.text() == "0"
    assert tiles["patrols"].value.text() == "0"
    assert page.trend.series_values[0][1][-2] == 3  # W06


def test_reloads_on_changes(qtbot: QtBot, scenario: Scenario) -> None:
    session = Session(scenario.store)
    page = HomePage(session)
    qtbot.addWidget(page)
    scenario.clock.when = wib(21, 10)
    session.announce(frozenset({"issue"}))
    assert page.title.text() == "Beranda — Minggu ke-8 2024"
    assert page.tiles["overdue"].value.text() == "1"
    assert page.tiles["waiting"].value.text() == "3"


def test_numbers_open_their_lists(qtbot: QtBot, scenario: Scenario, tmp_path: Path) -> None:
    scenario.clock.when = wib(21, 10)  # Rabu 21 Februari 2024: the week of the Monday 00.00 LP
    session = Session(scenario.store)
    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    home = window.page(Page.HOME)
    assert isinstance(home, HomePage)
    assert home.figures is not None
    week_start, as_of = home.figures.week.start_utc, home.figures.as_of
    assert home.target_for("3c") == ListTarget(Page.VISITS, VisitFilter(
        start=week_start, end=as_of, service="lp", include_voided=False,
        categories=("curat", "curas", "curanmor")), label=home.tiles["3c"].caption.text())
    assert home.target_for("waiting") == ListTarget(
        Page.VISITS, VisitFilter(waiting_only=True, end=as_of, include_voided=False),
        label=home.tiles["waiting"].caption.text())
    # the list a number opens holds exactly what it counts
    for key in ("ct", "3c", "waiting"):
        target = home.target_for(key)
        assert target is not None and target.visit_filter is not None
        assert scenario.store.visits.count(target.visit_filter) == int(
            home.tiles[key].value.text()), key
    three_c = home.target_for("3c")
    assert three_c is not None and three_c.visit_filter is not None
    assert [r.category for r in scenario.store.visits.page(three_c.visit_filter)] == ["curat"]

    qtbot.mouseClick(home.tiles["patrols"], Qt.MouseButton.LeftButton)
    assert window.current_page() is window.page(Page.PATROLS)
    patrols = window.page(Page.PATROLS)
    assert isinstance(patrols, PatrolsPage)  # the patrol list narrowed to today
    assert patrols.filters.period.currentData() == "range"
    assert patrols.filters.date_from.date().toString("yyyy-MM-dd") == "2024-02-21"
    assert patrols.filters.date_to.date().toString("yyyy-MM-dd") == "2024-02-21"
    qtbot.mouseClick(home.tiles["ct"], Qt.MouseButton.LeftButton)
    assert window.current_page() is window.page(Page.VISITS)
    home.weekly_button.click()
    assert window.current_page() is window.page(Page.WEEKLY)
    weekly = window.page(Page.WEEKLY)
    assert isinstance(weekly, WeeklyPage)
    weekly.wait_for_jobs()


def test_open_list_without_navigator_is_harmless() -> None:
    assert open_list(None, ListTarget(Page.PATROLS)) is None


def _rows_shown(window: MainWindow, key: str) -> int:
    """The rows the list opened by tile `key` shows (for follow-ups: the overdue ones, which
    the page shows first and highlighted among the open ones)."""
    page = window.current_page()
    if key in ("ct", "3c", "waiting"):
        assert isinstance(page, VisitsPage)
        assert page.filters.chip.isVisibleTo(page)
        assert "Disaring dari Beranda" in page.filters.chip_label.text()
        return page.model.rowCount()
    if key == "patrols":
        assert isinstance(page, PatrolsPage)
        return page.model.rowCount()
    if key == "sp2hp":  # the register, filtered to the late SP2HPs
        assert isinstance(page, RegisterPage) and page.overdue.isChecked()
        return page.model.total
    assert isinstance(page, FollowUpsPage)
    return sum(1 for r in range(page.model.rowCount()) if page.model.row_at(r).overdue)


@pytest.mark.parametrize("when", [wib(21, 10), wib(17, 23), wib(16, 22)])
def test_every_card_opens_exactly_what_it_counts(qtbot: QtBot, scenario: Scenario,
                                                 tmp_path: Path, when: object) -> None:
    """Click each card: the list it opens shows as many rows as the card's number."""
    scenario.clock.when = when  # type: ignore[assignment]
    session = Session(scenario.store)
    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    home = window.page(Page.HOME)
    assert isinstance(home, HomePage)
    for key, tile in home.tiles.items():
        window.show_page(Page.HOME)
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
        assert _rows_shown(window, key) == int(tile.value.text()), key
    # the chip's reset shows the whole list again
    qtbot.mouseClick(home.tiles["3c"], Qt.MouseButton.LeftButton)
    visits = window.page(Page.VISITS)
    assert isinstance(visits, VisitsPage)
    narrowed = visits.model.rowCount()
    visits.filters.chip_reset.click()
    assert not visits.filters.chip.isVisibleTo(visits)
    assert visits.filters.current_filter() == VisitFilter()
    assert visits.model.rowCount() > narrowed
    # changing a filter of the bar drops the chip; typing a search keeps it
    qtbot.mouseClick(home.tiles["ct"], Qt.MouseButton.LeftButton)
    visits.filters.search.setText("zzzz-tidak-ada")
    visits.filters.flush()
    assert visits.filters.chip.isVisibleTo(visits) and visits.model.rowCount() == 0
    visits.filters.search.clear()
    visits.filters.flush()
    visits.filters.service.setCurrentIndex(0)
    assert not visits.filters.chip.isVisibleTo(visits)
