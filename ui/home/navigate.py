"""How the home page opens the list a number counts. The one place that knows how another
page is asked to show something: a record list (the patrols') is narrowed to the day its number counts.

The walk-in numbers hand their VisitFilter to the visits page (`VisitsPage.show_filter`, seen
here through the `FilterablePage` protocol: feature packages never import each other), which
shows exactly the records the number counts under a chip "Disaring dari Beranda"
(tests/test_ui_weekly_home.py checks, for every number, that the list shows as many rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from app.store import VisitFilter
from ui.pages import Page
from ui.records.list_page import RecordListPage


class Navigator(Protocol):
    """The main window: shows a page (built on first use) and returns it."""

    def show_page(self, page: Page) -> QWidget: ...


@runtime_checkable
class FilterablePage(Protocol):
    """A page that shows a given VisitFilter (the visits page)."""

    def show_filter(self, flt: VisitFilter, origin: str, what: str = "") -> None: ...


@runtime_checkable
class OverduePage(Protocol):
    """A page that can show only what is late (the Register LP: late SP2HPs)."""

    def show_overdue(self) -> None: ...


@dataclass(frozen=True)
class ListTarget:
    page: Page
    visit_filter: VisitFilter | None = None  # the walk-ins the number counts
    day: date | None = None  # a list limited to one station-time day
    label: str = ""  # what the number counts, named on the list's chip
    overdue_only: bool = False  # only what is late (the register's late SP2HPs)


def open_list(navigator: Navigator | None, target: ListTarget) -> QWidget | None:
    """Show ``target.page`` and narrow its list as far as the page allows."""
    if navigator is None:
        return None
    page = navigator.show_page(target.page)
    if target.visit_filter is not None and isinstance(page, FilterablePage):
        page.show_filter(target.visit_filter, "Beranda", target.label)
    if target.overdue_only and isinstance(page, OverduePage):
        page.show_overdue()
    if target.day is not None and isinstance(page, RecordListPage):
        show_day(page, target.day)
    return page


def show_day(page: RecordListPage, day: date) -> None:
    """Limit a record list (the patrols') to one day (its period "Rentang tanggal", from and to the day)."""
    bar = page.filters
    index = bar.period.findData("range")
    if index >= 0:
        bar.period.setCurrentIndex(index)
        qday = QDate(day.year, day.month, day.day)
        bar.date_from.setDate(qday)
        bar.date_to.setDate(qday)
