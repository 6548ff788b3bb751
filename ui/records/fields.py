"""The plain fields of the patrol and meeting forms, made the same way: a combo of domain
codes, a date typed as "27-11-2026" (the walk-in's format, with a calendar), a time typed as
"14.30", and a text box where Tab moves on.

Dates and times are typed text, as on the walk-in form. Qt's QDateEdit and QTimeEdit edit
section by section and dropped what an officer typed over a selection ("27/11/2026" became
07/11/2026, "14.30" became 09.30). Here the text is read as a whole when the officer
leaves the field, and a complete date (or time) typed in one go is taken at once, wherever
in the box it was typed. Text that cannot be read is kept, with a message (see `error()`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, time
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ui.records.parse import format_date_cell, format_time_cell, parse_date, parse_time

T = TypeVar("T", date, time)

DATE_PLACEHOLDER = "hh-bb-tttt"
TIME_PLACEHOLDER = "jj.mm"
_FULL_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{8}")
_FULL_TIME = re.compile(r"\d{1,2}[.:]\d{2}|\d{4}")
_RUN_CHARS = frozenset("0123456789-/.:")


def code_combo(labels: Mapping[str, str]) -> QComboBox:
    """A combo of domain codes: shows the label, holds the code as its data."""
    combo = QComboBox()
    for code, label in labels.items():
        combo.addItem(label, code)
    return combo


class TypedLine(QLineEdit, Generic[T]):
    """A line holding a date or a time as text. `value()` is what the text says (None when
    empty or unreadable), `error()` the message for unreadable text."""

    edited = Signal()

    def __init__(self, parse: Callable[[str], tuple[T | None, str]],
                 show: Callable[[T], str], complete: re.Pattern[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parse: Callable[[str], tuple[T | None, str]] = parse
        self._show: Callable[[T], str] = show
        self._complete = complete
        self._run = ""  # what was typed in one go since the last other key
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> T | None:
        return self._parse(self.text())[0]

    def error(self) -> str:
        return self._parse(self.text())[1]

    def set_value(self, value: T | None) -> None:
        self._run = ""
        self.setText("" if value is None else self._show(value))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt naming)
        self._run = ""
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        typed = event.text()
        plain = not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                         | Qt.KeyboardModifier.AltModifier)
        super().keyPressEvent(event)
        if not typed:
            if event.key() not in (Qt.Key.Key_Shift, Qt.Key.Key_AltGr):
                self._run = ""  # a cursor key, Backspace...: a new run starts
            return
        if not plain or any(c not in _RUN_CHARS for c in typed):
            self._run = ""
            return
        self._run += typed
        if self._complete.fullmatch(self._run):
            value = self._parse(self._run)[0]
            if value is not None and self.text() != self._show(value):
                self.setText(self._show(value))  # typed in the middle of the old text
                self.edited.emit()

    def _on_text_edited(self, _text: str) -> None:
        self.edited.emit()

    def _on_editing_finished(self) -> None:
        value = self.value()  # tidy what can be read; keep what cannot, as typed
        if value is not None and self.text() != self._show(value):
            self.setText(self._show(value))
            self.edited.emit()


def _parse_day(text: str) -> tuple[date | None, str]:
    return parse_date(re.sub(r"^(\d{2})(\d{2})(\d{4})$", r"\1-\2-\3", text.strip()))


class DateBox(QWidget):
    """A date typed as "27-11-2026" (or 27/11/2026, 27.11.26, 27112026), with a calendar
    button. Empty or unreadable: `value()` is None and `error()` says why."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line: TypedLine[date] = TypedLine(_parse_day, format_date_cell, _FULL_DATE)
        self.line.setPlaceholderText(DATE_PLACEHOLDER)
        self.line.setToolTip("Tulis tanggal seperti 27-11-2026, atau pilih di kalender")
        self.line.setMinimumWidth(100)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip("Pilih tanggal di kalender")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self._connect()

    def _connect(self) -> None:
        self.line.edited.connect(self.edited)
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar.activated.connect(self._on_calendar_clicked)
        self.button.menu().aboutToShow.connect(self._on_menu_about_to_show)

    def value(self) -> date | None:
        return self.line.value()

    def error(self) -> str:
        return self.line.error()

    def set_value(self, value: date | None) -> None:
        self.line.set_value(value)

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())  # drafts of before
        self.line.setText(f"{iso[3]}-{iso[2]}-{iso[1]}" if iso else text)

    def _on_menu_about_to_show(self) -> None:
        shown = self.value()
        if shown is not None:
            self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

    def _on_calendar_clicked(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        self.button.menu().hide()
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)
        self.edited.emit()


class TimeBox(TypedLine[time]):
    """A time typed as "14.30" (or 14:30, 1430, 930, 21)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parse_time, format_time_cell, _FULL_TIME, parent)
        self.setPlaceholderText(TIME_PLACEHOLDER)
        self.setToolTip("Tulis jam seperti 14.30")
        self.setMaximumWidth(80)

    def set_text(self, text: str) -> None:
        self.setText(text)


def date_edit() -> DateBox:
    return DateBox()


def time_edit() -> TimeBox:
    return TimeBox()


def text_edit(height: int = 64) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height * 2)
    return edit
