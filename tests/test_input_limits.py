"""Issue 15 items 11-13: every date within its years, every text within its length, and no
invisible control or bidi character stored or exported; the same checks for the form's
validation, the store and the CSV import."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.csvio import export_meetings, export_patrols, export_reports, import_reports
from app.domain.models import Meeting, MeetingIssue, Officer, Party, Patrol, PatrolPlace, Visit
from app.domain.outgoing import CoverLetter, Dispatch, WeeklyAnalysis
from app.domain.register import Sp2hpLetter
from app.store import InvalidRecord, Store
from app.validation import (
    LIMITS,
    MIN_YEAR,
    clean_record,
    clean_text,
    validate_meeting,
    validate_patrol,
    validate_visit,
)
from app.validation.limits import length_message, length_problems
from tests.factories import lp, meeting, patrol
from tests.test_csv_import import plain, write_csv

NOW = datetime(2024, 2, 14, 7, 0, tzinfo=UTC)  # the `clock` fixture's time
NEXT_YEAR = NOW.year + 1
EVIL = "\x00\x1b[31m\u202eSiti\u2066\x07 Aminah\x9b\u2069"  # NUL, ESC, RLO, isolates, BEL, CSI


def codes(problems: tuple[object, ...]) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in problems}  # type: ignore[attr-defined]


# ---------------------------------------------------------------- dates (item 11)


@pytest.mark.parametrize("year", [1, 1800, 1899, NEXT_YEAR + 1, 9999])
def test_a_time_outside_the_years_is_an_error_in_every_record(year: int) -> None:
    when = datetime(year, 6, 1, 12, 0, tzinfo=UTC)
    visit = lp(NOW, None, occurred_at=None)
    for field in ("received_at", "occurred_at"):
        problems = validate_visit(replace(visit, **{field: when}), now=NOW)
        found = [p for p in problems if p.field == field and p.code == "year"]
        assert found and found[0].is_error, problems
        assert f"tahun {year} tidak masuk akal" in found[0].message
        assert f"antara {MIN_YEAR} dan {NEXT_YEAR}" in found[0].message
    a_patrol = patrol(NOW - timedelta(hours=3), 1)
    problems = validate_patrol(replace(a_patrol, start_at=when), now=NOW)
    assert ("start_at", "year") in codes(problems)
    a_meeting = meeting(NOW - timedelta(hours=3), 1)
    problems = validate_meeting(replace(a_meeting, held_at=when), now=NOW)
    assert ("held_at", "year") in codes(problems)


def test_dates_within_the_years_pass() -> None:
    assert ("received_at", "year") not in codes(validate_visit(
        lp(datetime(1900, 1, 1, 12, tzinfo=UTC), None, occurred_at=None), now=NOW))
    issue = MeetingIssue("Lampu mati", owner_agency="Desa", due_date=date(NEXT_YEAR, 12, 31))
    a_meeting = replace(meeting(NOW - timedelta(hours=3), 1), issues=(issue,))
    assert not [p for p in validate_meeting(a_meeting, now=NOW) if p.is_error]


def test_birth_and_due_dates_are_bounded() -> None:
    visit = lp(NOW, None)
    old = replace(visit.parties[0], birth_date=date(1800, 5, 5), nik="")
    problems = validate_visit(replace(visit, parties=(old, *visit.parties[1:])), now=NOW)
    assert ("parties[0].birth_date", "year") in codes(problems)
    issue = MeetingIssue("Lampu mati", owner_agency="Desa", due_date=date(NEXT_YEAR + 1, 1, 1))
    problems = validate_meeting(replace(meeting(NOW - timedelta(hours=3), 1), issues=(issue,)),
                                now=NOW)
    assert ("issues[0].due_date", "year") in codes(problems)


def test_occurrence_after_receipt_is_refused_by_the_store(store: Store, officer: Officer,
                                                           clock) -> None:
    visit = lp(clock() - timedelta(hours=1), officer.id, occurred_at=clock())
    with pytest.raises(InvalidRecord) as refused:
        store.visits.create(visit, officer.id)
    assert ("occurred_at", "order") in codes(refused.value.problems)


@pytest.mark.parametrize("year", [1, 1800, NEXT_YEAR + 1])
def test_a_csv_year_out_of_range_names_the_line_and_column(store: Store, tmp_path: Path,
                                                           year: int) -> None:
    path = write_csv(tmp_path / "lp.csv", [
        plain("2024-02-10 09:30"),
        plain(f"{year:04d}-01-01 00:00"),
        plain("2024-02-10 09:30", occurred_at=f"{year:04d}-02-10 07:00"),
    ])
    report = import_reports(store, path)
    assert report.imported == 0
    texts = [p.text() for p in report.errors]
    assert texts == [
        f"Baris 3, kolom received_at: waktu diterima: tahun {year} tidak masuk akal; tahun "
        f"harus antara 1900 dan {NEXT_YEAR}.",
        f"Baris 4, kolom occurred_at: waktu kejadian: tahun {year} tidak masuk akal; tahun "
        f"harus antara 1900 dan {NEXT_YEAR}.",
    ]


def test_a_csv_incident_after_its_report_is_refused(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lp.csv",
                     [plain("2024-02-10 09:30", occurred_at="2024-02-10 10:30")])
    report = import_reports(store, path)
    assert [(p.line, p.column) for p in report.errors] == [(2, "occurred_at")]


# ---------------------------------------------------------------- lengths (item 12)


OUTGOING: dict[type, object] = {
    WeeklyAnalysis: WeeklyAnalysis(NOW.date(), "2024-W07", ""),
    CoverLetter: CoverLetter("uuid", "Kapolres", ("LP",)),
    Dispatch: Dispatch(NOW, "Surat", "", "Camat"),
    Sp2hpLetter: Sp2hpLetter("uuid", "A1", "diterima"),  # app/store/register/repo.py
}


def test_every_limited_field_refuses_one_character_more() -> None:
    """Each entry of LIMITS is checked by its record's validator, on its own path."""
    visit = lp(NOW, None)
    a_patrol = patrol(NOW - timedelta(hours=3), 1)
    a_meeting = meeting(NOW - timedelta(hours=3), 1)
    checked = set()
    for (cls, name), limit in LIMITS.items():
        text = "x" * (limit.length + 1)
        if cls is Visit:
            problems = validate_visit(replace(visit, **{name: text}), now=NOW)
            path = name
        elif cls is Party:
            party = replace(visit.parties[0], **{name: text})
            problems = validate_visit(replace(visit, parties=(party,)), now=NOW)
            path = f"parties[0].{name}"
        elif cls is Patrol:
            problems = validate_patrol(replace(a_patrol, **{name: text}), now=NOW)
            path = name
        elif cls is PatrolPlace:
            place = replace(a_patrol.places[0], **{name: text})
            problems = validate_patrol(replace(a_patrol, places=(place,)), now=NOW)
            path = f"places[0].{name}"
        elif cls is Meeting:
            problems = validate_meeting(replace(a_meeting, **{name: text}), now=NOW)
            path = name
        elif cls in OUTGOING:  # checked by their store repositories (app/store/dispatches.py)
            record = replace(OUTGOING[cls], **{name: text})
            messages = dict(length_problems(record))
            assert messages == {name: length_message(limit.label, limit.length,
                                                     limit.length + 1)}, (cls.__name__, name)
            assert not length_problems(replace(record, **{name: text[:-1]}))
            checked.add((cls, name))
            continue
        elif cls is MeetingIssue:
            issue = replace(a_meeting.issues[0], **{name: text})
            problems = validate_meeting(replace(a_meeting, issues=(issue,)), now=NOW)
            path = f"issues[0].{name}"
        else:  # LostItem, Loss, AcceptedWarning: checked through their visit
            from app.domain.models import AcceptedWarning, Loss, LostItem

            part = {LostItem: LostItem("KTP"), Loss: Loss("motor"),
                    AcceptedWarning: AcceptedWarning("nik", "nik_invalid", "paspor")}[cls]
            holder = {LostItem: "lost_items", Loss: "losses",
                      AcceptedWarning: "accepted_warnings"}[cls]
            problems = validate_visit(replace(visit, **{holder: (replace(part, **{name: text}),)}),
                                      now=NOW)
            path = f"{holder}[0].{name}"
        found = [p for p in problems if p.field == path and p.code == "too_long"]
        assert found and found[0].is_error, (cls.__name__, name, problems)
        assert f"paling banyak {limit.length:,}".replace(",", ".") in found[0].message
        assert limit.label in found[0].message
        checked.add((cls, name))
        # exactly the limit passes
        assert "x" * limit.length == text[:-1]
    assert checked == set(LIMITS)


def test_the_limit_counts_what_is_stored() -> None:
    name = "A" * 100 + "\x00" * 50  # NUL is removed before it is stored: 100 characters
    visit = lp(NOW, None)
    party = replace(visit.parties[0], name=name)
    assert not [p for p in validate_visit(replace(visit, parties=(party,)), now=NOW)
                if p.code == "too_long"]


def test_the_store_refuses_a_5000_character_name(store: Store, officer: Officer, clock) -> None:
    visit = lp(clock(), officer.id)
    party = replace(visit.parties[0], name="N" * 5000)
    with pytest.raises(InvalidRecord) as refused:
        store.visits.create(replace(visit, parties=(party, *visit.parties[1:])), officer.id)
    assert ("parties[0].name", "too_long") in codes(refused.value.problems)


def test_a_csv_with_a_5000_character_name_names_the_line_and_column(
        store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lp.csv", [plain("2024-02-10 09:30"),
                                           plain("2024-02-10 09:40", reporter_name="N" * 5000),
                                           plain("2024-02-10 09:50", narrative="u" * 5001)])
    report = import_reports(store, path)
    assert report.imported == 0
    assert [p.text() for p in report.errors] == [
        "Baris 3, kolom reporter_name: Nama terlalu panjang: paling banyak 100 karakter, "
        "sekarang 5.000.",
        "Baris 4, kolom narrative: Uraian singkat kejadian terlalu panjang: paling banyak "
        "5.000 karakter, sekarang 5.001.",
    ]


# ---------------------------------------------------------------- control characters (13)


def test_clean_text_removes_invisible_characters() -> None:
    assert clean_text(EVIL) == "[31mSiti Aminah"
    assert clean_text("baris satu\r\nbaris\tdua\rtiga", multiline=True) == \
        "baris satu\nbaris\tdua\ntiga"
    assert clean_text("Siti\nAminah\tBinti") == "Siti Aminah Binti"
    # what scripts need stays: zero-width joiner, accents, a non-breaking space
    assert clean_text("ক্\u200dষ Ané\u00a0B") == "ক্\u200dষ Ané\u00a0B"
    for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0x85),
                 *range(0x86, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        assert clean_text(f"a{chr(code)}b", multiline=True) == "ab", hex(code)
        assert clean_text(f"a{chr(code)}b") == "ab", hex(code)
    # the Unicode line breaks are line breaks (a space in a one-line field)
    for code in (0x85, 0x2028, 0x2029):
        assert clean_text(f"a{chr(code)}b", multiline=True) == "a\nb"
        assert clean_text(f"a{chr(code)}b") == "a b"


def test_clean_record_reaches_every_part() -> None:
    visit = lp(NOW, None, narrative=f"Motor\x00 hilang\r\n{EVIL}",
               parties=(Party(role="pelapor", name=EVIL, street="Jl.\x1b Mawar\n2"),))
    cleaned = clean_record(visit)
    assert cleaned.parties[0].name == "[31mSiti Aminah"
    assert cleaned.parties[0].street == "Jl. Mawar 2"
    assert cleaned.narrative == "Motor hilang\n[31mSiti Aminah"
    assert clean_record(cleaned) is cleaned  # nothing to clean: the same object


def test_the_store_never_stores_nor_exports_control_characters(
        store: Store, officer: Officer, clock, tmp_path: Path) -> None:
    visit = lp(clock(), officer.id, narrative=f"Motor hilang\x00\u202e{EVIL}")
    party = replace(visit.parties[0], name=EVIL, occupation="Petani\x1b")
    saved = store.visits.create(replace(visit, parties=(party, *visit.parties[1:])),
                                officer.id).record
    assert saved.parties[0].name == "[31mSiti Aminah"
    assert saved.parties[0].occupation == "Petani"
    edited = store.visits.update(replace(saved, place_detail="teras\u2067 rumah\x00"),
                                 officer.id).record
    assert edited.place_detail == "teras rumah"
    a_patrol = patrol(clock() - timedelta(hours=3), officer.id)
    place = replace(a_patrol.places[0], himbauan="Kunci\x00 ganda\u202e")
    store.patrols.save(replace(a_patrol, places=(place,), notes=EVIL), officer.id)
    a_meeting = meeting(clock() - timedelta(hours=3), officer.id)
    issue = replace(a_meeting.issues[0], description=f"Lampu\x1b mati{EVIL}")
    store.meetings.save(replace(a_meeting, issues=(issue,), topics=EVIL), officer.id)
    raw = b"".join(bytes(str(row), "utf-8") for table in ("visits", "visit_parties", "patrols",
                                                            "patrol_places", "meetings",
                                                            "meeting_issues")
                   for row in store.db.execute(f"SELECT * FROM {table}").fetchall())
    for bad in ("\x00", "\x1b", "\u202e", "\u2066", "\u2067", "\u2069", "\x07", "\x9b"):
        assert bad.encode() not in raw and repr(bad)[1:-1].encode() not in raw
    for export, name in ((export_reports, "lp.csv"), (export_patrols, "p.csv"),
                         (export_meetings, "m.csv")):
        out = tmp_path / name
        export(store, out)
        text = out.read_text(encoding="utf-8-sig")
        assert not any(ch in text for ch in "\x00\x1b\u202e\u2066\u2067\u2069\x07\x9b")


def test_the_csv_import_removes_control_characters(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lp.csv", [plain("2024-02-10 09:30", reporter_name=EVIL,
                                                 narrative="Motor\x00 hilang\x1b",
                                                 category="curanmor\u202e")])
    report = import_reports(store, path)
    assert report.ok and report.imported == 1, report.errors
    visit = store.visits.get(1)
    assert visit.parties[0].name == "[31mSiti Aminah"
    assert visit.narrative == "Motor hilang" and visit.category == "curanmor"
