"""The buku mutasi of a shift (issue 19): a day of records listed in time order across
midnight in station time, typed entries that are never changed (corrections keep the
original visible), the handover inventory checked against the previous shift, the handover
counts of the weekly review. Real SQLite files."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.models import Officer
from app.journal.shifts import DutySettings, is_overdue, shift_at, shift_on, team_index
from app.store import IntegrityError, Store
from app.store.duty.models import DutyInputError, DutyTeam, InventoryCount
from tests import factories
from tests.conftest import MutableClock

WIB = "Asia/Jakarta"
DAY = date(2024, 2, 14)


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 2, day, hour, minute, tzinfo=UTC)


# ---------------------------------------------------------------------- pure shifts
def test_a_moment_before_08_00_belongs_to_the_previous_days_shift() -> None:
    settings = DutySettings()
    assert shift_at(utc(14, 0, 59), settings, WIB).day == date(2024, 2, 13)  # 07.59 WIB
    assert shift_at(utc(14, 1, 0), settings, WIB).day == DAY  # 08.00 WIB
    assert shift_at(utc(14, 17, 30), settings, WIB).day == DAY  # 00.30 WIB on the 15th
    shift = shift_on(DAY, settings, WIB)
    assert (shift.start_utc, shift.end_utc) == (utc(14, 1), utc(15, 1))
    assert shift.deadline(settings).astimezone(UTC) == utc(15, 2)  # 09.00 WIB


def test_other_start_times_and_the_rotation_of_regu() -> None:
    settings = DutySettings(shift_start="07.30", rotation_start="2024-02-13")
    assert shift_at(utc(14, 0, 29), settings, WIB).day == date(2024, 2, 13)
    assert shift_at(utc(14, 0, 30), settings, WIB).day == DAY
    assert [team_index(date(2024, 2, d), settings, 3) for d in (13, 14, 15, 16)] == [0, 1, 2, 0]
    assert team_index(DAY, DutySettings(), 3) is None


def test_a_shift_is_overdue_at_09_00_unless_handed_over() -> None:
    settings = DutySettings()
    shift = shift_on(DAY, settings, WIB)
    assert not is_overdue(utc(15, 1, 59), shift, settings, handed_over=False)
    assert is_overdue(utc(15, 2, 0), shift, settings, handed_over=False)
    assert not is_overdue(utc(15, 2, 0), shift, settings, handed_over=True)


# ---------------------------------------------------------------------- the journal
@pytest.fixture
def day_of_records(store: Store, officer: Officer, clock: MutableClock) -> dict[str, object]:
    by = officer.id
    assert by is not None
    store.visits.create(factories.lp(utc(14, 0, 59), by), by)  # 07.59 WIB: the shift before
    clock.when = utc(14, 1, 30)
    lp = store.visits.create(factories.lp(utc(14, 1, 30), by), by).record
    clock.when = utc(14, 6)
    store.meetings.save(factories.meeting(utc(14, 6), by), by)
    clock.when = utc(14, 10)
    assert lp.id is not None
    store.visits.change_status(lp.id, "ditangani", "petugas ke TKP", by)
    store.visits.record_print(lp.id, by, "sttlp")
    clock.when = utc(14, 15)
    store.patrols.save(factories.patrol(utc(14, 13), by), by)
    clock.when = utc(14, 17, 30)
    store.visits.create(factories.kehilangan(utc(14, 17, 30), by), by)  # 00.30 WIB
    clock.when = utc(14, 20)
    store.duty.add_entry("telepon", "Warga Serinanti melapor listrik padam", utc(14, 20), by, by)
    clock.when = utc(15, 0, 59)
    late = store.visits.create(factories.lp(utc(15, 0, 59), by), by).record  # 07.59 WIB
    assert late.id is not None
    store.visits.void(late.id, "tercatat ganda", by)
    clock.when = utc(15, 1)
    store.visits.create(factories.lp(utc(15, 1), by), by)  # 08.00 WIB: the next shift
    return {"lp": lp, "by": by}


def test_a_day_of_records_in_time_order_across_midnight(
        store: Store, day_of_records: dict[str, object]) -> None:
    journal = store.duty.journal(store.duty.shift_on(DAY))
    kinds = [e.kind for e in journal.events]
    assert kinds == ["kunjungan", "pertemuan", "status", "cetak", "patroli_berangkat",
                     "patroli_kembali", "kunjungan", "telepon", "kunjungan", "status"]
    times = [e.at for e in journal.events]
    assert times == sorted(times)
    assert times[0] == utc(14, 1, 30) and times[-1] == utc(15, 0, 59)
    assert journal.events[8].voided
    assert journal.events[9].text == ("Catatan laporan/kunjungan LP/B/3/II/2024/SPKT/POLSEK "
                                      "PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA "
                                      "SELATAN dibatalkan; alasan: tercatat ganda")
    assert "LP/B/2/II/2024" in journal.events[0].text
    assert "Ditangani" in journal.events[2].text or "ditangani" in journal.events[2].text.lower()
    assert journal.events[3].text.startswith("Cetak STTLP LP/B/2/II/2024")
    assert "temuan" in journal.events[5].text
    assert "Kehilangan" in journal.events[6].text
    assert all(e.officer_id == day_of_records["by"] for e in journal.events)


def test_reading_a_shift_uses_indexes(store: Store,
                                     day_of_records: dict[str, object]) -> None:
    """Every query of the journal reads a range of an index, never a whole table (a shift of a
    million-record store stays quick): the statements it runs, each explained."""
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        store.duty.journal(store.duty.shift_on(DAY))
    finally:
        store.db.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) >= 6
    scans = []
    for sql in selects:
        for row in store.db.execute("EXPLAIN QUERY PLAN " + sql).fetchall():
            detail = str(row[3])
            # small tables read whole: the category labels, the settings, a few regu
            if detail.startswith("SCAN") and not any(
                    t in detail for t in ("categories", "settings", "duty_teams")):
                scans.append(detail)
    assert scans == [], scans


def test_entries_are_append_only_and_corrections_keep_the_original(
        store: Store, officer: Officer, clock: MutableClock) -> None:
    by = officer.id
    first = store.duty.add_entry("tamu_dinas", "Kunjungan Kasat Samapta pukul 10.00",
                                 utc(14, 3), by, by).record
    clock.advance(hours=1)
    correction = store.duty.correct(first.uuid, "Kunjungan Kasat Samapta pukul 11.00", by).record
    assert correction.corrects_uuid == first.uuid
    journal = store.duty.journal(store.duty.shift_on(DAY))
    original = next(e for e in journal.events if e.record_uuid == first.uuid)
    assert original.text == "Kunjungan Kasat Samapta pukul 10.00"  # still there, unchanged
    assert [c.uuid for c in original.corrections] == [correction.uuid]
    assert any(e.kind == "koreksi" for e in journal.events)
    with pytest.raises(IntegrityError, match="append-only"):
        store.db.execute("UPDATE journal_entries SET text = 'x'")
    with pytest.raises(IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM journal_entries")
    actions = [r[0] for r in store.db.execute(
        "SELECT action FROM audit_log WHERE kind = 'mutasi' ORDER BY id")]
    assert actions == ["create", "correct"]
    assert not hasattr(store.duty, "update_entry") and not hasattr(store.duty, "delete_entry")


def test_an_entry_needs_text_and_no_future_time(store: Store, officer: Officer) -> None:
    with pytest.raises(DutyInputError) as empty:
        store.duty.add_entry("situasi", "   ", utc(14, 3), officer.id, officer.id)
    assert empty.value.field == "text"
    with pytest.raises(DutyInputError) as future:
        store.duty.add_entry("situasi", "Aman", utc(14, 9), officer.id, officer.id)
    assert future.value.field == "at"


# ---------------------------------------------------------------------- handover
def _hand_over(store: Store, day: date, out_id: int, in_id: int,
               *items: InventoryCount) -> object:
    return store.duty.hand_over(store.duty.shift_on(day), outgoing_officer_id=out_id,
                                incoming_officer_id=in_id, summary="Situasi aman terkendali.",
                                incoming_notes="Diterima lengkap.", items=items, by=out_id)


def test_an_inventory_difference_needs_an_explanation(
        store: Store, officer: Officer, clock: MutableClock) -> None:
    other = store.master.save(Officer("RINA WATI", "BRIPTU", "90010002"), None).record
    assert officer.id is not None and other.id is not None
    clock.when = utc(15, 1, 10)
    first = _hand_over(store, DAY, officer.id, other.id, InventoryCount("tahanan", 2, "A; B"),
                       InventoryCount("ht", 4))
    assert first.record.on_time  # type: ignore[attr-defined]
    clock.when = utc(16, 2, 30)  # 09.30 WIB: late
    with pytest.raises(DutyInputError) as refused:
        _hand_over(store, date(2024, 2, 15), other.id, officer.id,
                   InventoryCount("tahanan", 1, "A"), InventoryCount("ht", 4))
    assert refused.value.field == "inventory:tahanan"
    assert "Tulis penjelasannya" in refused.value.message
    assert store.duty.handover(date(2024, 2, 15)) is None  # nothing saved
    saved = _hand_over(store, date(2024, 2, 15), other.id, officer.id,
                       InventoryCount("tahanan", 1, "A", "B dilimpahkan ke Polres"),
                       InventoryCount("ht", 4)).record  # type: ignore[attr-defined]
    assert not saved.on_time
    assert saved.items[0].previous_count == 2
    with pytest.raises(DutyInputError, match="sudah diserahterimakan"):
        _hand_over(store, date(2024, 2, 15), other.id, officer.id, InventoryCount("ht", 4))
    with pytest.raises(IntegrityError, match="append-only"):
        store.db.execute("UPDATE handovers SET summary = 'x'")
    counts = store.duty.handover_counts(date(2024, 2, 13), date(2024, 2, 16), utc(17, 3))
    assert (counts.on_time, counts.late, counts.missing) == (1, 1, 2)


def test_the_handover_lists_open_matters(store: Store, officer: Officer,
                                         clock: MutableClock) -> None:
    other = store.master.save(Officer("RINA WATI", "BRIPTU", "90010002"), None).record
    by = officer.id
    assert by is not None and other.id is not None
    store.visits.create(factories.lp(utc(14, 3), by, needs_visit=True), by)
    clock.when = utc(15, 1, 10)
    saved = _hand_over(store, DAY, by, other.id).record  # type: ignore[attr-defined]
    assert saved.open_matters[0].startswith("LP menunggu petugas ke TKP: 1")
    assert store.duty.journal(store.duty.shift_on(DAY)).events[-1].kind == "serah_terima"


def test_regu_and_who_is_on_duty(store: Store, officer: Officer) -> None:
    from dataclasses import replace

    by = officer.id
    assert by is not None
    one = store.duty.save_team(DutyTeam("Regu I", 0, (by,)), by).record
    store.duty.save_team(DutyTeam("Regu II", 1, ()), by)
    assert store.duty.team_on(DAY) is None  # no rotation date yet
    store.duty.settings.save_duty_settings(DutySettings(rotation_start="2024-02-14"), by)
    assert store.duty.team_on(DAY) == one
    assert store.duty.team_on(DAY + timedelta(days=1)).name == "Regu II"  # type: ignore[union-attr]
    renamed = store.duty.save_team(replace(one, name="Regu Satu"), by).record
    assert renamed.name == "Regu Satu"
    with pytest.raises(DutyInputError):
        store.duty.settings.save_duty_settings(DutySettings(shift_start="8 pagi"), by)
    assert store.verify() == []


def test_the_weekly_review_counts_handovers_on_time_and_late(
        store: Store, officer: Officer, clock: MutableClock) -> None:
    import io

    from pypdf import PdfReader

    from app.weekly.figures import compute_weekly, station_week
    from app.weekly.pdf import render_weekly_pdf

    other = store.master.save(Officer("RINA WATI", "BRIPTU", "90010002"), None).record
    assert officer.id is not None and other.id is not None
    for day, hour in ((12, 1), (13, 3), (14, 1)):  # Mon on time, Tue 10.00 WIB late, Wed on time
        clock.when = utc(day + 1, hour, 30)
        store.duty.hand_over(store.duty.shift_on(date(2024, 2, day)),
                             outgoing_officer_id=officer.id, incoming_officer_id=other.id,
                             summary="Aman", incoming_notes="", items=(), by=officer.id)
    clock.when = utc(19, 3)  # Monday after: the whole week 7 has ended
    figures = compute_weekly(store, station_week(store.profile(), "2024-W07"))
    h = figures.handovers
    assert h is not None
    assert (h.on_time.current, h.late.current, h.missing.current) == (2, 1, 4)
    assert h.missing.previous == 7  # no handover at all the week before
    buffer = io.BytesIO()
    render_weekly_pdf(figures, buffer)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(buffer).pages).split())
    assert "Serah terima dinas piket SPKT" in text
    assert "2 tepat waktu, 1 terlambat, 4 belum diserahterimakan" in text


def test_open_matters_count_all_and_name_the_first(store: Store, officer: Officer) -> None:
    by = officer.id
    for minute in range(12):
        store.visits.create(factories.lp(utc(14, 3, minute), by, needs_visit=True), by)
    matters = store.duty.open_matters(utc(14, 7))
    assert matters.waiting_count == 12 and len(matters.waiting_lp) == 10
    assert matters.lines()[0].startswith("LP menunggu petugas ke TKP: 12 (LP/B/1/II/2024")
    assert matters.lines()[0].endswith("dan 2 lainnya)")


def test_verify_finds_a_journal_entry_changed_behind_the_triggers(
        store: Store, officer: Officer, clock: MutableClock) -> None:
    other = store.master.save(Officer("RINA WATI", "BRIPTU", "90010002"), None).record
    first = store.duty.add_entry("situasi", "Aman", utc(14, 3), officer.id, officer.id).record
    store.duty.correct(first.uuid, "Aman terkendali", officer.id)
    clock.when = utc(15, 1, 10)
    store.duty.hand_over(store.duty.shift_on(DAY), outgoing_officer_id=officer.id,  # type: ignore[arg-type]
                         incoming_officer_id=other.id, summary="Aman",  # type: ignore[arg-type]
                         incoming_notes="", items=(InventoryCount("ht", 3),), by=officer.id)
    assert store.verify() == []
    store.db.execute("DROP TRIGGER journal_no_update")
    store.db.execute("UPDATE journal_entries SET text = 'Tidak ada apa-apa' WHERE id = 1")
    problems = store.verify()
    assert len(problems) == 1 and "catatan mutasi" in problems[0] and "text" in problems[0]


def test_a_shift_is_handed_over_near_its_end_not_before(
        store: Store, officer: Officer, clock: MutableClock) -> None:
    other = store.master.save(Officer("RINA WATI", "BRIPTU", "90010002"), None).record
    clock.when = utc(14, 22, 59)  # 05.59 WIB on the 15th
    with pytest.raises(DutyInputError, match="mulai pukul 06.00"):
        _hand_over(store, DAY, officer.id, other.id)  # type: ignore[arg-type]
    clock.when = utc(14, 23, 0)
    assert _hand_over(store, DAY, officer.id, other.id)  # type: ignore[arg-type]


def test_papers_printed_in_the_shift_are_named(store: Store,
                                               day_of_records: dict[str, object]) -> None:
    """Every kind of printed paper gets its own words in the journal, none a bare
    "Cetak dokumen" (the surat pengantar and the buku ekspedisi were)."""
    by = day_of_records["by"]
    assert isinstance(by, int)
    store.record_activity("print", "surat_pengantar", by, None)
    store.record_activity("print", "ekspedisi", by, None, detail="2024-02-01..2024-02-14")
    journal = store.duty.journal(store.duty.shift_at(store.clock()))  # the next shift's
    printed = [e.text for e in journal.events if e.kind == "cetak"]
    assert "Cetak surat pengantar" in printed
    assert "Cetak buku ekspedisi 2024-02-01..2024-02-14" in printed
    assert "Cetak dokumen" not in printed
