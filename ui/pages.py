"""The pages of the main window, in the order of its navigation list (Alt+1..9, Alt+0 for
the first ten): a name for each (`Page`, what other code asks the window to show), its
label, how it is built, and what a role must be allowed to see it (ui/roles.py: the window
hides the rest).

A page is built when first shown, so each builder imports its page inside the function: a
start builds one page, not eight. The imports are plain import statements, so mypy follows
them and a renamed page fails the check and tests/test_ui_shell.py, not a user's click.
Anything a page needs from the window beyond its parent (a navigator, a request to show
another page, work to finish before closing) is wired here, in its builder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.security.permissions import Action
from ui.session import Session

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class Page(Enum):
    HOME = auto()
    VISITS = auto()
    REGISTER = auto()
    PATROLS = auto()
    MEETINGS = auto()
    FOLLOW_UPS = auto()
    JOURNAL = auto()
    DISPATCH = auto()
    WEEKLY = auto()
    MASTER = auto()
    SETTINGS = auto()
    ACCOUNTS = auto()
    ACCESS_LOG = auto()


PageBuilder = Callable[[Session, "MainWindow"], QWidget]


@dataclass(frozen=True)
class PageEntry:
    page: Page
    label: str  # the navigation label, translated in the context "MainWindow"
    build: PageBuilder  # builds the page with the window as parent
    action: Action = Action.READ  # what the role must be allowed for the page to show


def _home(session: Session, window: MainWindow) -> QWidget:
    from ui.home.page import HomePage
    from ui.journal.home_panel import ShiftPanel

    page = HomePage(session, window)
    page.set_navigator(window)  # its numbers open the lists they count
    page.add_panel(ShiftPanel(session))  # the current shift and the 09.00 handover warning
    return page


def _visits(session: Session, window: MainWindow) -> QWidget:
    from ui.visits.page import VisitsPage

    return VisitsPage(session, window)


def _register(session: Session, window: MainWindow) -> QWidget:
    from ui.register.page import RegisterPage

    return RegisterPage(session, window)


def _patrols(session: Session, window: MainWindow) -> QWidget:
    from ui.patrols.page import PatrolsPage

    return PatrolsPage(session, window)


def _meetings(session: Session, window: MainWindow) -> QWidget:
    from ui.meetings.page import MeetingsPage

    return MeetingsPage(session, window)


def _follow_ups(session: Session, window: MainWindow) -> QWidget:
    from ui.meetings.followups import FollowUpsPage

    return FollowUpsPage(session, window)


def _journal(session: Session, window: MainWindow) -> QWidget:
    from ui.journal.page import JournalPage

    return JournalPage(session, window)
def _dispatch(session: Session, window: MainWindow) -> QWidget:
    from ui.dispatch.page import DispatchPage

    return DispatchPage(session, window)


def _weekly(session: Session, window: MainWindow) -> QWidget:
    from ui.weekly.page import WeeklyPage

    page = WeeklyPage(session, window)
    window.finish_on_close(page.wait_for_jobs)  # a weekly PDF being written is finished first
    return page


def _master(session: Session, window: MainWindow) -> QWidget:
    from ui.journal.duty_settings import TeamsPanel
    from ui.master.page import MasterPage

    page = MasterPage(session, window)
    page.settings_requested.connect(lambda: window.show_page(Page.SETTINGS))
    page.add_tab(TeamsPanel(session), "Regu jaga")
    return page


def _settings(session: Session, window: MainWindow) -> QWidget:
    from ui.journal.duty_settings import ShiftTimesPanel
    from ui.register.settings_panel import Sp2hpRulesPanel
    from ui.settings.page import SettingsPage
    from ui.settings.sync import SyncPanel

    page = SettingsPage(session, window)
    page.add_section(ShiftTimesPanel(session), "Jam dinas")
    page.add_section(Sp2hpRulesPanel(session), "SP2HP")
    page.add_section(SyncPanel(session), "Polres")
    return page


def _accounts(session: Session, window: MainWindow) -> QWidget:
    from ui.accounts.page import AccountsPage

    return AccountsPage(session, window)


def _access_log(session: Session, window: MainWindow) -> QWidget:
    from ui.access_log.page import AccessLogPage

    return AccessLogPage(session, window)


# QT_TRANSLATE_NOOP marks the label for lupdate and returns it (typed `object`, hence str())
PAGES: tuple[PageEntry, ...] = (
    PageEntry(Page.HOME, str(QT_TRANSLATE_NOOP("MainWindow", "Beranda")), _home),
    PageEntry(Page.VISITS, str(QT_TRANSLATE_NOOP("MainWindow", "Kunjungan & Laporan")), _visits),
    PageEntry(Page.REGISTER, str(QT_TRANSLATE_NOOP("MainWindow", "Register LP")), _register),
    PageEntry(Page.PATROLS, str(QT_TRANSLATE_NOOP("MainWindow", "Patroli")), _patrols),
    PageEntry(Page.MEETINGS, str(QT_TRANSLATE_NOOP("MainWindow", "Pertemuan Warga")), _meetings),
    PageEntry(Page.FOLLOW_UPS, str(QT_TRANSLATE_NOOP("MainWindow", "Tindak Lanjut")),
              _follow_ups),
    PageEntry(Page.JOURNAL, str(QT_TRANSLATE_NOOP("MainWindow", "Buku Mutasi")), _journal),
    PageEntry(Page.DISPATCH, str(QT_TRANSLATE_NOOP("MainWindow", "Buku Ekspedisi")), _dispatch),
    PageEntry(Page.WEEKLY, str(QT_TRANSLATE_NOOP("MainWindow", "Rekap Mingguan")), _weekly),
    PageEntry(Page.MASTER, str(QT_TRANSLATE_NOOP("MainWindow", "Data Master")), _master),
    PageEntry(Page.SETTINGS, str(QT_TRANSLATE_NOOP("MainWindow", "Pengaturan")), _settings,
              Action.SETTINGS),
    PageEntry(Page.ACCOUNTS, str(QT_TRANSLATE_NOOP("MainWindow", "Akun Petugas")), _accounts,
              Action.ACCOUNTS),
    PageEntry(Page.ACCESS_LOG, str(QT_TRANSLATE_NOOP("MainWindow", "Riwayat Akses")),
              _access_log, Action.ACCESS_LOG),
)
START_PAGE = Page.VISITS


def row_of(page: Page) -> int:
    """The page's row in the navigation list."""
    return next(i for i, entry in enumerate(PAGES) if entry.page is page)
