"""Community meetings, their issues and the follow-up view, on a real store with a clock the
test moves (pytest-qt, offscreen). `qtbot` comes after the store in every signature so the
widgets close while the store is still open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.models import Officer
from app.store import Store
from app.store.meetings.listing import MeetingFilter
from tests.conftest import MutableClock
from tests.factories import meeting as make_meeting
from tests.qt_windows import close_open_forms
from ui.meetings.dialog import MeetingDialog
from ui.meetings.followup_model import COL_DUE, COL_LATE
from ui.meetings.followups import FollowUpsPage
from ui.meetings.list_model import MeetingListModel
from ui.meetings.overdue_badge import OverdueBadge, ms_until_next_check
from ui.meetings.page import MeetingsPage
from ui.session import Session


@pytest.fixture
def session(store: Store, officer: Officer) -> Iterator[Session]:
    s = Session(store)
    s.set_officer(officer.id)
    yield s
    close_open_forms()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_cells(qtbot, cells: list[str]) -> None:  # type: ignore[no-untyped-def]
    for i, text in enumerate(cells):
        editor = focused()
        if text:
            qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return if i == len(cells) - 1 else Qt.Key.Key_Tab)


def show(qtbot, dialog: MeetingDialog) -> MeetingDialog:  # type: ignore[no-untyped-def]
    dialog.ask_close = lambda: "discard"
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def enter_jumat_curhat(qtbot, session: Session) -> MeetingDialog:  # type: ignore[no-untyped-def]
    """Friday 9 February 2024, 14.00 WIB, in Pedamaran I, two issues typed by keyboard."""
    dialog = show(qtbot, MeetingDialog(session))
    form = dialog.form
    form.day.set_value(date(2024, 2, 9))
    form.at.set_value(time(14, 0))
    form.desa.set_text("Pedamaran I")
    form.place.setText("Masjid Al-Ikhlas")
    form.topics.setPlainText("Keamanan lingkungan menjelang Ramadan")
    form.participants.setFocus()
    form.participants.setCurrentIndex(form.participants_model.index(0, 1))
    type_cells(qtbot, ["6", "2", "", "14"])  # tokoh masyarakat, agama, adat, pemuda
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    form.issues.setFocus()
    qtbot.waitUntil(lambda: form.issues_model.rowCount() == 1)
    # description, category, desa, action, owner, due date, status
    type_cells(qtbot, ["Lampu jalan mati di gang Mawar", "curanmor", "pedamaran i",
                       "Koordinasi perbaikan lampu", "desa", "+7", ""])
    type_cells(qtbot, ["Balap liar malam Minggu", "", "sukad", "Patroli malam Sabtu",
                       "andi", "12/02/2024", ""])
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    return dialog


def test_jumat_curhat_with_two_issues(store: Store, session: Session, officer: Officer,
                                      qtbot) -> None:
    dialog = enter_jumat_curhat(qtbot, session)
    qtbot.keyClick(dialog.form.issues, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved is not None, dialog.form.problems.summary.text()
    meeting = store.meetings.get(dialog.saved.id or 0)
    assert meeting.meeting_type == "jumat_curhat" and meeting.desa == "Pedamaran I"
    assert [(p.group, p.count) for p in meeting.participants] == [
        ("tokoh_masyarakat", 6), ("tokoh_agama", 2), ("pemuda", 14)]
    first, second = meeting.issues
    assert first.category == "curanmor" and first.desa == "Pedamaran I"
    assert first.owner_agency == "Pemerintah Desa" and first.owner_officer_id is None
    assert first.due_date == date(2024, 2, 16)  # "+7" after the meeting
    assert second.owner_officer_id == officer.id and second.desa == "Sukadamai"
    assert second.due_date == date(2024, 2, 12)


def test_bad_input_next_to_the_field_nothing_lost(store: Store, session: Session,
                                                  qtbot) -> None:
    dialog = enter_jumat_curhat(qtbot, session)
    form = dialog.form
    form.participants_model.set_value(1, "count", "-2")
    form.issues_model.set_value(1, "due_date", "01/02/2024")  # before the meeting
    assert dialog.save() is None
    assert "negatif" in form.problems.message("participants")
    assert "sebelum tanggal pertemuan" in form.problems.message("issues")
    assert form.issues_model.problem(1, "due_date") is not None
    assert form.participants_model.value(1, "count") == "-2"
    assert form.issues_model.value(1, "due_date") == "01/02/2024"
    assert store.meetings.count(MeetingFilter()) == 0


def test_follow_up_close_reopen_and_overdue_as_days_pass(store: Store, session: Session,
                                                         clock: MutableClock, officer: Officer,
                                                         qtbot) -> None:
    dialog = enter_jumat_curhat(qtbot, session)
    assert dialog.save() is not None
    badge = OverdueBadge(session)
    page = FollowUpsPage(session)
    qtbot.addWidget(badge)
    qtbot.addWidget(page)
    # Wednesday 14 February: the balap liar issue (due 12 February) is overdue
    assert badge.count == 1 and "terlambat: 1" in badge.text()
    assert page.model.rowCount() == 2
    top = page.model.row_at(0)
    assert top is not None and top.overdue and top.issue.description.startswith("Balap")
    assert page.model.index(0, COL_LATE).data() == "2 hari"
    assert page.model.index(0, COL_DUE).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert page.model.index(1, COL_DUE).data(Qt.ItemDataRole.BackgroundRole) is None
    # close the overdue one with a note: who and when are kept
    assert top.issue.uuid is not None
    page.table.selectRow(0)
    assert page.change_status("selesai", "Patroli rutin tiap malam Minggu, tidak ada lagi")
    assert badge.count == 0
    assert [f.issue.description[:5] for f in page.model._rows] == ["Lampu"]
    closed = next(i for i in store.meetings.get(dialog.saved.id or 0).issues  # type: ignore[union-attr]
                  if i.uuid == top.issue.uuid)
    step = closed.history[-1]
    assert (step.status, step.officer_id, step.at) == ("selesai", officer.id, clock())
    assert step.note == "Patroli rutin tiap malam Minggu, tidak ada lagi"
    # the other becomes overdue as the days pass (no sleeping: the clock moves)
    clock.advance(days=2)  # Friday 16 February: due today, not yet late
    assert badge.refresh() == 0
    clock.advance(days=1)
    assert badge.refresh() == 1
    page.reload()
    assert page.model.row_at(0).overdue  # type: ignore[union-attr]
    # the closed issue is found with the status filter, and can be reopened
    page.status.setCurrentIndex(page.status.findData("selesai"))
    assert page.model.rowCount() == 1
    page.table.selectRow(0)
    assert page.step_buttons["reopen"].isEnabled()
    assert page.change_status("terbuka", "Balap liar terjadi lagi")
    assert badge.count == 2  # reopened, and still past its due date
    page.owner.setCurrentIndex(page.owner.findData(f"officer:{officer.id}"))
    page.status.setCurrentIndex(page.status.findData("open"))
    assert page.model.rowCount() == 1


def test_badge_checks_again_at_midnight(store: Store, session: Session, clock: MutableClock,
                                        qtbot) -> None:
    clock.when = datetime(2024, 2, 14, 16, 30, tzinfo=UTC)  # 23.30 WIB
    badge = OverdueBadge(session)
    qtbot.addWidget(badge)
    assert 30 * 60 * 1000 <= badge.next_check_ms() <= 31 * 60 * 1000
    early = datetime(2024, 2, 14, 9, 0, tzinfo=session.tz())
    assert ms_until_next_check(early) == 3600 * 1000


def test_print_record_with_attendance_sheet(store: Store, session: Session, officer: Officer,
                                            qtbot) -> None:
    meeting = store.meetings.save(make_meeting(datetime(2024, 2, 9, 7, 0, tzinfo=UTC),
                                               officer.id or 0), officer.id).record
    assert meeting.meta is not None
    page = MeetingsPage(session)
    page.open_printed = False
    qtbot.addWidget(page)
    path = page.print_record(meeting.meta.id)
    assert path is not None
    pages = [p.extract_text() for p in PdfReader(path).pages]
    text = " ".join("\n".join(pages).split())  # table cells wrap: compare words
    assert "NOTULEN / LAPORAN KEGIATAN JUMAT CURHAT" in text
    assert "Lampu jalan mati di gang Mawar" in text and "Pemerintah Desa" in text
    assert "DAFTAR HADIR" in text
    assert "Tokoh masyarakat (6 orang)" in text and "Pemuda (10 orang)" in text
    assert "BRIPKA ANDI SAPUTRA, NRP 85061234" in text
    history = page.show_history(meeting.meta.id)
    assert history is not None
    qtbot.addWidget(history)
    assert [row[2] for row in history.rows() if row[0]] == ["Dibuat", "Dokumen dicetak"]


def test_list_model_and_filters(store: Store, session: Session, officer: Officer, qtbot,
                                qtmodeltester) -> None:
    for day in range(1, 12):
        store.meetings.save(make_meeting(datetime(2024, 2, day, 7, 0, tzinfo=UTC), officer.id or 0),
                            officer.id)
    model = MeetingListModel(session, page_size=4)
    model.reload()
    assert model.rowCount() == 4 and model.total == 11
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 11
    qtmodeltester.check(model)
    page = MeetingsPage(session)
    qtbot.addWidget(page)
    page.filters.period.setCurrentIndex(page.filters.period.findData("all"))
    assert page.model.total == 11
    page.filters.search.setText("lampu mawar")
    page.reload()
    assert page.model.total == 11
    first = page.model.row_at(page.model.rowCount() - 1)
    assert first is not None and first.overdue_count == 1  # due 8 Feb, today is 14 Feb
    page.filters.search.setText("sawah")
    page.reload()
    assert page.model.total == 0
    assert page.void_record(first.id, "Dobel") and store.meetings.get(first.id).meta.voided  # type: ignore[union-attr]


def test_follow_up_model_passes_model_tester(store: Store, session: Session, officer: Officer,
                                             qtbot, qtmodeltester) -> None:
    for day in (1, 5, 9):
        store.meetings.save(make_meeting(datetime(2024, 2, day, 7, 0, tzinfo=UTC), officer.id or 0),
                            officer.id)
    page = FollowUpsPage(session)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    # due a week after each meeting; on 14 February the first two are late and come first
    dues = [page.model.row_at(r).issue.due_date for r in range(3)]  # type: ignore[union-attr]
    assert dues == [date(2024, 2, 8), date(2024, 2, 12), date(2024, 2, 16)]
    assert [page.model.row_at(r).overdue for r in range(3)] == [True, True, False]  # type: ignore[union-attr]
