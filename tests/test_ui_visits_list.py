"""The walk-in list model: Qt's model checks, paging without gaps or doubles, jumping to the
end, highlighting, and the page's filters and search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from app.domain.models import Officer, Visit
from app.store import Store, VisitFilter
from tests.factories import kehilangan, lp
from ui.visits.list_model import (
    BLOCK,
    COL_NUMBER,
    COL_RESPONSE,
    COL_STATUS,
    ID_ROLE,
    MAX_BLOCKS,
    VisitListModel,
    short_number,
)

WIB = ZoneInfo("Asia/Jakarta")
START = datetime(2024, 1, 1, 1, 0, tzinfo=UTC)


def fill(store: Store, officer: Officer, n: int, *, step_minutes: int = 7) -> None:
    """n records, oldest first; every third is an LP (quicker without validation)."""
    with store.unit_of_work():
        for i in range(n):
            at = START + timedelta(minutes=step_minutes * i)
            visit: Visit = lp(at, officer.id) if i % 3 == 0 else kehilangan(at, officer.id)
            store.visits.create(visit, officer.id, validate=False)


@pytest.fixture
def filled(store: Store, officer: Officer) -> Store:
    fill(store, officer, 650)
    return store


def all_ids(model: VisitListModel) -> list[int]:
    return [model.data(model.index(r, 0), ID_ROLE) for r in range(model.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester, filled: Store) -> None:
    model = VisitListModel(filled.visits, WIB)
    qtmodeltester.check(model)
    model.set_filter(VisitFilter(service="lp"))
    qtmodeltester.check(model)


def test_rows_newest_first_and_count_is_true(filled: Store) -> None:
    model = VisitListModel(filled.visits, WIB)
    assert model.rowCount() == 650 == filled.visits.count(VisitFilter())
    rows = [model.row_at(r) for r in range(model.rowCount())]
    stamps = [(row.received_at, row.id) for row in rows if row]
    assert stamps == sorted(stamps, reverse=True)
    assert len(model.cached_blocks()) <= MAX_BLOCKS


def test_fetch_more_returns_every_row_exactly_once(filled: Store) -> None:
    model = VisitListModel(filled.visits, WIB)
    seen: list[int] = []
    fetched = 0
    while model.canFetchMore():
        before = fetched
        model.fetchMore()
        fetched = min(model.rowCount(), fetched + BLOCK)
        seen += [model.data(model.index(r, 0), ID_ROLE) for r in range(before, fetched)]
    assert fetched == 650
    assert len(seen) == len(set(seen)) == 650
    expected = {r.id for r in filled.visits.page(VisitFilter(), None, 10_000)}
    assert set(seen) == expected


def test_jump_to_last_row_on_5000_records(store: Store, officer: Officer) -> None:
    fill(store, officer, 5000, step_minutes=3)
    model = VisitListModel(store.visits, WIB)
    assert model.rowCount() == 5000
    last = model.row_at(4999)
    oldest = store.visits.page(VisitFilter(), None, 1, oldest_first=True)[0]
    assert last is not None and last.id == oldest.id
    assert model.store_reads == 1  # one oldest-first page from the bottom, no walk
    # a jump into the middle walks keys from the nearest end and remembers anchors
    middle = model.row_at(2500)
    reference = store.visits.page(VisitFilter(), None, 2501)[-1]
    assert middle is not None and middle.id == reference.id
    reads = model.store_reads
    assert model.row_at(2500 + BLOCK) is not None
    assert model.store_reads == reads + 1  # the anchor of the next block was remembered
    assert len(model.cached_blocks()) <= MAX_BLOCKS
    # and walking the whole list afterwards still gives every row once
    ids = all_ids(model)
    assert len(set(ids)) == 5000


def test_filter_and_search_narrow_the_list(filled: Store) -> None:
    model = VisitListModel(filled.visits, WIB)
    model.set_filter(VisitFilter(service="lp"))
    assert model.rowCount() == filled.visits.count(VisitFilter(service="lp")) == 217
    model.set_filter(VisitFilter(text="budi"))
    assert model.rowCount() == 650 - 217


def test_waiting_rows_are_highlighted_and_voided_struck_out(filled: Store, officer: Officer) -> None:
    model = VisitListModel(filled.visits, WIB)
    model.set_filter(VisitFilter(service="lp"))
    index = model.index(0, COL_STATUS)
    font = model.data(index, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, COL_RESPONSE)) == "menunggu"
    visit_id = model.data(index, ID_ROLE)
    filled.visits.void(visit_id, "salah input", officer.id)
    model.refresh()
    font = model.data(model.index(0, COL_STATUS), Qt.ItemDataRole.FontRole)
    assert font.strikeOut() and not font.bold()
    assert model.data(model.index(0, COL_STATUS)) == "Dibatalkan"
    assert model.data(model.index(0, COL_STATUS), Qt.ItemDataRole.BackgroundRole) is None


def test_response_minutes_and_short_number(store: Store, officer: Officer) -> None:
    at = datetime(2024, 2, 14, 5, 0, tzinfo=UTC)
    visit = lp(at, officer.id, dispatched_at=at + timedelta(minutes=3),
               arrived_at=at + timedelta(minutes=12), dispatched_officer_id=officer.id)
    store.visits.create(visit, officer.id)
    model = VisitListModel(store.visits, WIB)
    assert model.data(model.index(0, COL_RESPONSE)) == "12"
    assert model.data(model.index(0, COL_NUMBER)) == "LP/B/1/II/2024"
    assert "POLDA SUMATERA SELATAN" in model.data(model.index(0, COL_NUMBER),
                                                  Qt.ItemDataRole.ToolTipRole)
    assert short_number("SKTLK/3/II/2024/SPKT/POLSEK PEDAMARAN") == "SKTLK/3/II/2024"


# ---------------------------------------------------------------------- the page


@pytest.fixture
def page(qtbot, filled: Store, officer: Officer):
    from ui.session import Session
    from ui.visits.page import VisitsPage

    session = Session(filled)
    session.set_officer(officer.id)
    page = VisitsPage(session)
    qtbot.addWidget(page)
    page.resize(1160, 700)
    page.show()
    qtbot.waitExposed(page)
    yield page
    for dialog in list(page._dialogs):
        dialog.keeper.stop()
        dialog.mark_clean()
        dialog.reject()


def test_page_counts_filters_and_opens_records(qtbot, page, filled: Store) -> None:
    assert page.count_label.text() == "650 data"
    page.filters.service.setCurrentIndex(page.filters.service.findData("lp"))
    assert page.count_label.text() == "217 data (tersaring)"
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    (dialog,) = page._dialogs
    assert dialog.record_id() == page.model.id_at(0)
    assert dialog.form.s.current_service() == "lp"
    assert page.open_record(page.model.id_at(0) or 0) is dialog  # not opened twice
    assert filled.history(dialog.form.visit().meta.uuid)[-1].action == "view"
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(page._dialogs) == 2 and page._dialogs[1].record_id() is None


def test_ctrl_end_jumps_to_the_oldest_record(qtbot, page, filled: Store) -> None:
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert page.table.currentIndex().row() == 649
    oldest = filled.visits.page(VisitFilter(), None, 1, oldest_first=True)[0]
    assert page.model.id_at(649) == oldest.id
    assert len(page.model.cached_blocks()) <= MAX_BLOCKS


def test_new_record_elsewhere_reloads_the_list(qtbot, page, filled: Store, officer: Officer) -> None:
    page._session.write(lambda: filled.visits.create(
        kehilangan(datetime(2024, 2, 14, 6, 0, tzinfo=UTC), officer.id), officer.id))
    assert page.count_label.text() == "651 data"
    assert page.model.row_at(0).reporter_name == "Budi Santoso"


def test_period_presets_in_station_time() -> None:
    from ui.visits.filters import PRESET_MONTH, PRESET_RANGE, PRESET_TODAY, PRESET_WEEK, preset_range

    now = datetime(2024, 2, 14, 23, 30, tzinfo=WIB)  # Wednesday
    start, end = preset_range(PRESET_TODAY, now)
    assert (start, end) == (datetime(2024, 2, 14, tzinfo=WIB), datetime(2024, 2, 15, tzinfo=WIB))
    start, end = preset_range(PRESET_WEEK, now)
    assert (start, end) == (datetime(2024, 2, 12, tzinfo=WIB), datetime(2024, 2, 19, tzinfo=WIB))
    start, _ = preset_range(PRESET_WEEK, now, week_start=6)  # weeks from Sunday
    assert start == datetime(2024, 2, 11, tzinfo=WIB)
    start, end = preset_range(PRESET_MONTH, now)
    assert (start, end) == (datetime(2024, 2, 1, tzinfo=WIB), datetime(2024, 3, 1, tzinfo=WIB))
    start, end = preset_range(PRESET_RANGE, now, 0, now.date(), now.date().replace(day=10))
    assert (start, end) == (datetime(2024, 2, 10, tzinfo=WIB), datetime(2024, 2, 15, tzinfo=WIB))


def test_search_typing_is_debounced_and_anything_goes(qtbot, page) -> None:
    for text in ('"', "*", "NEAR(", "'; DROP TABLE visits; --", "ñ", "   "):
        page.filters.search.setText(text)
        page.filters.flush()
        assert page.count_label.text().endswith("data") or "tersaring" in page.count_label.text()
    page.filters.search.setText("")
    page.filters.flush()
    qtbot.keyClicks(page.filters.search, "budi")
    assert page.model.filter().text == ""  # not yet: waits ~200 ms after the last key
    qtbot.waitUntil(lambda: page.model.filter().text == "budi")


def test_far_jumps_seek_by_counting_and_stay_exact(store: Store, officer: Officer) -> None:
    """Seven records in every second (same received_at): the seek's time boundary must
    still land every row in its place."""
    with store.unit_of_work():
        for i in range(1400):
            at = START + timedelta(seconds=i // 7)
            store.visits.create(kehilangan(at, officer.id), officer.id, validate=False)
    reference = [r.id for r in store.visits.page(VisitFilter(), None, 2000)]
    model = VisitListModel(store.visits, WIB)
    model.seek_min = 150  # seek for anything farther than this from an anchor
    for position in (700, 1399, 203, 1100, 455, 0, 999):
        assert model.id_at(position) == reference[position]
    assert model.seeks >= 1  # counted its way to the far rows instead of walking there
    assert all_ids(model) == reference
    lp_model = VisitListModel(store.visits, WIB)
    lp_model.seek_min = 100
    lp_model.set_filter(VisitFilter(text="budi", start=START + timedelta(seconds=20)))
    narrowed = [r.id for r in store.visits.page(lp_model.filter(), None, 2000)]
    assert lp_model.rowCount() == len(narrowed) == 1400 - 140
    assert lp_model.id_at(900) == narrowed[900] and lp_model.id_at(300) == narrowed[300]
    assert lp_model.seeks >= 1 and all_ids(lp_model) == narrowed


def test_a_search_finding_more_than_the_cap_shows_the_newest(
        qtbot, page, filled: Store) -> None:
    """More matches than SEARCH_CAP: the list holds the newest SEARCH_CAP, read down from the
    top (the bottom of the list is not the last match), and says so; fewer: exact."""
    page.model.search_cap = 300
    budi = VisitFilter(text="budi")  # the 433 kehilangan
    newest = [row.id for row in filled.visits.page(budi, None, 1000)]
    assert len(newest) == 433 and filled.visits.count(budi, 301) == 301

    page.filters.search.setText("budi")
    page.filters.flush()
    model = page.model
    assert model.capped and model.rowCount() == 300
    assert page.count_label.text() == "Lebih dari 300 data (tersaring)"
    assert "yang ditampilkan 300 data terbaru. Tambahkan kata" in page.count_label.toolTip()
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert page.table.currentIndex().row() == 299
    assert model.id_at(299) == newest[299]  # the 300th newest, not the oldest match
    assert all_ids(model) == newest[:300]
    assert model.seeks == 0

    page.filters.search.setText("siti")  # the 217 LP: under the cap, exact
    page.filters.flush()
    assert not model.capped and model.rowCount() == 217
    assert page.count_label.text() == "217 data (tersaring)"
    assert page.count_label.toolTip() == ""
    page.filters.search.setText("!!! ...")  # no words: the whole list, not a capped search
    page.filters.flush()
    assert not model.capped and model.rowCount() == 650


def test_counts_stop_at_their_limit(filled: Store) -> None:
    visits = filled.visits
    for flt in (VisitFilter(), VisitFilter(service="lp"), VisitFilter(text="budi"),
                VisitFilter(text="budi", service="kehilangan"), VisitFilter(text="zzz")):
        exact = visits.count(flt)
        for limit in (1, 100, exact, exact + 1):
            assert visits.count(flt, limit) == min(exact, limit), (flt, limit)
