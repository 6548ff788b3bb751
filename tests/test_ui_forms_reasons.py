"""Issue 15 items 15 and 19: reason prompts open with the focus in their text field (keys
typed right after they open land there, spaces included), and "Ubah status" offers the
next step first, from one table of allowed transitions."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from app.domain.codes import FINAL_STATUSES, STATUS_TRANSITIONS, STATUSES, next_statuses
from app.domain.models import Officer
from app.store import Store
from tests.qt_windows import close_open_forms
from ui.common.widgets import ask_reason
from ui.session import Session
from ui.visits.handling import StatusDialog


@pytest.fixture
def session(store: Store, officer: Officer) -> Iterator[Session]:
    s = Session(store)
    s.set_officer(officer.id)
    yield s
    close_open_forms()


def type_when_open(qtbot, text: str, then: Callable[[QDialog], None],  # type: ignore[no-untyped-def]
                   seen: list[QWidget]) -> None:
    """As soon as a modal dialog shows, type `text` at whatever has the focus, as a desk
    officer does without looking, then `then(dialog)`."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            QTimer.singleShot(10, attempt)
            return
        QTimer.singleShot(1000, dialog.reject)  # never left waiting when the typing went astray
        target = QApplication.focusWidget() or dialog.focusWidget() or dialog
        assert target is not None
        seen.append(target)
        qtbot.keyClicks(target, text)
        then(dialog)

    QTimer.singleShot(0, attempt)


def enter(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    if dialog.isVisible():
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def test_typing_right_after_a_reason_prompt_opens_goes_into_the_reason(qtbot) -> None:
    behind = QLineEdit()  # the form the prompt opened from
    qtbot.addWidget(behind)
    behind.show()
    behind.setFocus()
    seen: list[QWidget] = []
    type_when_open(qtbot, "Pelapor tidak membawa KTP", lambda d: enter(qtbot, d), seen)
    reason = ask_reason(behind, "Terima peringatan", "NIK tidak sesuai tanggal lahir.",
                        "Alasan", "Terima")
    assert reason == "Pelapor tidak membawa KTP"
    assert isinstance(seen[0], QLineEdit)
    assert behind.text() == ""


def test_status_dialog_opens_on_the_next_step_with_the_focus_in_the_note(qtbot,
                                                                         session: Session) -> None:
    dialog = StatusDialog("ditangani", session.local_now)
    offered = [dialog.status.itemData(i) for i in range(dialog.status.count())]
    assert offered[0] == "selesai" and dialog.status.currentData() == "selesai"
    assert offered[-1] == "diterima"  # a step back only as a correction, last
    seen: list[QWidget] = []
    type_when_open(qtbot, "Pelaku diamankan bersama barang bukti",
                   lambda d: enter(qtbot, d), seen)
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert seen[0] is dialog.note
    status, note, _at = dialog.value()
    assert (status, note) == ("selesai", "Pelaku diamankan bersama barang bukti")


def test_status_transitions_table() -> None:
    assert set(STATUS_TRANSITIONS) == set(STATUSES)
    assert next_statuses("diterima")[0] == "ditangani"
    assert next_statuses("ditangani")[0] == "selesai"
    for status, targets in STATUS_TRANSITIONS.items():
        assert status not in targets
        assert set(targets) <= set(STATUSES)
        assert len(set(targets)) == len(targets)
    for final in FINAL_STATUSES:  # a closed case reopens as being handled, not as new
        assert next_statuses(final)[0] == "ditangani"
        assert "diterima" not in next_statuses(final)
