"""Planning community meetings: Jumat Curhat every Friday, plus sambang/DDS, FKPM forums and
sosialisasi, each with participant groups and 0-3 issues residents raised. Each issue gets an
owner and a due date and a planned follow-up: closed with a note, forwarded to an agency,
still in progress, or left open (and so overdue once its due date passes)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, tzinfo

from app.demo.people import weighted
from app.demo.roster import Roster
from app.demo.timeline import Action, Run, Timeline
from app.domain.models import Meeting, MeetingIssue, Officer, ParticipantCount

# (description, category, follow-up action, agency it may be forwarded to)
_ISSUES: tuple[tuple[str, str, str, str], ...] = (
    ("Sering terjadi pencurian sepeda motor di sekitar {tempat}.", "curanmor",
     "Patroli malam ditingkatkan di lokasi rawan; himbauan kunci ganda.", ""),
    ("Lampu penerangan jalan di {jalan} mati sehingga rawan kejahatan.", "lainnya",
     "Koordinasi perbaikan lampu jalan.", "Pemerintah Desa {desa}"),
    ("Balap liar setiap malam Minggu di jalan poros desa.", "lainnya",
     "Patroli KRYD malam Minggu dan pertemuan dengan orang tua.", ""),
    ("Dugaan peredaran sabu di kalangan pemuda {dusun}.", "narkoba",
     "Penyelidikan Unit Reskrim dan sosialisasi bahaya narkoba.", "BNN Kabupaten Ogan Komering Ilir"),
    ("Masih ada warga membuka kebun dengan membakar lahan.", "kebakaran",
     "Sosialisasi larangan membakar lahan bersama Manggala Agni.", "Manggala Agni Daops Ogan Komering Ilir"),
    ("Jalan desa rusak dan berlubang, sering terjadi kecelakaan.", "laka_lantas",
     "Pemasangan rambu sementara; usulan perbaikan jalan.", "Dinas PUPR Kabupaten Ogan Komering Ilir"),
    ("Sabung ayam dengan taruhan digelar di kebun {dusun}.", "judi",
     "Penyelidikan dan patroli ke lokasi.", ""),
    ("Sengketa hak lelang lebak lebung antarwarga.", "lainnya",
     "Mediasi bersama pemerintah desa.", "Pemerintah Desa {desa}"),
    ("Penagih utang menarik sepeda motor warga di jalan.", "lainnya",
     "Himbauan dan penjelasan prosedur penarikan kendaraan yang sah.", ""),
    ("Pemuda putus sekolah nongkrong dan minum tuak di pos ronda.", "lainnya",
     "Pertemuan dengan orang tua dan tokoh agama.", ""),
    ("Bantuan sosial belum merata, warga saling curiga.", "lainnya",
     "Klarifikasi data penerima bersama desa.", "Dinas Sosial Kabupaten Ogan Komering Ilir"),
    ("Listrik sering padam malam hari, warga khawatir pencurian.", "lainnya",
     "Koordinasi jadwal pemadaman; ronda diaktifkan.", "PLN ULP Kayuagung"),
    ("Ternak lepas berkeliaran di Jalan Lintas Timur.", "laka_lantas",
     "Himbauan kepada pemilik ternak bersama desa.", "Pemerintah Desa {desa}"),
    ("Penipuan daring mengatasnamakan bank menyasar warga.", "penipuan",
     "Sosialisasi modus penipuan daring di pengajian.", ""),
)
_TOPICS = ("keamanan lingkungan dan ronda malam", "pencegahan karhutla", "bahaya narkoba",
           "balap liar", "penipuan daring", "kenakalan remaja", "pencegahan 3C",
           "kerukunan warga", "tertib lalu lintas")
_PLACES = ("Balai Desa {desa}", "Masjid Al-Ikhlas {desa}", "Masjid Nurul Huda {desa}",
           "warung kopi di {desa}", "Aula Mapolsek Pedamaran", "rumah kepala dusun di {desa}")
_SCHOOLS = ("SMP Negeri 1 Pedamaran", "SMA Negeri 1 Pedamaran", "MTs Pedamaran",
            "SMK Negeri Pedamaran")

_FollowUp = tuple[datetime, str, str, int | None]  # when, issue status, note, by


class MeetingPlanner:
    def __init__(self, rng: random.Random, roster: Roster, desa: list[str], tz: tzinfo,
                 today: date) -> None:
        self._rng = rng
        self._roster = roster
        self._desa = desa
        self._tz = tz
        self._today = today
        self._count = 0
        self.overdue_planned = 0

    def plan_week(self, timeline: Timeline, days: list[date], end: datetime) -> None:
        rng = self._rng
        roster = self._roster
        for day in days:
            if day.weekday() == 4:  # Friday
                leader = roster.commander if rng.random() < 0.75 else roster.unit("pimpinan")[-1]
                issues = rng.choice((0, 1, 1, 2, 2, 3))
                if self.overdue_planned == 0:
                    issues = max(issues, 1)  # see _issue: one stays open past its due date
                self._meeting(timeline, "jumat_curhat", day, rng.choice((8.5, 9, 14)), leader,
                              rng.choice(self._desa), end, issues=issues)
        extra = rng.choice((1, 1, 2))
        for day in rng.sample([d for d in days if d.weekday() != 4], min(extra, len(days) - 1)):
            meeting_type = weighted(rng, (("sambang_dds", 5), ("sosialisasi", 3), ("fkpm", 2),
                                          ("rakor", 1)))
            desa = rng.choice(self._desa)
            leader = roster.bhabin_of.get(desa) or roster.officers[0]
            if meeting_type == "rakor":
                leader = roster.commander or leader
            self._meeting(timeline, meeting_type, day, rng.choice((9, 10, 13.5, 19.5)), leader,
                          desa, end, issues=rng.choice((0, 0, 1, 2)))

    def _meeting(self, timeline: Timeline, meeting_type: str, day: date, hour: float,
                 leader: Officer | None, desa: str, end: datetime, *, issues: int) -> None:
        rng = self._rng
        held = datetime.combine(day, time(), self._tz) + timedelta(minutes=int(hour * 60))
        if meeting_type == "sosialisasi":
            place = rng.choice(_SCHOOLS)
        elif meeting_type == "rakor":
            place = "Kantor Camat Pedamaran"
        else:
            place = rng.choice(_PLACES).format(desa=desa)
        planned = [self._issue(held, desa) for _ in range(issues)]
        topics = rng.sample(_TOPICS, 2)
        meeting = Meeting(
            meeting_type=meeting_type, held_at=held, desa=desa, place=place,
            leader_id=leader.id if leader else None, participants=self._participants(meeting_type),
            topics=f"{topics[0].capitalize()}; {topics[1]}.",
            notes=rng.choice(("", "Warga antusias menyampaikan keluhan.",
                              "Hadir juga kepala desa dan Babinsa.")),
            issues=tuple(issue for issue, _ in planned))
        key = self._key()
        saved_at = held + timedelta(hours=rng.uniform(1.5, 4))
        timeline.add(saved_at, _save(key, meeting))
        for position, (_issue, follow_ups) in enumerate(planned):
            for at, status, note, by in follow_ups:
                timeline.add(max(at, saved_at + timedelta(minutes=5)),
                             _issue_status(key, position, status, note, by))

    def _issue(self, held: datetime, desa: str) -> tuple[MeetingIssue, list[_FollowUp]]:
        rng = self._rng
        text, category, action, agency = rng.choice(_ISSUES)
        values = {"desa": desa, "dusun": f"Dusun {rng.choice(('I', 'II', 'III'))}",
                  "jalan": rng.choice(("jalan poros desa", "Lorong Masjid", "Jl. Pasar Pedamaran")),
                  "tempat": rng.choice(("Pasar Pedamaran", "masjid", "sekolah", "pondok kebun"))}
        owner = self._roster.bhabin_of.get(desa) or self._roster.officers[0]
        due = held.date() + timedelta(days=rng.choice((3, 7, 7, 14, 14, 21, 30)))
        outcome = weighted(rng, (("selesai", 50), ("diteruskan", 20 if agency else 0),
                                 ("dalam_proses", 12), ("terbuka", 15)))
        if self.overdue_planned == 0 and held.date() + timedelta(days=3) < self._today:
            # at least one issue stays open past its due date: the follow-up view must show one
            outcome = "terbuka"
            due = min(due, held.date() + timedelta(days=3))
        if outcome == "terbuka" and due < self._today:
            self.overdue_planned += 1
        agency_name = agency.format(**values)
        issue = MeetingIssue(description=text.format(**values), category=category, desa=desa,
                             action=action, owner_officer_id=owner.id,
                             owner_agency=agency_name if outcome == "diteruskan" else "",
                             due_date=due)
        follow_ups: list[_FollowUp] = []
        start = held + timedelta(days=rng.uniform(1, 4))
        if outcome in ("dalam_proses", "selesai"):
            follow_ups.append((start, "dalam_proses", rng.choice((
                "Sudah dikoordinasikan dengan kepala desa.", "Bhabinkamtibmas meninjau lokasi.",
                "Dibahas dalam apel pagi; patroli dijadwalkan.")), owner.id))
        if outcome == "selesai":
            closed = held + timedelta(days=(due - held.date()).days + rng.uniform(-2, 4))
            follow_ups.append((max(closed, start + timedelta(hours=4)), "selesai", rng.choice((
                "Selesai: tindak lanjut sudah dilaksanakan dan warga menerima hasilnya.",
                "Selesai: lokasi rawan sudah dipatroli rutin, warga melaporkan situasi aman.",
                "Selesai: para pihak dipertemukan dan sepakat.")), owner.id))
        elif outcome == "diteruskan":
            follow_ups.append((start, "diteruskan", f"Diteruskan ke {agency_name} dengan surat "
                                                    "Kapolsek.", owner.id))
        return issue, follow_ups

    def _participants(self, meeting_type: str) -> tuple[ParticipantCount, ...]:
        rng = self._rng
        if meeting_type == "sosialisasi":
            return (ParticipantCount("pemuda", rng.randint(40, 120)),
                    ParticipantCount("lainnya", rng.randint(3, 8)))
        ranges = {"tokoh_masyarakat": (3, 10), "tokoh_agama": (1, 4), "tokoh_adat": (1, 3),
                  "pemuda": (4, 20), "perempuan": (3, 15), "perangkat_desa": (2, 5),
                  "babinsa": (1, 1), "ormas": (1, 5)}
        groups = ["tokoh_masyarakat", "perangkat_desa"] + rng.sample(
            ["tokoh_agama", "tokoh_adat", "pemuda", "perempuan", "babinsa", "ormas"], rng.randint(2, 4))
        return tuple(ParticipantCount(g, rng.randint(*ranges[g])) for g in groups)

    def _key(self) -> str:
        self._count += 1
        return f"m{self._count}"


def _save(key: str, meeting: Meeting) -> Action:
    def act(run: Run) -> None:
        saved = run.store.meetings.save(meeting, meeting.leader_id).record
        assert saved.meta is not None
        run.ids[key] = saved.meta.id
        run.extra[key] = [issue.uuid for issue in saved.issues]
    return act


def _issue_status(key: str, position: int, status: str, note: str, by: int | None) -> Action:
    def act(run: Run) -> None:
        run.store.meetings.set_issue_status(run.extra[key][position], status, note, by)
    return act
