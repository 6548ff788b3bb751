"""The shared form widgets: what typed text they accept, and their Indonesian messages."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from ui.common.entry_text import parse_date_text, parse_datetime_text, parse_rupiah_text
from ui.common.master_combo import MasterCombo
from ui.common.widgets import DateTimeField, FieldBox, Message, RupiahEdit

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2024, 2, 14, 14, 0, tzinfo=WIB)


@pytest.mark.parametrize(("text", "expected"), [
    ("12-02-2024 14.05", datetime(2024, 2, 12, 14, 5, tzinfo=WIB)),
    ("12/2/2024 14:05", datetime(2024, 2, 12, 14, 5, tzinfo=WIB)),
    ("12.02.24 pukul 9.30 WIB", datetime(2024, 2, 12, 9, 30, tzinfo=WIB)),
    ("09.15", datetime(2024, 2, 14, 9, 15, tzinfo=WIB)),
    ("", None),
])
def test_datetime_text(text: str, expected: datetime | None) -> None:
    assert parse_datetime_text(text, NOW) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("31-02-2024 10.00", "tidak ada di kalender"),
    ("12-02-2024", "Isi juga jamnya"),
    ("25.00", "Jam harus antara"),
    ("kemarin", "Tulis tanggal dan jam"),
])
def test_datetime_text_refused_in_indonesian(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_datetime_text(text, NOW)


def test_dates_and_rupiah() -> None:
    assert parse_date_text("5-7-85", date(2024, 2, 14)) == date(1985, 7, 5)
    assert parse_date_text("05-07-2020", date(2024, 2, 14)) == date(2020, 7, 5)
    with pytest.raises(ValueError, match="tidak ada di kalender"):
        parse_date_text("30-02-1990", date(2024, 2, 14))
    assert parse_rupiah_text("Rp12.500.000") == 12_500_000
    assert parse_rupiah_text("12 500 000,-") == 12_500_000
    assert parse_rupiah_text("") == 0
    with pytest.raises(ValueError, match="angka saja"):
        parse_rupiah_text("12,5 juta")


def test_fields_keep_what_does_not_parse(qtbot) -> None:
    field = DateTimeField(lambda: NOW)
    qtbot.addWidget(field)
    field.set_text("32-01-2024 10.00")
    assert field.value() is None and "kalender" in (field.error() or "")
    assert field.text() == "32-01-2024 10.00"
    field.now_button.click()
    assert field.value() == NOW and field.text() == "14-02-2024 14.00"
    money = RupiahEdit()
    qtbot.addWidget(money)
    money.setText("15000000")
    money.editingFinished.emit()
    assert money.text() == "15.000.000" and money.value() == 15_000_000


def test_master_combo_matches_contains_case_insensitively(qtbot) -> None:
    combo = MasterCombo()
    qtbot.addWidget(combo)
    combo.set_items([("Pencurian biasa", "pencurian"), ("Pencurian kendaraan bermotor (Curanmor)",
                                                        "curanmor"), ("Penipuan", "penipuan")])
    combo.setEditText("CURANMOR")
    assert combo.current_data() == "curanmor"
    combo.setEditText("penipuan")
    assert combo.current_data() == "penipuan"
    combo.set_items([("Pedamaran I", "Pedamaran I"), ("Pedamaran II", "Pedamaran II")])
    combo.setEditText("pedamaran i")
    assert combo.current_data() == "Pedamaran I"  # exact wins over "contains"
    combo.setEditText("pedamaran")
    assert combo.current_data() is None and combo.is_unmatched()
    completer = combo.completer()
    assert completer.filterMode().name == "MatchContains"
    assert completer.caseSensitivity().name == "CaseInsensitive"


def test_master_combo_keeps_typing_while_its_suggestions_open(qtbot) -> None:
    """Under a window manager the suggestions opening sends the field FocusAboutToChange
    (OtherFocusReason): that is not leaving it. Typing "c" for "curanmor" in the desa field
    became "Cinta Jaya", the only desa with a "c", and the rest was added to it."""
    combo = MasterCombo()
    qtbot.addWidget(combo)
    combo.set_items([("Cinta Jaya", "Cinta Jaya"), ("Serinanti", "Serinanti")])
    combo.show()
    line = combo.lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, "c")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    QApplication.sendEvent(combo, QFocusEvent(QEvent.Type.FocusAboutToChange,
                                              Qt.FocusReason.OtherFocusReason))
    assert combo.currentText() == "c"
    # Tab with the suggestions open does leave: the only entry containing the text is taken
    QApplication.sendEvent(combo, QFocusEvent(QEvent.Type.FocusAboutToChange,
                                              Qt.FocusReason.TabFocusReason))
    assert combo.currentText() == "Cinta Jaya"


def test_field_box_shows_messages_with_actions(qtbot) -> None:
    box = FieldBox(RupiahEdit())
    qtbot.addWidget(box)
    box.show()
    box.set_messages([Message("NIK harus 16 angka.", "warning", "accept|nik|x", "Terima…")])
    assert box.message_text() == "NIK harus 16 angka."
    with qtbot.waitSignal(box.action_requested) as clicked:
        box._label.linkActivated.emit("accept|nik|x")
    assert clicked.args == ["accept|nik|x"]
    box.set_messages([])
    assert not box._label.isVisible()
