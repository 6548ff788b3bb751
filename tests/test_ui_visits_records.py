"""Drafts, handling, status changes, void, history and printing of a walk-in record, driven
through the dialog on a temporary store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.domain.models import Officer, Visit
from app.store import AppSettings, Store, VisitFilter
from tests.factories import kehilangan, lp
from ui.common.widgets import ReasonDialog
from ui.records.drafts import DraftOfferDialog, offer_drafts, pending_drafts
from ui.records.history import HistoryDialog, changes, field_label
from ui.session import Session
from ui.visits.dialog import VisitDialog
from ui.visits.handling import StatusDialog
from ui.visits.list_model import COL_RESPONSE, COL_STATUS, VisitListModel
from ui.visits.page import VisitsPage
from ui.visits.printing import DocumentPrinter, print_pdf, why_not_printable


@pytest.fixture
def session(store: Store, officer: Officer) -> Session:
    store.settings.save_app_settings(AppSettings(draft_interval_s=1), None)
    session = Session(store)
    session.set_officer(officer.id)
    return session


@pytest.fixture
def opened(session: Session):
    dialogs: list[VisitDialog] = []

    def open_dialog(visit: Visit | None = None) -> VisitDialog:
        dialog = VisitDialog(session, visit)
        dialog.show()
        dialogs.append(dialog)
        return dialog

    open_dialog.keep = dialogs.append  # type: ignore[attr-defined]
    yield open_dialog
    for dialog in dialogs:
        if not shiboken6.isValid(dialog):  # saved or closed: it deleted itself
            continue
        dialog.keeper.stop()
        if dialog.isVisible():
            dialog.mark_clean()
            dialog.reject()
        dialog.deleteLater()


def when_modal(kind: type[QWidget], action: Callable[[QWidget], None]) -> None:
    """Run `action` on the next visible modal dialog of `kind` (its exec() is running)."""

    def attempt(tries: int = 100) -> None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, kind) and w.isVisible() and w.isModal()]
        if found:
            action(found[-1])
        elif tries:
            QTimer.singleShot(20, lambda: attempt(tries - 1))

    QTimer.singleShot(0, attempt)


def click_button(text: str) -> Callable[[QWidget], None]:
    def click(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        button = next(b for b in box.buttons() if b.text() == text)
        button.click()
    return click


def text_of(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


# ---------------------------------------------------------------------- drafts


def test_closing_as_draft_keeps_it_and_the_next_window_offers_it(
        qtbot, opened, session: Session, store: Store) -> None:
    opened_dialogs = opened.keep
    dialog = opened()
    qtbot.keyClicks(dialog.form.s.reporter.name, "Budi Santoso")
    qtbot.waitUntil(lambda: len(store.drafts.list()) == 1, timeout=4000)  # saved by the timer
    qtbot.keyClicks(dialog.form.s.narrative, "Motor hilang di parkiran pasar")
    when_modal(QMessageBox, click_button("Simpan sebagai draf"))
    dialog.reject()  # Esc / Tutup
    assert not dialog.isVisible()
    assert store.visits.count(VisitFilter()) == 0  # a draft never counts or takes a number
    (draft,) = store.drafts.list()
    assert "Motor hilang" in draft.payload

    page = VisitsPage(session)
    qtbot.addWidget(page)
    assert page.drafts_button.text() == "Draf (1)"

    offered: list[list[str]] = []

    def continue_all(box: QWidget) -> None:
        assert isinstance(box, DraftOfferDialog)
        offered.append([box.list.item(i).text() for i in range(box.list.count())])
        box.continue_button.click()

    when_modal(DraftOfferDialog, continue_all)
    (again,) = offer_drafts(session, None)
    assert isinstance(again, VisitDialog)
    opened_dialogs(again)
    assert offered[0][0].startswith("Laporan Polisi: Budi Santoso — terakhir diisi")
    assert again.form.s.reporter.name.text() == "Budi Santoso"
    assert again.form.s.narrative.toPlainText() == "Motor hilang di parkiran pasar"
    assert again.draft_id() == draft.id and again.is_dirty()
    assert pending_drafts(session, exclude=[draft.id]) == []
    qtbot.keyClicks(again.form.s.category, "curanmor")
    again.form.s.narrative.setFocus()
    assert again.save(), again.banner.text()
    assert store.drafts.list() == ()  # saving discards it


def test_drafts_button_counts_a_draft_as_soon_as_it_is_kept(
        qtbot, opened, session: Session, store: Store) -> None:
    """Closing a form as a draft shows "Draf (1)" on the list at once, not after a later save."""
    page = VisitsPage(session)
    qtbot.addWidget(page)
    page.show()
    assert not page.drafts_button.isVisibleTo(page)
    dialog = page.new_visit()
    assert dialog is not None
    opened.keep(dialog)
    qtbot.keyClicks(dialog.form.s.reporter.name, "Budi Santoso")
    qtbot.waitUntil(lambda: len(store.drafts.list()) == 1, timeout=4000)
    assert not page.drafts_button.isVisibleTo(page)  # the open form's own draft is not offered
    when_modal(QMessageBox, click_button("Simpan sebagai draf"))
    dialog.reject()
    assert len(store.drafts.list()) == 1
    assert page.drafts_button.text() == "Draf (1)" and page.drafts_button.isVisibleTo(page)


def test_buang_discards_the_draft(qtbot, opened, store: Store) -> None:
    dialog = opened()
    qtbot.keyClicks(dialog.form.s.reporter.name, "Rina")
    assert dialog.keeper.flush()
    assert len(store.drafts.list()) == 1
    when_modal(QMessageBox, click_button("Buang"))
    dialog.reject()
    assert not dialog.isVisible() and store.drafts.list() == ()


def test_a_crash_leaves_the_draft_for_the_next_start(qtbot, session: Session, store: Store) -> None:
    dialog = VisitDialog(session)
    dialog.show()
    qtbot.keyClicks(dialog.form.s.reporter.name, "Sari")
    qtbot.waitUntil(lambda: len(store.drafts.list()) == 1, timeout=4000)
    dialog.keeper.stop()
    dialog.hide()  # the power goes: no close, no question
    dialog.deleteLater()
    (draft,) = pending_drafts(session)
    assert draft.kind == "visit" and draft.record_uuid is None


def test_cancel_keeps_the_form_open(qtbot, opened) -> None:
    dialog = opened()
    qtbot.keyClicks(dialog.form.s.reporter.name, "Rina")
    when_modal(QMessageBox, click_button("Kembali ke formulir"))
    qtbot.keyClick(dialog.form.s.reporter.name, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.form.s.reporter.name.text() == "Rina"
    dialog.mark_clean()
    qtbot.keyClick(dialog.form.s.reporter.name, Qt.Key.Key_Escape)  # nothing to lose: closes
    assert not dialog.isVisible()


# ---------------------------------------------------------------------- handling


def test_dispatch_arrival_and_status_changes(qtbot, opened, session: Session, store: Store,
                                             officer: Officer, clock) -> None:
    received = clock() - timedelta(minutes=30)
    visit = store.visits.create(lp(received, officer.id), officer.id).record
    model = VisitListModel(store.visits, session.tz())
    assert model.row_at(0).waiting

    dialog = opened(visit)
    handling = dialog.form.s.handling
    assert handling.isVisible()
    handling.dispatched_officer.set_text(officer.display)
    handling.dispatched_at.set_text((clock() - timedelta(minutes=25)).astimezone(session.tz())
                                    .strftime("%d-%m-%Y %H.%M"))
    handling.arrived_at.now_button.click()  # "Sekarang"
    assert "30 menit" in handling.response.text()
    assert dialog.save(), dialog.banner.text()
    saved = store.visits.get(visit.id or 0)
    assert saved.arrived_at == clock() and saved.dispatched_officer_id == officer.id
    model.refresh()
    assert not model.row_at(0).waiting
    assert model.data(model.index(0, COL_RESPONSE)) == "30"

    def refuse_then_fill(box: QWidget) -> None:
        assert isinstance(box, StatusDialog)
        box.buttons.accepted.emit()  # no note yet
        assert "Catatan wajib diisi" in box.message.text() and box.isVisible()
        box.status.setCurrentIndex(box.status.findData("selesai"))
        box.note.setText("Pelaku diamankan, motor kembali")
        box.buttons.accepted.emit()

    when_modal(StatusDialog, refuse_then_fill)
    handling.change_status.click()
    saved = store.visits.get(visit.id or 0)
    assert saved.status == "selesai" and saved.resolved_at is not None
    assert saved.status_history[-1].note == "Pelaku diamankan, motor kembali"
    assert handling.history.rowCount() == 2
    assert handling.history.item(0, 3).text() == "Pelaku diamankan, motor kembali"
    assert "Selesai" in handling.status.text() and not dialog.is_dirty()
    assert dialog.save()  # the version moved with the status change: no stale record


def test_status_change_keeps_unsaved_typing(qtbot, opened, store: Store, officer: Officer,
                                            clock) -> None:
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    dialog = opened(visit)
    dialog.form.s.place_detail.setText("di depan warung")
    assert dialog.change_status("ditangani", "Petugas menuju TKP")
    assert dialog.form.s.place_detail.text() == "di depan warung" and dialog.is_dirty()
    assert dialog.save()
    saved = store.visits.get(visit.id or 0)
    assert saved.status == "ditangani" and saved.place_detail == "di depan warung"


# ---------------------------------------------------------------------- void and history


def test_void_with_a_reason_and_the_history_in_indonesian(
        qtbot, opened, session: Session, store: Store, officer: Officer, clock) -> None:
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    dialog = opened(visit)
    dialog.form.s.reporter.name.setText("Siti Aminah Lubis")
    assert dialog.save()
    assert dialog.change_status("ditangani", "Petugas menuju TKP")

    def give_reason(box: QWidget) -> None:
        assert isinstance(box, ReasonDialog)
        assert not box.buttons.buttons()[0].isEnabled() or box.value() == ""
        box.reason.setText("Laporan ganda, sudah dicatat")
        box.accept()

    when_modal(ReasonDialog, give_reason)
    dialog.void_button.click()
    saved = store.visits.get(visit.id or 0)
    assert saved.meta is not None and saved.meta.void_reason == "Laporan ganda, sudah dicatat"
    assert "DIBATALKAN" in dialog.banner.text() and not dialog.save_button.isEnabled()
    assert not dialog.print_button.isEnabled()

    model = VisitListModel(store.visits, session.tz())
    assert model.data(model.index(0, COL_STATUS)) == "Dibatalkan"
    assert store.visits.count(VisitFilter(include_voided=False)) == 0

    history = HistoryDialog(session, saved.meta.uuid, saved.number or "", None)
    rows = history.rows()
    actions = [r[2] for r in rows if r[0]]
    assert actions[:4] == ["Dibuat", "Diubah", "Status diubah", "Dibatalkan"]
    assert ["", "", "Pihak 1: nama", "Siti Aminah → Siti Aminah Lubis"] in rows
    assert any("Diterima → Ditangani; catatan: Petugas menuju TKP" in r[3] for r in rows)
    assert any(r[3] == "Alasan: Laporan ganda, sudah dicatat" for r in rows)
    assert all(r[1] == officer.display for r in rows if r[0])
    history.deleteLater()


def test_history_diff_helpers() -> None:
    before = '{"narrative":"a","parties":[{"name":"X","nik":""}],"meta":{"version":1}}'
    after = '{"narrative":"b","parties":[{"name":"X","nik":"1602"}],"meta":{"version":2}}'
    assert changes(before, after) == [("narrative", "a", "b"), ("parties[0].nik", "", "1602")]
    assert field_label("losses[1].value_rp") == "Kerugian 2: nilai (Rp)"
    assert field_label("arrived_at") == "Tiba di TKP"


# ---------------------------------------------------------------------- printing


def test_receipt_pdf_has_number_name_and_date_and_the_second_is_a_copy(
        qtbot, tmp_path: Path, session: Session, store: Store, officer: Officer, clock) -> None:
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    printer = DocumentPrinter(session)
    with qtbot.waitSignal(printer.finished, timeout=20000) as first:
        printer.produce(visit, lambda copies: tmp_path / f"cetak-{copies}.pdf", output="kertas")
    assert first.args == [str(tmp_path / "cetak-0.pdf")]
    text = text_of(tmp_path / "cetak-0.pdf")
    assert visit.number and visit.number in text
    assert "Siti Aminah" in text
    assert "Rabu, 14 Februari 2024" in text  # 07.00 UTC is 14.00 WIB
    assert "SALINAN" not in text
    with qtbot.waitSignal(printer.finished, timeout=20000):
        printer.produce(visit, lambda copies: tmp_path / f"cetak-{copies}.pdf", output="kertas")
    assert "SALINAN" in text_of(tmp_path / "cetak-1.pdf")
    assert visit.meta is not None
    assert [e.action for e in store.history(visit.meta.uuid)].count("print") == 2


def test_sktlk_and_what_cannot_be_printed(qtbot, tmp_path: Path, session: Session,
                                          store: Store, officer: Officer, clock) -> None:
    sktlk = store.visits.create(kehilangan(clock(), officer.id), officer.id).record
    printer = DocumentPrinter(session)
    with qtbot.waitSignal(printer.finished, timeout=20000):
        printer.produce(sktlk, lambda _copies: tmp_path / "sktlk.pdf")
    text = text_of(tmp_path / "sktlk.pdf")
    assert "SURAT KETERANGAN TANDA LAPOR KEHILANGAN" in text and "Budi Santoso" in text
    model_a = store.visits.create(lp(clock(), officer.id, lp_model="A", parties=()),
                                  officer.id).record
    assert "LP model A" in (why_not_printable(model_a) or "")
    assert "Simpan laporan dulu" in (why_not_printable(lp(clock(), officer.id)) or "")
    with qtbot.waitSignal(printer.failed) as refused:
        printer.produce(model_a, lambda _copies: tmp_path / "x.pdf")
    assert "LP model A" in refused.args[0]
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_pages_go_to_a_printer(qtbot, tmp_path: Path, session: Session, store: Store,
                                   officer: Officer, clock) -> None:
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    printer = DocumentPrinter(session)
    with qtbot.waitSignal(printer.finished, timeout=20000):
        printer.produce(visit, lambda _copies: tmp_path / "sttlp.pdf")
    device = QPrinter(QPrinter.PrinterMode.HighResolution)
    device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    device.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_pdf(tmp_path / "sttlp.pdf", device)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == len(
        PdfReader(tmp_path / "sttlp.pdf").pages)


def test_print_asks_to_save_changes_first(qtbot, opened, store: Store, officer: Officer,
                                          clock) -> None:
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    dialog = opened(visit)
    assert dialog.print_button.isEnabled()
    dialog.form.s.place_detail.setText("teras")
    dialog.open_pdf_action.trigger()
    assert "Simpan perubahan dulu" in dialog.banner.text()
    assert store.history(visit.meta.uuid if visit.meta else "")[-1].action != "print"


def test_status_dialog_is_indonesian(qtbot, session: Session) -> None:
    box = StatusDialog("diterima", session.local_now)
    qtbot.addWidget(box)
    texts = {b.text() for b in box.buttons.buttons()}
    assert texts == {"Ubah status", "Batal"}
    assert box.status.findData("diterima") < 0
    assert isinstance(box, QDialog)


def test_a_prefilled_new_record_is_unsaved_work(qtbot, opened, store: Store, officer: Officer,
                                                clock) -> None:
    dialog = opened(lp(clock(), officer.id, lp_model="A", parties=(),
                       source_patrol_uuid="patroli-1"))
    assert dialog.is_dirty()
    assert dialog.keeper.flush() and len(store.drafts.list()) == 1
    assert dialog.save()
    saved = store.visits.get(dialog.record_id() or 0)
    assert saved.number and saved.number.startswith("LP/A/") and saved.source_patrol_uuid == "patroli-1"


def test_print_button_is_wide_enough_for_its_text_and_arrow(qtbot, opened) -> None:
    """"Cetak dokumen" and the arrow of its menu side by side, the arrow not over the text."""
    from PySide6.QtWidgets import QStyle

    dialog = opened()
    QApplication.processEvents()
    button = dialog.print_button
    assert button.menu() is not None
    arrow = button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    text = button.fontMetrics().horizontalAdvance(button.text())
    assert button.width() >= text + arrow + 8
