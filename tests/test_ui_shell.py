"""The window shell: first run, officer on duty, title and status bar, navigation, start-up
errors, the error hook, the display-library check and translations. Widgets are built
directly on a temporary store; modal dialogs are answered by clicking their buttons."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton, QWidget

from app.domain.models import Officer, StationProfile
from app.store import Store
from ui import app as ui_app
from ui.first_run import FirstRunDialog, station_code
from ui.i18n import install_translations
from ui.main_window import MainWindow
from ui.pages import PAGES, Page
from ui.session import Session
from ui.signin.start import sign_in_at_start
from ui.startup import install_excepthook, prepare_session

ENGLISH_BUTTONS = frozenset({
    "save", "cancel", "yes", "no", "close", "apply", "discard", "reset", "help", "open", "abort",
    "retry", "ignore", "yes to all", "no to all", "restore defaults", "don't save", "save all",
    "close without saving",
})


# ---------------------------------------------------------------------- helpers (also used
# by test_ui_master)
def plain(text: str) -> str:
    return text.replace("&", "").strip()


def english_buttons(widget: QWidget) -> list[str]:
    """Push buttons under `widget` that show one of Qt's English standard labels."""
    return [b.text() for b in widget.findChildren(QPushButton)
            if plain(b.text()).lower() in ENGLISH_BUTTONS]


def click_button(widget: QWidget, text: str) -> None:
    for button in widget.findChildren(QPushButton):
        if plain(button.text()) == text and button.isVisibleTo(widget) and button.isEnabled():
            button.click()
            return
    raise AssertionError(f"no button {text!r}: {[b.text() for b in widget.findChildren(QPushButton)]}")


def on_next_modal(handle: Callable[[QWidget], None]) -> list[QWidget]:
    """Run `handle(dialog)` on the next modal dialog that opens; `handle` must close it.
    The returned list receives the dialog, to assert on afterwards."""
    seen: list[QWidget] = []

    def poll(left: int) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal in seen:
            if left:
                QTimer.singleShot(10, lambda: poll(left - 1))
            return
        seen.append(modal)
        handle(modal)

    QTimer.singleShot(0, lambda: poll(300))
    return seen


def answer_next(text: str) -> list[QWidget]:
    return on_next_modal(lambda dialog: click_button(dialog, text))


# ---------------------------------------------------------------------- fixtures
@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "qsettings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(qapp: QApplication, store: Store) -> Session:
    return Session(store)


@pytest.fixture
def roster(store: Store) -> tuple[Officer, Officer]:
    save = store.master.save
    store.settings.save_station_profile(StationProfile(), None)
    return (save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record,
            save(Officer("DEWI LESTARI", "BRIPTU", "96030456"), None).record)


@pytest.fixture
def excepthook_restored() -> Iterator[None]:
    import threading

    saved, saved_thread = sys.excepthook, threading.excepthook
    yield
    sys.excepthook, threading.excepthook = saved, saved_thread


# ---------------------------------------------------------------------- first run
def test_first_run_on_an_empty_store_saves_profile_and_officer(qtbot, session: Session) -> None:
    store = session.store
    assert not store.settings.has_station_profile()
    dialog = FirstRunDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.needs_officer
    assert dialog.profile_form.profile() == StationProfile()  # prefilled for Pedamaran
    assert not dialog.demo_check.isVisibleTo(dialog) or dialog._demo_fn is not None
    name = dialog.profile_form.station_form.field("name")
    assert isinstance(name, QLineEdit)
    name.clear()
    qtbot.keyClicks(name, "Sungai Menang")
    dialog.set_officer("Rudi Hartono", "BRIGPOL", "1234")
    click_button(dialog, "Simpan dan mulai")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "8 angka" in dialog.officer_form.message("nrp")
    assert not store.settings.has_station_profile()  # nothing half-saved

    dialog.set_officer("Rudi Hartono", "BRIGPOL", "88010203")
    click_button(dialog, "Simpan dan mulai")
    assert dialog.result() == QDialog.DialogCode.Accepted
    profile = store.profile()
    assert store.settings.has_station_profile()
    assert profile.name == "SUNGAI MENANG" and profile.code == "SUNGAI_MENANG"
    assert profile.polres == "OGAN KOMERING ILIR"
    officers = store.master.list(Officer)
    assert [(o.name, o.rank, o.nrp) for o in officers] == [("Rudi Hartono", "BRIGPOL", "88010203")]
    assert dialog.saved_officer == officers[0]


def test_first_run_can_fill_demo_data_off_the_gui_thread(qtbot, session: Session) -> None:
    from app.demo.generator import DemoOptions, generate_demo

    dialog = FirstRunDialog(session, demo=lambda path, key: generate_demo(
        path, DemoOptions(weeks=1), key=key))
    qtbot.addWidget(dialog)
    assert dialog.demo_check.isVisibleTo(dialog)
    dialog.demo_check.setChecked(True)
    changes: list[object] = []
    session.changed.connect(changes.append)
    click_button(dialog, "Simpan dan mulai")  # no officer typed: the demo brings a roster
    assert dialog.result() == QDialog.DialogCode.Accepted
    store = session.store
    assert store.settings.has_station_profile()
    assert store.master.list(Officer, active_only=True)
    counts = store.summary_counts()
    assert counts["Kunjungan"] > 0 and counts["Patroli"] > 0
    assert any(isinstance(c, frozenset) and "visit" in c for c in changes)


def test_demo_generator_is_found() -> None:
    from ui.first_run import demo_generator

    assert demo_generator() is not None


def test_first_run_requires_station_names_and_commander_nrp(qtbot, session: Session) -> None:
    dialog = FirstRunDialog(session)
    qtbot.addWidget(dialog)
    for key in ("name", "polda"):
        field = dialog.profile_form.station_form.field(key)
        assert isinstance(field, QLineEdit)
        field.clear()
    nrp = dialog.profile_form.commander_form.field("commander_nrp")
    assert isinstance(nrp, QLineEdit)
    nrp.setText("7905-1234")
    dialog.set_officer("Rudi", "BRIPDA", "88010203")
    click_button(dialog, "Simpan dan mulai")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.profile_form.message("name") == "Nama Polsek wajib diisi."
    assert dialog.profile_form.message("polda") == "Polda wajib diisi."
    assert "8 angka" in dialog.profile_form.message("commander_nrp")
    assert not session.store.settings.has_station_profile()


def test_prepare_session_runs_first_run_on_a_store_without_a_profile(
        qtbot, session: Session) -> None:
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, FirstRunDialog)
        dialog.set_officer("RUDI HARTONO", "BRIGPOL", "88010203")
        click_button(dialog, "Simpan dan mulai")

    seen = on_next_modal(fill)
    assert prepare_session(session)
    assert len(seen) == 1
    assert session.store.settings.has_station_profile()
    assert prepare_session(session)  # asked once only
    assert len(seen) == 1


def test_station_code_from_name() -> None:
    assert station_code("Sungai Menang ") == "SUNGAI_MENANG"
    assert station_code("  ") == StationProfile().code


# ---------------------------------------------------------------------- officer on duty
def test_officer_set_on_an_unrestricted_store_shows_in_the_status_bar(
        qtbot, session: Session, roster: tuple[Officer, Officer], qsettings: QSettings) -> None:
    """Tests open stores unrestricted and say who is on duty with set_officer; the window
    signs in only on an encrypted store (tests/test_ui_signin.py), so "Ganti petugas" and
    the lock are off here."""
    andi, dewi = roster
    window = MainWindow(session, qsettings)
    qtbot.addWidget(window)
    assert "belum dipilih" in window.officer_label.text()
    session.set_officer(dewi.id)
    assert window.officer_label.text() == "Petugas piket: BRIPTU DEWI LESTARI"
    assert window.change_officer_action.shortcut().toString() == "Ctrl+Shift+O"
    assert not window.change_officer_action.isEnabled()
    assert not window.guard.idle_timer.isActive()


# ---------------------------------------------------------------------- the window
def test_window_title_names_the_station_and_status_bar_the_store(
        qtbot, session: Session, roster: tuple[Officer, Officer], qsettings: QSettings) -> None:
    window = MainWindow(session, qsettings)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Piket \u2014 SPKT POLSEK PEDAMARAN"
    assert str(session.store.path) in window.store_label.text()
    store = session.store
    session.write(lambda: store.settings.save_station_profile(
        StationProfile(name="SUNGAI MENANG"), None))
    assert window.windowTitle() == "Piket \u2014 SPKT POLSEK SUNGAI MENANG"


def test_closing_the_window_waits_for_the_weekly_pages_thread(
        qtbot, session: Session, roster: tuple[Officer, Officer], qsettings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.weekly import page as weekly_page

    quick = weekly_page.figures_job

    def slow(*args: Any) -> Callable[[Any], Any]:  # an empty store's week is done at once
        return lambda context: time.sleep(0.3) or quick(*args)(context)

    monkeypatch.setattr(weekly_page, "figures_job", slow)
    window = MainWindow(session, qsettings)
    qtbot.addWidget(window)
    window.show()
    weekly = window.show_page(Page.WEEKLY)  # computes the week in a thread
    jobs = weekly._jobs  # type: ignore[attr-defined]
    assert jobs.active_threads() == 1
    window.close()
    assert jobs.active_threads() == 0


def test_every_page_is_reachable_by_import_and_builds(
        qtbot, session: Session, roster: tuple[Officer, Officer], qsettings: QSettings) -> None:
    """Each entry of ui/pages.py builds its page: a page module renamed or moved without its
    builder fails here (and in mypy), not when an officer clicks the page."""
    from ui.access_log.page import AccessLogPage
    from ui.accounts.page import AccountsPage
    from ui.dispatch.page import DispatchPage
    from ui.home.page import HomePage
    from ui.journal.page import JournalPage
    from ui.master.page import MasterPage
    from ui.meetings.followups import FollowUpsPage
    from ui.meetings.page import MeetingsPage
    from ui.patrols.page import PatrolsPage
    from ui.register.page import RegisterPage
    from ui.settings.page import SettingsPage
    from ui.visits.page import VisitsPage
    from ui.weekly.page import WeeklyPage

    expected: dict[Page, type[QWidget]] = {
        Page.HOME: HomePage, Page.VISITS: VisitsPage, Page.REGISTER: RegisterPage,
        Page.PATROLS: PatrolsPage,
        Page.MEETINGS: MeetingsPage, Page.FOLLOW_UPS: FollowUpsPage,
        Page.JOURNAL: JournalPage, Page.DISPATCH: DispatchPage, Page.WEEKLY: WeeklyPage,
        Page.MASTER: MasterPage, Page.SETTINGS: SettingsPage, Page.ACCOUNTS: AccountsPage,
        Page.ACCESS_LOG: AccessLogPage}
    assert [entry.page for entry in PAGES] == list(Page) == list(expected)
    window = MainWindow(session, qsettings)
    qtbot.addWidget(window)
    for entry in PAGES:
        page = window.page(entry.page)
        assert type(page) is expected[entry.page], entry.label
        assert page.window() is window
    window.close()  # waits for the weekly page's thread


def test_navigation_pages_and_shortcuts(
        qtbot, session: Session, roster: tuple[Officer, Officer], qsettings: QSettings) -> None:
    window = MainWindow(session, qsettings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    labels = [entry.label for entry in PAGES]
    assert labels == ["Beranda", "Kunjungan & Laporan", "Register LP", "Patroli",
                      "Pertemuan Warga",
                      "Tindak Lanjut", "Buku Mutasi", "Buku Ekspedisi", "Rekap Mingguan",
                      "Data Master", "Pengaturan", "Akun Petugas", "Riwayat Akses"]
    shortcuts = sorted(a.shortcut().toString() for a in window.actions()
                       if a.shortcut().toString().startswith("Alt+"))
    assert shortcuts == [f"Alt+{i}" for i in range(10)]  # the first ten pages (Alt+0: tenth)
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier)  # the tenth page
    master = window.page(Page.MASTER)
    assert window.current_page() is master
    focused = QApplication.focusWidget()
    assert focused is not None and master.isAncestorOf(focused)
    # the Data Master profile tab links to Pengaturan
    master.tabs.setCurrentIndex(master.tabs.count() - 1)  # type: ignore[attr-defined]
    click_button(master, "Buka Pengaturan \u203a Profil Polsek")
    assert window.current_page() is window.page(Page.SETTINGS)


def test_geometry_and_splitter_are_remembered(
        qtbot, session: Session, roster: tuple[Officer, Officer], qsettings: QSettings) -> None:
    window = MainWindow(session, qsettings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.setWindowState(Qt.WindowState.WindowNoState)  # maximized at first on a small screen
    height = window.minimumSizeHint().height() + 20  # the offscreen screen is 800x600
    window.resize(1300, height)
    window.splitter.setSizes([250, 1050])
    window.close()
    again = MainWindow(session, qsettings)
    qtbot.addWidget(again)
    assert again.height() == height
    assert again.splitter.saveState() == qsettings.value("main/splitter")


# ---------------------------------------------------------------------- start-up errors
def test_a_store_that_cannot_be_opened_gives_an_indonesian_message(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "bukan.db"
    bad.write_bytes(b"ini bukan basis data sqlite" * 100)
    texts: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text())
        assert english_buttons(box) == []
        click_button(box, "OK")

    on_next_modal(read_and_close)
    assert sign_in_at_start(bad, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat)) is None
    assert texts and "bukan basis data Piket" in texts[0] and str(bad) in texts[0]
    assert "Traceback" not in texts[0]

    texts.clear()
    on_next_modal(read_and_close)
    # a folder that is not there (a flash disk not plugged in): no first run, no new store
    assert sign_in_at_start(tmp_path / "tidak-ada" / "piket.db",
                            QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat)) is None
    assert "Folder basis data tidak ditemukan" in texts[0]


def test_unexpected_errors_are_logged_and_shown_in_indonesian(
        tmp_path: Path, excepthook_restored: None) -> None:
    shown: list[str] = []
    log = tmp_path / "data" / "piket-error.log"
    hook = install_excepthook(log, show=shown.append)
    assert sys.excepthook is hook
    try:
        raise ZeroDivisionError("bagi nol di halaman uji")
    except ZeroDivisionError:
        hook(*sys.exc_info())
    assert "ZeroDivisionError: bagi nol di halaman uji" in log.read_text(encoding="utf-8")
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert len(shown) == 1
    assert "kesalahan yang tidak terduga" in shown[0] and str(log) in shown[0]
    assert "Traceback" not in shown[0] and "ZeroDivisionError" not in shown[0]


# ---------------------------------------------------------------------- display libraries
def test_display_check_names_missing_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    xcb = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}
    assert ui_app.missing_display_packages(xcb) == []  # installed on this machine
    monkeypatch.setitem(ui_app.XCB_LIBRARIES, "libpiket-tidak-ada.so.9", "libpiket-tidak-ada9")
    assert ui_app.missing_display_packages(xcb) == ["libpiket-tidak-ada9"]
    problem = ui_app.display_problem(xcb)
    assert problem is not None and "sudo apt-get install -y libpiket-tidak-ada9" in problem
    assert ui_app.missing_display_packages({"QT_QPA_PLATFORM": "offscreen"}) == []
    assert ui_app.missing_display_packages({"WAYLAND_DISPLAY": "wayland-0"}) == []
    assert "DISPLAY" in (ui_app.display_problem({}) or "")


def test_xcb_library_list_matches_what_the_qt_plugin_links() -> None:
    import subprocess

    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists() or sys.platform != "linux":
        pytest.skip("no xcb plugin in this PySide6 build")
    try:
        dump = subprocess.run(["objdump", "-p", str(plugin)], capture_output=True, text=True,
                              check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("objdump not available")
    needed = {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}
    system = {name for name in needed if not name.startswith("libQt6")
              and not name.startswith(("libc.", "libm.", "libstdc++", "libgcc_s"))}
    assert system <= set(ui_app.XCB_LIBRARIES)


# ---------------------------------------------------------------------- translations
def test_translations_english_and_indonesian_qt_strings(
        qapp: QApplication, tmp_path: Path) -> None:
    translators = install_translations(qapp, "en", tmp_path)
    try:
        if not translators:
            pytest.skip("lrelease not available to build the .qm")
        assert QCoreApplication.translate("MainWindow", "Pengaturan") == "Settings"
        assert QCoreApplication.translate("MainWindow", "Data Master") == "Master data"
        translators = install_translations(qapp, "id", tmp_path, translators)
        assert QCoreApplication.translate("MainWindow", "Pengaturan") == "Pengaturan"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
        edit = QLineEdit()
        menu = edit.createStandardContextMenu()
        texts = [plain(a.text()).split("\t")[0] for a in menu.actions() if a.text()]
        assert "Salin" in texts and "Tempel" in texts and "Copy" not in texts
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_overdue_follow_ups_are_counted_in_the_status_bar(qtbot, tmp_path) -> None:
    from datetime import UTC, datetime, timedelta

    from app.domain.models import Officer
    from app.store import Store
    from tests.conftest import MutableClock
    from tests.factories import meeting
    from ui.main_window import MainWindow
    from ui.session import Session

    clock = MutableClock(datetime(2024, 2, 14, 7, 0, tzinfo=UTC))
    store = Store(tmp_path / "o.db", clock=clock)
    leader = store.master.save(Officer("ANDI", "BRIPKA", "85061234"), None).record
    store.meetings.save(meeting(clock() - timedelta(days=10), leader.id), leader.id)
    from PySide6.QtCore import QSettings

    window = MainWindow(Session(store), QSettings(str(tmp_path / "q.ini"),
                                                  QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.overdue_badge.count == 1
    assert "1" in window.overdue_badge.text()
    window.overdue_badge.clicked.emit()
    assert window.current_page() is window.page(Page.FOLLOW_UPS)
    store.close()
