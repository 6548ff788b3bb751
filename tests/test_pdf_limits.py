"""Issue 15 item 12: every document prints every record whose texts are within their limits
(app/validation/limits.py), on as many pages as it takes: each field filled to its maximum,
the PDF parsed with pypdf, the end of every long text found on a later page."""

from __future__ import annotations

import io
from dataclasses import fields, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.models import (
    AcceptedWarning,
    Loss,
    LostItem,
    Meeting,
    MeetingIssue,
    Officer,
    ParticipantCount,
    Party,
    Patrol,
    PatrolPlace,
    RecordMeta,
    StationProfile,
    Visit,
)
from app.pdf.meeting_record import render_meeting_record
from app.pdf.patrol_report import render_patrol_report
from app.pdf.receipts import render_citizen_document
from app.store import Store
from app.validation import LIMITS, validate_meeting, validate_patrol, validate_visit

WHEN = datetime(2024, 2, 14, 2, 0, tzinfo=UTC)
NOW = WHEN + timedelta(days=1)
OFFICER = Officer("ANDI SAPUTRA", "BRIPKA", "85061234", position="KA SPKT I",
                  meta=RecordMeta(1, "u-1", "PEDAMARAN", WHEN, None, WHEN, None, 1))


def words(length: int, tag: str) -> str:
    """`length` characters of ordinary words ending in `tag` (found in the PDF's text),
    with a paragraph break now and then, as a typed narrative has."""
    body = []
    n = 0
    while sum(len(w) + 1 for w in body) < length:
        n += 1
        body.append("kalimat" if n % 40 else "akhir.\n\nParagraf")
    text = " ".join(body)
    return text[: length - len(tag) - 1].rstrip() + " " + tag


def long_word(length: int, tag: str) -> str:
    """One word of `length` characters (a pasted URL, a number without spaces)."""
    return "W" * (length - len(tag)) + tag


def filled(record: object, fill=words) -> object:
    """`record` with every text of LIMITS at its maximum, tagged with the field's name."""
    changes = {}
    for field in fields(record):  # type: ignore[arg-type]
        limit = LIMITS.get((type(record), field.name))
        value = getattr(record, field.name)
        if limit is not None:
            tag = f"AKHIR{field.name.replace('_', '').upper()}"
            changes[field.name] = (fill(limit.length, tag) if limit.multiline
                                   else long_word(limit.length, tag) if fill is long_word
                                   else words(limit.length, tag).replace("\n", " "))
        elif isinstance(value, tuple) and value and hasattr(value[0], "__dataclass_fields__"):
            changes[field.name] = tuple(filled(item, fill) for item in value)
    return replace(record, **changes)  # type: ignore[type-var]


def text_of(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return "".join(text.split()), len(reader.pages)


def party(role: str) -> Party:
    return Party(role=role, name="x", nik="1602075203900003", sex="P",
                 birth_date=date(1990, 3, 12), phone="+6281234567890")


def max_visit(service: str, fill=words) -> Visit:
    visit = Visit(
        service=service, received_at=WHEN, receiving_officer_id=1, lp_model="B"
        if service == "lp" else None, number="LP/B/7/II/2024/SPKT/POLSEK PEDAMARAN",
        parties=(party("pengadu" if service in ("pengaduan", "dumas") else "pelapor"),
                 party("terlapor"), party("teradu"), party("saksi")),
        occurred_at=WHEN - timedelta(hours=1), category="curanmor", place_type="rumah",
        losses=tuple(Loss("x", 15_000_000) for _ in range(8)),
        lost_items=tuple(LostItem("KTP", "1", "x") for _ in range(8)),
        accepted_warnings=(AcceptedWarning("parties[0].nik", "nik_invalid", "x"),),
    )
    visit = filled(visit, fill)
    # the parties' phone and NIK are checked for their form; fill them to the limit
    # with what passes: the PDF must print them anyway
    return visit  # type: ignore[return-value]


@pytest.mark.parametrize("fill", [words, long_word], ids=["words", "one-long-word"])
@pytest.mark.parametrize("service", ["lp", "kehilangan", "pengaduan", "dumas"])
@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_receipts_print_every_field_at_its_maximum(service: str, paper: str, fill) -> None:
    visit = max_visit(service, fill)
    too_long = [p for p in validate_visit(visit, now=NOW) if p.code == "too_long"]
    assert not too_long, too_long  # exactly at the limits
    out = io.BytesIO()
    render_citizen_document(visit, profile=StationProfile(paper=paper), officer=OFFICER,
                            copy=True, out=out, category_label="Curanmor",
                            place_label="Rumah")
    text, pages = text_of(out.getvalue())
    assert pages > 1
    assert "AKHIRNAME" in text and "Demikian" in text and "SALINAN" in text
    if service == "lp":
        assert "AKHIRNARRATIVE" in text and "AKHIRMODUSOPERANDI" in text
        assert "AKHIRPLACEDETAIL" in text and "AKHIRSTREET" in text
    if service == "kehilangan":
        assert "AKHIRDESCRIPTION" in text and "AKHIRNARRATIVE" in text
    if service in ("pengaduan", "dumas"):
        assert "AKHIRCOMPLAINTSUBJECT" in text and "AKHIRNARRATIVE" in text


def max_patrol(fill=words) -> Patrol:
    patrol = Patrol(patrol_type="operasi", mode="r2", start_at=WHEN, end_at=WHEN +
                    timedelta(hours=3), leader_id=1, member_ids=(1,),
                    places=tuple(PatrolPlace("x", "x", WHEN + timedelta(minutes=5 * i), "aman",
                                             "x", 3, "x") for i in range(6)))
    return filled(patrol, fill)  # type: ignore[return-value]


@pytest.mark.parametrize("fill", [words, long_word], ids=["words", "one-long-word"])
@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_patrol_report_prints_every_field_at_its_maximum(paper: str, fill) -> None:
    patrol = max_patrol(fill)
    assert not [p for p in validate_patrol(patrol, now=NOW) if p.code == "too_long"]
    out = io.BytesIO()
    render_patrol_report(patrol, profile=StationProfile(paper=paper), officers={1: OFFICER},
                         out=out)
    text, pages = text_of(out.getvalue())
    assert pages > 1
    for tag in ("AKHIRFINDINGS", "AKHIRNOTES", "AKHIRHIMBAUAN", "AKHIRPLACE",
                "AKHIROPERATIONNAME", "Demikian"):
        assert tag in text, tag


def max_meeting(fill=words) -> Meeting:
    meeting = Meeting(meeting_type="jumat_curhat", held_at=WHEN, desa="x", place="x",
                      leader_id=1, participants=(ParticipantCount("pemuda", 5),),
                      issues=tuple(MeetingIssue("x", category="lainnya", desa="x", action="x",
                                                owner_officer_id=1, owner_agency="x",
                                                due_date=date(2024, 3, 1)) for _ in range(4)))
    return filled(meeting, fill)  # type: ignore[return-value]


@pytest.mark.parametrize("fill", [words, long_word], ids=["words", "one-long-word"])
@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_meeting_record_prints_every_field_at_its_maximum(paper: str, fill) -> None:
    meeting = max_meeting(fill)
    assert not [p for p in validate_meeting(meeting, now=NOW) if p.code == "too_long"]
    out = io.BytesIO()
    render_meeting_record(meeting, profile=StationProfile(paper=paper), officers={1: OFFICER},
                          out=out, category_labels={"lainnya": "Lainnya"})
    text, pages = text_of(out.getvalue())
    assert pages > 2
    for tag in ("AKHIRTOPICS", "AKHIRNOTES", "AKHIRDESCRIPTION", "AKHIRACTION",
                "AKHIROWNERAGENCY", "DAFTARHADIR"):
        assert tag in text, tag


def test_weekly_review_prints_records_at_their_maximum(tmp_path: Path) -> None:
    from app.weekly.figures import compute_weekly, station_week
    from app.weekly.pdf import render_weekly_pdf

    clock = lambda: NOW  # noqa: E731
    with Store(tmp_path / "piket.db", clock=clock) as store:
        officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
        for i, fill in enumerate((words, long_word)):
            visit = replace(max_visit("lp", fill), number=None, receiving_officer_id=officer.id,
                            incident_desa="Serinanti", notable=True, accepted_warnings=(),
                            received_at=WHEN + timedelta(minutes=i), lost_items=(),
                            parties=(replace(max_visit("lp", fill).parties[0], nik="",
                                             phone=""),))
            store.visits.create(visit, officer.id)
        out = io.BytesIO()
        render_weekly_pdf(compute_weekly(store, station_week(store.profile(), "2024-W07")), out)
    text, pages = text_of(out.getvalue())
    assert "KEJADIANMENONJOL" in text and "KEPALAKEPOLISIANSEKTOR" in text
