"""Issue 15 item 16: the date and time boxes of Patroli and Pertemuan take what is typed
over a selection, or anywhere in the box, in the walk-in's format (27-11-2026, 14.30)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from app.domain.models import Officer
from app.store import Store
from tests.qt_windows import close_open_forms
from ui.meetings.dialog import MeetingDialog
from ui.patrols.dialog import PatrolDialog
from ui.records.fields import DateBox, TimeBox
from ui.records.record_dialog import RecordDialog
from ui.session import Session


@pytest.fixture
def session(store: Store, officer: Officer) -> Iterator[Session]:
    s = Session(store)
    s.set_officer(officer.id)
    yield s
    close_open_forms()


def shown(qtbot, dialog: RecordDialog) -> RecordDialog:  # type: ignore[type-arg,no-untyped-def]
    dialog.ask_close = lambda: "discard"
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def retype(qtbot, field: QWidget, text: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    """Click into the box, select all (Ctrl+A) and type over it, then Tab away."""
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    line = field.focusProxy() or field
    assert isinstance(line, QLineEdit)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert line.selectedText() == line.text()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    return line


def test_patrol_date_and_times_typed_over_a_selection_are_taken(qtbot, session: Session,
                                                                store: Store) -> None:
    dialog = shown(qtbot, PatrolDialog(session))
    form = dialog.form
    assert isinstance(form.day, DateBox) and isinstance(form.start, TimeBox)
    assert retype(qtbot, form.day, "27/11/2026").text() == "27-11-2026"
    assert retype(qtbot, form.start, "14.30").text() == "14.30"
    assert retype(qtbot, form.end, "1615").text() == "16.15"
    patrol, problems = form.build()
    assert problems == []
    tz = session.tz()
    assert patrol.start_at == datetime(2026, 11, 27, 14, 30, tzinfo=tz)
    assert patrol.end_at == datetime(2026, 11, 27, 16, 15, tzinfo=tz)


def test_a_full_date_typed_anywhere_in_the_box_is_taken(qtbot, session: Session) -> None:
    dialog = shown(qtbot, MeetingDialog(session))
    form = dialog.form
    form.day.set_value(date(2026, 11, 5))
    line = form.day.line
    line.setFocus()
    line.setCursorPosition(3)  # in the middle of 05-11-2026, nothing selected
    qtbot.keyClicks(line, "27-11-2026")
    assert line.text() == "27-11-2026"
    form.at.set_value(time(9, 5))
    form.at.setFocus()
    form.at.setCursorPosition(len(form.at.text()))
    qtbot.keyClicks(form.at, "13.45")
    assert form.at.text() == "13.45"
    assert form.held_at() == datetime(2026, 11, 27, 13, 45, tzinfo=session.tz())


def test_an_unreadable_date_is_kept_and_said_next_to_the_field(qtbot, session: Session,
                                                               store: Store) -> None:
    dialog = shown(qtbot, MeetingDialog(session))
    form = dialog.form
    retype(qtbot, form.day, "31-02-2026")
    assert form.day.text() == "31-02-2026"  # kept as typed
    assert dialog.save() is None
    assert "tidak dikenali" in form.problems.message("held_at")
    assert dialog.saved is None and dialog.isVisible()
    state = form.state()
    assert state["day"] == "31-02-2026"  # a draft keeps it too


def test_one_date_format_across_the_forms(qtbot, session: Session) -> None:
    from ui.records.parse import format_date_cell

    assert format_date_cell(date(2026, 12, 7)) == "07-12-2026"  # as the walk-in's 07-12-2026
    dialog = shown(qtbot, PatrolDialog(session))
    assert dialog.form.day.line.placeholderText() == "hh-bb-tttt"
    assert "-" in dialog.form.day.text() and "/" not in dialog.form.day.text()
