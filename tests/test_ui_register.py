"""The Register LP page (issue 18): the list with its filters and keyset paging, the stage
dialog (a note is required), investigator, SP2HP editor with delivery, print; roles; a real
store with a clock the test moves (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from app.domain.models import Officer
from app.security.permissions import Role
from app.store import Access, Store
from tests import factories
from tests.conftest import MutableClock
from tests.qt_windows import close_open_forms
from ui.register.model import COL_DUE, COL_STAGE, RegisterModel
from ui.register.page import RegisterPage
from ui.session import Session

AT = datetime(2024, 2, 14, 3, 0, tzinfo=UTC)


@pytest.fixture
def session(store: Store, officer: Officer) -> Iterator[Session]:
    s = Session(store)
    s.set_officer(officer.id)
    yield s
    close_open_forms()


def _lps(store: Store, officer: Officer, n: int) -> list[int]:
    ids = []
    for i in range(n):
        made = store.visits.create(factories.lp(AT - timedelta(days=i), officer.id),
                                   officer.id).record.id
        assert made is not None
        ids.append(made)
    return ids


def test_model_pages_and_marks_overdue(session: Session, store: Store, officer: Officer,
                                       qtmodeltester, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    ids = _lps(store, officer, 7)
    model = RegisterModel(session, page_size=3)
    model.reload()
    assert model.rowCount() == 3 and model.total == 7
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert [model.row_at(i).visit_id for i in range(7)] == ids  # type: ignore[union-attr]
    last = model.index(6, COL_DUE).data()
    assert last.startswith("terlambat, ")
    assert model.index(0, COL_STAGE).data() == "Diterima"


def test_stage_dialog_needs_a_note_then_writes(session: Session, store: Store,
                                               officer: Officer, qtbot: QtBot) -> None:
    (lp,) = _lps(store, officer, 1)
    page = RegisterPage(session)
    qtbot.addWidget(page)
    page.open_printed = False
    page.select_id(lp)
    dialog = page.change_stage()
    assert dialog is not None
    dialog.stage.setCurrentIndex(dialog.stage.findData("penelitian"))
    dialog._on_buttons_accepted()  # noqa: SLF001  OK without a note
    assert dialog.form.message("note") == "Catatan wajib diisi."
    assert store.register.case(lp).stage == "diterima"
    dialog.note.setPlainText("laporan dipelajari penyidik")
    dialog._on_buttons_accepted()  # noqa: SLF001
    assert store.register.case(lp).stage == "penelitian"
    assert page.model.index(0, COL_STAGE).data() == "Penelitian"


def test_letter_editor_delivery_print_and_overdue_filter(
        session: Session, store: Store, officer: Officer, qtbot: QtBot,
        clock: MutableClock) -> None:
    ids = _lps(store, officer, 5)
    page = RegisterPage(session)
    qtbot.addWidget(page)
    page.open_printed = False
    page.show_overdue()
    assert page.model.total == 1  # 10 Feb: the only one past its 3 days on 14 Feb
    page.overdue.setChecked(False)
    page.select_id(ids[4])
    assign = page.assign()
    assert assign is not None
    assign.investigator.setCurrentIndex(assign.investigator.findData(officer.id))
    assign._on_buttons_accepted()  # noqa: SLF001
    page.select_id(ids[4])
    editor = page.new_letter()
    assert editor is not None
    assert editor.texts["summary"].toPlainText().startswith("Laporan Polisi Nomor")
    editor.texts["advice"].setPlainText("")
    editor._on_buttons_accepted()  # noqa: SLF001
    assert editor.form.message("advice") == "Hak dan kewajiban pelapor: wajib diisi."
    editor.texts["advice"].setPlainText("Saudara berhak mendapat informasi.")
    editor._on_buttons_accepted()  # noqa: SLF001
    assert len(store.register.letters_of(ids[4])) == 1
    page.select_id(ids[4])
    last = page.edit_last_letter()
    assert last is not None
    last.method.setCurrentIndex(last.method.findData("whatsapp"))
    last.delivered_to.setText("Siti Aminah")
    last._on_buttons_accepted()  # noqa: SLF001
    (letter,) = store.register.letters_of(ids[4])
    assert letter.delivery_method == "whatsapp" and letter.delivered_to == "Siti Aminah"
    page.select_id(ids[4])
    path = page.print_letter()
    assert path is not None
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert str(letter.number) in text
    page.show_overdue()
    assert page.model.total == 0
    page.overdue.setChecked(False)
    page.select_id(ids[4])
    assert page.void_letter_button.isEnabled()
    assert page.void_last_letter(reason="dibuat untuk LP yang salah")
    assert store.register.letters_of(ids[4]) == ()
    assert store.register.case(ids[4]).sp2hp_count == 0
    page.select_id(ids[4])  # the list reloaded: no letter left to cancel, edit or print
    assert not page.void_letter_button.isEnabled() and not page.print_button.isEnabled()
    assert not page.void_last_letter(reason="lagi")


def test_a_petugas_sees_no_investigators_buttons(session: Session, store: Store,
                                                  officer: Officer, qtbot: QtBot) -> None:
    store.set_access(Access(officer.id, officer.nrp, Role.PETUGAS))
    page = RegisterPage(session)
    qtbot.addWidget(page)
    page.show()
    assert not page.stage_button.isVisible() and not page.letter_button.isVisible()
    assert not page.void_letter_button.isVisible()
    assert page.print_button.isVisible()
    assert page.change_stage() is None


def test_beranda_and_status_bar_open_the_register_filtered_to_late_sp2hp(
        session: Session, store: Store, officer: Officer, qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ui.home.page import HomePage
    from ui.main_window import MainWindow
    from ui.pages import Page

    _lps(store, officer, 6)  # 14..9 Feb: 10 and 9 Feb are late on 14 Feb
    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.sp2hp_badge.text() == "SP2HP terlambat: 2"
    home = window.show_page(Page.HOME)
    assert isinstance(home, HomePage)
    assert home.tiles["sp2hp"].value.text() == "2"
    page = home.open("sp2hp")
    assert isinstance(page, RegisterPage) and window.current_page() is page
    assert page.overdue.isChecked() and page.model.total == 2
    page.overdue.setChecked(False)
    assert page.model.total == 6
    window.sp2hp_badge.clicked.emit()
    assert page.overdue.isChecked() and page.model.total == 2


def test_pengaturan_sp2hp_rules(session: Session, store: Store, qtbot: QtBot) -> None:
    from ui.register.settings_panel import Sp2hpRulesPanel

    panel = Sp2hpRulesPanel(session)
    qtbot.addWidget(panel)
    assert panel.first.value() == 3 and panel.intervals["sangat_sulit"].value() == 14
    panel.intervals["mudah"].setValue(25)
    assert panel.save()
    assert store.settings.sp2hp_rules().mudah_days == 25
    assert panel.intervals["mudah"].maximum() == 30  # never longer than a month


def test_every_mnemonic_of_the_page_is_its_own(session: Session, qtbot: QtBot) -> None:
    """Alt+T was "Ubah tahap", "Hanya SP2HP terlambat" and "SP2HP terakhir" at once: Qt
    then only moves the focus between them."""
    import re

    from PySide6.QtWidgets import QAbstractButton

    page = RegisterPage(session)
    qtbot.addWidget(page)
    letters = [m.group(1).lower() for button in page.findChildren(QAbstractButton)
               for m in [re.search(r"&(\w)", button.text())] if m]
    assert len(letters) >= 7
    assert len(letters) == len(set(letters)), letters
