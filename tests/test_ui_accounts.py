"""Akun Petugas and Ganti kata sandi through the window (issue 16 item 1): an administrator
creates, re-roles, resets and deactivates accounts of the roster's officers; the password
rule and the store's refusals (the last admin, one's own account) are shown where they
belong. Real SQLCipher store, real argon2id key slots, real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit

from app.domain.models import Officer, StationProfile
from app.security.permissions import Role
from app.store import Access, PermissionDenied, Store
from app.store.errors import SignInFailed
from app.store.signin import create_store, sign_in
from tests.conftest import MutableClock
from ui.accounts.model import AccountsTableModel
from ui.accounts.own_password import ChangePasswordDialog
from ui.accounts.page import AccountsPage
from ui.session import Session

ADMIN = Officer("BUDI SANTOSO", "AKP", "75010001", position="Kapolsek")
PASSWORD = "Pedamaran2024"


@pytest.fixture
def admin_store(tmp_path: Path, clock: MutableClock) -> Iterator[Store]:
    store, _recovery = create_store(tmp_path / "piket.db", ADMIN, PASSWORD, clock=clock)
    store.settings.save_station_profile(StationProfile(), None)
    store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), 1)
    store.master.save(Officer("DEWI LESTARI", "BRIPTU", "96030456"), 1)
    with store:
        yield store


@pytest.fixture
def session(qapp: object, admin_store: Store) -> Session:
    session = Session(admin_store)
    session.set_officer(admin_store.access.officer_id)
    return session


def officer_id(store: Store, nrp: str) -> int:
    officer = store.master.officers_by_nrp()[nrp]
    assert officer.id is not None
    return officer.id


def row_texts(page: AccountsPage, nrp: str) -> list[str]:
    model = page.model
    row = model.row_of(officer_id(page._session.store, nrp))  # noqa: SLF001
    return [model.index(row, c).data() for c in range(model.columnCount())]


def fill(dialog: object, **fields: str) -> None:
    for key, text in fields.items():
        widget = dialog.form.field(key)  # type: ignore[attr-defined]
        assert isinstance(widget, QLineEdit)
        widget.setText(text)


def test_the_list_shows_every_officer_and_their_account(qtbot, qtmodeltester,
                                                         session: Session) -> None:
    page = AccountsPage(session)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    assert row_texts(page, "75010001")[AccountsTableModel.ROLE] == "Admin"
    assert row_texts(page, "75010001")[AccountsTableModel.STATE] == "Aktif"
    assert row_texts(page, "85061234")[AccountsTableModel.STATE] == "Belum punya akun"
    assert "1 akun aktif, 3 personel" in page.count_label.text()


def test_create_an_account_with_the_rule_next_to_the_field(qtbot, session: Session,
                                                           tmp_path: Path,
                                                           clock: MutableClock) -> None:
    store = session.store
    page = AccountsPage(session)
    qtbot.addWidget(page)
    assert page.select_officer(officer_id(store, "85061234"))
    dialog = page.create_account()
    assert dialog is not None
    rule = [w.text() for w in dialog.findChildren(type(page.count_label)) if "PIN" in w.text()]
    assert rule and "paling sedikit 6 angka" in rule[0]  # the rule is shown before typing
    fill(dialog, password="12345", repeat="12345")
    dialog.accept()
    assert dialog.problem("password") == "PIN paling sedikit 6 angka."
    fill(dialog, password="Pedamaran1", repeat="Pedamaran2")
    dialog.accept()
    assert dialog.problem("repeat") == "Kata sandi yang diulang tidak sama."
    role = dialog.form.field("role")
    role.setCurrentIndex(role.findData(Role.KA_SPKT.value))  # type: ignore[attr-defined]
    fill(dialog, password="Pedamaran1", repeat="Pedamaran1")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert row_texts(page, "85061234")[AccountsTableModel.ROLE] == "KA SPKT / Kanit"
    with sign_in(tmp_path / "piket.db", "85061234", "Pedamaran1", clock=clock) as other:
        assert other.access.role is Role.KA_SPKT


def test_reset_password_role_and_deactivate_with_a_reason(qtbot, session: Session,
                                                          tmp_path: Path,
                                                          clock: MutableClock) -> None:
    store = session.store
    andi = officer_id(store, "85061234")
    store.accounts.create(andi, Role.PETUGAS, "Lama12345", 1)
    page = AccountsPage(session)
    qtbot.addWidget(page)
    page.select_officer(andi)
    reset = page.reset_password()
    assert reset is not None
    fill(reset, password="85061234", repeat="85061234")
    reset.accept()
    assert reset.problem("password") == "Kata sandi tidak boleh sama dengan NRP."
    fill(reset, password="Baru12345", repeat="Baru12345")
    reset.accept()
    with pytest.raises(SignInFailed):
        sign_in(tmp_path / "piket.db", "85061234", "Lama12345", clock=clock)
    sign_in(tmp_path / "piket.db", "85061234", "Baru12345", clock=clock).close()

    page.select_officer(andi)
    role = page.change_role()
    assert role is not None
    combo = role.form.field("role")
    combo.setCurrentIndex(combo.findData(Role.PIMPINAN.value))  # type: ignore[attr-defined]
    role.accept()
    assert store.accounts.get(andi).role is Role.PIMPINAN

    page.select_officer(andi)
    assert page.deactivate("pindah tugas ke Polres")
    assert row_texts(page, "85061234")[AccountsTableModel.STATE] == "Nonaktif"
    assert not page.role_button.isEnabled() and not page.deactivate_button.isEnabled()
    assert store.accounts.get(andi).active is False  # kept, never deleted
    last = store.db.execute("SELECT action, after FROM audit_log WHERE kind = 'akun' "
                            "ORDER BY id DESC LIMIT 1").fetchone()
    assert last[0] == "deactivate" and "pindah tugas ke Polres" in last[1]
    with pytest.raises(SignInFailed):
        sign_in(tmp_path / "piket.db", "85061234", "Baru12345", clock=clock)


def test_the_store_keeps_an_admin_and_the_window_says_so(qtbot, session: Session) -> None:
    store = session.store
    page = AccountsPage(session)
    qtbot.addWidget(page)
    admin = officer_id(store, "75010001")
    page.select_officer(admin)
    assert not page.deactivate("coba")  # one's own account
    assert "sedang dipakai" in page.banner.text() and page.banner.isVisibleTo(page)
    role = page.change_role()
    assert role is not None
    combo = role.form.field("role")
    combo.setCurrentIndex(combo.findData(Role.PETUGAS.value))  # type: ignore[attr-defined]
    role.accept()
    assert role.result() != role.DialogCode.Accepted
    general = role.findChild(type(page.count_label), "error_general")
    assert general is not None and "setidaknya satu admin" in general.text()
    assert store.accounts.get(admin).role is Role.ADMIN


def test_a_locked_out_account_says_until_when(qtbot, session: Session, tmp_path: Path,
                                              clock: MutableClock) -> None:
    store = session.store
    andi = officer_id(store, "85061234")
    store.accounts.create(andi, Role.PETUGAS, "Andi12345", 1)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            sign_in(tmp_path / "piket.db", "85061234", "salah12345", clock=clock)
    page = AccountsPage(session)
    qtbot.addWidget(page)
    assert row_texts(page, "85061234")[AccountsTableModel.STATE] == "Terkunci s.d. 14.10"


def test_own_password_old_and_new_twice(qtbot, session: Session, tmp_path: Path,
                                        clock: MutableClock) -> None:
    dialog = ChangePasswordDialog(session)
    qtbot.addWidget(dialog)
    fill(dialog, old="salah", password="Baru2024x", repeat="Baru2024x")
    dialog.accept()
    assert dialog.problem("old") == "Kata sandi lama salah."
    fill(dialog, old=PASSWORD, password="Baru2024x", repeat="Baru2024y")
    dialog.accept()
    assert dialog.problem("repeat") == "Kata sandi yang diulang tidak sama."
    fill(dialog, old=PASSWORD, password="Baru2024x", repeat="Baru2024x")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    sign_in(tmp_path / "piket.db", "75010001", "Baru2024x", clock=clock).close()


def test_a_petugas_is_refused_by_the_store_and_sees_nothing(qtbot, session: Session) -> None:
    store = session.store
    andi = officer_id(store, "85061234")
    store.accounts.create(andi, Role.PETUGAS, "Andi12345", 1)
    page = AccountsPage(session)
    qtbot.addWidget(page)
    store.set_access(Access(andi, "85061234", Role.PETUGAS))
    session.set_officer(andi)
    assert page.model.rowCount() == 0  # the page emptied itself for the new officer
    with pytest.raises(PermissionDenied, match="tidak berwenang mengelola akun petugas"):
        store.accounts.list()
    with pytest.raises(PermissionDenied):
        store.accounts.reset_password(andi, "Andi99999", andi)
    with pytest.raises(PermissionDenied, match="tidak berwenang melihat riwayat akses"):
        store.access_log()


@pytest.mark.parametrize("role", [Role.PETUGAS, Role.PIMPINAN, Role.ADMIN])
def test_every_role_finds_ganti_kata_sandi_in_the_menu(qtbot, tmp_path: Path, session: Session,
                                                       role: Role) -> None:
    from PySide6.QtCore import QSettings

    from ui.main_window import MainWindow

    store = session.store
    andi = officer_id(store, "85061234")
    store.set_access(Access(andi, "85061234", role))
    session.set_officer(andi)
    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    menus = {m.title(): [a.text() for a in m.actions() if a.isVisible()]
             for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x")))}
    assert "Ganti &kata sandi\u2026" in menus["Akun"]
    dialog = window.change_password()
    assert isinstance(dialog, ChangePasswordDialog) and dialog.isVisible()
    assert any("NRP 85061234" in label.text()
               for label in dialog.findChildren(type(window.store_label)))
    dialog.close()
