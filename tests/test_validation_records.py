"""Unit tests of the record validators: a valid record passes, each rule fails on its field."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.domain.models import (
    AcceptedWarning,
    IssueStatusChange,
    Loss,
    LostItem,
    Meeting,
    MeetingIssue,
    ParticipantCount,
    Party,
    Patrol,
    PatrolPlace,
    Visit,
)
from app.validation import (
    Problem,
    blocking,
    validate_meeting,
    validate_patrol,
    validate_visit,
)

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2024, 2, 14, 10, 0, tzinfo=WIB)
RECEIVED = datetime(2024, 2, 14, 9, 0, tzinfo=WIB)
OFFICERS = frozenset({1, 2, 3, 4})
DESA = ("Serinanti", "Pedamaran I", "Burnai Timur", "Cinta Jaya")
CATEGORIES = ("curat", "curanmor", "pencurian", "penganiayaan", "lainnya")

REPORTER = Party(
    role="pelapor",
    name="Siti Aminah",
    nik="1602075203900003",
    sex="P",
    birth_place="Pedamaran",
    birth_date=date(1990, 3, 12),
    occupation="Petani",
    phone="0812-3456-7890",
    desa="Serinanti",
)


def lp_b() -> Visit:
    return Visit(
        service="lp",
        received_at=RECEIVED,
        receiving_officer_id=1,
        lp_model="B",
        parties=(
            REPORTER,
            Party(role="terlapor", unknown=True, note="laki-laki, jaket hitam"),
        ),
        occurred_at=RECEIVED - timedelta(hours=3),
        incident_desa="Serinanti",
        place_type="rumah",
        category="curanmor",
        narrative="Sepeda motor pelapor hilang dari teras rumah.",
        losses=(Loss("Honda Beat BG 1234 XY", 15_000_000),),
        dispatched_officer_id=2,
        dispatched_at=RECEIVED + timedelta(minutes=5),
        arrived_at=RECEIVED + timedelta(minutes=14),
        status="ditangani",
        needs_visit=True,
    )


def check(visit: Visit) -> tuple[Problem, ...]:
    return validate_visit(visit, now=NOW, categories=CATEGORIES, desa_names=DESA, officer_ids=OFFICERS)


def codes_of(problems: tuple[Problem, ...]) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in problems}


def the_problem(problems: tuple[Problem, ...], field: str, code: str) -> Problem:
    found = [p for p in problems if (p.field, p.code) == (field, code)]
    assert len(found) == 1, problems
    return found[0]


# ---------------------------------------------------------------- visits: valid records


def test_valid_lp_b_passes() -> None:
    assert check(lp_b()) == ()


def test_valid_lp_without_optional_lists() -> None:
    assert validate_visit(lp_b(), now=NOW) == ()


def test_valid_lp_a_made_by_officer_needs_no_citizen() -> None:
    visit = replace(lp_b(), lp_model="A", parties=(), source_patrol_uuid="abc")
    assert check(visit) == ()


def test_valid_kehilangan() -> None:
    visit = Visit(
        service="kehilangan",
        received_at=RECEIVED,
        receiving_officer_id=1,
        parties=(REPORTER,),
        lost_items=(LostItem("KTP", "1602075203900003"), LostItem("STNK")),
    )
    assert check(visit) == ()


@pytest.mark.parametrize("role", ["pelapor", "pengadu"])
@pytest.mark.parametrize("service", ["pengaduan", "dumas"])
def test_valid_complaints(service: str, role: str) -> None:
    visit = Visit(
        service=service,
        received_at=RECEIVED,
        parties=(replace(REPORTER, role=role), Party(role="teradu", name="Budi")),
        complaint_subject="Sengketa batas kebun",
    )
    assert check(visit) == ()


def test_valid_informasi_needs_nothing_more() -> None:
    assert check(Visit(service="informasi", received_at=RECEIVED)) == ()


def test_valid_lainnya() -> None:
    visit = Visit(service="lainnya", received_at=RECEIVED, other_reason="Minta legalisir")
    assert check(visit) == ()


def test_final_status_with_resolved_time_passes() -> None:
    visit = replace(lp_b(), status="selesai", resolved_at=NOW)
    assert check(visit) == ()


def test_religion_is_optional_and_free() -> None:
    visit = replace(lp_b(), parties=(replace(REPORTER, religion=""),))
    assert check(visit) == ()


# ---------------------------------------------------------------- visits: each rule


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"service": "sidik_jari"}, "service", "unknown"),
        ({"service": ""}, "service", "required"),
        ({"category": ""}, "category", "required"),
        ({"category": "santet"}, "category", "unknown"),
        ({"lp_model": None}, "lp_model", "required"),
        ({"lp_model": "C"}, "lp_model", "unknown"),
        ({"narrative": "  "}, "narrative", "required"),
        ({"status": "hilang"}, "status", "unknown"),
        ({"incident_desa": "Kayuagung"}, "incident_desa", "unknown"),
        ({"receiving_officer_id": 99}, "receiving_officer_id", "unknown_officer"),
        ({"dispatched_officer_id": 99}, "dispatched_officer_id", "unknown_officer"),
        ({"losses": (Loss("Motor", -1),)}, "losses[0].value_rp", "negative"),
        ({"losses": (Loss("", 5),)}, "losses[0].description", "required"),
    ],
)
def test_lp_rule_errors(changes: dict[str, object], field: str, code: str) -> None:
    problems = check(replace(lp_b(), **changes))  # type: ignore[arg-type]
    assert the_problem(problems, field, code).severity == "error"


def test_lp_b_needs_a_reporter() -> None:
    visit = replace(lp_b(), parties=(Party(role="terlapor", unknown=True),))
    problem = the_problem(check(visit), "parties", "reporter_required")
    assert problem.message == "Data pelapor wajib diisi."


def test_reporter_needs_a_name() -> None:
    visit = replace(lp_b(), parties=(replace(REPORTER, name=" "),))
    assert codes_of(check(visit)) == {("parties[0].name", "required")}


def test_reporter_marked_unknown_still_needs_a_name() -> None:
    visit = replace(lp_b(), parties=(replace(REPORTER, name="", unknown=True),))
    assert codes_of(check(visit)) == {("parties[0].name", "required")}


def test_unknown_suspect_needs_no_name() -> None:
    visit = replace(lp_b(), parties=(REPORTER, Party(role="terlapor", unknown=True)))
    assert check(visit) == ()


def test_known_party_needs_a_name() -> None:
    visit = replace(lp_b(), parties=(REPORTER, Party(role="saksi")))
    assert codes_of(check(visit)) == {("parties[1].name", "required")}


def test_party_role_and_sex_must_be_known() -> None:
    visit = replace(lp_b(), parties=(REPORTER, Party(role="tetangga", name="A", sex="W")))
    assert codes_of(check(visit)) == {("parties[1].role", "unknown"), ("parties[1].sex", "unknown")}


def test_lp_a_needs_receiving_officer() -> None:
    visit = replace(lp_b(), lp_model="A", parties=(), receiving_officer_id=None)
    assert codes_of(check(visit)) == {("receiving_officer_id", "required")}


def test_pengaduan_needs_reporter() -> None:
    visit = Visit(service="pengaduan", received_at=RECEIVED, parties=(Party("teradu", "Budi"),))
    assert codes_of(check(visit)) == {("parties", "reporter_required")}


def test_kehilangan_needs_reporter_and_items() -> None:
    visit = Visit(service="kehilangan", received_at=RECEIVED)
    assert codes_of(check(visit)) == {
        ("parties", "reporter_required"),
        ("lost_items", "required"),
    }


def test_kehilangan_item_needs_doc_type() -> None:
    visit = Visit(
        service="kehilangan",
        received_at=RECEIVED,
        parties=(REPORTER,),
        lost_items=(LostItem("KTP"), LostItem(" ", number="123")),
    )
    assert codes_of(check(visit)) == {("lost_items[1].doc_type", "required")}


def test_lainnya_needs_a_reason() -> None:
    visit = Visit(service="lainnya", received_at=RECEIVED)
    assert codes_of(check(visit)) == {("other_reason", "required")}


def test_party_nik_sex_mismatch_is_a_warning_on_the_party() -> None:
    visit = replace(lp_b(), parties=(replace(REPORTER, sex="L"),))
    problem = the_problem(check(visit), "parties[0].nik", "nik_sex_mismatch")
    assert problem.is_warning
    assert "perempuan" in problem.message


def test_party_malformed_nik_can_be_overridden() -> None:
    visit = replace(lp_b(), parties=(replace(REPORTER, nik="A 1234567"),))
    problems = check(visit)
    assert codes_of(problems) == {("parties[0].nik", "nik_invalid")}
    reason = AcceptedWarning("parties[0].nik", "nik_invalid", "Pelapor WNA, paspor A1234567")
    assert blocking(problems, [reason]) == ()
    blank = AcceptedWarning("parties[0].nik", "nik_invalid", " ")
    assert blocking(problems, [blank]) == problems


def test_party_phone_invalid_is_an_error() -> None:
    visit = replace(lp_b(), parties=(replace(REPORTER, phone="12-34"),))
    problem = the_problem(check(visit), "parties[0].phone", "phone_invalid")
    assert problem.severity == "error"


def test_party_birth_date_in_future() -> None:
    visit = replace(lp_b(), parties=(replace(REPORTER, nik="", birth_date=date(2030, 1, 1)),))
    assert codes_of(check(visit)) == {("parties[0].birth_date", "future")}


def test_party_birth_date_implausibly_old_is_a_warning() -> None:
    visit = replace(lp_b(), parties=(replace(REPORTER, nik="", birth_date=date(1901, 1, 1)),))
    problem = the_problem(check(visit), "parties[0].birth_date", "implausible")
    assert problem.is_warning


def test_party_birth_date_before_1900_is_an_error() -> None:
    for year in (1, 1800, 1899):
        visit = replace(lp_b(), parties=(replace(REPORTER, nik="", birth_date=date(year, 1, 1)),))
        problem = the_problem(check(visit), "parties[0].birth_date", "year")
        assert problem.is_error
        assert f"tahun {year} tidak masuk akal" in problem.message and "1900" in problem.message


# ---------------------------------------------------------------- visits: times


def test_occurred_after_received_is_an_error() -> None:
    visit = replace(lp_b(), occurred_at=RECEIVED + timedelta(minutes=1))
    problem = the_problem(check(visit), "occurred_at", "order")
    assert problem.is_error and "tidak boleh sesudah" in problem.message


def test_dispatched_before_received() -> None:
    visit = replace(lp_b(), dispatched_at=RECEIVED - timedelta(minutes=1))
    assert the_problem(check(visit), "dispatched_at", "order").severity == "error"


def test_arrived_before_dispatched() -> None:
    visit = replace(lp_b(), arrived_at=RECEIVED + timedelta(minutes=4))
    problem = the_problem(check(visit), "arrived_at", "order")
    assert problem.message == "Waktu tiba di TKP tidak boleh sebelum waktu pemberangkatan."


def test_arrived_needs_dispatched() -> None:
    visit = replace(lp_b(), dispatched_at=None)
    assert codes_of(check(visit)) == {("dispatched_at", "required")}


def test_resolved_before_received() -> None:
    visit = replace(lp_b(), status="selesai", resolved_at=RECEIVED - timedelta(seconds=1))
    assert codes_of(check(visit)) == {("resolved_at", "order")}


def test_final_status_without_resolved_time_is_a_warning() -> None:
    for status in ("selesai", "rj", "dilimpahkan", "dicabut"):
        problem = the_problem(check(replace(lp_b(), status=status)), "resolved_at", "required")
        assert problem.is_warning


def test_resolved_time_without_final_status_is_a_warning() -> None:
    problem = the_problem(check(replace(lp_b(), resolved_at=NOW)), "resolved_at", "status_not_final")
    assert problem.is_warning


@pytest.mark.parametrize(
    "field", ["received_at", "occurred_at", "dispatched_at", "arrived_at", "resolved_at"]
)
def test_nothing_in_the_future(field: str) -> None:
    later = NOW + timedelta(minutes=5, seconds=1)
    visit = replace(
        lp_b(),
        received_at=RECEIVED,
        occurred_at=None,
        dispatched_at=None,
        arrived_at=None,
        status="selesai",
        resolved_at=NOW,
    )
    visit = replace(visit, **{field: later})  # type: ignore[arg-type]
    if field == "arrived_at":
        visit = replace(visit, dispatched_at=RECEIVED)
    assert the_problem(check(visit), field, "future").severity == "error"


def test_five_minutes_of_clock_skew_is_tolerated() -> None:
    visit = replace(lp_b(), received_at=NOW + timedelta(minutes=5))
    visit = replace(visit, dispatched_at=None, arrived_at=None)
    assert check(visit) == ()


def test_times_in_other_zones_compare_as_moments() -> None:
    # 02:05 UTC is 09:05 WIB: after 09:00 WIB received, so no order problem.
    dispatched = datetime(2024, 2, 14, 2, 5, tzinfo=UTC)
    visit = replace(lp_b(), dispatched_at=dispatched, arrived_at=dispatched + timedelta(minutes=9))
    assert check(visit) == ()


def test_naive_time_is_reported_not_raised() -> None:
    visit = replace(lp_b(), occurred_at=datetime(2024, 2, 14, 8, 0))
    assert codes_of(check(visit)) == {("occurred_at", "timezone")}


def test_naive_now_is_a_caller_bug() -> None:
    with pytest.raises(ValueError):
        validate_visit(lp_b(), now=datetime(2024, 2, 14, 10, 0))


# ---------------------------------------------------------------- patrols


def patrol() -> Patrol:
    start = datetime(2024, 2, 13, 19, 0, tzinfo=WIB)
    return Patrol(
        patrol_type="malam",
        mode="r2",
        start_at=start,
        end_at=start + timedelta(hours=3),
        leader_id=1,
        member_ids=(2, 3),
        targets=("3c", "balap_liar"),
        places=(
            PatrolPlace("Serinanti", "Pasar", start + timedelta(minutes=30), "aman", "", 12),
            PatrolPlace("Pedamaran I", "Simpang", None, "pg", "Jaga motor", 0),
        ),
    )


def check_patrol(value: Patrol) -> tuple[Problem, ...]:
    return validate_patrol(value, now=NOW, officer_ids=OFFICERS, desa_names=DESA)


def test_valid_patrol_passes() -> None:
    assert check_patrol(patrol()) == ()
    assert validate_patrol(patrol(), now=NOW) == ()


def test_valid_operation_passes() -> None:
    assert check_patrol(replace(patrol(), patrol_type="operasi", operation_name="Pekat")) == ()


def place(**changes: object) -> tuple[PatrolPlace, ...]:
    return (replace(patrol().places[0], **changes),)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"patrol_type": "piknik"}, "patrol_type", "unknown"),
        ({"patrol_type": ""}, "patrol_type", "required"),
        ({"mode": "helikopter"}, "mode", "unknown"),
        ({"patrol_type": "operasi"}, "operation_name", "required"),
        ({"leader_id": None}, "leader_id", "required"),
        ({"leader_id": 99}, "leader_id", "unknown_officer"),
        ({"member_ids": (2, 77)}, "member_ids[1]", "unknown_officer"),
        ({"places": ()}, "places", "required"),
        ({"places": place(desa="")}, "places[0].desa", "required"),
        ({"places": place(desa="Kayuagung")}, "places[0].desa", "unknown"),
        ({"places": place(situation="rawan")}, "places[0].situation", "unknown"),
        ({"places": place(people_reached=-3)}, "places[0].people_reached", "negative"),
    ],
)
def test_patrol_rule_errors(changes: dict[str, object], field: str, code: str) -> None:
    problems = check_patrol(replace(patrol(), **changes))  # type: ignore[arg-type]
    assert the_problem(problems, field, code).severity == "error"


def test_patrol_member_message() -> None:
    problem = the_problem(
        check_patrol(replace(patrol(), member_ids=(77,))), "member_ids[0]", "unknown_officer"
    )
    assert problem.message == "Anggota ke-1 tidak ada di daftar personel."


@pytest.mark.parametrize("hours", [0, -1])
def test_patrol_end_must_follow_start(hours: int) -> None:
    value = patrol()
    value = replace(value, end_at=value.start_at + timedelta(hours=hours), places=place(at=None))
    assert codes_of(check_patrol(value)) == {("end_at", "order")}


def test_patrol_longer_than_a_day_is_a_warning() -> None:
    start = patrol().start_at - timedelta(days=2)
    value = replace(patrol(), start_at=start, end_at=start + timedelta(hours=25))
    value = replace(value, places=place(at=start + timedelta(hours=1)))
    problems = check_patrol(value)
    assert codes_of(problems) == {("end_at", "too_long")}
    assert problems[0].is_warning


def test_patrol_in_the_future() -> None:
    start = NOW + timedelta(hours=1)
    value = replace(patrol(), start_at=start, end_at=start + timedelta(hours=2), places=place(at=None))
    assert codes_of(check_patrol(value)) == {("start_at", "future"), ("end_at", "future")}


def test_place_time_outside_patrol_is_a_warning() -> None:
    value = patrol()
    for at in (value.start_at - timedelta(minutes=1), value.end_at + timedelta(minutes=1)):
        problems = check_patrol(replace(value, places=place(at=at)))
        assert the_problem(problems, "places[0].at", "outside_patrol").is_warning


def test_place_time_on_the_edges_is_fine() -> None:
    value = patrol()
    for at in (value.start_at, value.end_at):
        assert check_patrol(replace(value, places=place(at=at))) == ()


# ---------------------------------------------------------------- meetings


def meeting() -> Meeting:
    return Meeting(
        meeting_type="jumat_curhat",
        held_at=datetime(2024, 2, 9, 8, 30, tzinfo=WIB),
        desa="Cinta Jaya",
        place="Balai desa",
        leader_id=1,
        participants=(ParticipantCount("tokoh_masyarakat", 12), ParticipantCount("pemuda", 20)),
        topics="Balap liar, pencurian ternak",
        issues=(
            MeetingIssue(
                "Balap liar tiap malam Minggu",
                category="balap_liar",
                desa="Cinta Jaya",
                action="Patroli malam Sabtu dan Minggu",
                owner_officer_id=2,
                due_date=date(2024, 2, 17),
                history=(IssueStatusChange("terbuka", NOW, 1),),
            ),
            MeetingIssue(
                "Lampu jalan mati",
                owner_agency="Pemerintah Desa",
                due_date=date(2024, 2, 9),
                status="diteruskan",
            ),
        ),
    )


def check_meeting(value: Meeting) -> tuple[Problem, ...]:
    return validate_meeting(value, now=NOW, desa_names=DESA, officer_ids=OFFICERS)


def test_valid_meeting_passes() -> None:
    assert check_meeting(meeting()) == ()
    assert validate_meeting(meeting(), now=NOW) == ()


def issue(**changes: object) -> tuple[MeetingIssue, ...]:
    return (replace(meeting().issues[0], **changes),)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"meeting_type": "arisan"}, "meeting_type", "unknown"),
        ({"held_at": NOW + timedelta(minutes=6)}, "held_at", "future"),
        ({"desa": ""}, "desa", "required"),
        ({"desa": "Kayuagung"}, "desa", "unknown"),
        ({"leader_id": 99}, "leader_id", "unknown_officer"),
        ({"participants": (ParticipantCount("pemuda", -1),)}, "participants[0].count", "negative"),
        ({"participants": (ParticipantCount("alien", 1),)}, "participants[0].group", "unknown"),
        ({"issues": issue(description=" ")}, "issues[0].description", "required"),
        ({"issues": issue(status="lupa")}, "issues[0].status", "unknown"),
        ({"issues": issue(due_date=date(2024, 2, 8))}, "issues[0].due_date", "order"),
        ({"issues": issue(owner_officer_id=99)}, "issues[0].owner_officer_id", "unknown_officer"),
        ({"issues": issue(desa="Kayuagung")}, "issues[0].desa", "unknown"),
    ],
)
def test_meeting_rule_errors(changes: dict[str, object], field: str, code: str) -> None:
    problems = check_meeting(replace(meeting(), **changes))  # type: ignore[arg-type]
    assert the_problem(problems, field, code).severity == "error"


def test_issue_without_owner_is_a_warning() -> None:
    problems = check_meeting(replace(meeting(), issues=issue(owner_officer_id=None)))
    assert the_problem(problems, "issues[0].owner", "required").is_warning


def test_forwarded_issue_needs_an_agency() -> None:
    problems = check_meeting(replace(meeting(), issues=issue(status="diteruskan")))
    assert the_problem(problems, "issues[0].owner_agency", "required").is_warning


def test_due_date_uses_the_meeting_day_in_station_time() -> None:
    # 06:00 WIB on 9 Feb is still 8 Feb in UTC; the meeting's day is the 9th.
    held = datetime(2024, 2, 8, 23, 0, tzinfo=UTC)
    value = replace(meeting(), held_at=held, issues=issue(due_date=date(2024, 2, 8)))
    assert ("issues[0].due_date", "order") in codes_of(check_meeting(value))
    on_day = replace(value, issues=issue(due_date=date(2024, 2, 9)))
    assert check_meeting(on_day) == ()
    # An explicit station zone wins over the zone of `now`.
    utc_now = NOW.astimezone(UTC)
    assert validate_meeting(on_day, now=utc_now, tz=WIB) == ()


def test_messages_quote_user_text_short_and_visible() -> None:
    odd = "\u200bKayu\nagung" + "x" * 10_000
    problem = the_problem(check(replace(lp_b(), incident_desa=odd)), "incident_desa", "unknown")
    assert "\u200b" not in problem.message and "\n" not in problem.message
    assert "Kayu agung" in problem.message
    assert len(problem.message) < 100
