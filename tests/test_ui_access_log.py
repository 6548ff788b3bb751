"""Riwayat akses (issue 16 item 6): opening a record and a committed search are logged with
the officer and the time, and the page shows them in Indonesian words, filtered by officer
and period, a page at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from app.domain.models import Officer, StationProfile
from app.security.permissions import Role
from app.store import Access, Store
from tests import factories
from tests.conftest import MutableClock
from tests.qt_windows import close_open_forms
from ui.access_log.model import COL_ACTION, COL_DETAIL, COL_KIND, COL_NUMBER, COL_OFFICER, COL_WHEN
from ui.access_log.page import AccessLogPage
from ui.patrols.page import PatrolsPage
from ui.session import Session
from ui.visits.opening import open_visit
from ui.visits.page import VisitsPage


@pytest.fixture
def roster(store: Store) -> tuple[Officer, Officer]:
    store.settings.save_station_profile(StationProfile(), None)
    save = store.master.save
    return (save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record,
            save(Officer("INDRA GUNAWAN", "IPTU", "78020002"), None).record)


@pytest.fixture
def session(qapp: QApplication, store: Store) -> Session:
    return Session(store)


def act_as(session: Session, officer: Officer, role: Role) -> None:
    assert officer.id is not None
    session.store.set_access(Access(officer.id, officer.nrp, role))
    session.set_officer(officer.id)


def texts(page: AccessLogPage) -> list[list[str]]:
    model = page.model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_a_view_and_a_search_appear_with_officer_and_time(
        qtbot, qtmodeltester, session: Session, roster: tuple[Officer, Officer],
        clock: MutableClock) -> None:
    andi, kapolsek = roster
    store = session.store
    visit = store.visits.create(factories.lp(clock(), andi.id), andi.id).record
    assert visit.id is not None
    act_as(session, andi, Role.PETUGAS)
    dialog = open_visit(session, visit.id, None)
    assert dialog is not None
    close_open_forms()
    clock.advance(minutes=5)
    visits = VisitsPage(session)
    qtbot.addWidget(visits)
    for typed in ("S", "Si", "Sit", "Siti"):  # keystrokes are no searches
        visits.filters.search.setText(typed)
    visits.searches.commit()  # Enter, leaving the box or a pause
    visits.searches.commit()  # the same search once
    clock.advance(minutes=1)
    visits.filters.search.setText("1602075203900003")
    visits.searches.commit()

    act_as(session, kapolsek, Role.PIMPINAN)
    page = AccessLogPage(session)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    rows = texts(page)
    assert [(r[COL_ACTION], r[COL_DETAIL]) for r in rows] == [
        ("Mencari", "1602075203900003"), ("Mencari", "Siti"), ("Membuka catatan", "")]
    assert {r[COL_OFFICER] for r in rows} == {"BRIPKA ANDI SAPUTRA (85061234)"}
    assert [r[COL_WHEN] for r in rows] == ["14-02-2024 14.06.00", "14-02-2024 14.05.00",
                                           "14-02-2024 14.00.00"]
    assert rows[2][COL_KIND] == "Kunjungan / laporan"
    assert rows[2][COL_NUMBER] == visit.number and visit.number.startswith("LP/B/1/II/2024")
    assert "3 entri" in page.count_label.text()


def test_opening_a_patrol_is_logged(qtbot, session: Session, roster: tuple[Officer, Officer],
                                    clock: MutableClock) -> None:
    andi, kapolsek = roster
    assert andi.id is not None
    earlier = clock() - timedelta(hours=4)
    patrol = session.store.patrols.save(factories.patrol(earlier, andi.id), andi.id).record
    act_as(session, kapolsek, Role.PIMPINAN)
    page = PatrolsPage(session)
    qtbot.addWidget(page)
    page.open_printed = False
    dialog = page.open_record(patrol.id)
    assert dialog is not None
    assert not dialog.save_button.isVisibleTo(dialog)  # pimpinan reads, never saves
    close_open_forms()
    log = AccessLogPage(session)
    qtbot.addWidget(log)
    first = texts(log)[0]
    assert first[COL_ACTION] == "Membuka catatan" and first[COL_KIND] == "Patroli"
    assert first[COL_OFFICER] == "IPTU INDRA GUNAWAN (78020002)"


def test_filters_by_officer_and_period(qtbot, session: Session, roster: tuple[Officer, Officer],
                                       clock: MutableClock) -> None:
    andi, kapolsek = roster
    store = session.store
    store.record_activity("search", "visit", andi.id, None, "Siti")
    clock.advance(days=3)
    store.record_activity("search", "visit", kapolsek.id, None, "Budi")
    act_as(session, kapolsek, Role.PIMPINAN)
    page = AccessLogPage(session)
    qtbot.addWidget(page)
    assert [r[COL_DETAIL] for r in texts(page)] == ["Budi", "Siti"]
    page.officer.setCurrentIndex(page.officer.findData(andi.id))
    assert [r[COL_DETAIL] for r in texts(page)] == ["Siti"]
    page.officer.setCurrentIndex(0)
    filters = page.filters
    filters.period.setCurrentIndex(filters.period.findData("range"))
    day = clock().date()
    filters.date_from.setDate(QDate(day.year, day.month, day.day))
    filters.date_to.setDate(QDate(day.year, day.month, day.day))
    assert [r[COL_DETAIL] for r in texts(page)] == ["Budi"]
    earlier = day - timedelta(days=3)
    filters.date_from.setDate(QDate(earlier.year, earlier.month, earlier.day))
    filters.date_to.setDate(QDate(earlier.year, earlier.month, earlier.day))
    assert [r[COL_DETAIL] for r in texts(page)] == ["Siti"]


def test_the_log_is_read_a_page_at_a_time(qtbot, qtmodeltester, session: Session,
                                          roster: tuple[Officer, Officer],
                                          clock: MutableClock) -> None:
    andi, kapolsek = roster
    for n in range(5):
        session.store.record_activity("search", "visit", andi.id, None, f"cari {n}")
        clock.advance(minutes=1)
    act_as(session, kapolsek, Role.ADMIN)
    page = AccessLogPage(session, page_size=2)
    qtbot.addWidget(page)
    assert [r[COL_DETAIL] for r in texts(page)] == ["cari 4", "cari 3"]
    assert page.older_button.isEnabled()
    assert page.older() == 2
    assert page.older() == 1
    assert [r[COL_DETAIL] for r in texts(page)] == [f"cari {n}" for n in (4, 3, 2, 1, 0)]
    assert not page.older_button.isEnabled() and page.older() == 0
    qtmodeltester.check(page.model)


def test_a_petugas_sees_nothing_of_the_log(qtbot, session: Session,
                                            roster: tuple[Officer, Officer]) -> None:
    andi, kapolsek = roster
    session.store.record_activity("search", "visit", andi.id, None, "Siti")
    act_as(session, kapolsek, Role.PIMPINAN)
    page = AccessLogPage(session)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 1
    act_as(session, andi, Role.PETUGAS)  # Ganti petugas: the page empties itself
    assert page.model.rowCount() == 0


def test_a_pause_in_the_typing_commits_a_search_of_the_patrol_list(
        qtbot, session: Session, roster: tuple[Officer, Officer]) -> None:
    andi, kapolsek = roster
    act_as(session, andi, Role.PETUGAS)
    patrols = PatrolsPage(session)
    qtbot.addWidget(patrols)
    with qtbot.waitSignal(patrols.searches.committed, timeout=10_000) as blocker:
        for typed in ("P", "Pa", "Pasar"):
            patrols.filters.search.setText(typed)
    assert blocker.args == ["Pasar"]
    act_as(session, kapolsek, Role.PIMPINAN)
    log = AccessLogPage(session)
    qtbot.addWidget(log)
    assert [(r[COL_ACTION], r[COL_KIND], r[COL_DETAIL]) for r in texts(log)] == [
        ("Mencari", "Patroli", "Pasar")]
