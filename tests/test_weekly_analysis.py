"""The weekly review's additions of issue 17: the Kapolsek's analysis kept per week (audited,
refused to the desk, printed, a line when empty), disasters counted beside the crime figures
on a week with known answers, and a last page that never holds only the signatures."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.models import Category, Officer
from app.store import Access, InvalidRecord, PermissionDenied, Role, Store
from app.weekly.figures import compute_weekly, station_week
from app.weekly.pdf import NO_ANALYSIS, render_weekly_pdf
from tests.factories import lp

WIB = timedelta(hours=7)


def wib(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC) - WIB


@pytest.fixture
def week_store(tmp_path: Path) -> Store:
    clock = lambda: wib(30)  # noqa: E731 (a fixed clock: Monday 30 November 2026)
    store = Store(tmp_path / "anev.db", clock=clock)
    return store


def pdf_text(store: Store, label: str = "2026-W47") -> tuple[str, list[str]]:
    buffer = io.BytesIO()
    render_weekly_pdf(compute_weekly(store, station_week(store.profile(), label)), buffer)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(buffer).pages]
    return " ".join(pages), pages


def test_analysis_saved_per_week_and_audited(week_store: Store) -> None:
    store = week_store
    w47 = station_week(store.profile(), "2026-W47")
    w46 = w47.previous()
    assert store.analyses.get(w47) is None
    first = store.analyses.save(w47, "Curanmor naik di Serinanti.\n\nPatroli malam ditambah.  ",
                                None).record
    assert first.text == "Curanmor naik di Serinanti.\n\nPatroli malam ditambah."
    assert first.week_label == "2026-W47"
    store.analyses.save(w46, "Minggu tenang.", None)
    assert store.analyses.text(w46) == "Minggu tenang."
    assert first.meta is not None
    second = store.analyses.save(w47, "Curanmor naik; patroli malam ditambah.", None,
                                 expected_version=first.meta.version).record
    assert second.meta is not None and second.meta.version == 2
    assert store.analyses.text(w47) == "Curanmor naik; patroli malam ditambah."
    history = store.history(first.meta.uuid)
    assert [e.action for e in history] == ["create", "update"]
    assert store.verify() == []


def test_analysis_permissions(week_store: Store) -> None:
    store = week_store
    week = station_week(store.profile(), "2026-W47")
    kapolsek = store.master.save(Officer("INDRA GUNAWAN", "IPTU", "79051234"), None).record
    desk = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
    assert kapolsek.id is not None and desk.id is not None
    store.set_access(Access(desk.id, desk.nrp, Role.PETUGAS))
    with pytest.raises(PermissionDenied):
        store.analyses.save(week, "Tidak boleh.", desk.id)
    store.set_access(Access(kapolsek.id, kapolsek.nrp, Role.PIMPINAN))
    saved = store.analyses.save(week, "Analisa Kapolsek.", kapolsek.id).record
    assert saved.meta is not None and saved.meta.created_by == kapolsek.id


def test_analysis_too_long_is_refused(week_store: Store) -> None:
    week = station_week(week_store.profile(), "2026-W47")
    with pytest.raises(InvalidRecord):
        week_store.analyses.save(week, "x" * 5001, None)
    assert week_store.analyses.get(week) is None


def test_analysis_printed_and_empty_line(week_store: Store) -> None:
    text, _ = pdf_text(week_store)
    assert "VIII. ANALISA DAN LANGKAH-LANGKAH" in text
    assert NO_ANALYSIS in text
    week = station_week(week_store.profile(), "2026-W47")
    week_store.analyses.save(week, "Curat meningkat di Desa Serinanti pada malam hari.\n\n"
                             "Langkah: patroli KRYD tiap malam dan sambang ke pos ronda.", None)
    text, _ = pdf_text(week_store)
    assert "Curat meningkat di Desa Serinanti pada malam hari." in text
    assert "Langkah: patroli KRYD tiap malam dan sambang ke pos ronda." in text
    assert NO_ANALYSIS not in text
    assert "MINGGU KE-3 BULAN NOVEMBER 2026" in text and "Minggu ISO 2026-W47" in text


def test_disasters_counted(week_store: Store) -> None:
    store = week_store
    officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
    groups = {c.code: c.group for c in store.master.list(Category)}
    assert groups["banjir"] == groups["tanah_longsor"] == groups["kebakaran"] == "bencana"
    assert groups["angin_puting_beliung"] == "bencana"
    # 2026-W47: 16-22 November; W46: 9-15 November
    for day, category in ((16, "banjir"), (17, "banjir"), (18, "kebakaran"), (19, "curat"),
                          (22, "tanah_longsor"), (10, "banjir"), (23, "banjir")):
        store.visits.create(lp(wib(day), officer.id, category=category, lp_model="A",
                               parties=()), None)
    voided = store.visits.create(lp(wib(20), officer.id, category="banjir", lp_model="A",
                                    parties=()), None).record
    assert voided.id is not None
    store.visits.void(voided.id, "Salah input", None)
    figures = compute_weekly(store, station_week(store.profile(), "2026-W47"))
    d = figures.disasters
    assert (d.total.current, d.total.previous) == (4, 1)
    assert {r.key: (r.current, r.previous) for r in d.by_kind} == {
        "banjir": (2, 1), "tanah_longsor": (1, 0), "angin_puting_beliung": (0, 0),
        "kebakaran": (1, 0)}
    assert figures.summary.crime_total.current == 5  # CT keeps its definition: every LP
    text, _ = pdf_text(store)
    assert "Jumlah bencana (banjir, kebakaran, longsor, dll.) 4 1 +3 (+300,0%)" in text
    assert "Bencana minggu ini: Kebakaran / karhutla 1, Banjir 2, Tanah longsor 1." in text


def test_last_page_is_never_only_signatures(week_store: Store) -> None:
    """Whatever the analysis' length, the signature block shares its page with text of the
    analysis (it was alone on the last page with a long enough review)."""
    store = week_store
    week = station_week(store.profile(), "2026-W47")
    paragraph = ("Situasi kamtibmas wilayah hukum Polsek pada umumnya aman dan terkendali, "
                 "namun pencurian dengan pemberatan meningkat pada malam hari. ")
    for count in range(1, 16, 2):  # up to the length limit of the text
        body = "\n\n".join(f"{i}. {paragraph * 2}" for i in range(1, count + 1))
        store.analyses.save(week, body + "\n\nPenutup analisa.", None)
        _, pages = pdf_text(store)
        last = pages[-1]
        assert "KEPALA KEPOLISIAN SEKTOR PEDAMARAN" in last
        assert "Penutup analisa." in last, (count, last[:200])
