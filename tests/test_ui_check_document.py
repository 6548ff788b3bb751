"""The window's "Cek keaslian dokumen" (menu Dokumen, Ctrl+Shift+K): a printed code typed or
scanned into the box says genuine, not matching or voided since; and what the window prints
(patrol report, meeting notes, a walk-in's document) carries its check code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.documents.printing import prepare
from app.documents.registry import PATROL_REPORT, STTLP
from app.store import Store
from tests.document_records import Records, fill, read_qr, text_of
from ui.documents.check_dialog import CheckDocumentDialog
from ui.main_window import MainWindow
from ui.meetings.page import MeetingsPage
from ui.patrols.page import PatrolsPage
from ui.session import Session


@pytest.fixture
def records(store: Store) -> Records:
    return fill(store)


@pytest.fixture
def session(qapp: QApplication, store: Store, records: Records) -> Session:
    session = Session(store)
    assert records.officer.id is not None
    session.set_officer(records.officer.id)
    return session


@pytest.fixture
def window(session: Session, tmp_path: Path, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    yield window


def test_reachable_from_the_menu(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    menus = [a for a in window.menuBar().actions() if a.menu() is not None]
    # (Akun, with Ganti kata sandi, shows only on an encrypted store)
    menus = [m for m in menus if m.isVisible()]
    assert [m.text() for m in menus] == ["Petugas", "Dokumen"]
    actions = menus[1].menu().actions()  # type: ignore[union-attr]
    assert [a.text() for a in actions] == ["&Cek keaslian dokumen\u2026"]
    assert actions[0].shortcut().toString() == "Ctrl+Shift+K"
    actions[0].trigger()
    dialogs = window.findChildren(CheckDocumentDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    assert dialogs[0].windowTitle() == "Cek keaslian dokumen"


def test_genuine_altered_voided(window: MainWindow, store: Store, records: Records,
                                qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = window.check_document()
    assert isinstance(dialog, CheckDocumentDialog)
    code = prepare(store, STTLP, records.sttlp).check_code

    qtbot.keyClicks(dialog.code_edit, code.lower())
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)  # a scanner types, then Enter
    assert dialog.verdict_label.text().startswith("ASLI: ")
    assert "#1b5e20" in dialog.verdict_label.styleSheet()
    details = dialog.details_label.text()
    assert records.sttlp.number in details and "12 Februari 2024" in details
    dialog.grab().save(str(tmp_path / "cek-asli.png"))

    dialog.code_edit.setText(code[:-1] + ("0" if code[-1] != "0" else "1"))
    assert dialog.check() == "tidak_cocok"
    assert dialog.verdict_label.text().startswith("TIDAK COCOK: ")
    assert records.sttlp.number not in dialog.details_label.text()

    patrol_code = prepare(store, PATROL_REPORT, records.patroli).check_code
    store.patrols.void(records.patroli.id, "Salah input", None)
    dialog.code_edit.setText(patrol_code)
    assert dialog.check() == "dibatalkan"
    assert dialog.verdict_label.text().startswith("DIBATALKAN: ")
    assert "Dibatalkan pada" in dialog.details_label.text()
    dialog.grab().save(str(tmp_path / "cek-dibatalkan.png"))


def test_an_empty_box_says_so(session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = CheckDocumentDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.check_button.click()
    assert dialog.message.text() == "Isi kode cek dokumen dulu." and dialog.message.isVisible()
    assert not dialog.verdict_label.isVisible()
    qtbot.keyClicks(dialog.code_edit, "x")  # typing again clears the message
    assert not dialog.message.isVisible()


def test_the_window_prints_the_check_code(session: Session, store: Store, records: Records,
                                          qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    patrols = PatrolsPage(session)
    meetings = MeetingsPage(session)
    for page, record, short in ((patrols, records.patroli, "PATROLI"),
                                (meetings, records.notulen, "NOTULEN")):
        qtbot.addWidget(page)
        page.open_printed = False
        path = page.print_record(record.id)
        assert path is not None
        text = text_of(Path(path))
        assert f"Kode cek dokumen: {short}-{record.id}-" in text
        codes = read_qr(Path(path), tmp_path)
        assert len(codes) == 1 and codes[0] in text
