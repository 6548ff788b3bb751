"""Rekap Mingguan page: the hand-built week on screen, moving between weeks, export off the
GUI thread (logged after rendering), cancel, reload on changes, printing a PDF."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from app.domain.models import Party, Visit
from app.store import Store
from app.weekly.week import parse_week
from tests.test_weekly_figures import Scenario, build_scenario, wib
from ui.common.figures import FigureTableModel
from ui.common.jobs import JobCancelled, JobContext
from ui.session import Session
from ui.weekly.jobs import pdf_job
from ui.weekly.page import WeeklyPage
from ui.weekly.printing import prepare_printer, print_pdf


@pytest.fixture
def scenario(tmp_path: Path) -> Iterator[Scenario]:
    s = build_scenario(tmp_path / "anev.db")
    yield s
    s.store.close()


@pytest.fixture
def page(qtbot: QtBot, scenario: Scenario) -> Iterator[WeeklyPage]:
    session = Session(scenario.store)
    session.set_officer(scenario.officer_id)
    widget = WeeklyPage(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.figures is not None, timeout=10_000)
    yield widget
    widget.wait_for_jobs()


def audit_count(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def test_shows_the_last_complete_week(page: WeeklyPage) -> None:
    assert page.week.label == "2024-W07"
    assert page.week_label.text() == "Minggu ke-3 Bulan Februari 2024"
    assert "minggu ISO 2024-W07" in page.period_label.text()
    assert "Senin, 12 Februari 2024 s.d. Minggu, 18 Februari 2024" in page.period_label.text()
    view = page.view
    assert view.tiles["ct"].value.text() == "5"
    assert view.tiles["cc"].value.text() == "3"
    assert view.tiles["rate"].value.text() == "60,0%"
    assert view.tiles["response"].value.text() == "12 menit"
    assert view.tiles["waiting"].value.text() == "3"
    rows = view.categories.table_model.rows()
    assert rows[0] == ("Pencurian dengan pemberatan (Curat)", "1", "1", "0 (0,0%)", "0")
    assert view.services.table_model.rows()[-1] == ("Jumlah", "9", "4", "+5 (+125,0%)")
    assert view.response["within"].text() == "1 dari 4 (25,0%)"
    assert view.trend.series_values[0] == ("CT", [0, 0, 0, 0, 0, 0, 3, 5])
    assert [r[3] for r in view.notable.table_model.rows()] == [
        "Petugas patroli memergoki pencurian kabel listrik di gardu Jl. Lintas Timur.",
        "Pencurian kendaraan bermotor (Curanmor) di pasar."]
    texts = " ".join(" ".join(r) for r in view.notable.table_model.rows())
    assert "Siti" not in texts and "Aminah" not in texts
    # words a Kapolsek uses for the audit fingerprint, and what it is for on hover
    assert view.fingerprint.text().startswith("Kode pemeriksaan keaslian saat angka dihitung: ")
    assert "tidak diubah" in view.fingerprint.toolTip()
    assert "audit" not in view.fingerprint.text().lower()


def test_moving_between_weeks(qtbot: QtBot, page: WeeklyPage) -> None:
    page.previous_button.click()
    qtbot.waitUntil(lambda: page.figures is not None and page.figures.week.label == "2024-W06")
    assert page.view.tiles["ct"].value.text() == "3"
    page.next_button.click()
    page.next_button.click()  # to W08, the running week
    qtbot.waitUntil(lambda: page.figures is not None and page.figures.week.label == "2024-W08")
    assert "angka sementara" in page.period_label.text()
    assert not page.next_button.isEnabled()
    page.latest_button.click()
    qtbot.waitUntil(lambda: page.figures is not None and page.figures.week.label == "2024-W07")
    page.date_edit.setDate(QDate(2024, 1, 3))
    qtbot.waitUntil(lambda: page.figures is not None and page.figures.week.label == "2024-W01")
    assert page.view.empty_note.text() == "Tidak ada laporan polisi pada minggu ini."


def test_export_pdf_is_logged_after_rendering(qtbot: QtBot, page: WeeklyPage,
                                              scenario: Scenario, tmp_path: Path) -> None:
    store = scenario.store
    before, count = store.audit_fingerprint(), audit_count(store)
    out = tmp_path / "anev-2024-W07.pdf"
    page.export_pdf(out, open_after=False)
    assert not page.export_button.isEnabled() and page.progress.isVisible()
    qtbot.waitUntil(lambda: page.last_pdf == out, timeout=20_000)
    assert page.export_button.isEnabled() and not page.progress.isVisible()
    assert "PDF disimpan" in page.status_label.text()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert f"Kode pemeriksaan keaslian: {before[:16]}" in text  # taken before the print was logged
    assert audit_count(store) == count + 1
    action, kind, officer, detail = store.db.execute(
        "SELECT action, kind, officer_id, after FROM audit_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert (action, kind, officer) == ("print", "weekly", scenario.officer_id)
    assert "2024-W07" in detail
    assert not list(tmp_path.glob("*.sebagian"))


def test_export_to_an_unwritable_place_says_so(qtbot: QtBot, page: WeeklyPage,
                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    messages: list[str] = []
    monkeypatch.setattr("ui.weekly.page.warn", lambda _p, _t, text: messages.append(text))
    page.export_pdf(tmp_path / "tidak-ada" / "anev.pdf", open_after=False)
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert messages[0].startswith("PDF tidak dapat dibuat.") and "Traceback" not in messages[0]
    assert page.export_button.isEnabled()


def test_cancel(qtbot: QtBot, page: WeeklyPage, scenario: Scenario, tmp_path: Path) -> None:
    count = audit_count(scenario.store)
    page.export_pdf(tmp_path / "batal.pdf", open_after=False)
    page.cancel_button.click()
    assert page.status_label.text() == "Pembuatan PDF dibatalkan."
    assert page.export_button.isEnabled() and not page.cancel_button.isVisible()
    page.wait_for_jobs()
    qtbot.wait(50)
    assert page.last_pdf is None and audit_count(scenario.store) == count


def test_cancelled_job_writes_nothing(scenario: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    work = pdf_job(scenario.store.opener(), parse_week("2024-W07"), out, "a4")
    cancelled = threading.Event()
    cancelled.set()
    with pytest.raises(JobCancelled):  # ends quietly: the runner reports nothing
        work(JobContext(cancelled))
    assert not out.exists()


def test_reloads_when_a_record_changes(qtbot: QtBot, page: WeeklyPage,
                                       scenario: Scenario) -> None:
    scenario.clock.when = wib(21, 11)
    visit = Visit(service="lp", lp_model="B", received_at=wib(15, 9), category="curas",
                  receiving_officer_id=scenario.officer_id, incident_desa="Serinanti",
                  narrative="Tas dirampas di jalan.",
                  parties=(Party(role="pelapor", name="Ani Wulandari"),))
    page._session.write(lambda: scenario.store.visits.create(visit, scenario.officer_id))
    qtbot.waitUntil(lambda: page.view.tiles["ct"].value.text() == "6", timeout=10_000)
    assert page.view.tiles["3c"].value.text() == "3"


def test_print_pdf_on_a_pdf_printer(page: WeeklyPage, scenario: Scenario, tmp_path: Path) -> None:
    from app.weekly.figures import compute_weekly
    from app.weekly.pdf import render_weekly_pdf

    source = tmp_path / "anev.pdf"
    render_weekly_pdf(compute_weekly(scenario.store, parse_week("2024-W07")), source, paper="f4")
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    prepare_printer(printer, "f4", "Anev")
    assert print_pdf(source, printer) == len(PdfReader(source).pages)
    reader = PdfReader(io.BytesIO(printed.read_bytes()))
    assert len(reader.pages) == len(PdfReader(source).pages)
    assert round(float(reader.pages[0].mediabox.height)) == 935  # F4, 33 cm


def test_figure_table_model(qtmodeltester: object) -> None:
    model = FigureTableModel(("Uraian", "Minggu ini"), (1,))
    model.set_rows([("CT", "5"), ("Jumlah", "5")], total=True)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2 and model.columnCount() == 2


def test_session_week_start_setting(qtbot: QtBot, tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.test_weekly_figures import Clock

    with Store(tmp_path / "sabtu.db", clock=Clock(wib(21, 10))) as store:
        store.settings.save_station_profile(replace(store.profile(), week_start=5), None)
        widget = WeeklyPage(Session(store))
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitUntil(lambda: widget.figures is not None, timeout=10_000)
        assert widget.week.start.weekday() == 5
        assert widget.week.end - widget.week.start == timedelta(days=6)
        assert widget.period_label.text().startswith("Sabtu, 10 Februari 2024 s.d. Jumat")
        widget.wait_for_jobs()
