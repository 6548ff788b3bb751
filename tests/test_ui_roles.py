"""The window shows only what the signed-in role may do (issue 16 item 2): pages, menu
actions and buttons per role, applied again when another officer signs in. What the window
hides, the store still refuses (tests/test_permissions.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.models import Officer, StationProfile
from app.security.permissions import Role
from app.store import SIGNED_OUT, Access, Store
from tests import factories
from tests.conftest import MutableClock
from tests.qt_windows import close_open_forms
from ui.main_window import MainWindow
from ui.master.page import MasterPage
from ui.meetings.followups import FollowUpsPage
from ui.meetings.page import MeetingsPage
from ui.pages import PAGES, Page, row_of
from ui.patrols.page import PatrolsPage
from ui.session import Session
from ui.settings.page import SettingsPage
from ui.visits.opening import open_visit
from ui.visits.page import VisitsPage
from ui.weekly.page import WeeklyPage

DESK = ["Beranda", "Kunjungan & Laporan", "Register LP", "Patroli", "Pertemuan Warga",
        "Tindak Lanjut",
        "Buku Mutasi", "Buku Ekspedisi", "Rekap Mingguan", "Data Master"]
PAGES_OF: dict[Role | None, list[str]] = {
    Role.PETUGAS: DESK,
    Role.KA_SPKT: DESK,
    Role.PIMPINAN: [*DESK, "Riwayat Akses"],
    Role.ADMIN: [*DESK, "Pengaturan", "Akun Petugas", "Riwayat Akses"],
    None: [*DESK, "Pengaturan", "Akun Petugas", "Riwayat Akses"],
}


@pytest.fixture
def officer(store: Store) -> Officer:
    store.settings.save_station_profile(StationProfile(), None)
    return store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record


@pytest.fixture
def session(qapp: QApplication, store: Store) -> Session:
    return Session(store)


def act_as(session: Session, officer: Officer, role: Role | None) -> None:
    assert officer.id is not None
    session.store.set_access(Access(officer.id, officer.nrp, role))
    session.set_officer(officer.id)


def shown(window: MainWindow) -> list[str]:
    nav = window._nav  # noqa: SLF001
    return [nav.item(row).text() for row in range(nav.count()) if not nav.isRowHidden(row)]


def visible(page: QWidget, *buttons: QWidget) -> list[bool]:
    return [b.isVisibleTo(page) for b in buttons]


@pytest.mark.parametrize("role", [Role.PETUGAS, Role.KA_SPKT, Role.PIMPINAN, Role.ADMIN, None])
def test_the_navigation_lists_the_pages_of_the_role(qtbot, tmp_path: Path, session: Session,
                                                    officer: Officer, role: Role | None) -> None:
    act_as(session, officer, role)
    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert shown(window) == PAGES_OF[role]
    enabled = [a.isEnabled() for a in window._page_actions]  # noqa: SLF001  Alt+1..0
    assert enabled == [entry.label in PAGES_OF[role] for entry in PAGES]


def test_another_officer_gets_their_own_window(qtbot, tmp_path: Path, session: Session,
                                               officer: Officer) -> None:
    act_as(session, officer, Role.ADMIN)
    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show_page(Page.ACCOUNTS)
    act_as(session, officer, Role.PETUGAS)  # Ganti petugas
    assert "Akun Petugas" not in shown(window)
    assert window.current_page() is window.page(Page.VISITS)  # not left on a hidden page
    window._page_actions[row_of(Page.SETTINGS)].trigger()  # noqa: SLF001  does nothing
    assert window.current_page() is window.page(Page.VISITS)
    act_as(session, officer, Role.PIMPINAN)
    assert "Riwayat Akses" in shown(window) and "Pengaturan" not in shown(window)
    session.store.set_access(SIGNED_OUT)  # signed out (Ganti petugas): nothing is offered
    session.set_officer(None)
    assert shown(window) == []
    act_as(session, officer, Role.KA_SPKT)
    assert shown(window) == DESK


# what each role sees on the record pages: (new, print, void) of patrols and meetings
RECORD_BUTTONS = {Role.PETUGAS: [True, True, False], Role.KA_SPKT: [True, True, True],
                  Role.PIMPINAN: [False, True, False], Role.ADMIN: [False, False, False]}


@pytest.mark.parametrize("role", list(RECORD_BUTTONS))
def test_buttons_of_each_page_for_each_role(qtbot, session: Session, officer: Officer,
                                            role: Role) -> None:
    act_as(session, officer, role)
    writes = role in (Role.PETUGAS, Role.KA_SPKT)
    visits = VisitsPage(session)
    qtbot.addWidget(visits)
    assert visible(visits, visits.new_button) == [writes]
    if not writes:
        assert visits.new_visit() is None  # Ctrl+N opens nothing
    for page_class in (PatrolsPage, MeetingsPage):
        page = page_class(session)
        qtbot.addWidget(page)
        assert visible(page, page.new_button, page.print_button,
                       page.void_button) == RECORD_BUTTONS[role], page_class.__name__
    patrols = PatrolsPage(session)
    qtbot.addWidget(patrols)
    assert visible(patrols, patrols.lp_button) == [writes]
    follow_ups = FollowUpsPage(session)
    qtbot.addWidget(follow_ups)
    assert all(b.isVisibleTo(follow_ups) == (role is Role.KA_SPKT)
               for b in follow_ups.step_buttons.values())
    weekly = WeeklyPage(session)
    qtbot.addWidget(weekly)
    assert visible(weekly, weekly.export_button, weekly.print_button) == [
        role is Role.PIMPINAN] * 2
    weekly.wait_for_jobs()
    master = MasterPage(session)
    qtbot.addWidget(master)
    panel = master.panel("Personel")
    master_edits = role in (Role.KA_SPKT, Role.ADMIN)
    assert visible(panel, panel.add_button, panel.edit_button, panel.toggle_button) == [
        master_edits] * 3
    if not master_edits:
        panel.add()  # Ctrl+N: no editor (it would wait here, modal) for a role that reads
        assert QApplication.activeModalWidget() is None


def test_settings_backup_buttons_follow_the_role(qtbot, session: Session,
                                                 officer: Officer) -> None:
    act_as(session, officer, Role.ADMIN)
    page = SettingsPage(session)
    qtbot.addWidget(page)
    backup = page.backup  # type: ignore[attr-defined]
    assert visible(backup, backup.backup_button, backup.restore_button) == [True, True]
    act_as(session, officer, Role.PIMPINAN)
    assert visible(backup, backup.backup_button, backup.restore_button) == [False, False]


def test_a_walk_in_form_offers_what_the_role_may(qtbot, session: Session, officer: Officer,
                                                 clock: MutableClock) -> None:
    store = session.store
    visit = store.visits.create(factories.lp(clock() - timedelta(hours=1), officer.id),
                                officer.id).record
    assert visit.id is not None
    act_as(session, officer, Role.PETUGAS)
    dialog = open_visit(session, visit.id, None)
    assert dialog is not None
    status = dialog.form.s.handling.change_status
    assert visible(dialog, dialog.save_button, dialog.print_button, dialog.void_button,
                   status) == [True, True, False, False]
    close_open_forms()
    act_as(session, officer, Role.KA_SPKT)
    dialog = open_visit(session, visit.id, None)
    assert dialog is not None
    assert visible(dialog, dialog.void_button, dialog.form.s.handling.change_status) == [
        True, True]
    close_open_forms()
    act_as(session, officer, Role.PIMPINAN)
    dialog = open_visit(session, visit.id, None)
    assert dialog is not None
    assert not dialog.save_button.isVisibleTo(dialog) and not dialog.save()
    assert not dialog.form.s.isEnabled()  # read-only
    close_open_forms()


def test_the_buku_ekspedisi_form_follows_the_officer(qtbot, session: Session,
                                                     officer: Officer) -> None:
    from ui.dispatch.page import DispatchPage

    act_as(session, officer, Role.PIMPINAN)
    page = DispatchPage(session)
    qtbot.addWidget(page)
    assert not page.form_box.isEnabled()
    act_as(session, officer, Role.PETUGAS)  # the next officer fills the book
    assert page.form_box.isEnabled()
