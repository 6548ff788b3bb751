"""The window's sign-in (issue 16 items 1, 3, 4): the sign-in dialog, the first run of a new
encrypted store and its recovery key, the upgrade of a plain store, "Ganti petugas" and the
idle lock, on real encrypted stores (cheap argon2id parameters: the rule is the same)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.domain.models import Officer, StationProfile
from app.security.keyslots import Argon2Params, KeySlots
from app.security.permissions import Role
from app.store import Store, VisitFilter, create_store, sign_in, store_state, switch_officer
from tests import factories
from tests.conftest import MutableClock
from tests.qt_windows import close_open_forms
from ui.main_window import MainWindow
from ui.pages import Page
from ui.records.kinds import VISIT
from ui.session import Session
from ui.signin.dialog import LAST_NRP_KEY, RecoveryDialog, SignInDialog
from ui.signin.first_run import NewStoreDialog
from ui.signin.recovery_key import RecoveryKeyDialog
from ui.signin.upgrade import UpgradeDialog
from ui.visits.dialog import VisitDialog

ADMIN = Officer("BUDI SANTOSO", "AKP", "75010001")
ADMIN_PASSWORD = "Pedamaran2024"
DESK = Officer("ANDI SAPUTRA", "BRIPKA", "85061234")
DESK_PIN = "123790"
OTHER = Officer("RINA WATI", "BRIGPOL", "93020045")
OTHER_PIN = "246813"
FAST = Argon2Params(time_cost=1, memory_cost=8 * 1024, parallelism=1)


def make_store(path: Path, clock: MutableClock) -> str:
    """An encrypted store: the admin, two desk officers with accounts, one walk-in.
    Returns the recovery key."""
    store, recovery = create_store(path, ADMIN, ADMIN_PASSWORD, clock=clock,
                                   slots=KeySlots(params=FAST))
    with store:
        store.settings.save_station_profile(StationProfile(), None)
        for officer, pin in ((DESK, DESK_PIN), (OTHER, OTHER_PIN)):
            saved = store.master.save(officer, None).record
            store.accounts.create(saved.id, Role.PETUGAS, pin, None)
        switch_officer(store, DESK.nrp, DESK_PIN)
        desk = store.access.officer_id
        store.visits.create(factories.lp(clock(), desk), desk)
    return recovery


@pytest.fixture
def encrypted(tmp_path: Path, clock: MutableClock) -> tuple[Path, str]:
    path = tmp_path / "piket.db"
    return path, make_store(path, clock)


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "piket.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, encrypted: tuple[Path, str], clock: MutableClock,
           qsettings: QSettings) -> Iterator[MainWindow]:
    store = sign_in(encrypted[0], DESK.nrp, DESK_PIN, clock=clock)
    main = MainWindow(Session(store), qsettings)
    qtbot.addWidget(main)
    main.show()
    yield main
    close_open_forms()
    main.close()
    store.close()


def test_sign_in_dialog_says_wrong_password_then_signs_in_and_remembers_the_nrp(
        qtbot, encrypted: tuple[Path, str], qsettings: QSettings) -> None:
    dialog = SignInDialog(encrypted[0], qsettings)
    qtbot.addWidget(dialog)
    dialog.form.nrp.setText(DESK.nrp)
    dialog.form.password.setText("999999")
    assert not dialog.form.submit()
    assert dialog.store is None
    assert dialog.form.message.text() == "NRP atau kata sandi salah."
    assert dialog.form.password.text() == ""  # typed again, never kept
    dialog.form.password.setText(DESK_PIN)
    assert dialog.form.submit()
    assert dialog.store is not None
    with dialog.store as store:
        assert store.access.nrp == DESK.nrp and store.access.role is Role.PETUGAS
    assert qsettings.value(LAST_NRP_KEY) == DESK.nrp
    qsettings.sync()
    assert DESK_PIN not in Path(qsettings.fileName()).read_text()
    again = SignInDialog(encrypted[0], qsettings)
    qtbot.addWidget(again)
    assert again.form.nrp.text() == DESK.nrp


def test_lockout_at_the_sign_in_dialog_and_its_expiry(
        qtbot, encrypted: tuple[Path, str], qsettings: QSettings, clock: MutableClock) -> None:
    dialog = SignInDialog(encrypted[0], qsettings, clock=clock)
    qtbot.addWidget(dialog)
    dialog.form.nrp.setText(OTHER.nrp)
    for _ in range(5):
        dialog.form.password.setText("135792")
        assert not dialog.form.submit()
    assert "terkunci karena 5 kali salah" in dialog.form.message.text()
    clock.advance(minutes=9)
    dialog.form.password.setText(OTHER_PIN)
    assert not dialog.form.submit() and "terkunci" in dialog.form.message.text()
    clock.advance(minutes=2)
    dialog.form.password.setText(OTHER_PIN)
    assert dialog.form.submit()
    assert dialog.store is not None
    dialog.store.close()


def test_lockout_at_the_lock_screen_and_its_expiry(qtbot, window: MainWindow,
                                                   clock: MutableClock) -> None:
    guard = window.guard
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    assert guard.lock_now()
    assert guard.is_locked and not window.centralWidget().isEnabled()
    form = guard.form
    for field in (form.nrp, form.password):  # not squeezed under the wrapped text above
        assert field.height() >= field.minimumSizeHint().height()
    assert form.nrp.text() == DESK.nrp and form.nrp.isReadOnly()
    for _ in range(5):
        form.password.setText("111222")
        assert not form.submit()
    assert "terkunci karena 5 kali salah" in form.message.text()
    form.password.setText(DESK_PIN)
    assert not form.submit()  # the right PIN is refused while locked out
    assert "terkunci" in form.message.text()
    clock.advance(minutes=11)
    form.password.setText(DESK_PIN)
    assert form.submit()
    assert not guard.is_locked and window.centralWidget().isEnabled()
    store = window._session.store
    assert store.access.nrp == DESK.nrp
    actions = [r[0] for r in store.db.execute(
        "SELECT action FROM audit_log WHERE kind = 'masuk' ORDER BY id").fetchall()]
    assert "lockout" in actions and actions[-1] == "unlock"


def test_first_run_creates_an_encrypted_store_and_shows_the_recovery_key(
        qtbot, tmp_path: Path) -> None:
    path = tmp_path / "baru.db"
    dialog = NewStoreDialog(path)
    qtbot.addWidget(dialog)
    dialog.set_officer("ANDI SAPUTRA", "BRIPKA", "85061234")
    dialog.new_password.password.setText("123")
    dialog.new_password.repeat.setText("123")
    dialog.accept()
    assert dialog.store is None and store_state(path) == "new"
    assert "PIN paling sedikit 6 angka" in dialog.officer_form.message("password")
    dialog.new_password.set_value("Desk2024aman")
    dialog.new_password.repeat.setText("Desk2024amaN")
    dialog.accept()
    assert "tidak sama" in dialog.officer_form.message("repeat")
    dialog.new_password.set_value("Desk2024aman")
    dialog.accept()
    store = dialog.store
    assert store is not None and dialog.result()
    assert store_state(path) == "encrypted"
    assert not path.read_bytes().startswith(b"SQLite format 3")
    assert store.access.role is Role.ADMIN and store.access.nrp == "85061234"
    assert store.settings.has_station_profile()
    shown = RecoveryKeyDialog(store, dialog.recovery_key)
    qtbot.addWidget(shown)
    assert shown.key_label.text().replace("\n", "  ").split() == dialog.recovery_key.split("-")
    assert not shown.continue_button.isEnabled()
    shown.reject()  # Esc does not skip the key
    assert shown.isVisible() or shown.result() == 0
    sheet = tmp_path / "lembar.pdf"
    assert shown.save_sheet(sheet)
    text = subprocess.run(["pdftotext", "-layout", str(sheet), "-"], capture_output=True,
                          text=True, check=True).stdout
    groups = dialog.recovery_key.split("-")
    assert " ".join(groups[:4]) in " ".join(text.split())
    assert "brankas Kapolsek" in text and "PEDAMARAN" in text
    shown.kept.setChecked(True)
    assert shown.continue_button.isEnabled()
    store.close()
    with sign_in(path, "85061234", "Desk2024aman") as again:
        assert again.access.role is Role.ADMIN


def test_upgrade_of_a_plain_store_keeps_its_records(qtbot, tmp_path: Path,
                                                    clock: MutableClock) -> None:
    path = tmp_path / "lama.db"
    with Store(path, clock=clock) as plain:
        plain.settings.save_station_profile(StationProfile(), None)
        desk = plain.master.save(DESK, None).record
        for _ in range(3):
            plain.visits.create(factories.lp(clock(), desk.id), desk.id)
    assert store_state(path) == "plain"
    dialog = UpgradeDialog(path, [desk])
    qtbot.addWidget(dialog)
    assert dialog.from_roster.isChecked()
    dialog.picker.setEditText(dialog.picker.itemText(0))
    dialog.new_password.set_value(DESK.nrp)  # not the NRP itself
    dialog.accept()
    assert "NRP" in dialog.form.message("password") and store_state(path) == "plain"
    dialog.new_password.set_value("Jaga2024malam")
    dialog.accept()
    assert dialog.store is not None and dialog.recovery_key
    with dialog.store as store:
        assert store.access.officer_id == desk.id and store.access.role is Role.ADMIN
        assert store.visits.count(VisitFilter()) == 3
    assert store_state(path) == "encrypted"
    assert not list(tmp_path.glob("lama.db.before-*"))  # no plain copy left beside it


def test_recovery_key_sets_a_new_admin_password(qtbot, encrypted: tuple[Path, str]) -> None:
    path, recovery = encrypted
    dialog = RecoveryDialog(path)
    qtbot.addWidget(dialog)
    dialog.key.setText("0000-0000-0000-0000-0000-0000-0000-0000")
    dialog.accept()
    assert dialog.store is None and dialog.form.message("key") == "Kunci pemulihan salah."
    dialog.key.setText(recovery.lower().replace("-", " "))
    dialog.accept()
    assert dialog.store is not None and dialog.admin.count() == 1
    dialog.new_password.set_value("Baru2024sandi")
    dialog.accept()
    assert dialog.result()
    assert dialog.store.access.nrp == ADMIN.nrp
    dialog.store.close()
    with sign_in(path, ADMIN.nrp, "Baru2024sandi") as store:
        assert store.access.role is Role.ADMIN


def test_title_shows_name_rank_and_role(window: MainWindow) -> None:
    assert "BRIPKA ANDI SAPUTRA (Petugas SPKT)" in window.windowTitle()
    assert "BRIPKA ANDI SAPUTRA (Petugas SPKT)" in window.officer_label.text()


def test_ganti_petugas_signs_out_and_another_officer_signs_in(window: MainWindow) -> None:
    store = window._session.store
    window.change_officer_action.trigger()
    assert window.guard.is_locked and not store.access.signed_in
    assert window._session.officer_id is None
    assert "(terkunci)" in window.officer_label.text()
    form = window.guard.form
    assert form.nrp.text() == "" and not form.nrp.isReadOnly()
    assert form.button.text() == "&Masuk" and window.guard.screen.other_button.isHidden()
    form.nrp.setText(OTHER.nrp)
    form.password.setText(OTHER_PIN)
    assert form.submit()
    assert not window.guard.is_locked
    assert store.access.nrp == OTHER.nrp
    assert window._session.officer_id == store.access.officer_id
    assert "BRIGPOL RINA WATI" in window.windowTitle()


def _open_walkin(window: MainWindow) -> VisitDialog:
    page = window.show_page(Page.VISITS)
    dialog = page.new_visit()  # type: ignore[attr-defined]
    assert isinstance(dialog, VisitDialog)
    return dialog


def test_idle_lock_keeps_a_half_filled_walkin_form(qtbot, window: MainWindow) -> None:
    dialog = _open_walkin(window)
    qtbot.waitExposed(dialog)
    dialog.form.s.narrative.setPlainText("Motor hilang di depan pasar")
    window.guard.idle_timer.timeout.emit()  # the idle minutes have passed
    assert window.guard.is_locked
    assert not dialog.isVisible() and shiboken6.isValid(dialog)
    assert not window._session.store.access.signed_in
    form = window.guard.form
    form.password.setText(DESK_PIN)
    assert form.submit()
    assert dialog.isVisible()
    assert dialog.form.s.narrative.toPlainText() == "Motor hilang di depan pasar"
    dialog.form.s.narrative.setPlainText("")
    dialog.mark_clean()


def test_another_officer_at_the_lock_screen_keeps_the_form_as_the_first_ones_draft(
        qtbot, window: MainWindow) -> None:
    store = window._session.store
    desk_id = store.access.officer_id
    dialog = _open_walkin(window)
    qtbot.waitExposed(dialog)
    dialog.form.s.narrative.setPlainText("Dompet tertinggal di angkot")
    assert window.guard.lock_now()
    window.guard.screen.other_button.click()
    form = window.guard.form
    assert form.nrp.text() == "" and not form.nrp.isReadOnly()
    form.nrp.setText(OTHER.nrp)
    form.password.setText(OTHER_PIN)
    assert form.submit()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())
    assert store.access.nrp == OTHER.nrp
    assert store.drafts.list(VISIT) == ()  # the new officer sees none of them
    qtbot.wait(20)  # the new officer is offered their own drafts: they have none
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    with Store(store.path, key=store.data_key) as everyone:  # unrestricted: every draft
        drafts = everyone.drafts.list(VISIT)
    assert len(drafts) == 1 and drafts[0].officer_id == desk_id
    assert "Dompet tertinggal di angkot" in drafts[0].payload


def test_idle_minutes_are_set_in_pengaturan_and_followed(qtbot, window: MainWindow) -> None:
    from ui.settings.page import SettingsPage

    store = window._session.store
    switch_officer(store, ADMIN.nrp, ADMIN_PASSWORD)  # Pengaturan is the admin's
    window._session.access_changed()
    assert window.guard.idle_timer.interval() == 5 * 60_000 and window.guard.idle_timer.isActive()
    page = SettingsPage(window._session)
    qtbot.addWidget(page)
    spin = page._idle_lock
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 120, 5)
    spin.setValue(12)
    assert page.save(), page.status.text()
    assert store.settings.app_settings().idle_lock_minutes == 12
    assert window.guard.idle_timer.interval() == 12 * 60_000


def test_enter_in_the_sign_in_dialog_submits_once(qtbot, encrypted: tuple[Path, str],
                                                  qsettings: QSettings) -> None:
    """Enter in the password field tries once: a default button would take the same Enter
    and try again with the emptied field ("Isi NRP dan kata sandi.")."""
    from PySide6.QtCore import Qt

    dialog = SignInDialog(encrypted[0], qsettings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.form.nrp.setText(DESK.nrp)
    qtbot.keyClick(dialog.form.nrp, Qt.Key.Key_Return)
    assert dialog.form.message.text() == ""  # not tried with an empty password
    qtbot.keyClicks(dialog.form.password, "999999")
    qtbot.keyClick(dialog.form.password, Qt.Key.Key_Return)
    assert dialog.form.message.text() == "NRP atau kata sandi salah."


def test_start_signs_in_to_an_encrypted_store_and_says_when_its_keys_are_missing(
        qtbot, encrypted: tuple[Path, str], qsettings: QSettings) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.store.signin import slots_path
    from tests.test_ui_shell import on_next_modal
    from ui.signin.start import sign_in_at_start

    path = encrypted[0]

    def fill(dialog) -> None:  # noqa: ANN001
        assert isinstance(dialog, SignInDialog)
        dialog.form.nrp.setText(OTHER.nrp)
        dialog.form.password.setText(OTHER_PIN)
        dialog.form.submit()

    on_next_modal(fill)
    store = sign_in_at_start(path, qsettings)
    assert store is not None and store.access.nrp == OTHER.nrp
    store.close()
    keys = slots_path(path)
    keys.rename(keys.with_name("disimpan.keys"))
    said: list[str] = []

    def note(box) -> None:  # noqa: ANN001
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()
        on_next_modal(lambda restore: restore.reject())  # the restore offer: no

    on_next_modal(note)
    assert sign_in_at_start(path, qsettings) is None
    assert said and "tidak ditemukan" in said[0] and keys.name in said[0]


def test_no_shortcut_works_behind_the_lock_screen(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    window.show_page(Page.VISITS)
    assert window.guard.lock_now()
    ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    for key, mods in ((Qt.Key.Key_N, ctrl), (Qt.Key.Key_3, alt), (Qt.Key.Key_K, ctrl | shift),
                      (Qt.Key.Key_O, ctrl | shift)):
        qtbot.keyClick(window.guard.form.password, key, mods)
        qtbot.keyClick(window, key, mods)
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible()]
    assert window.current_page() is window.page(Page.VISITS)
    assert window.guard.is_locked


def test_a_question_open_at_the_lock_is_answered_back_to_the_form(
        qtbot, window: MainWindow) -> None:
    """Esc/Batal of a question always means "back to the form": the lock answers it so,
    and the form with its text is there after the unlock."""
    from tests.test_ui_shell import on_next_modal

    dialog = _open_walkin(window)
    qtbot.waitExposed(dialog)
    dialog.form.s.narrative.setPlainText("Helm hilang di parkiran")
    locked: list[bool] = []
    on_next_modal(lambda _question: locked.append(window.guard.lock_now()))
    dialog.reject()  # "Tutup": asks Simpan / draf / buang / kembali; the lock comes first
    assert locked == [True] and window.guard.is_locked
    assert QApplication.activeModalWidget() is None and not dialog.isVisible()
    form = window.guard.form
    form.password.setText(DESK_PIN)
    assert form.submit()
    assert dialog.isVisible()
    assert dialog.form.s.narrative.toPlainText() == "Helm hilang di parkiran"
    dialog.form.s.narrative.setPlainText("")
    dialog.mark_clean()


def test_upgrade_with_a_new_officer_as_admin(qtbot, tmp_path: Path, clock: MutableClock) -> None:
    path = tmp_path / "lama.db"
    with Store(path, clock=clock) as plain:
        plain.settings.save_station_profile(StationProfile(), None)
        desk = plain.master.save(DESK, None).record
    dialog = UpgradeDialog(path, [desk])
    qtbot.addWidget(dialog)
    dialog.new_officer.setChecked(True)
    assert not dialog.picker.isEnabled() and dialog.name.isEnabled()
    dialog.name.setText("budi  santoso")
    dialog.nrp.setText(DESK.nrp)
    dialog.new_password.set_value("Jaga2024malam")
    dialog.accept()
    assert "sudah ada di daftar" in dialog.form.message("nrp") and dialog.store is None
    dialog.nrp.setText(ADMIN.nrp)
    dialog.accept()
    assert dialog.store is not None
    with dialog.store as store:
        admin = store.master.get(Officer, store.access.officer_id)
        assert admin is not None and (admin.name, admin.nrp) == ("budi santoso", ADMIN.nrp)
        assert store.access.role is Role.ADMIN
