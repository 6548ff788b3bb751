"""Issue 15 items 19 (informasi/lainnya closed when saved), 20 (kecamatan and kabupaten from
the desa) and the form parts of 21 (the focused field scrolled into view, a banner that
follows the fixes, one message per field, an unknown terlapor without identity fields, the
LP model A window's title), on the real walk-in, patrol and meeting forms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.models import Officer, Visit
from app.store import Store, VisitFilter
from app.validation import Problem
from app.validation.problems import error, warning
from tests.qt_windows import close_open_forms
from ui.meetings.dialog import MeetingDialog
from ui.patrols.dialog import PatrolDialog
from ui.records.problems import Problems
from ui.records.record_dialog import RecordDialog
from ui.session import Session
from ui.visits.dialog import VisitDialog


@pytest.fixture
def session(store: Store, officer: Officer) -> Iterator[Session]:
    s = Session(store)
    s.set_officer(officer.id)
    yield s
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, VisitDialog):
            widget.mark_clean()
        elif isinstance(widget, RecordDialog):
            widget.ask_close = lambda: "discard"
    close_open_forms()


def shown(qtbot, dialog: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def choose_service(dialog: VisitDialog, code: str) -> None:
    combo = dialog.form.s.service
    combo.setCurrentIndex(combo.findData(code))  # as the officer picking it


# ---------------------------------------------------------------------- item 19
@pytest.mark.parametrize("service", ["informasi", "lainnya"])
def test_a_served_visitor_is_saved_closed_in_one_step(qtbot, session: Session, store: Store,
                                                      service: str) -> None:
    dialog = shown(qtbot, VisitDialog(session))
    assert isinstance(dialog, VisitDialog)
    s = dialog.form.s
    assert not s.served.isVisible()  # an LP is not served at the desk
    choose_service(dialog, service)
    assert s.served.isVisible() and s.served.isChecked()  # on by default for these
    s.reporter.name.setText("Pak Hasan")
    if service == "lainnya":
        s.other_reason.setText("Menitipkan surat untuk Kanit")
    else:
        s.narrative.setPlainText("Bertanya syarat SKCK")
    assert dialog.save()
    (row,) = store.visits.page(VisitFilter())
    saved = store.visits.get(row.id)
    assert saved.status == "selesai"
    assert saved.resolved_at == saved.received_at
    assert [c.status for c in saved.status_history] == ["diterima", "selesai"]
    assert not s.served.isVisible()  # a saved record changes status through "Ubah status"


def test_served_can_be_unticked_and_an_lp_is_never_closed_on_save(qtbot, session: Session,
                                                                 store: Store) -> None:
    dialog = shown(qtbot, VisitDialog(session))
    assert isinstance(dialog, VisitDialog)
    s = dialog.form.s
    choose_service(dialog, "informasi")
    s.served.setChecked(False)
    s.reporter.name.setText("Bu Rina")
    s.narrative.setPlainText("Konsultasi sengketa tanah, akan kembali membawa berkas")
    assert dialog.save()
    (row,) = store.visits.page(VisitFilter())
    assert store.visits.get(row.id).status == "diterima"


# ---------------------------------------------------------------------- item 20
def test_kecamatan_and_kabupaten_come_from_the_desa(qtbot, session: Session,
                                                    store: Store) -> None:
    dialog = shown(qtbot, VisitDialog(session))
    assert isinstance(dialog, VisitDialog)
    reporter = dialog.form.s.reporter
    profile = store.profile()
    reporter.desa.setFocus()
    qtbot.keyClicks(reporter.desa.lineEdit(), "Serinanti")
    qtbot.keyClick(reporter.desa.lineEdit(), Qt.Key.Key_Tab)
    assert reporter.kecamatan.text() == profile.kecamatan == "Pedamaran"
    assert reporter.kabupaten.text() == profile.kabupaten
    reporter.kabupaten.setText("Kota Palembang")  # the officer corrects one: it stays
    reporter.kabupaten.textEdited.emit("Kota Palembang")
    reporter.desa.set_text("Sukadamai")
    reporter.desa.edited.emit()
    assert reporter.kabupaten.text() == "Kota Palembang"
    reporter.desa.set_text("Desa Lain Jauh")  # not on the list: what was filled goes
    reporter.desa.edited.emit()
    assert reporter.kecamatan.text() == ""
    assert reporter.kabupaten.text() == "Kota Palembang"
    party = reporter.dump("pelapor")
    assert party.kabupaten == "Kota Palembang"


# ---------------------------------------------------------------------- item 21
def test_tab_scrolls_the_form_to_the_focused_field(qtbot, session: Session) -> None:
    dialog = shown(qtbot, VisitDialog(session))
    assert isinstance(dialog, VisitDialog)
    dialog.resize(900, 420)
    qtbot.wait(20)
    area = dialog.scroll_area
    viewport = area.viewport()
    dialog.form.s.service.setFocus(Qt.FocusReason.TabFocusReason)
    below = 0
    for _ in range(40):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        field = QApplication.focusWidget()
        assert field is not None
        if not area.isAncestorOf(field):
            continue
        top_left = field.mapTo(viewport, QPoint(0, 0))
        seen = QRect(top_left, field.size()).intersected(viewport.rect())
        assert not seen.isEmpty(), f"{type(field).__name__} out of sight"
        below += top_left.y() > 0 and area.verticalScrollBar().value() > 0
    assert below  # the walk went past the fold

    def in_view(field: QWidget) -> bool:
        top_left = field.mapTo(viewport, QPoint(0, 0))
        return not QRect(top_left, field.size()).intersected(viewport.rect()).isEmpty()

    area.verticalScrollBar().setValue(0)
    s = dialog.form.s
    s.witnesses.add_button.click()  # far below: the new witness's name takes the focus
    name = s.witnesses.editors[-1].name
    qtbot.waitUntil(lambda: name.hasFocus() and in_view(name))
    area.verticalScrollBar().setValue(0)
    s.law.combo.setFocus(Qt.FocusReason.ShortcutFocusReason)  # e.g. a label's shortcut
    qtbot.waitUntil(lambda: in_view(s.law.combo))


def test_the_banner_count_follows_the_fixes(qtbot, session: Session, store: Store) -> None:
    dialog = shown(qtbot, PatrolDialog(session))
    assert isinstance(dialog, PatrolDialog)
    form = dialog.form
    form.end.set_value((form._moments()[0] - timedelta(hours=1)).time())
    form.end.edited.emit()
    assert dialog.save() is None
    assert form.problems.summary.isVisible()
    assert "2 isian" in form.problems.summary.text()  # the times, and no place yet
    form.places_model.set_rows([{"desa": "Serinanti", "place": "Pasar", "situation": "aman"}])
    form.places_model.edited.emit()
    qtbot.waitUntil(lambda: "1 isian" in form.problems.summary.text())
    form.end.set_value((form._moments()[0] + timedelta(hours=1)).time())
    form.end.edited.emit()
    qtbot.waitUntil(lambda: not form.problems.summary.isVisible())
    assert form.problems.message("end_at") == ""

    meeting = shown(qtbot, MeetingDialog(session))
    assert isinstance(meeting, MeetingDialog)
    assert meeting.save() is None  # no desa
    assert meeting.form.problems.summary.isVisible()
    meeting.form.desa.set_text("Serinanti")
    meeting.form.desa.edited.emit()
    qtbot.waitUntil(lambda: not meeting.form.problems.summary.isVisible() or
                    "Serinanti" in meeting.form.problems.summary.text())
    assert meeting.form.problems.message("desa") == ""

    walk_in = shown(qtbot, VisitDialog(session))
    assert isinstance(walk_in, VisitDialog)
    choose_service(walk_in, "lainnya")
    assert walk_in.save() is False
    summary = walk_in.form.problems.summary
    assert summary.isVisible()
    walk_in.form.s.reporter.name.setText("Pak Hasan")
    walk_in.form.s.reporter.name.textEdited.emit("Pak Hasan")
    walk_in.form.s.other_reason.setText("Menitipkan surat")
    walk_in.form.s.other_reason.textEdited.emit("Menitipkan surat")
    qtbot.waitUntil(lambda: not summary.isVisible())


def test_one_message_per_field() -> None:
    problems = Problems()
    box = problems.field(QWidget(), "occurred_at")
    box.window().show()
    count = problems.show([
        error("occurred_at", "future", "Waktu kejadian tidak boleh di masa depan."),
        warning("occurred_at", "order", "Waktu kejadian sesudah waktu laporan diterima."),
    ], refused=True)
    assert count == 1
    assert problems.message("occurred_at") == "Waktu kejadian tidak boleh di masa depan."
    only_warning: list[Problem] = [warning("occurred_at", "order", "sesudah diterima")]
    assert problems.show(only_warning) == 1
    assert problems.message("occurred_at") == "sesudah diterima"
    box.window().close()


def test_a_future_incident_shows_one_message_on_the_walk_in(qtbot, session: Session,
                                                            clock) -> None:
    dialog = shown(qtbot, VisitDialog(session))
    assert isinstance(dialog, VisitDialog)
    s = dialog.form.s
    s.occurred_at.set_value(session.local_now() + timedelta(days=2))
    dialog.form.check(show_required=False)
    assert dialog.form.problems.message("occurred_at").count("\n") == 0
    assert "masa depan" in dialog.form.problems.message("occurred_at")


def test_an_unknown_terlapor_shows_no_identity_fields(qtbot, session: Session) -> None:
    dialog = shown(qtbot, VisitDialog(session))
    assert isinstance(dialog, VisitDialog)
    suspects = dialog.form.s.suspects
    editor = suspects.add()
    identity = [editor.boxes[a] for a in ("nik", "sex", "birth_date", "street", "desa",
                                           "kecamatan", "kabupaten", "phone", "occupation")]
    qtbot.waitUntil(editor.isVisible)
    assert all(box.isVisibleTo(editor) for box in identity)
    editor.unknown.setChecked(True)
    assert not any(box.isVisibleTo(editor) for box in identity)
    assert editor.boxes["note"].isVisibleTo(editor) and editor.name.isVisibleTo(editor)
    editor.unknown.setChecked(False)
    assert all(box.isVisibleTo(editor) for box in identity)


def test_the_lp_model_a_window_is_titled_as_such(qtbot, session: Session, store: Store,
                                                 officer: Officer) -> None:
    visit = Visit(service="lp", lp_model="A", received_at=session.local_now(),
                  receiving_officer_id=officer.id)
    dialog = shown(qtbot, VisitDialog(session, visit))
    assert isinstance(dialog, VisitDialog)
    assert dialog.windowTitle() == "Laporan Polisi model A baru"
    blank = shown(qtbot, VisitDialog(session))
    assert isinstance(blank, VisitDialog)
    assert blank.windowTitle() == "Kunjungan baru"
    model = blank.form.s.lp_model
    model.setCurrentIndex(model.findData("A"))
    assert blank.windowTitle() == "Laporan Polisi model A baru"

