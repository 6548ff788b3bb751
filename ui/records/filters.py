"""The filter bar of the record lists (patrols, meetings, the LP register, the access log):
the search box (with the page's check boxes) above a period with its dates and the page's own
choices. In one line they made the window wider than a 1024-pixel screen. `changed` says when
the list should be read again: at once for a choice, after a pause in typing for the
search."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.common.filter_combo import narrow
from ui.session import Session

PERIODS = (("30", "30 hari terakhir"), ("week", "Minggu ini"), ("month", "Bulan ini"),
           ("year", "Tahun ini"), ("all", "Semua"), ("range", "Rentang tanggal"))


def period_range(code: str, today: date) -> tuple[date | None, date | None]:
    """First and last day (inclusive) of a period; None: unbounded."""
    if code == "30":
        return today - timedelta(days=29), today
    if code == "week":
        start = today - timedelta(days=today.weekday())
        return start, start + timedelta(days=6)
    if code == "month":
        nxt = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return today.replace(day=1), nxt - timedelta(days=1)
    if code == "year":
        return today.replace(month=1, day=1), today.replace(month=12, day=31)
    return None, None


class FilterBar(QWidget):
    """Period with its dates, and the search box; the pages add their own combos."""

    changed = Signal()
    """A filter changed: a choice at once, the search 250 ms after the last key."""

    def __init__(self, session: Session, search_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._search_pause = QTimer(self)
        self._search_pause.setSingleShot(True)
        self._search_pause.setInterval(250)
        self.period = narrow(QComboBox())
        self.period.setToolTip("Periode")  # no label: the list says what it is
        for code, label in PERIODS:
            self.period.addItem(label, code)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        self.top = QHBoxLayout()  # the search, then check boxes
        self.row = QHBoxLayout()  # the period, then combos
        rows.addLayout(self.top)
        rows.addLayout(self.row)
        self.row.addWidget(self.period)
        self.row.addWidget(self.date_from)
        self.row.addWidget(QLabel("s.d."))
        self.row.addWidget(self.date_to)
        self._apply_period()

    def add(self, widget: QWidget) -> None:
        """A page's own filter: a check box beside the search, anything else after the
        period."""
        if isinstance(widget, QCheckBox):
            widget.toggled.connect(self.changed)
            self.top.addWidget(widget)
            return
        if isinstance(widget, QComboBox):
            narrow(widget)
            widget.currentIndexChanged.connect(self.changed)
        self.row.addWidget(widget, 1)

    def finish(self) -> None:
        self.top.insertWidget(0, self.search, 1)
        self.period.currentIndexChanged.connect(self._on_period_current_index_changed)
        self.period.currentIndexChanged.connect(self.changed)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.changed)
        self.search.textChanged.connect(self._search_pause.start)
        self._search_pause.timeout.connect(self.changed)

    def settle(self) -> None:
        """A search still waiting for the typing to pause is dropped: the list is being read
        now with it."""
        self._search_pause.stop()

    def _on_period_current_index_changed(self, _index: int) -> None:
        self._apply_period()

    def _apply_period(self) -> None:
        code = self.period.currentData()
        first, last = period_range(code, self._session.today())
        custom = code == "range"
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(custom or code != "all")
            edit.setReadOnly(not custom)
        if first is not None and last is not None:
            self.date_from.setDate(QDate(first.year, first.month, first.day))
            self.date_to.setDate(QDate(last.year, last.month, last.day))

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """[start, end) in station time for the store's query."""
        if self.period.currentData() == "all":
            return None, None
        tz = self._session.tz()
        a, b = self.date_from.date(), self.date_to.date()
        start = datetime.combine(date(a.year(), a.month(), a.day()), time(), tz)
        end = datetime.combine(date(b.year(), b.month(), b.day()) + timedelta(days=1), time(), tz)
        return start, end
