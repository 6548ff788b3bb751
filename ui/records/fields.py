"""The plain fields of the patrol and meeting forms, made the same way: a combo of domain
codes, a date with a calendar, a time as "HH.mm", and a text box where Tab moves on."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QDateEdit, QPlainTextEdit, QTimeEdit


def code_combo(labels: Mapping[str, str]) -> QComboBox:
    """A combo of domain codes: shows the label, holds the code as its data."""
    combo = QComboBox()
    for code, label in labels.items():
        combo.addItem(label, code)
    return combo


def date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def time_edit() -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH.mm")
    return edit


def text_edit(height: int = 64) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height * 2)
    return edit
