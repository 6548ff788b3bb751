"""A citizen document is rendered off the GUI thread (ui.common.jobs): a render that fails
is told in Indonesian and logged, and nothing is written."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.models import Officer
from app.store import Store
from tests.conftest import MutableClock
from tests.factories import lp
from ui.session import Session
from ui.visits.printing import DocumentPrinter


def test_a_document_that_fails_to_render_says_so(
        qtbot: QtBot, tmp_path: Path, store: Store, officer: Officer, clock: MutableClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.pdf import receipts

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("huruf hilang")

    logged: list[BaseException | None] = []
    monkeypatch.setattr(receipts, "render_citizen_document", broken)
    monkeypatch.setattr(threading, "excepthook", lambda args: logged.append(args.exc_value))
    session = Session(store)
    session.set_officer(officer.id)
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    printer = DocumentPrinter(session)
    with qtbot.waitSignal(printer.failed, timeout=20_000) as failed:
        printer.produce(visit, lambda copies: tmp_path / f"cetak-{copies}.pdf")
    assert failed.args == ["Dokumen gagal dibuat: huruf hilang"]
    assert not printer.busy() and not list(tmp_path.glob("*.pdf"))
    assert [str(e) for e in logged] == ["huruf hilang"]  # in the error log, not on screen
    assert visit.meta is not None  # and no print is logged: the next paper is the original
    assert [e.action for e in store.history(visit.meta.uuid)] == ["create"]
    assert store.visits.paper_prints(visit.id or 0) == 0
