"""How the home page opens the list a number counts. The one place that knows how another
page is asked to show something: a page that offers `set_filter(VisitFilter)` gets the
filter; a page with a period filter bar (`filters`, ui/patrols/filters.py) gets the day.
A page that offers neither is just shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from app.store import VisitFilter

VISITS_PAGE = "Kunjungan & Laporan"
PATROLS_PAGE = "Patroli"
FOLLOW_UPS_PAGE = "Tindak Lanjut"
WEEKLY_PAGE = "Rekap Mingguan"


class Navigator(Protocol):
    """The main window: shows a page by its navigation label and returns it."""

    def show_page(self, label: str) -> QWidget: ...


@dataclass(frozen=True)
class ListTarget:
    page: str  # navigation label (ui/main_window.py PAGES)
    visit_filter: VisitFilter | None = None
    day: date | None = None  # a list limited to one station-time day


def open_list(navigator: Navigator | None, target: ListTarget) -> QWidget | None:
    """Show ``target.page`` and narrow its list as far as the page allows."""
    if navigator is None:
        return None
    page = navigator.show_page(target.page)
    if target.visit_filter is not None:
        set_filter = getattr(page, "set_filter", None)
        if callable(set_filter):
            set_filter(target.visit_filter)
    if target.day is not None:
        bar = getattr(page, "filters", None)
        period, first, last = (getattr(bar, name, None) for name in ("period", "date_from",
                                                                        "date_to"))
        if period is not None and first is not None and last is not None:
            index = period.findData("range")
            if index >= 0:
                period.setCurrentIndex(index)
                day = QDate(target.day.year, target.day.month, target.day.day)
                first.setDate(day)
                last.setDate(day)
    return page
