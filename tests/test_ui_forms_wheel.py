"""Issue 15 item 14: the mouse wheel over a form scrolls the form; it never changes a combo
box, spin box or date/time box the officer has not clicked into. Real wheel events are sent
to real widgets of the real forms (walk-in, patrol, meeting, master editor, settings), and
the close prompt does not save (or discard) on Enter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QMessageBox,
    QScrollArea,
    QWidget,
)

from app.domain.models import Category, Officer
from app.store import Store, VisitFilter
from tests.factories import lp
from tests.qt_windows import close_open_forms
from ui.common.dialogs import ask_save_discard_cancel
from ui.master.categories import CategoryEditor
from ui.meetings.dialog import MeetingDialog
from ui.patrols.dialog import PatrolDialog
from ui.records.record_dialog import RecordDialog
from ui.session import Session
from ui.settings.page import SettingsPage
from ui.visits.dialog import VisitDialog

NOTCH = 120


@pytest.fixture
def session(store: Store, officer: Officer) -> Iterator[Session]:
    s = Session(store)
    s.set_officer(officer.id)
    yield s
    for widget in QApplication.topLevelWidgets():  # a failed check leaves a form changed:
        if getattr(widget, "_session", None) is not s:  # (another test's, on a closed store)
            continue
        if isinstance(widget, VisitDialog):        # close it without the question
            widget.mark_clean()
        elif isinstance(widget, RecordDialog):
            widget.ask_close = lambda: "discard"
    close_open_forms()


def wheel(widget: QWidget, notches: int = -1) -> None:
    """One real wheel event (a notch down by default) in the middle of `widget`."""
    local = QPointF(widget.width() / 2, widget.height() / 2)
    global_pos = QPointF(widget.mapToGlobal(local.toPoint()))
    event = QWheelEvent(local, global_pos, QPoint(0, 0), QPoint(0, NOTCH * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def value_of(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return f"{widget.currentIndex()}:{widget.currentText()}"
    assert isinstance(widget, QAbstractSpinBox)
    return widget.text()


def shown_visit(qtbot, session: Session, store: Store) -> VisitDialog:  # type: ignore[no-untyped-def]
    received = datetime(2024, 2, 14, 3, 0, tzinfo=UTC)
    saved = store.visits.create(lp(received, session.officer_id), session.officer_id).record
    dialog = VisitDialog(session, saved)
    dialog.resize(1000, 500)  # the form is taller than the window: there is scrolling to do
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_wheel_over_a_saved_lp_scrolls_and_keeps_kategori_and_pasal(qtbot, store: Store,
                                                                   session: Session) -> None:
    dialog = shown_visit(qtbot, session, store)
    category, law = dialog.form.s.category, dialog.form.s.law.combo
    dialog.scroll_area.ensureWidgetVisible(category)
    assert category.currentText() == "Pencurian kendaraan bermotor (Curanmor)"
    bar = dialog.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    before, category_before, law_before = bar.value(), value_of(category), value_of(law)
    dialog.form.s.received_at.setFocus()  # the focus is elsewhere, as after reading the form
    for target in (category, category.lineEdit(), law):
        wheel(target)
        wheel(target)
    assert value_of(category) == category_before
    assert value_of(law) == law_before
    assert bar.value() > before  # the notches scrolled the form instead
    assert not category.hasFocus()  # and the wheel did not hand the field the focus
    assert category.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert not dialog.is_dirty()
    dialog.close()


def test_a_combo_the_officer_is_in_still_takes_the_wheel(qtbot, store: Store,
                                                         session: Session) -> None:
    dialog = shown_visit(qtbot, session, store)
    sex = dialog.form.s.reporter.sex
    dialog.scroll_area.ensureWidgetVisible(sex)
    sex.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(sex.hasFocus)
    before = sex.currentIndex()
    wheel(sex, notches=1 if before > 0 else -1)
    assert sex.currentIndex() != before
    dialog.mark_clean()
    dialog.close()


def test_wheel_over_patrol_and_meeting_fields_changes_nothing(qtbot, store: Store,
                                                              session: Session) -> None:
    for dialog in (PatrolDialog(session), MeetingDialog(session)):
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.save_button.setFocus()
        fields = [w for w in dialog.form.findChildren(QWidget)
                  if isinstance(w, QComboBox | QAbstractSpinBox) and w.isVisible()]
        assert len(fields) >= 3  # type, date, time(s), mode...
        before = [value_of(w) for w in fields]
        for field in fields:
            wheel(field)
            wheel(field, notches=1)
        assert [value_of(w) for w in fields] == before
        assert not dialog.is_dirty()
        dialog.close()


def test_fields_added_later_are_guarded_too(qtbot, store: Store, session: Session) -> None:
    dialog = PatrolDialog(session)
    dialog.show()
    qtbot.waitExposed(dialog)
    late = QComboBox()
    late.addItems(["satu", "dua", "tiga"])
    dialog.form.layout().addWidget(late)
    late.show()
    qtbot.waitUntil(lambda: late.focusPolicy() == Qt.FocusPolicy.StrongFocus)
    wheel(late)
    assert late.currentIndex() == 0


def test_master_editor_and_settings_are_guarded(qtbot, store: Store, session: Session) -> None:
    editor = CategoryEditor(store.master.list(Category)[0], lambda item: item)
    editor.show()
    qtbot.waitExposed(editor)
    group = next(w for w in editor.findChildren(QComboBox) if w.isVisible())
    before = value_of(group)
    wheel(group)
    wheel(group, notches=1)
    assert value_of(group) == before
    editor.close()

    page = SettingsPage(session)
    qtbot.addWidget(page)
    page.resize(900, 300)
    page.show()
    qtbot.waitExposed(page)
    area = page.tabs.currentWidget()
    assert isinstance(area, QScrollArea)
    combos = [w for w in area.findChildren(QComboBox) if w.isVisible()]
    assert combos
    bar = area.verticalScrollBar()
    before_values = [value_of(c) for c in combos]
    for combo in combos:
        wheel(combo)
    assert [value_of(c) for c in combos] == before_values
    if bar.maximum() > 0:
        assert bar.value() > 0


def test_closing_with_unsaved_input_defaults_to_going_back(qtbot, store: Store,
                                                           session: Session) -> None:
    """Enter on the close prompt keeps the form open: neither saves nor throws away."""
    seen: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press_enter)
            return
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    assert ask_save_discard_cancel(None, "Tutup formulir", "Ada isian") == "cancel"
    assert seen == ["Kembali ke formulir"]

    dialog = VisitDialog(session)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.form.s.reporter.name, "Siti")
    assert dialog.is_dirty()
    QTimer.singleShot(0, press_enter)
    dialog.reject()
    assert dialog.isVisible()  # still open, nothing saved
    assert seen[-1] == "Kembali ke formulir"
    assert store.visits.count(VisitFilter()) == 0
    dialog.mark_clean()
    dialog.close()
