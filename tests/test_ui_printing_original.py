"""Issue 15 items 12 and 17: which paper is the original. Opening the citizen's document
(a preview) or saving it as a PDF uses nothing up; the first paper sent to a printer is the
original and every later output is marked SALINAN; a print that fails (render, file,
printer) is never logged, so the next paper is still the original. Driven through the real
dialogs of ui/visits/printing.py (file and print dialogs accepted as an officer would) and
checked in the PDF text with pypdf."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.models import Officer, Visit
from app.store import Store
from tests.factories import kehilangan
from ui.session import Session
from ui.visits.printing import DocumentPrinter, why_not_printable


def text_of(path: Path | str) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def outputs(store: Store, visit: Visit) -> list[str]:
    import json

    assert visit.meta is not None
    return [json.loads(e.after or "{}").get("output", "?")
            for e in store.history(visit.meta.uuid) if e.action == "print"]


class Viewer(QObject):
    """The system's PDF viewer for this test: Qt hands it the file to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@pytest.fixture
def viewer() -> Viewer:
    handler = Viewer()
    QDesktopServices.setUrlHandler("file", handler, "show")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def when_modal(kind: type, act: Callable[[object], None]) -> None:
    """Once a modal dialog of `kind` is open, let the officer act on it."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def save_as(target: Path) -> None:
    def act(dialog: object) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(target))
        dialog.accept()

    when_modal(QFileDialog, act)


def print_to(target: Path) -> None:
    """Accept the print dialog with its printer writing the pages to `target` (a PDF file
    standing in for the paper: the pages are images, as on a printer)."""

    def act(dialog: object) -> None:
        assert isinstance(dialog, QPrintDialog)
        # no printer installed here: the dialog offers printing to a file, named in its box
        file_box = dialog.findChild(QLineEdit, "filename")
        assert file_box is not None
        file_box.setText(str(target))
        dialog.accept()

    when_modal(QPrintDialog, act)


@pytest.fixture
def session(store: Store, officer: Officer) -> Session:
    session = Session(store)
    session.set_officer(officer.id)
    return session


def test_preview_and_saved_pdf_do_not_use_up_the_original(
        qtbot: QtBot, tmp_path: Path, session: Session, store: Store, officer: Officer, clock,
        viewer: Viewer) -> None:
    sktlk = store.visits.create(kehilangan(clock(), officer.id), officer.id).record
    printer = DocumentPrinter(session)
    # 1. the officer opens the SKTLK to check it (the system viewer shows it)
    with qtbot.waitSignal(printer.finished, timeout=20000) as opened:
        printer.open_document(sktlk)
    assert viewer.opened == [opened.args[0]]
    assert "SALINAN" not in text_of(opened.args[0])
    # 2. saves it as a PDF for the station's file
    kept = tmp_path / "arsip" / "sktlk.pdf"
    kept.parent.mkdir()
    save_as(kept)
    with qtbot.waitSignal(printer.finished, timeout=20000) as saved:
        printer.save_document(sktlk, None)
    assert saved.args == [str(kept)]
    assert "SALINAN" not in text_of(kept)
    # 3. prints it for the citizen: the original
    with qtbot.waitSignal(printer.finished, timeout=20000) as paper:
        print_to(tmp_path / "kertas-1.pdf")
        printer.print_document(sktlk, None)
    # the file sent to the printer is named by what was rendered (copy or not) and removed
    # once on paper (it holds personal data); the paper's pages are images
    assert "SALINAN" not in Path(paper.args[0]).name
    assert not Path(paper.args[0]).exists()
    assert len(PdfReader(tmp_path / "kertas-1.pdf").pages) >= 1
    # 4. a second paper, a later preview and a later saved file are copies
    with qtbot.waitSignal(printer.finished, timeout=20000) as again:
        print_to(tmp_path / "kertas-2.pdf")
        printer.print_document(sktlk, None)
    assert "SALINAN-1" in Path(again.args[0]).name and not Path(again.args[0]).exists()
    with qtbot.waitSignal(printer.finished, timeout=20000) as later:
        printer.open_document(sktlk)
    assert "SALINAN" in text_of(later.args[0])
    assert outputs(store, sktlk) == ["pdf", "pdf", "kertas", "kertas", "pdf"]
    assert store.visits.paper_prints(sktlk.id or 0) == 2


def test_a_print_that_fails_is_not_logged_and_the_next_paper_is_the_original(
        qtbot: QtBot, tmp_path: Path, session: Session, store: Store, officer: Officer, clock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sktlk = store.visits.create(kehilangan(clock(), officer.id), officer.id).record
    printer = DocumentPrinter(session)
    # the printer cannot be used (here: its output folder does not exist)
    with qtbot.waitSignal(printer.failed, timeout=20000) as failed:
        print_to(tmp_path / "tidak-ada" / "kertas.pdf")
        printer.print_document(sktlk, None)
    assert "printer tidak dapat dipakai" in failed.args[0]
    assert outputs(store, sktlk) == []
    # the document cannot be rendered (a bug): nothing is logged either
    from app.pdf import receipts

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("huruf hilang")

    with monkeypatch.context() as patch:
        patch.setattr(receipts, "render_citizen_document", broken)
        patch.setattr(threading, "excepthook", lambda args: None)
        with qtbot.waitSignal(printer.failed, timeout=20000):
            print_to(tmp_path / "kertas-0.pdf")
            printer.print_document(sktlk, None)
    assert outputs(store, sktlk) == []
    # the next paper is the original
    with qtbot.waitSignal(printer.finished, timeout=20000) as paper:
        print_to(tmp_path / "kertas.pdf")
        printer.print_document(sktlk, None)
    assert "SALINAN" not in Path(paper.args[0]).name
    assert outputs(store, sktlk) == ["kertas"]


def test_a_5000_character_name_stored_before_the_limits_fails_without_using_the_original(
        qtbot: QtBot, tmp_path: Path, session: Session, store: Store, officer: Officer,
        clock) -> None:
    """A record saved by an older version (no limits then) whose name cannot be laid out:
    the officer is told in Indonesian; nothing is logged."""
    from dataclasses import replace

    sktlk = store.visits.create(kehilangan(clock(), officer.id), officer.id).record
    long_party = replace(sktlk.parties[0], name="N" * 5000)
    old = store.visits.update(replace(sktlk, parties=(long_party,)), officer.id,
                              validate=False).record
    printer = DocumentPrinter(session)
    assert why_not_printable(old) == (
        "Nama terlalu panjang: paling banyak 100 karakter, sekarang 5.000. Perbaiki isian "
        "itu dan simpan laporan, lalu cetak lagi.")
    with qtbot.waitSignal(printer.failed, timeout=20000) as failed:
        printer.produce(old, lambda _copy: tmp_path / "x.pdf", output="kertas")
    assert failed.args[0].startswith("Nama terlalu panjang")
    assert outputs(store, old) == [] and not (tmp_path / "x.pdf").exists()
