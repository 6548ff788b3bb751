"""The window's side of issue 17 items 1-6: the LP form in the walk-in's document menu, the
choice of who signs, Pengaturan → Dokumen (emblem, SKTLK), Data Master → Jabatan, the
reporter's nationality and the patrol's Dasar. Real widgets on a temporary store."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader

from app.domain.models import Officer, Party, Position, Visit
from app.store import Store
from tests.factories import lp, patrol
from ui.master.page import MasterPage
from ui.master.positions import PositionEditor
from ui.patrols.form import PatrolForm
from ui.session import Session
from ui.settings.documents import DocumentSettingsForm
from ui.settings.page import SettingsPage
from ui.visits.dialog import VisitDialog
from ui.visits.parties import PersonEditor
from ui.visits.printing import LP_FORM, DocumentPrinter, why_not_printable
from ui.visits.signers import BLANK, SignersDialog


@pytest.fixture
def session(store: Store, officer: Officer) -> Session:
    session = Session(store)
    session.set_officer(officer.id)
    return session


def text_of(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def png_file(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "lambang.png"
    Image.new("RGB", (40, 50), (20, 60, 160)).save(path, format="PNG")
    return path


def test_the_lp_form_of_a_model_a_report_from_the_dialog(
        qtbot, tmp_path: Path, session: Session, store: Store, officer: Officer,
        clock) -> None:
    made = store.visits.create(lp(clock(), officer.id, lp_model="A", parties=(
        Party(role="terlapor", name="Dedi Kurniawan"),)), officer.id).record
    dialog = VisitDialog(session, made)
    qtbot.addWidget(dialog)
    try:
        assert dialog.print_button.isEnabled()  # the LP form, though no citizen document
        assert not dialog.print_action.isEnabled()
        assert all(a.isVisible() and a.isEnabled() for a in dialog.form_actions)
    finally:
        dialog.keeper.stop()
        dialog.mark_clean()
    assert why_not_printable(made, LP_FORM) is None
    printer = DocumentPrinter(session)
    with qtbot.waitSignal(printer.finished, timeout=20000):
        printer.save_to(made, tmp_path / "lp.pdf", LP_FORM)
    text = text_of(tmp_path / "lp.pdf")
    assert "PRO JUSTITIA" in text and "LAPORAN POLISI MODEL A" in text
    assert "Dedi Kurniawan" in text and "SALINAN" not in text
    assert made.meta is not None
    assert [e.action for e in store.history(made.meta.uuid)].count("print") == 1
    if shiboken6.isValid(dialog):
        dialog.deleteLater()


def test_choosing_who_signs(qtbot, tmp_path: Path, session: Session, store: Store,
                            officer: Officer, clock) -> None:
    ka_spkt = store.master.save(Officer("HADI WIJAYA", "AIPDA", "82010203",
                                        position="Ka SPKT II"), None).record
    member = store.master.save(Officer("RUDI HARTONO", "BRIPDA", "02030405",
                                       position="Anggota SPKT"), None).record
    visit = store.visits.create(lp(clock(), member.id), member.id).record
    dialog = SignersDialog(session, visit)
    qtbot.addWidget(dialog)
    chosen = dialog.signers()
    assert chosen.receiver == member and chosen.countersigner == ka_spkt  # the defaults
    assert "tidak berhak" in dialog.receiver_note.text()
    assert dialog.countersigner.itemText(0) == BLANK
    assert dialog.countersigner.findData(member.id) < 0  # a member may not countersign
    dialog.receiver.setCurrentIndex(dialog.receiver.findData(ka_spkt.id))
    assert "a.n. Kapolsek" in dialog.receiver_note.text()
    dialog.countersigner.setCurrentIndex(0)
    printer = DocumentPrinter(session)
    printer.signers = dialog.signers()
    with qtbot.waitSignal(printer.finished, timeout=20000):
        printer.save_to(visit, tmp_path / "sttlp.pdf")
    text = text_of(tmp_path / "sttlp.pdf")
    assert "HADI WIJAYA" in text and "RUDI HARTONO" not in text
    assert "Mengetahui" in text and "NRP ...................." in text


def test_document_settings_emblem_and_sktlk(qtbot, tmp_path: Path, session: Session,
                                           store: Store) -> None:
    page = SettingsPage(session)
    qtbot.addWidget(page)
    form: DocumentSettingsForm = page.documents_form
    bad = tmp_path / "lambang.svg"
    bad.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert not form.load_emblem_file(bad)
    assert "PNG atau JPEG" in form.emblem_message.text()
    assert form.load_emblem_file(png_file(tmp_path))
    assert form.emblem_message.text() == "" and form.preview.pixmap() is not None
    form.valid_days.setValue(30)
    form.title.setCurrentText("Surat Tanda Penerimaan Laporan Kehilangan")
    assert page.is_dirty() and page.save()
    saved = store.profile()
    assert saved.emblem and saved.sktlk_valid_days == 30
    assert saved.sktlk_title == "SURAT TANDA PENERIMAAN LAPORAN KEHILANGAN"
    form.clear_button.click()
    assert page.save() and store.profile().emblem == ""
    page.tabs.setCurrentIndex(2)
    page.resize(900, 600)
    page.grab().save(str(tmp_path / "dokumen.png"))


def test_sttlp_template_preview_follows_the_lp_counter(qtbot, session: Session, store: Store,
                                                       officer: Officer, clock) -> None:
    store.visits.create(lp(clock(), officer.id), officer.id)
    page = SettingsPage(session)
    qtbot.addWidget(page)
    preview = page.templates_form.preview("sttlp")
    assert preview.startswith("Nomor berikutnya: STTLP/B/2/")


def test_positions_in_data_master(qtbot, session: Session, store: Store) -> None:
    page = MasterPage(session)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Jabatan" in titles
    saved: list[Position] = []

    def save(item: Position) -> object:
        saved.append(item)
        return store.master.save(item, None)

    editor = PositionEditor(None, save)  # type: ignore[arg-type]
    qtbot.addWidget(editor)
    editor._name.setText("Panit  Reskrim")
    editor._signs.setChecked(True)
    value = editor._value()
    assert value == Position("Panit Reskrim", signs_for_commander=True, countersigns=False)


def test_nationality_of_a_person(qtbot, clock) -> None:
    editor = PersonEditor(lambda: clock().date())
    qtbot.addWidget(editor)
    editor.name.setText("Tan Ah Kow")
    assert editor.dump("pelapor").nationality == "WNI"
    editor.nationality.setText("Malaysia")
    assert editor.dump("pelapor").nationality == "Malaysia"
    editor.load(Party(role="pelapor", name="Siti"))
    assert editor.nationality.text() == ""  # WNI shows as the placeholder
    editor.load(Party(role="pelapor", name="Lee", nationality="Singapura"))
    assert editor.nationality.text() == "Singapura"


def test_patrol_basis_in_the_form(qtbot, session: Session, store: Store, officer: Officer,
                                  clock) -> None:
    form = PatrolForm(session)
    qtbot.addWidget(form)
    start = clock() - timedelta(hours=5)
    saved = store.patrols.save(replace(patrol(start, officer.id or 0),
                                       basis="Sprin/12/II/2024"), officer.id).record
    form.load(saved)
    assert form.basis.text() == "Sprin/12/II/2024"
    form.basis.setText("Surat Perintah Nomor Sprin/13/II/2024")
    built, problems = form.build()
    assert built.basis == "Surat Perintah Nomor Sprin/13/II/2024" and problems == []
    assert form.state()["basis"] == "Surat Perintah Nomor Sprin/13/II/2024"


def test_a_visit_of_another_service_shows_no_lp_form(qtbot, session: Session, store: Store,
                                                     officer: Officer, clock) -> None:
    from tests.factories import kehilangan

    made: Visit = store.visits.create(kehilangan(clock(), officer.id), officer.id).record
    dialog = VisitDialog(session, made)
    qtbot.addWidget(dialog)
    try:
        assert dialog.print_action.isEnabled()
        assert not any(a.isVisible() for a in dialog.form_actions)
    finally:
        dialog.keeper.stop()
        dialog.mark_clean()


def test_the_officer_editor_offers_the_positions(qtbot, store: Store) -> None:
    from ui.master.officers import OfficerEditor

    positions = store.master.list(Position, active_only=True)
    editor = OfficerEditor(None, lambda item: store.master.save(item, None),  # type: ignore[arg-type,return-value]
                           positions=positions)
    qtbot.addWidget(editor)
    completer = editor._position.completer()
    assert completer is not None
    completer.setCompletionPrefix("ka s")
    assert completer.currentCompletion() == "Ka SPKT"


def test_the_surat_pengantar_is_signed_only_by_whom_the_position_allows(
        qtbot, session: Session, store: Store, officer: Officer, clock) -> None:
    from ui.visits.cover_letter import CoverLetterDialog

    ka_spkt = store.master.save(Officer("HADI WIJAYA", "AIPDA", "82010203",
                                        position="Ka SPKT II"), None).record
    member = store.master.save(Officer("RUDI HARTONO", "BRIPDA", "02030405",
                                       position="Anggota SPKT"), None).record
    visit = store.visits.create(lp(clock(), member.id), member.id).record
    assert visit.id is not None
    store.visits.change_status(visit.id, "dilimpahkan", "ke Satreskrim", member.id)
    dialog = CoverLetterDialog(session, store.visits.get(visit.id))
    qtbot.addWidget(dialog)
    offered = [dialog.signer.itemData(i) for i in range(dialog.signer.count())]
    assert dialog.signer.currentData() == ka_spkt.id
    assert member.id not in offered
