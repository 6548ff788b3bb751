"""Small builders of valid records for tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.domain.models import (
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


def lp(received_at: datetime, officer_id: int | None, **changes: object) -> Visit:
    values: dict[str, object] = dict(
        service="lp", lp_model="B", received_at=received_at, receiving_officer_id=officer_id,
        parties=(Party(role="pelapor", name="Siti Aminah", nik="1602075203900003", sex="P",
                       birth_date=date(1990, 3, 12), phone="+6281234567890",
                       desa="Serinanti"),
                 Party(role="terlapor", unknown=True, note="dua orang, motor matic hitam")),
        occurred_at=received_at - timedelta(hours=2), incident_desa="Serinanti",
        place_type="rumah", category="curanmor",
        narrative="Sepeda motor Honda Beat hitam hilang dari teras rumah pelapor.",
        losses=(Loss("Honda Beat BG 1234 XY", 15_000_000),),
        law_articles=("477 KUHP",), needs_visit=True)
    values.update(changes)
    return Visit(**values)  # type: ignore[arg-type]


def kehilangan(received_at: datetime, officer_id: int | None) -> Visit:
    return Visit(service="kehilangan", received_at=received_at, receiving_officer_id=officer_id,
                 parties=(Party(role="pelapor", name="Budi Santoso"),),
                 lost_items=(LostItem("KTP", "1602071203850001", "KTP-el atas nama pelapor"),),
                 occurred_at=received_at - timedelta(days=1), incident_desa="Pedamaran I")


def patrol(start: datetime, leader_id: int, member_ids: tuple[int, ...] = ()) -> Patrol:
    return Patrol(patrol_type="rutin", mode="r2", start_at=start,
                  end_at=start + timedelta(hours=2), leader_id=leader_id, member_ids=member_ids,
                  places=(PatrolPlace("Serinanti", "Pasar Serinanti", start + timedelta(minutes=20),
                                      "aman", "Kunci ganda kendaraan", 12),
                          PatrolPlace("Sukadamai", "Simpang tiga", start + timedelta(minutes=70),
                                      "pg", "Waspada balap liar", 5)))


def meeting(held_at: datetime, leader_id: int) -> Meeting:
    return Meeting(meeting_type="jumat_curhat", held_at=held_at, desa="Pedamaran I",
                   place="Masjid Al-Ikhlas", leader_id=leader_id,
                   participants=(ParticipantCount("tokoh_masyarakat", 6),
                                 ParticipantCount("pemuda", 10)),
                   topics="Keamanan lingkungan menjelang Ramadan",
                   issues=(MeetingIssue("Lampu jalan mati di gang Mawar", category="lainnya",
                                        desa="Pedamaran I", action="Koordinasi dengan desa",
                                        owner_agency="Pemerintah Desa",
                                        due_date=held_at.date() + timedelta(days=7)),))
