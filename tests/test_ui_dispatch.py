"""Issue 17 in the window: the Kapolsek's analysis on the Rekap Mingguan page (saved per week,
read-only for the desk), the surat pengantar dialog of a handed-over LP, and the Buku
Ekspedisi page (its list, a line typed, its receipt, the PDF of a range)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from app.domain.models import Officer, Visit
from app.store import Access, Role, Store
from app.weekly.week import parse_week
from tests.conftest import MutableClock
from tests.document_records import text_of
from tests.factories import lp
from ui.dispatch.page import DispatchPage
from ui.session import Session
from ui.visits.cover_letter import CoverLetterDialog
from ui.weekly.analysis import AnalysisEditor


class Viewer(QObject):
    """The system's PDF viewer for these tests: Qt hands it the file to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@pytest.fixture
def viewer() -> Iterator[Viewer]:
    handler = Viewer()
    QDesktopServices.setUrlHandler("file", handler, "show")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def ka_spkt(store: Store) -> Officer:
    return store.master.save(Officer("RUDI HARTONO", "AIPTU", "80010001",
                                     position="Ka SPKT I"), None).record


@pytest.fixture
def session(qtbot: QtBot, store: Store, ka_spkt: Officer) -> Session:
    session = Session(store)
    session.set_officer(ka_spkt.id)
    return session


def handed_over(store: Store, officer: Officer) -> Visit:
    visit = store.visits.create(lp(store.clock() - timedelta(hours=3), officer.id,
                                   evidence="1 bilah parang"), officer.id).record
    assert visit.id is not None
    store.visits.change_status(visit.id, "dilimpahkan", "ke Satreskrim", officer.id)
    return store.visits.get(visit.id)


def test_analysis_editor(qtbot: QtBot, store: Store, session: Session,
                         ka_spkt: Officer) -> None:
    assert ka_spkt.id is not None
    week = parse_week("2024-W07")
    store.set_access(Access(ka_spkt.id, ka_spkt.nrp, Role.PETUGAS))
    editor = AnalysisEditor(session)
    qtbot.addWidget(editor)
    editor.show_week(week)
    assert editor.editor.isReadOnly() and not editor.save_button.isVisibleTo(editor)
    assert "Hanya pimpinan" in editor.state_label.text()
    store.set_access(Access(ka_spkt.id, ka_spkt.nrp, Role.PIMPINAN))
    editor.show_week(week)
    assert not editor.editor.isReadOnly()
    editor.editor.setPlainText("Curas menurun.\n\nLangkah: patroli malam di Serinanti.")
    assert editor.state_label.text() == "Belum disimpan." and editor.save_button.isEnabled()
    seen: list[object] = []
    session.changed.connect(seen.append)
    editor.save_button.click()
    assert store.analyses.text(week) == "Curas menurun.\n\nLangkah: patroli malam di Serinanti."
    assert editor.state_label.text().startswith("Disimpan ")
    assert seen and not editor.save_button.isEnabled()
    editor.show_week(week.previous())
    assert editor.editor.toPlainText() == ""
    editor.show_week(week)
    assert "Langkah: patroli malam" in editor.editor.toPlainText()
    editor.editor.setPlainText("x" * 5001)
    editor.save_button.click()
    assert "terlalu panjang" in editor.problem_label.text()
    assert "Langkah: patroli malam" in store.analyses.text(week)  # nothing saved is lost
    editor.grab().save("/tmp/i17w_analysis.png")


def test_cover_letter_dialog(qtbot: QtBot, store: Store, session: Session, ka_spkt: Officer,
                             viewer: Viewer) -> None:
    visit = handed_over(store, ka_spkt)
    dialog = CoverLetterDialog(session, visit)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.signer.currentData() == ka_spkt.id  # the Ka SPKT signs by default
    assert "Daftar barang bukti: 1 bilah parang" in dialog.items.toPlainText()
    assert not dialog.letters.isVisibleTo(dialog)
    dialog.grab().save("/tmp/i17w_cover_dialog.png")
    dialog.recipient.setText("")
    dialog.create_button.click()
    assert "Kepada: wajib diisi." in dialog.banner.text()
    dialog.recipient.setText("Kapolres Ogan Komering Ilir u.p. Kasat Reskrim")
    dialog.create_button.click()
    assert visit.meta is not None
    (letter,) = store.dispatches.cover_letters_of(visit.meta.uuid)
    assert dialog.letters.count() == 1 and letter.number in dialog.letters.item(0).text()
    assert dialog.last_pdf is not None and viewer.opened == [str(dialog.last_pdf)]
    text = text_of(dialog.last_pdf)
    assert "SURAT PENGANTAR" in text and str(letter.number) in text
    assert "RUDI HARTONO" in text and "KA SPKT I" in text
    assert [d.number for d in store.dispatches.list()] == [letter.number]


def test_cover_letter_dialog_refuses_a_case_not_handed_over(
        qtbot: QtBot, store: Store, session: Session, ka_spkt: Officer) -> None:
    visit = store.visits.create(lp(store.clock(), ka_spkt.id), ka_spkt.id).record
    dialog = CoverLetterDialog(session, visit)
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled()
    assert "berstatus dilimpahkan" in dialog.banner.text()


def test_dispatch_page(qtbot: QtBot, store: Store, session: Session, ka_spkt: Officer,
                       clock: MutableClock, viewer: Viewer) -> None:
    visit = handed_over(store, ka_spkt)
    page = DispatchPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    assert page.model.rowCount() == 0  # the letter comes below
    dialog = CoverLetterDialog(session, visit)
    qtbot.addWidget(dialog)
    dialog.typed()
    store.dispatches.create_cover_letter(dialog.typed(), ka_spkt.id)
    session.announce(frozenset())  # nothing to reload
    assert page.model.rowCount() == 0
    page.reload()
    assert page.model.rowCount() == 1 and page.count_label.text() == "1 baris"
    # a line typed at the desk
    page.document.setText("Surat undangan rapat koordinasi")
    page.number.setText("B/7/II/2024/SPKT")
    page.recipient.setText("Camat Pedamaran")
    page.save_button.click()
    assert page.model.rowCount() == 2  # reloaded through the change signal
    assert page.banner.text().startswith("Tersimpan:")
    # its receipt: select it, type who received it
    page.table.selectRow(1)
    assert page.document.text() == "Surat undangan rapat koordinasi"
    page.received_by.setText("Budi, staf kecamatan")
    page.received_at.set_value(clock.when + timedelta(hours=2))
    page.save_button.click()
    line = store.dispatches.list()[1]
    assert line.received_by == "Budi, staf kecamatan" and line.meta is not None
    assert line.meta.version == 2
    page.table.selectRow(0)  # the letter's line: only its receipt is typed here
    assert page.number.isReadOnly() and not page.received_by.isReadOnly()
    page.grab().save("/tmp/i17w_dispatch_page.png")
    page.export_pdf(open_after=False)
    assert page.last_pdf is not None
    text = text_of(page.last_pdf)
    assert "BUKU EKSPEDISI" in text and "Budi, staf kecamatan" in text
    entries = [e for e in store.access_log() if e.kind == "ekspedisi"]
    assert entries and entries[0].action == "print"


def test_dispatch_page_is_read_only_for_the_kapolsek(qtbot: QtBot, store: Store,
                                                     session: Session,
                                                     ka_spkt: Officer) -> None:
    assert ka_spkt.id is not None
    store.set_access(Access(ka_spkt.id, ka_spkt.nrp, Role.PIMPINAN))
    page = DispatchPage(session)
    qtbot.addWidget(page)
    assert not page.form_box.isEnabled()




def test_the_walk_in_offers_its_cover_letter_once_handed_over(
        qtbot: QtBot, store: Store, session: Session, ka_spkt: Officer) -> None:
    from ui.visits.dialog import VisitDialog

    model_a = store.visits.create(lp(store.clock(), ka_spkt.id, lp_model="A", parties=()),
                                  ka_spkt.id).record
    dialog = VisitDialog(session, model_a)
    qtbot.addWidget(dialog)
    assert not dialog.print_button.isEnabled()  # an LP model A: no citizen document
    assert model_a.id is not None
    store.visits.change_status(model_a.id, "dilimpahkan", "ke Satreskrim", ka_spkt.id)
    handed = VisitDialog(session, store.visits.get(model_a.id))
    qtbot.addWidget(handed)
    assert handed.print_button.isEnabled() and handed.cover_letter_action.isEnabled()
    assert not handed.open_pdf_action.isEnabled()  # still no receipt of a model A


def test_analysis_saved_meanwhile_elsewhere(qtbot: QtBot, store: Store,
                                            session: Session) -> None:
    week = parse_week("2024-W07")
    editor = AnalysisEditor(session)
    qtbot.addWidget(editor)
    editor.show_week(week)
    store.analyses.save(week, "Ditulis di komputer lain.", None)
    editor.editor.setPlainText("Ditulis di sini.")
    editor.save_button.click()
    assert "sudah diubah orang lain" in editor.problem_label.text()
    assert editor.editor.toPlainText() == "Ditulis di sini."
    assert store.analyses.text(week) == "Ditulis di komputer lain."
