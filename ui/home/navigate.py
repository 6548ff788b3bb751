"""How the home page opens the list a number counts. The one place that knows how another
page is asked to show something: a record list (the patrols') is narrowed to the day its number counts.

The visits page takes no filter from outside (ui/visits/page.py has no way to be handed a
VisitFilter), so the walk-in numbers open it as the officer left it; their ListTarget still
says what the number counts (tests/test_ui_weekly_home.py checks it against the store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from app.store import VisitFilter
from ui.pages import Page
from ui.records.list_page import RecordListPage


class Navigator(Protocol):
    """The main window: shows a page (built on first use) and returns it."""

    def show_page(self, page: Page) -> QWidget: ...


@dataclass(frozen=True)
class ListTarget:
    page: Page
    visit_filter: VisitFilter | None = None  # the walk-ins the number counts
    day: date | None = None  # a list limited to one station-time day


def open_list(navigator: Navigator | None, target: ListTarget) -> QWidget | None:
    """Show ``target.page`` and narrow its list as far as the page allows."""
    if navigator is None:
        return None
    page = navigator.show_page(target.page)
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
