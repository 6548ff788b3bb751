"""The Buku Mutasi page, its entry and handover dialogs, and the Beranda's duty panel
(issue 19 items 2, 4, 5, 6): real widgets on a real store, offscreen, time from a clock the
test moves."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.models import Officer
from app.security.permissions import Role
from app.store import Access, Store
from app.store.duty.models import InventoryCount
from tests import factories
from tests.conftest import MutableClock
from tests.test_journal_store import DAY, utc
from ui.journal.duty_settings import ShiftTimesPanel, TeamsPanel
from ui.journal.home_panel import ShiftPanel
from ui.journal.model import COL_TEXT
from ui.journal.page import JournalPage
from ui.session import Session


@pytest.fixture
def desk(store: Store) -> tuple[Officer, Officer]:
    save = store.master.save
    return (save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record,
            save(Officer("RINA WATI", "BRIPTU", "90010002"), None).record)


@pytest.fixture
def session(qapp: object, store: Store, desk: tuple[Officer, Officer]) -> Session:
    session = Session(store)
    session.set_officer(desk[0].id)
    return session


def test_the_page_lists_the_shift_and_a_new_entry(qtbot: QtBot, session: Session,
                                                  clock: MutableClock,
                                                  desk: tuple[Officer, Officer]) -> None:
    store = session.store
    clock.when = utc(14, 5)
    store.visits.create(factories.lp(utc(14, 2), desk[0].id), desk[0].id)
    page = JournalPage(session)
    qtbot.addWidget(page)
    assert page.day == DAY
    assert page.title.text() == "Buku Mutasi — Rabu, 14 Februari 2024"
    assert page.model.rowCount() == 1
    page.day_field.setText("13-02-2024")
    qtbot.keyClick(page.day_field, Qt.Key.Key_Return)
    assert page.day == DAY.replace(day=13) and page.model.rowCount() == 0
    page.day_field.setText("20-02-2024")
    qtbot.keyClick(page.day_field, Qt.Key.Key_Return)
    assert page.message.text() == "Dinas itu belum dimulai."
    page.show_day(DAY)
    dialog = page.new_entry()
    qtbot.addWidget(dialog)
    assert not dialog.save()  # nothing typed
    assert dialog.form.message("text") == "Isi catatan wajib diisi."
    dialog.kind.setCurrentIndex(dialog.kind.findData("telepon"))
    dialog.text.setPlainText("Warga melapor pohon tumbang di jalan lintas")
    assert dialog.save()
    assert page.model.rowCount() == 2
    index = page.model.index(1, COL_TEXT)
    assert page.model.data(index) == "Warga melapor pohon tumbang di jalan lintas"


def test_the_journal_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester: object,
                                                    session: Session, clock: MutableClock,
                                                    desk: tuple[Officer, Officer]) -> None:
    clock.when = utc(14, 5)
    store = session.store
    first = store.duty.add_entry("situasi", "Aman", utc(14, 3), desk[0].id, desk[0].id).record
    store.duty.correct(first.uuid, "Aman terkendali", desk[0].id)
    page = JournalPage(session)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_a_correction_keeps_the_original_visible(qtbot: QtBot, session: Session,
                                                 clock: MutableClock,
                                                 desk: tuple[Officer, Officer]) -> None:
    store = session.store
    clock.when = utc(14, 5)
    store.duty.add_entry("tamu_dinas", "Kunjungan Kasat", utc(14, 4), desk[0].id, desk[0].id)
    page = JournalPage(session)
    qtbot.addWidget(page)
    assert not page.correct("tidak ada yang dipilih")
    page.table.selectRow(0)
    assert page.correct("Kunjungan Wakapolres")
    assert page.model.rowCount() == 2
    original = page.model.index(0, COL_TEXT)
    assert page.model.data(original) == "Kunjungan Kasat (dikoreksi)"
    assert "Koreksi 14-02-2024 12.00: Kunjungan Wakapolres" in page.model.data(
        original, Qt.ItemDataRole.ToolTipRole)
    assert page.model.data(original, Qt.ItemDataRole.FontRole).strikeOut()
    assert page.model.data(page.model.index(1, COL_TEXT)) == "Kunjungan Wakapolres"


def test_the_handover_dialog(qtbot: QtBot, session: Session, clock: MutableClock,
                             desk: tuple[Officer, Officer], tmp_path: Path) -> None:
    store = session.store
    clock.when = utc(14, 1, 30)
    store.duty.hand_over(store.duty.shift_on(DAY.replace(day=13)), outgoing_officer_id=desk[1].id,
                         incoming_officer_id=desk[0].id, summary="Aman", incoming_notes="",
                         items=(InventoryCount("tahanan", 2, "A; B"),), by=desk[1].id)
    clock.when = utc(15, 1, 20)  # 08.20 WIB on the 15th: the 14th's shift ends
    page = JournalPage(session)
    qtbot.addWidget(page)
    page.show_day(DAY)
    dialog = page.hand_over()
    qtbot.addWidget(dialog)
    assert dialog.rows["tahanan"].previous_label.text() == "2"
    assert dialog.rows["tahanan"].details.text() == "A; B"  # carried over from the last one
    dialog.rows["tahanan"].count.setValue(1)
    dialog.summary.setPlainText("Situasi aman terkendali")
    dialog.incoming_nrp.setText(desk[1].nrp)
    dialog.password.setText("rahasia")
    assert not dialog.save()
    message = dialog.rows["tahanan"].message
    assert "berbeda dari serah terima sebelumnya (2)" in message.text()
    assert not message.isHidden()
    assert store.duty.handover(DAY) is None
    dialog.rows["tahanan"].explanation.setText("B dilimpahkan ke Polres")
    dialog.incoming_nrp.setText(desk[0].nrp)  # the outgoing officer himself
    assert not dialog.save()
    assert dialog.incoming.message("incoming") == "Petugas penerima harus orang lain."
    dialog.incoming_nrp.setText(desk[1].nrp)
    dialog.notes.setPlainText("Diterima")
    assert dialog.save()
    saved = store.duty.handover(DAY)
    assert saved is not None and saved.on_time and saved.incoming_officer_id == desk[1].id
    assert "Sudah diserahterimakan" in page.handover_label.text()
    assert not page.handover_button.isEnabled()
    page.open_printed = False
    path = page.print_journal()
    assert path is not None and path.exists() and path.name == "mutasi-2024-02-14.pdf"


def test_a_desk_role_may_write_a_leader_may_not(qtbot: QtBot, session: Session,
                                                desk: tuple[Officer, Officer]) -> None:
    session.store.set_access(Access(desk[0].id, desk[0].nrp, Role.PIMPINAN))
    page = JournalPage(session)
    qtbot.addWidget(page)
    assert [b.isVisibleTo(page) for b in (page.new_button, page.correct_button,
                                          page.handover_button, page.print_button)] == [
        False, False, False, True]
    assert not page.correct("dikoreksi")  # nothing written for a role that reads


def test_beranda_warns_at_09_00_when_the_shift_was_not_handed_over(
        qtbot: QtBot, session: Session, clock: MutableClock,
        desk: tuple[Officer, Officer]) -> None:
    clock.when = utc(15, 1, 59)  # 08.59 WIB: the 14th's shift may still be handed over
    panel = ShiftPanel(session)
    qtbot.addWidget(panel)
    assert panel.warning.isHidden()
    assert "Kamis, 15 Februari 2024 pukul 08.00" in panel.shift_label.text()
    clock.when = utc(15, 2, 0)  # 09.00 WIB
    panel.reload(clock())
    assert not panel.warning.isHidden()
    assert "Dinas Rabu, 14 Februari 2024 belum diserahterimakan" in panel.warning.text()
    session.write(lambda: session.store.duty.hand_over(
        session.store.duty.shift_on(DAY), outgoing_officer_id=desk[0].id,
        incoming_officer_id=desk[1].id, summary="Aman", incoming_notes="", items=(),
        by=desk[0].id))
    assert panel.warning.isHidden()  # reloaded on the change


def test_the_window_puts_the_duty_on_beranda_and_in_settings(
        qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow
    from ui.pages import Page

    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    home = window.page(Page.HOME)
    assert home.findChildren(ShiftPanel)
    settings = window.page(Page.SETTINGS)
    (times,) = settings.findChildren(ShiftTimesPanel)
    settings.tabs.setCurrentWidget(times)
    times.start.setText("07.30")
    assert settings.save()  # Ctrl+S on the Jam dinas tab saves the shift times
    assert session.store.duty.settings.duty_settings().shift_start == "07:30"
    master = window.page(Page.MASTER)
    assert master.findChildren(TeamsPanel)
    assert isinstance(window.page(Page.JOURNAL), JournalPage)


def test_regu_and_shift_times_are_edited_in_their_tabs(qtbot: QtBot, session: Session,
                                                       desk: tuple[Officer, Officer]) -> None:
    times = ShiftTimesPanel(session)
    qtbot.addWidget(times)
    times.start.setText("8 pagi")
    assert not times.save()
    assert "JJ.MM" in times.form.message("shift_start")
    times.start.setText("07.30")
    times.rotation.setText("14-02-2024")
    assert times.save()
    assert session.store.duty.settings.duty_settings().shift_start == "07:30"
    teams = TeamsPanel(session)
    qtbot.addWidget(teams)
    assert not teams.save()
    assert teams.form.message("name") == "Nama regu wajib diisi."
    teams.name.setText("Regu I")
    teams.members.item(1).setCheckState(Qt.CheckState.Checked)
    assert teams.save()
    assert session.store.duty.team_on(DAY).member_ids == (desk[1].id,)  # type: ignore[union-attr]


def test_the_handover_dialog_on_an_encrypted_store(qtbot: QtBot, qapp: object, tmp_path: Path,
                                                   clock: MutableClock) -> None:
    """The window's case: the outgoing officer signed in, the incoming one types their own
    password; a wrong one is refused next to the field and nothing is saved."""
    from app.store.signin import switch_officer
    from tests.cli_support import ADMIN, PASSWORD, PETUGAS, make_store

    with make_store(tmp_path / "sandi.db", clock=clock) as store:
        switch_officer(store, ADMIN.nrp, PASSWORD)  # an admin may not hand over ...
        store.set_access(Access(store.access.officer_id, ADMIN.nrp, Role.KA_SPKT))  # ... a Ka SPKT may
        session = Session(store)
        session.set_officer(store.access.officer_id)
        clock.when = utc(15, 1, 20)
        page = JournalPage(session)
        qtbot.addWidget(page)
        page.show_day(DAY)
        dialog = page.hand_over()
        qtbot.addWidget(dialog)
        from app.domain.models import Vehicle

        vehicles = store.master.list(Vehicle, active_only=True)
        assert dialog.rows["kendaraan"].count.value() == len(vehicles)  # the first handover
        dialog.summary.setPlainText("Situasi aman terkendali")
        dialog.incoming_nrp.setText(PETUGAS.nrp)
        dialog.password.setText("bukan-sandinya1")
        assert not dialog.save()
        assert dialog.incoming.message("password") == "NRP atau kata sandi salah."
        assert dialog.password.text() == "" and store.duty.handover(DAY) is None
        dialog.password.setText(PASSWORD)
        assert dialog.save()
        saved = store.duty.handover(DAY)
        assert saved is not None and saved.outgoing_officer_id == store.access.officer_id
        actions = [r[0] for r in store.db.execute(
            "SELECT action FROM audit_log WHERE action IN ('confirm', 'sign_in_failed', "
            "'handover') ORDER BY id")]
        assert actions[-3:] == ["sign_in_failed", "confirm", "handover"]
