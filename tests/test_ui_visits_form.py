"""The walk-in form, typed through the keyboard: a complete LP found again by search, the
short kehilangan path, NIK warnings accepted with a reason, and a store that refuses."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.domain.models import Officer
from app.store import Store, VisitFilter
from tests.factories import lp
from ui.common.widgets import ReasonDialog
from ui.session import Session
from ui.visits.dialog import VisitDialog
from ui.visits.page import VisitsPage


@pytest.fixture
def session(store: Store, officer: Officer) -> Session:
    session = Session(store)
    session.set_officer(officer.id)
    return session


@pytest.fixture
def dialog(qtbot, session: Session) -> Iterator[VisitDialog]:
    dialog = VisitDialog(session)  # not qtbot.addWidget: it would close before settle()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    yield dialog
    settle(dialog)


def settle(dialog: VisitDialog) -> None:
    """Let the test end without the "unsaved changes" question."""
    dialog.keeper.stop()
    dialog.mark_clean()
    dialog.reject()
    dialog.deleteLater()


class Keys:
    """Typing at whatever has the focus, as an officer at the desk does."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.focused(), key, modifier)

    def tab(self, times: int = 1) -> None:
        self.key(Qt.Key.Key_Tab, times=times)

    def field(self, text: str, tabs: int = 1) -> None:
        self.type(text)
        self.tab(tabs)


def when_modal(kind: type[QDialog], action: Callable[[QDialog], None]) -> None:
    """Run `action` on the next dialog of `kind` that opens modally (a reason, a question)."""

    def attempt(tries: int = 100) -> None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible() and w.isModal()]
        if found:
            action(found[-1])
        elif tries:
            QTimer.singleShot(20, lambda: attempt(tries - 1))

    QTimer.singleShot(0, attempt)


def test_a_new_form_opens_with_the_focus_in_its_first_field(qtbot, dialog: VisitDialog) -> None:
    """Ctrl+N, then the keyboard: the service first (it was the scroll area, where typing
    went nowhere)."""
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.form.s.service)
    keys = Keys(qtbot)
    keys.key(Qt.Key.Key_Down)  # LP -> the next service, by keyboard alone
    assert dialog.form.s.service.currentData() != "lp"


def test_a_refused_save_takes_the_focus_to_the_first_field_to_fix(
        qtbot, dialog: VisitDialog) -> None:
    s = dialog.form.s
    assert dialog.save() is False  # an empty LP: reporter's name, category, narrative
    assert "Nama wajib diisi" in dialog.form.problems.message("parties[0].name")
    assert "wajib diisi" in dialog.form.problems.message("category")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is s.reporter.name)  # above the category
    s.reporter.name.setText("Siti Aminah")
    assert dialog.save() is False
    qtbot.waitUntil(lambda: s.category.isAncestorOf(QApplication.focusWidget())
                    or QApplication.focusWidget() is s.category)


def test_type_a_complete_lp_and_find_it_by_search(qtbot, dialog: VisitDialog, session: Session,
                                                  store: Store) -> None:
    s = dialog.form.s
    keys = Keys(qtbot)
    s.service.setFocus()
    keys.tab()  # service stays "LP", model stays B
    keys.tab()
    assert keys.focused() is s.received_at.line
    keys.field("14-02-2024 13.40", tabs=3)  # over "Sekarang" and the receiving officer
    assert keys.focused() is s.reporter.name
    keys.field("Siti Aminah")
    keys.field("1602075203900003")  # NIK: a woman born 12 March 1990
    assert s.reporter.sex.currentData() == "P"
    assert s.reporter.birth_date.text() == "12-03-1990"
    assert "Perempuan" in s.reporter.nik_info.text()
    keys.field("0812-3456-7890", tabs=2)  # phone; sex was filled from the NIK
    keys.field("Pedamaran", tabs=2)  # birth place; birth date from the NIK
    keys.field("Petani", tabs=3)  # occupation; religion and nationality (WNI) left empty
    keys.field("Jl. Lintas Timur No. 12")
    keys.field("003/001")
    keys.field("Serinanti")
    keys.field("Pedamaran")
    keys.field("Ogan Komering Ilir", tabs=2)  # kabupaten; no note
    assert keys.focused() is s.occurred_at.line
    keys.field("14-02-2024 11.30", tabs=2)
    keys.field("curanmor")  # the only category containing it
    keys.field("serinanti")
    keys.field("rumah")
    keys.field("teras rumah, Dusun II")
    keys.field("Sepeda motor Honda Beat hitam BG 1234 XY hilang dari teras rumah.")
    keys.field("Kunci leter T")
    keys.field("Kunci cadangan")
    keys.tab(3)  # no suspect / victim / witness added
    keys.field("Honda Beat BG 1234 XY")
    keys.field("15000000", tabs=3)  # over "Hapus" and "+ Tambah kerugian"
    assert keys.focused() is s.law.combo
    keys.field("477")
    keys.key(Qt.Key.Key_Space)  # "Tambah pasal"
    assert s.law.codes() == ("477 KUHP",)
    keys.tab(3)  # over the list of chosen articles and its "Hapus" button
    assert keys.focused() is s.notable
    keys.tab()
    keys.key(Qt.Key.Key_Space)  # needs an officer at the scene
    keys.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert store.visits.count(VisitFilter()) == 1, dialog.banner.text()
    saved = store.visits.page(VisitFilter(), None, 1)[0]
    visit = store.visits.get(saved.id)
    assert visit.number is not None and visit.number.startswith("LP/B/1/II/2024/SPKT/")
    reporter = visit.reporter
    assert reporter is not None and reporter.name == "Siti Aminah"
    assert reporter.phone == "+6281234567890" and reporter.desa == "Serinanti"
    assert visit.category == "curanmor" and visit.incident_desa == "Serinanti"
    assert visit.place_type == "rumah" and visit.law_articles == ("477 KUHP",)
    assert visit.total_loss_rp == 15_000_000 and visit.needs_visit and not visit.notable
    assert visit.receiving_officer_id == session.officer_id
    assert store.drafts.list() == ()  # saving discards the draft
    assert "Tersimpan" in dialog.banner.text() and visit.number in dialog.banner.text()

    page = VisitsPage(session)
    qtbot.addWidget(page)
    qtbot.keyClicks(page.filters.search, "aminah")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and "1 data" in page.count_label.text())
    assert page.model.id_at(0) == visit.id
    page.filters.search.clear()
    qtbot.keyClicks(page.filters.search, "honda beat")
    qtbot.waitUntil(lambda: page.model.filter().text == "honda beat")
    assert page.model.rowCount() == 1
    page.filters.search.clear()
    qtbot.keyClicks(page.filters.search, "tidak ada yang begini")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)


def test_lost_ktp_path_is_short(qtbot, dialog: VisitDialog, store: Store) -> None:
    s = dialog.form.s
    keys = Keys(qtbot)
    s.service.setFocus()
    keys.type("k")  # Kehilangan
    assert s.current_service() == "kehilangan"
    keys.tab(4)  # model hidden, received_at now, "Sekarang", officer on duty
    keys.field("Budi Santoso")
    keys.field("1602071203850001")
    for _ in range(14):  # the rest of the reporter is optional
        if keys.focused() is s.occurred_at.line:
            break
        keys.tab()
    keys.field("13-02-2024 19.00", tabs=2)
    keys.field("pedamaran i")
    keys.field("Pasar Pedamaran")
    keys.field("KTP")
    keys.field("1602071203850001")
    keys.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    visit = store.visits.get(store.visits.page(VisitFilter(), None, 1)[0].id)
    assert visit.number == "SKTLK/1/II/2024/SPKT/POLSEK PEDAMARAN"
    assert visit.lost_items[0].doc_type == "KTP"
    assert visit.incident_desa == "Pedamaran I"
    assert visit.reporter is not None and visit.reporter.sex == "L"


def test_invalid_nik_is_shown_and_accepted_with_a_reason(qtbot, dialog: VisitDialog,
                                                        store: Store) -> None:
    form = dialog.form
    s = form.s
    s.service.setCurrentIndex(s.service.findData("kehilangan"))
    qtbot.keyClicks(s.reporter.name, "John Smith")
    qtbot.keyClicks(s.reporter.nik, "C1234567")  # a passport number typed into the NIK
    qtbot.keyClicks(s.lost_items.rows[0][0].lineEdit(), "Paspor")
    qtbot.waitUntil(lambda: "NIK harus 16 angka" in form.problems.message("parties[0].nik"))
    assert not dialog.save()
    assert store.visits.count(VisitFilter()) == 0
    box = form.box_for("parties[0].nik")
    assert box is not None and box.isVisible()
    assert any(m.action == "Terima dengan alasan…" for m in box.messages())

    def give_reason(modal: QDialog) -> None:
        modal.reason.setText("WNA, hanya membawa paspor")  # type: ignore[attr-defined]
        modal.accept()

    when_modal(ReasonDialog, give_reason)
    box.action_requested.emit("accept|parties[0].nik|nik_invalid")
    assert "Diterima: WNA, hanya membawa paspor" in box.message_text()
    assert dialog.save()
    visit = store.visits.get(store.visits.page(VisitFilter(), None, 1)[0].id)
    assert [(w.field, w.code, w.reason) for w in visit.accepted_warnings] == [
        ("parties[0].nik", "nik_invalid", "WNA, hanya membawa paspor")]


def test_required_fields_are_named_next_to_them(qtbot, dialog: VisitDialog, store: Store) -> None:
    form = dialog.form
    assert not dialog.save()
    assert "Nama wajib diisi" in form.problems.message("parties[0].name")
    assert "Kategori kejadian wajib diisi" in form.problems.message("category")
    assert "Uraian singkat kejadian wajib diisi" in form.problems.message("narrative")
    assert "Belum dapat disimpan" in dialog.form.problems.summary.text()
    qtbot.keyClicks(form.s.received_at.line, "x")
    assert not dialog.save()
    assert "Tulis tanggal dan jam" in form.problems.message("received_at")
    assert store.visits.count(VisitFilter()) == 0


def test_nik_disagreeing_with_typed_sex_warns(qtbot, dialog: VisitDialog) -> None:
    s = dialog.form.s
    s.reporter.sex.setCurrentIndex(s.reporter.sex.findData("L"))
    qtbot.keyClicks(s.reporter.nik, "1602075203900003")
    assert s.reporter.sex.currentData() == "L"  # typed by the officer: not overwritten
    qtbot.waitUntil(lambda: "Menurut NIK, pemiliknya perempuan"
                    in dialog.form.problems.message("parties[0].nik"))


def test_read_only_store_keeps_the_form_open_with_everything_typed(
        qtbot, dialog: VisitDialog, store: Store) -> None:
    s = dialog.form.s
    s.service.setCurrentIndex(s.service.findData("informasi"))
    qtbot.keyClicks(s.reporter.name, "Rahmat")
    qtbot.keyClicks(s.narrative, "Cara mengurus SKCK")
    store.db.execute("PRAGMA query_only = ON")  # SQLite now refuses every write
    assert not dialog.save()
    assert "tidak dapat ditulisi" in dialog.banner.text()
    assert dialog.isVisible() and s.reporter.name.text() == "Rahmat"
    assert s.narrative.toPlainText() == "Cara mengurus SKCK"
    store.db.execute("PRAGMA query_only = OFF")
    assert dialog.save()


def test_someone_else_changed_the_record(qtbot, session: Session, store: Store,
                                         officer: Officer, clock) -> None:
    saved = store.visits.create(lp(clock(), officer.id), officer.id).record
    dialog = VisitDialog(session, saved)
    dialog.form.s.place_detail.setText("di depan warung")
    store.visits.update(saved, officer.id)  # another desk saved first
    assert not dialog.save()
    assert "sudah diubah oleh petugas lain" in dialog.banner.text()
    assert store.visits.get(saved.id or 0).place_detail == ""  # not overwritten
    assert store.drafts.list()  # what was typed is kept as a draft
    settle(dialog)
