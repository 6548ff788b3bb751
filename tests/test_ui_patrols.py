"""The patrol page and form, driven by the keyboard on a real store (pytest-qt, offscreen).

`qtbot` comes after the store in every signature: fixtures are torn down in reverse, so the
widgets close (and stop their draft timers) while the store is still open."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, time

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.models import Officer, Patrol
from app.store import Store
from tests.factories import patrol as make_patrol
from tests.qt_windows import close_open_forms
from ui.patrols import list_model
from ui.patrols.dialog import PatrolDialog
from ui.patrols.list_model import COL_LP, COL_STATUS, PatrolListModel
from ui.patrols.page import PatrolsPage
from ui.records.links import patrol_caption
from ui.session import Session
from ui.visits.dialog import VisitDialog


@pytest.fixture
def team(store: Store, officer: Officer) -> tuple[Officer, Officer]:
    member = store.master.save(Officer("RUDI HARTONO", "BRIPTU", "95010203"), None).record
    return officer, member


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


def type_row(qtbot, cells: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Type one row of the places table: each cell, then Tab (Enter after the last)."""
    for i, text in enumerate(cells):
        editor = focused()
        if text:
            qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return if i == len(cells) - 1 else Qt.Key.Key_Tab)


def show_dialog(qtbot, dialog: PatrolDialog) -> PatrolDialog:  # type: ignore[no-untyped-def]
    # closing at teardown must not stop at the "save unsaved input?" question
    dialog.ask_close = lambda: "discard"
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_patrol_with_three_places_entered_by_keyboard(session: Session, store: Store,
                                                      team: tuple[Officer, Officer], qtbot,
                                                      qtmodeltester) -> None:
    leader, member = team
    dialog = show_dialog(qtbot, PatrolDialog(session))
    form = dialog.form
    qtbot.keyClicks(form.members.entry, "rudi")
    qtbot.keyClick(form.members.entry, Qt.Key.Key_Return)
    form.targets["3c"].setChecked(True)
    form.places.setFocus()  # arriving in the empty table opens its first row
    qtbot.waitUntil(lambda: form.places_model.rowCount() == 1)
    # desa (type-ahead), place, time, situation (type-ahead in the list), himbauan, people, note
    type_row(qtbot, ["serin", "Pasar Serinanti", "12.20", "", "Kunci ganda", "12", ""])
    type_row(qtbot, ["sukad", "Simpang tiga", "1300", "p", "Waspada balap liar", "5", ""])
    type_row(qtbot, ["cinta", "Dermaga", "13.45", "g", "", "3", "Perahu warga dicuri"])
    assert form.places_model.rowCount() == 4  # Enter at the end opened a fourth, blank row
    qtmodeltester.check(form.places_model)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.keyClick(form.places, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.saved is not None, form.problems.summary.text()
    patrol = store.patrols.get(dialog.saved.id or 0)
    assert [p.desa for p in patrol.places] == ["Serinanti", "Sukadamai", "Cinta Jaya"]
    assert [p.situation for p in patrol.places] == ["aman", "pg", "gn"]
    assert [p.people_reached for p in patrol.places] == [12, 5, 3]
    tz = session.tz()
    assert [p.at.astimezone(tz).strftime("%H.%M") for p in patrol.places if p.at] == \
        ["12.20", "13.00", "13.45"]
    assert patrol.leader_id == leader.id and patrol.member_ids == (member.id,)
    assert patrol.targets == ("3c",)
    assert store.drafts.list("patrol") == ()  # saved: the draft is gone


def test_bad_input_is_shown_next_to_the_field_and_kept(session: Session, store: Store,
                                                       team: tuple[Officer, Officer], qtbot) -> None:
    dialog = show_dialog(qtbot, PatrolDialog(session))
    form = dialog.form
    form.start.set_value(time(13, 0))
    form.end.set_value(time(12, 0))
    form.members.entry.setText("Joko Susilo")
    form.places_model.set_rows([{"desa": "Serinanti", "people_reached": "-3"},
                                {"desa": "Kota Antah", "at": "25.99"}])
    assert dialog.save() is None
    # the focus goes to the first marked field in the form's order, where typing goes: the
    # times (left column) come before the members (right column, higher on the screen)
    assert QApplication.focusWidget() is form.start
    assert "sesudah waktu mulai" in form.problems.message("end_at")
    assert "tidak ada di daftar personel" in form.problems.message("member_ids")
    assert "Baris 1, Warga" in form.problems.message("places")
    assert form.places_model.problem(0, "people_reached") is not None
    assert "negatif" in form.places_model.problem(0, "people_reached")[0]  # type: ignore[index]
    assert form.places_model.problem(1, "desa") is not None
    assert form.places_model.problem(1, "at") is not None
    # nothing typed is lost: the cells and the name are still there, and so is the draft
    assert form.places_model.value(0, "people_reached") == "-3"
    assert form.members.entry.text() == "Joko Susilo"
    dialog.drafts.flush()
    (draft,) = store.drafts.list("patrol")
    assert json.loads(draft.payload)["places"][1]["at"] == "25.99"
    assert store.patrols.count(list_model.PatrolFilter()) == 0


def test_draft_is_offered_back_on_the_page(session: Session, store: Store,
                                           team: tuple[Officer, Officer], qtbot) -> None:
    dialog = show_dialog(qtbot, PatrolDialog(session))
    dialog.form.findings.setPlainText("Kandang kambing dibobol")
    dialog.form.places_model.set_rows([{"desa": "Serinanti", "people_reached": "dua"}])
    dialog.drafts.flush()
    dialog.hide()  # the PC loses power: nothing is saved but the draft
    page = PatrolsPage(session)
    qtbot.addWidget(page)
    assert not page._draft_bar.isHidden()
    resumed = page.resume_draft()
    assert resumed is not None
    resumed.ask_close = lambda: "discard"
    qtbot.addWidget(resumed)
    assert resumed.form.findings.toPlainText() == "Kandang kambing dibobol"
    assert resumed.form.places_model.value(0, "people_reached") == "dua"


def test_finding_becomes_lp_model_a_linked_both_ways(session: Session, store: Store,
                                                     clock, team: tuple[Officer, Officer], qtbot) -> None:
    leader, member = team
    saved = store.patrols.save(make_patrol(datetime(2024, 2, 13, 14, 0, tzinfo=UTC), leader.id or 0,
                                           (member.id or 0,)), leader.id).record
    patrol = store.patrols.save(Patrol(**{**saved.__dict__, "findings": "Motor warga dicuri"}),
                                leader.id).record
    assert patrol.meta is not None
    page = PatrolsPage(session)
    page.open_printed = False
    qtbot.addWidget(page)
    assert page.select_id(patrol.meta.id)
    dialog = page.make_lp()
    assert isinstance(dialog, VisitDialog)  # the walk-in form, prefilled as an LP model A
    qtbot.addWidget(dialog)
    assert "Dari patroli: Patroli rutin, 13 Februari 2024 21.00" in dialog.header.text()
    assert dialog.save() is False  # no category yet: said next to the field
    dialog.form.s.category.set_current_data("curanmor")
    assert dialog.save() is True
    (visit_uuid,) = store.visits.uuids_of_patrol(patrol.meta.uuid)
    visit = store.visits.get_by_uuid(visit_uuid)
    # the LP points at the patrol, and the patrol finds its LP
    assert visit.lp_model == "A" and visit.number and visit.number.startswith("LP/A/1/II/2024")
    assert visit.source_patrol_uuid == patrol.meta.uuid
    second = patrol.places[1]  # the place with a finding (PG) was chosen
    assert visit.incident_desa == second.desa and visit.occurred_at == second.at
    assert visit.receiving_officer_id == leader.id
    assert visit.narrative == "Motor warga dicuri"
    assert "Patroli rutin, 13 Februari 2024 21.00" in patrol_caption(session, visit.source_patrol_uuid)
    row = page.model.row_of_id(patrol.meta.id)
    assert page.model.index(row, COL_LP).data() == "1"
    opened = page.open_patrol(patrol.meta.id)
    assert opened is not None
    qtbot.addWidget(opened)
    assert visit.number in opened.lp_label.text()


def test_print_void_and_history(session: Session, store: Store,
                                team: tuple[Officer, Officer], qtbot) -> None:
    leader, member = team
    patrol = store.patrols.save(make_patrol(datetime(2024, 2, 13, 14, 0, tzinfo=UTC), leader.id or 0,
                                            (member.id or 0,)), leader.id).record
    assert patrol.meta is not None
    page = PatrolsPage(session)
    page.open_printed = False
    qtbot.addWidget(page)
    path = page.print_report(patrol.meta.id)
    assert path is not None
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert "LAPORAN HASIL PATROLI" in text
    assert "Pasar Serinanti" in text and "Simpang tiga" in text
    assert "BRIPTU RUDI HARTONO, NRP 95010203" in text
    assert "17" in text  # 12 + 5 people reached
    assert page.void_patrol(patrol.meta.id, reason="Salah input, dobel") is True
    row = page.model.row_of_id(patrol.meta.id)
    assert page.model.index(row, COL_STATUS).data() == "Dibatalkan"
    history = page.show_history(patrol.meta.id)
    assert history is not None
    qtbot.addWidget(history)
    actions = [row[2] for row in history.rows() if row[0]]
    assert actions == ["Dibuat", "Dokumen dicetak", "Dibatalkan"]


def test_list_filters_and_pages(session: Session, store: Store,
                                team: tuple[Officer, Officer], qtbot, qtmodeltester) -> None:
    leader, member = team
    for day in range(1, 13):
        store.patrols.save(make_patrol(datetime(2024, 2, day, 13, 0, tzinfo=UTC), leader.id or 0),
                           leader.id)
    model = PatrolListModel(session, page_size=5)
    model.reload()
    assert model.rowCount() == 5 and model.total == 12
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 12
    starts = [model.row_at(r).start_at for r in range(12)]  # type: ignore[union-attr]
    assert starts == sorted(starts, reverse=True)
    qtmodeltester.check(model)
    page = PatrolsPage(session)
    qtbot.addWidget(page)
    page.filters.search.setText("rudi")
    page.reload()
    assert page.model.total == 0
    page.filters.search.setText("andi simpang")
    page.situation.setCurrentIndex(page.situation.findData("pg"))
    assert page.model.total == 12
    page.situation.setCurrentIndex(page.situation.findData("gn"))
    assert page.model.total == 0
