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
from app.weekly.week import parse_week
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
    assert not page.form_box.isEnabled() and page.pdf_button.isVisibleTo(page)
    act_as(session, officer, Role.PETUGAS)  # the next officer fills the book
    assert page.form_box.isEnabled() and page.pdf_button.isVisibleTo(page)
    act_as(session, officer, Role.ADMIN)  # reads it, prints nothing
    assert not page.form_box.isEnabled() and not page.pdf_button.isVisibleTo(page)


# what each role is offered on the screens of issues 17 and 19 (Buku Mutasi, its regu and shift
# times, Jabatan, the Dokumen and Jam dinas sections of Pengaturan, the weekly analysis, the
# surat pengantar, who signs): (journal write, handover, print, master, settings, weekly,
# dispatch)
OFFERED = {Role.PETUGAS: [True, True, True, False, False, False, True],
           Role.KA_SPKT: [True, True, True, True, False, False, True],
           Role.PIMPINAN: [False, False, True, False, False, True, False],
           Role.ADMIN: [False, False, False, True, True, False, False]}


def offered(journal: QWidget, teams: QWidget, times: QWidget, settings: SettingsPage,
            master: MasterPage, analysis: QWidget, cover: QWidget) -> list[bool]:
    jabatan = master.panel("Jabatan")
    parts = [
        [journal.new_button.isVisibleTo(journal), journal.correct_button.isVisibleTo(journal)],
        [journal.handover_button.isVisibleTo(journal)],
        [journal.print_button.isVisibleTo(journal)],
        [teams.new_button.isVisibleTo(teams), teams.save_button.isVisibleTo(teams),
         not teams.name.isReadOnly(), jabatan.add_button.isVisibleTo(jabatan),
         jabatan.edit_button.isVisibleTo(jabatan)],
        [times.save_button.isVisibleTo(times), not times.start.isReadOnly(),
         settings.save_button.isVisibleTo(settings), settings.revert_button.isVisibleTo(settings)],
        [analysis.save_button.isVisibleTo(analysis), not analysis.editor.isReadOnly()],
        [cover.new_box.isVisibleTo(cover), cover.create_button.isVisibleTo(cover)],
    ]
    for part in parts:  # each permission shows all of its widgets or none
        assert len(set(part)) == 1, parts
    return [part[0] for part in parts]


@pytest.mark.parametrize("role", list(OFFERED))
def test_the_journal_and_document_screens_follow_the_role(
        qtbot, session: Session, officer: Officer, clock: MutableClock, role: Role) -> None:
    """Each screen asks ui/roles.py and asks again for the next officer (an unlock by
    another officer keeps the screens as they are)."""
    from ui.journal.duty_settings import ShiftTimesPanel, TeamsPanel
    from ui.journal.page import JournalPage
    from ui.visits.cover_letter import CoverLetterDialog
    from ui.weekly.analysis import AnalysisEditor

    store = session.store
    visit = store.visits.create(factories.lp(clock() - timedelta(hours=1), officer.id),
                                officer.id).record
    assert visit.id is not None
    store.visits.change_status(visit.id, "dilimpahkan", "ke Satreskrim", officer.id)
    visit = store.visits.get(visit.id)
    act_as(session, officer, role)
    journal = JournalPage(session)
    teams, times = TeamsPanel(session), ShiftTimesPanel(session)
    settings = SettingsPage(session)
    settings.add_section(times, "Jam dinas")
    master = MasterPage(session)
    master.add_tab(teams, "Regu jaga")
    analysis = AnalysisEditor(session)
    analysis.show_week(parse_week("2024-W07"))
    cover = CoverLetterDialog(session, visit)
    screens = (journal, teams, times, settings, master, analysis, cover)
    for widget in (journal, settings, master, analysis, cover):
        qtbot.addWidget(widget)
    assert offered(*screens) == OFFERED[role]
    if not OFFERED[role][0]:
        assert not journal.correct("koreksi")  # nothing written
    if not OFFERED[role][3]:
        teams.name.setText("Regu D")
        assert not teams.save() and store.duty.teams() == ()
    if not OFFERED[role][4]:
        assert not times.save() and not settings.save()
        settings.tabs.setCurrentWidget(times)  # Ctrl+S there: the shift times' own save
        assert not settings.save()
        settings.tabs.setCurrentIndex(0)  # where the page's save bar shows
    weekly = WeeklyPage(session)  # the weekly page's own buttons (above) and its analysis
    qtbot.addWidget(weekly)
    assert weekly.analysis.save_button.isVisibleTo(weekly) == OFFERED[role][5]
    weekly.wait_for_jobs()
    for other in OFFERED:  # Ganti petugas, or the lock screen unlocked by another officer
        act_as(session, officer, other)
        assert offered(*screens) == OFFERED[other], other


@pytest.mark.parametrize("role", list(RECORD_BUTTONS))
def test_who_signs_is_offered_with_printing(qtbot, session: Session, officer: Officer,
                                            clock: MutableClock, role: Role) -> None:
    visit = session.store.visits.create(factories.lp(clock() - timedelta(hours=1), officer.id),
                                        officer.id).record
    assert visit.id is not None
    act_as(session, officer, role)
    dialog = open_visit(session, visit.id, None)
    assert dialog is not None
    prints = role is not Role.ADMIN
    assert dialog.print_button.isVisibleTo(dialog) == prints
    assert dialog.print_menu.signers_action.isVisible() == prints
    assert dialog.print_menu.signers_action.isEnabled() == prints
    sends = role in (Role.PETUGAS, Role.KA_SPKT)  # a surat pengantar: the desk's (DISPATCH)
    assert dialog.print_menu.cover_letter_action.isVisible() == sends
    close_open_forms()


def test_the_beranda_shows_the_way_to_the_handover_to_who_signs_it(
        qtbot, session: Session, officer: Officer, clock: MutableClock) -> None:
    from datetime import UTC, datetime

    from ui.journal.home_panel import ShiftPanel

    clock.when = datetime(2024, 2, 15, 3, 0, tzinfo=UTC)  # 10.00 WIB: the 14th's is late
    act_as(session, officer, Role.PIMPINAN)
    panel = ShiftPanel(session)
    qtbot.addWidget(panel)
    assert not panel.warning.isHidden()
    assert "belum diserahterimakan" in panel.warning.text()
    assert "Buka Buku Mutasi" not in panel.warning.text()  # the leader is told, not sent
    act_as(session, officer, Role.PETUGAS)
    assert "Buka Buku Mutasi › Dinas sebelumnya › Serah terima." in panel.warning.text()
