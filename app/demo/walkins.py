"""Planning the desk's walk-ins: how many of each service a day, at what hour, who received
them, and how each was handled (`handling.VisitPlan`).

Incident hours follow bands (share of incidents that start in each six hours; they peak
after 18.00). The bands are filled by quota per week rather than by chance, so even two
demo weeks show the evening peak the weekly review is meant to reveal.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo

from app.demo.desk import DeskWriter
from app.demo.handling import Step, VisitPlan, office_hours, response_minutes
from app.demo.incidents import IncidentWriter
from app.demo.people import weighted
from app.demo.roster import Roster
from app.demo.stories import Kind
from app.domain.models import Officer, Visit

# Walk-ins a day at a rural Polsek desk (means of a Poisson draw).
DAILY_RATES: tuple[tuple[str, float], ...] = (
    ("lp", 1.15), ("kehilangan", 1.5), ("pengaduan", 0.45), ("dumas", 0.07),
    ("informasi", 1.0), ("lainnya", 0.6),
)
# (first hour, share of incidents): the evening band is the peak.
INCIDENT_BANDS: tuple[tuple[int, float], ...] = ((0, 0.17), (6, 0.15), (12, 0.25), (18, 0.43))
# When people come to the desk for everything else, by hour of the day.
DESK_HOURS = (1, 0, 0, 0, 0, 1, 2, 6, 12, 14, 13, 11, 7, 10, 12, 11, 8, 6, 5, 6, 5, 3, 2, 1)
VOID_SHARE = 0.012  # double entries later voided
_VOID_REASONS = (
    "Input ganda: sama dengan catatan {ref}.",
    "Tersimpan dua kali saat listrik padam; yang berlaku catatan {ref}.",
    "Tersimpan dua kali karena tombol Simpan ditekan ulang; yang berlaku catatan {ref}.",
)
_FINAL_DAYS = {"selesai": (1, 30), "rj": (2, 14), "dilimpahkan": (1, 6), "dicabut": (1, 10)}
_NOTES = {
    "arrive": ("Personel tiba di TKP, olah TKP dan meminta keterangan saksi.",
               "Tiba di TKP; lokasi diamankan dan saksi didata.",
               "Anggota tiba di TKP dan menemui pelapor serta warga sekitar."),
    "ditangani": ("Penyelidikan: pemeriksaan pelapor dan saksi-saksi.",
                  "Terlapor diundang untuk klarifikasi.",
                  "Surat perintah penyelidikan terbit; pengumpulan bahan keterangan."),
    "selesai": ("Terlapor diamankan dan barang bukti dikembalikan kepada pelapor.",
                "Perkara tuntas; pelaku diamankan dan berkas diselesaikan.",
                "Barang milik pelapor ditemukan dan diserahkan kembali."),
    "rj": ("Diselesaikan dengan keadilan restoratif: para pihak berdamai disaksikan kepala desa.",
           "Perdamaian tertulis; kerugian diganti terlapor dan pelapor tidak melanjutkan perkara."),
    "dicabut": ("Pelapor mencabut laporan dengan surat pernyataan; diselesaikan secara kekeluargaan.",),
}
_SPECIAL_SELESAI = {
    "kebakaran": "Api padam; olah TKP selesai dan penyebab kebakaran sudah diketahui.",
    "lainnya": "Perkara selesai; keluarga telah dihubungi dan menerima penjelasan.",
}


def poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def quota(rng: random.Random, count: int, shares: tuple[tuple[int, float], ...]) -> list[int]:
    """`count` values spread by share with the largest-remainder method, shuffled."""
    exact = [(value, share * count) for value, share in shares]
    out = [value for value, amount in exact for _ in range(int(amount))]
    rest = sorted(exact, key=lambda e: e[1] - int(e[1]), reverse=True)
    out.extend(value for value, _ in rest[:count - len(out)])
    rng.shuffle(out)
    return out


class WalkinPlanner:
    def __init__(self, rng: random.Random, roster: Roster, incidents: IncidentWriter,
                 desk: DeskWriter, tz: tzinfo, end: datetime) -> None:
        self._rng = rng
        self._roster = roster
        self._incidents = incidents
        self._desk = desk
        self._tz = tz
        self._end = end
        self._count = 0

    # ------------------------------------------------------------------ periods
    def plan_week(self, days: list[date]) -> list[VisitPlan]:
        """The week's walk-ins (double entries come from `duplicates` over the period)."""
        rng = self._rng
        plans: list[VisitPlan] = []
        lp_days: list[date] = []
        for day in days:
            for service, rate in DAILY_RATES:
                if service == "kehilangan" and day.weekday() == 6:
                    rate *= 0.4  # Sunday: few people need a letter for an office visit
                for _ in range(poisson(rng, rate)):
                    if service == "lp":
                        lp_days.append(day)
                    else:
                        plans.append(self.desk_visit(service, self._desk_time(day)))
        for day, band in zip(lp_days, quota(rng, len(lp_days), INCIDENT_BANDS), strict=True):
            plans.append(self.citizen_report(self._at(day, band + rng.random() * 6)))
        return plans

    def plan_bulk_day(self, day: date, count: int, lp_share: float = 0.25) -> list[VisitPlan]:
        rng = self._rng
        services = [s for s, _ in DAILY_RATES if s != "lp"]
        weights = [r for s, r in DAILY_RATES if s != "lp"]
        plans = []
        for _ in range(count):
            if rng.random() < lp_share:
                band = weighted(rng, [(b, int(share * 100)) for b, share in INCIDENT_BANDS])
                plans.append(self.citizen_report(self._at(day, band + rng.random() * 6)))
            else:
                service = rng.choices(services, weights=weights)[0]
                plans.append(self.desk_visit(service, self._desk_time(day)))
        return plans

    def duplicates(self, plans: list[VisitPlan]) -> list[VisitPlan]:
        """A few records saved twice (double click, power cut); the copy is voided."""
        rng = self._rng
        if not plans:
            return []
        count = max(1, round(len(plans) * VOID_SHARE))
        out = []
        for original in rng.sample(plans, count):
            entered = original.entered_at + timedelta(minutes=rng.randint(1, 6))
            voider = self._team(original.visit.received_at)[0]
            void = Step(entered + timedelta(minutes=rng.randint(15, 120)), "void", voider.id,
                        note=rng.choice(_VOID_REASONS))
            out.append(VisitPlan(self._key(), original.visit, entered, [void],
                                 duplicate_of=original.key))
        return out

    # ------------------------------------------------------------------ one walk-in
    def citizen_report(self, occurred: datetime) -> VisitPlan:
        rng = self._rng
        kind = self._incidents.pick_kind(occurred.month)
        low, high = kind.delay
        delay = timedelta(minutes=math.exp(rng.uniform(math.log(low), math.log(high))))
        received = occurred + delay
        if received > self._end - timedelta(minutes=5):
            received = self._end - timedelta(minutes=rng.randint(5, 180))
            occurred = min(occurred, received - timedelta(minutes=5))
        incident = self._incidents.citizen_report(kind, occurred)
        receiver = rng.choice(self._team(received))
        visit = replace(incident.visit, received_at=received, receiving_officer_id=receiver.id)
        steps: list[Step] = []
        if rng.random() < kind.visit and delay <= timedelta(hours=24):
            officer = self._dispatch(kind, visit.incident_desa)
            dispatched = received + timedelta(minutes=rng.randint(1, 8) + rng.choice((0,) * 9 + (12,)))
            entered = max(received + timedelta(minutes=rng.randint(5, 15)),
                          dispatched + timedelta(minutes=1))
            visit = replace(visit, needs_visit=True, dispatched_officer_id=officer.id,
                            dispatched_at=dispatched)
            if rng.random() < 0.03:  # arrival never entered: stays "waiting" in the list
                return VisitPlan(self._key(), visit, entered)
            arrived = max(received + timedelta(minutes=response_minutes(rng)),
                          dispatched + timedelta(minutes=3))
            noted = max(arrived + timedelta(minutes=rng.randint(5, 45)), entered + timedelta(minutes=2))
            steps.append(Step(noted, "arrive", officer.id, note=rng.choice(_NOTES["arrive"]),
                              effective=arrived))
            handled = arrived
        else:
            entered = received + timedelta(minutes=rng.randint(15, 45))
            handled = office_hours(rng, entered + timedelta(hours=rng.uniform(2, 72)))
            steps.append(self._status(handled, "ditangani", self._kanit_reskrim(),
                                      rng.choice(_NOTES["ditangani"])))
        outcome = weighted(rng, kind.outcomes)
        if outcome:
            low_d, high_d = _FINAL_DAYS[outcome]
            final = office_hours(rng, handled + timedelta(days=rng.uniform(low_d, high_d)))
            steps.append(self._status(final, outcome, self._kanit_reskrim(), self._final_note(kind, outcome)))
        return VisitPlan(self._key(), visit, entered, steps)

    def desk_visit(self, service: str, received: datetime) -> VisitPlan:
        rng = self._rng
        desk = self._desk
        receiver = rng.choice(self._team(received))
        minutes = timedelta(minutes=1)
        if service == "kehilangan":
            visit = desk.kehilangan(received)
        elif service in ("pengaduan", "dumas"):
            visit = desk.complaint(received, dumas=service == "dumas")
        elif service == "informasi":
            visit = desk.informasi(received)
        else:
            visit = desk.lainnya(received)
        visit = replace(visit, receiving_officer_id=receiver.id)
        entered = received + minutes * rng.randint(5, 25)
        if service in ("kehilangan", "informasi", "lainnya"):
            note = {"kehilangan": "SKTLK diterbitkan dan diserahkan kepada pelapor.",
                    "informasi": "Informasi sudah disampaikan kepada pengunjung.",
                    "lainnya": "Keperluan pengunjung sudah dilayani."}[service]
            done = entered + minutes * rng.randint(2, 12)
            return VisitPlan(self._key(), visit, entered,
                             [self._status(done, "selesai", receiver, note)])
        return VisitPlan(self._key(), visit, entered, self._complaint_steps(visit, entered))

    # ------------------------------------------------------------------ helpers
    def _complaint_steps(self, visit: Visit, entered: datetime) -> list[Step]:
        rng = self._rng
        roster = self._roster
        if visit.service == "dumas":
            boss = roster.commander or roster.officers[0]
            handled = office_hours(rng, entered + timedelta(hours=rng.uniform(2, 24)))
            outcome = weighted(rng, (("selesai", 50), ("dilimpahkan", 25), ("", 25)))
            notes = {"selesai": "Klarifikasi selesai; pengadu menerima penjelasan dan petugas "
                                "yang bersangkutan diberi arahan.",
                     "dilimpahkan": "Diteruskan ke Sipropam Polres Ogan Komering Ilir."}
            first = "Didisposisikan Kapolsek kepada Wakapolsek untuk klarifikasi."
        else:
            boss = roster.bhabin_of.get(visit.incident_desa) or self._kanit_reskrim()
            handled = office_hours(rng, entered + timedelta(days=rng.uniform(1, 3)))
            outcome = weighted(rng, (("rj", 35), ("selesai", 25), ("dicabut", 10), ("", 30)))
            notes = {"rj": "Mediasi di Polsek: para pihak sepakat berdamai dan menandatangani "
                           "surat pernyataan.",
                     "selesai": "Permasalahan selesai setelah klarifikasi kedua belah pihak.",
                     "dicabut": "Pengadu mencabut pengaduan setelah bermusyawarah dengan teradu."}
            first = rng.choice(("Undangan klarifikasi dikirim kepada teradu.",
                                "Bhabinkamtibmas diminta memfasilitasi pertemuan para pihak."))
        steps = [self._status(handled, "ditangani", boss, first)]
        if outcome:
            final = office_hours(rng, handled + timedelta(days=rng.uniform(2, 12)))
            steps.append(self._status(final, outcome, boss, notes[outcome]))
        return steps

    def _status(self, at: datetime, status: str, by: Officer, note: str) -> Step:
        return Step(at, "status", by.id, status=status, note=note, effective=at)

    def _final_note(self, kind: Kind, outcome: str) -> str:
        if outcome == "dilimpahkan":
            return f"Dilimpahkan ke {kind.unit} untuk penanganan lebih lanjut."
        if outcome == "selesai" and kind.code in _SPECIAL_SELESAI:
            return _SPECIAL_SELESAI[kind.code]
        return self._rng.choice(_NOTES[outcome])

    def _dispatch(self, kind: Kind, desa: str) -> Officer:
        roster = self._roster
        if kind.code in ("laka_lantas", "kebakaran"):
            pool = roster.unit("samapta")
        elif kind.code in ("kdrt", "penganiayaan", "lainnya") and desa in roster.bhabin_of \
                and self._rng.random() < 0.5:
            return roster.bhabin_of[desa]
        else:
            pool = roster.unit("reskrim")[1:]
        return self._rng.choice(pool or roster.officers)

    def _kanit_reskrim(self) -> Officer:
        return (self._roster.unit("reskrim") or self._roster.officers)[0]

    def _team(self, when: datetime) -> list[Officer]:
        """The SPKT team on duty at `when` (shifts change at 08.00)."""
        local = when.astimezone(self._tz) - timedelta(hours=8)
        return self._roster.duty_team(local.date().toordinal()) or self._roster.officers

    def _desk_time(self, day: date) -> datetime:
        hour = self._rng.choices(range(24), weights=DESK_HOURS)[0]
        return self._at(day, hour + self._rng.random())

    def _at(self, day: date, hours: float) -> datetime:
        return datetime.combine(day, time(), self._tz) + timedelta(minutes=int(hours * 60))

    def _key(self) -> str:
        self._count += 1
        return f"v{self._count}"
