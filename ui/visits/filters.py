"""The filter bar of the walk-in list: search box (as you type, debounced), period presets,
service, category, status and desa. It hands out one VisitFilter; the store does the work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import SERVICES, STATUSES
from app.store import VisitFilter
from ui.common.filter_combo import narrow
from ui.common.widgets import SPACING

SEARCH_DEBOUNCE_MS = 200

PRESET_ALL, PRESET_TODAY, PRESET_WEEK, PRESET_MONTH, PRESET_RANGE = (
    "semua", "hari_ini", "minggu_ini", "bulan_ini", "rentang")
PRESETS: tuple[tuple[str, str], ...] = (
    (PRESET_ALL, "Semua waktu"), (PRESET_TODAY, "Hari ini"), (PRESET_WEEK, "Minggu ini"),
    (PRESET_MONTH, "Bulan ini"), (PRESET_RANGE, "Rentang tanggal…"))
WAITING = "__menunggu__"


def _midnight(day: date, tz: tzinfo | None) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz)


def preset_range(preset: str, now_local: datetime, week_start: int = 0,
                 first: date | None = None, last: date | None = None
                 ) -> tuple[datetime | None, datetime | None]:
    """[start, end) of a period in station time (now_local carries the station's zone).
    Weeks start on `week_start` (0 = Monday); a range includes its last day."""
    tz = now_local.tzinfo
    today = now_local.date()
    if preset == PRESET_TODAY:
        return _midnight(today, tz), _midnight(today + timedelta(days=1), tz)
    if preset == PRESET_WEEK:
        start = today - timedelta(days=(today.weekday() - week_start) % 7)
        return _midnight(start, tz), _midnight(start + timedelta(days=7), tz)
    if preset == PRESET_MONTH:
        start = today.replace(day=1)
        following = (start + timedelta(days=32)).replace(day=1)
        return _midnight(start, tz), _midnight(following, tz)
    if preset == PRESET_RANGE and first is not None and last is not None:
        if last < first:
            first, last = last, first
        return _midnight(first, tz), _midnight(last + timedelta(days=1), tz)
    return None, None


class FilterBar(QWidget):
    """Search and filters. `changed` fires when the filter the list should show changed."""

    changed = Signal()

    def __init__(self, now_local: Callable[[], datetime], week_start: Callable[[], int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now_local = now_local
        self._week_start = week_start
        self.search = QLineEdit()
        self.search.setPlaceholderText("Cari nama, nomor, NIK, atau kata dalam uraian… (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.period = self._combo("", ())
        self.period.clear()
        for code, label in PRESETS:
            self.period.addItem(label, code)
        self.first_day = self._date_edit()
        self.last_day = self._date_edit()
        self._range_label = QLabel("s.d.")
        self.service = self._combo("Semua layanan", list(SERVICES.items()))
        self.category = self._combo("Semua kategori", [])
        self.status = self._combo("Semua status", [(WAITING, "Menunggu respons"),
                                                   *STATUSES.items()])
        self.desa = self._combo("Semua desa", [])
        self.show_voided = QCheckBox("Termasuk yang dibatalkan")
        self.show_voided.setChecked(True)
        self.reset = QPushButton("Atur ulang")
        self.reset.setToolTip("Hapus semua penyaring dan pencarian")
        # a filter handed from outside (Beranda): shown as a chip, exact until the officer
        # changes a filter of the bar (typing a search narrows it further)
        self.outside: VisitFilter | None = None
        self.chip = QWidget()
        self.chip.setObjectName("outsideFilterChip")
        self.chip.setStyleSheet("#outsideFilterChip { background: #fff3c4; border: 1px solid "
                                "#d9b84a; border-radius: 4px; }")
        self.chip_label = QLabel()
        self.chip_label.setWordWrap(True)
        self.chip_reset = QPushButton("Tampilkan semua")
        self.chip_reset.setToolTip("Hapus saringan dari Beranda dan semua penyaring lain")
        self.chip.hide()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._build()
        self._connect()
        self._on_period_changed()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd-MM-yyyy")
        today = self._now_local().date()
        edit.setDate(QDate(today.year, today.month, today.day))
        return edit

    def _combo(self, everything: str, items: Sequence[tuple[str, str]]) -> QComboBox:
        combo = narrow(QComboBox())
        self._fill(combo, everything, items)
        return combo

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: Sequence[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for code, label in items:
            combo.addItem(label, code)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _build(self) -> None:
        """The search with the check box and reset on one line, the combos on the next, the
        dates of a range below them: in one line they made the window 1,284 pixels wide at
        least, too wide for a 1024-pixel screen."""
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(SPACING)
        first = QHBoxLayout()
        first.setSpacing(SPACING)
        first.addWidget(self.search, 1)
        first.addWidget(self.show_voided)
        first.addWidget(self.reset)
        rows.addLayout(first)
        chip = QHBoxLayout(self.chip)
        chip.setContentsMargins(SPACING, 2, 2, 2)
        chip.addWidget(self.chip_label, 1)
        chip.addWidget(self.chip_reset)
        rows.addWidget(self.chip)
        line = QHBoxLayout()
        line.setSpacing(SPACING)
        for widget in (self.period, self.service, self.category, self.status, self.desa):
            line.addWidget(widget, 1)
        rows.addLayout(line)
        self._dates = QWidget()  # a line of its own, shown for "Rentang tanggal"
        dates = QHBoxLayout(self._dates)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setSpacing(SPACING)
        dates.addWidget(QLabel("Dari tanggal"))
        for part in (self.first_day, self._range_label, self.last_day):
            dates.addWidget(part)
        dates.addStretch(1)
        rows.addWidget(self._dates)

    def _connect(self) -> None:
        self.search.textChanged.connect(self._on_search_text_changed)
        self._debounce.timeout.connect(self.changed)
        self.period.currentIndexChanged.connect(self._on_period_changed)
        for combo in (self.service, self.category, self.status, self.desa):
            combo.currentIndexChanged.connect(self._on_filter_edited)
        self.first_day.dateChanged.connect(self._on_filter_edited)
        self.last_day.dateChanged.connect(self._on_filter_edited)
        self.show_voided.toggled.connect(self._on_filter_edited)
        self.reset.clicked.connect(self._on_reset_clicked)
        self.chip_reset.clicked.connect(self._on_reset_clicked)

    # ------------------------------------------------------------------ master data
    def set_master(self, categories: Sequence[tuple[str, str]], desa: Sequence[str]) -> None:
        self._fill(self.category, "Semua kategori", categories)
        self._fill(self.desa, "Semua desa", [(name, name) for name in desa])

    # ------------------------------------------------------------------ the filter
    def show_filter(self, flt: VisitFilter, origin: str, what: str = "") -> None:
        """Show exactly `flt` (e.g. the records a Beranda number counts): the bar's widgets
        are set as near as they can say it, a chip names where the filter came from, and the
        list gets `flt` itself (the bar cannot say "any of the 3C categories" or "since
        Monday 00.00") until the officer changes a filter or resets."""
        widgets = self._filter_widgets()
        for widget in widgets:
            widget.blockSignals(True)
        self.search.setText(flt.text)
        self._select(self.service, flt.service)
        category = flt.category or (flt.categories[0] if len(flt.categories) == 1 else None)
        self._select(self.category, category)
        self._select(self.status, WAITING if flt.waiting_only else flt.status)
        self._select(self.desa, flt.desa)
        self.show_voided.setChecked(flt.include_voided)
        self._show_period(flt)
        for widget in widgets:
            widget.blockSignals(False)
        self._debounce.stop()
        self.outside = flt
        self.chip_label.setText(f"<b>Disaring dari {origin}</b>" + (f": {what}" if what else ""))
        self.chip.show()
        self._dates.setVisible(self.period.currentData() == PRESET_RANGE)
        self.changed.emit()

    def _filter_widgets(self) -> tuple[QWidget, ...]:
        return (self.search, self.period, self.service, self.category, self.status, self.desa,
                self.show_voided, self.first_day, self.last_day)

    @staticmethod
    def _select(combo: QComboBox, code: str | None) -> None:
        combo.setCurrentIndex(max(0, combo.findData(code)) if code is not None else 0)

    def _show_period(self, flt: VisitFilter) -> None:
        if flt.start is None:  # "up to now" is all time to an officer
            self.period.setCurrentIndex(0)
            return
        now = self._now_local()
        tz = now.tzinfo
        first = flt.start.astimezone(tz).date()
        last = ((flt.end - timedelta(microseconds=1)).astimezone(tz).date()
                if flt.end is not None else now.date())
        self.period.setCurrentIndex(max(0, self.period.findData(PRESET_RANGE)))
        self.first_day.setDate(QDate(first.year, first.month, first.day))
        self.last_day.setDate(QDate(last.year, last.month, last.day))

    def _drop_outside(self) -> None:
        self.outside = None
        self.chip.hide()

    def current_filter(self) -> VisitFilter:
        if self.outside is not None:
            return replace(self.outside, text=self.search.text())
        first = self.first_day.date().toPython()
        last = self.last_day.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        start, end = preset_range(self.period.currentData(), self._now_local(),
                                  self._week_start(), first, last)
        status = self.status.currentData()
        return VisitFilter(
            start=start, end=end, service=self.service.currentData(),
            category=self.category.currentData(),
            status=None if status == WAITING else status, desa=self.desa.currentData(),
            text=self.search.text(), waiting_only=status == WAITING,
            include_voided=self.show_voided.isChecked())

    def is_filtered(self) -> bool:
        return self.current_filter() != VisitFilter()

    def flush(self) -> None:
        """Apply pending typing now (tests, Enter in the search box)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.changed.emit()

    # ------------------------------------------------------------------ handlers
    def _on_search_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _on_period_changed(self, *_args: object) -> None:
        self._drop_outside()
        ranged = self.period.currentData() == PRESET_RANGE
        self._dates.setVisible(ranged)
        self.changed.emit()

    def _on_filter_edited(self, *_args: object) -> None:
        self._drop_outside()
        self.changed.emit()

    def _on_reset_clicked(self) -> None:
        widgets = self._filter_widgets()
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.period, self.service, self.category, self.status, self.desa):
            combo.setCurrentIndex(0)
        self.show_voided.setChecked(True)
        for widget in widgets:
            widget.blockSignals(False)
        self._debounce.stop()
        self._on_period_changed()
