"""Planning a day of patrols: a day patrol, most nights a KRYD night patrol, Bhabinkamtibmas
sambang in their desa, a boat patrol on the lebak now and then, a named operation for some
days. Places are mostly "aman", some PG/AG, rarely GN; a GN finding that catches someone in
the act becomes an LP model A, saved after the patrol with a link to it."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo

from app.demo.handling import Step, VisitPlan, schedule
from app.demo.incidents import IncidentWriter
from app.demo.roster import Roster
from app.demo.timeline import Action, Run, Timeline
from app.domain.models import Officer, Patrol, PatrolPlace

_PLACES = ("Pasar Pedamaran", "Simpang Pedamaran", "SPBU Pedamaran", "pos ronda {dusun}",
           "warung kopi di {dusun}", "kebun karet {dusun}", "dermaga perahu ketek", "balai desa",
           "masjid {dusun}", "SD Negeri {n} Pedamaran", "lapangan sepak bola", "Jalan Lintas Timur KM {km}",
           "jalan poros desa", "konter HP dan toko di {dusun}", "lahan gambut {dusun}")
_HIMBAUAN = {
    "3c": "Kunci ganda kendaraan, parkir di tempat terlihat, jangan tinggalkan rumah kosong.",
    "balap_liar": "Larangan balap liar; orang tua diminta mengawasi anak pada malam hari.",
    "miras": "Jauhi minuman keras dan tuak; laporkan penjualan miras ilegal.",
    "judi": "Larangan perjudian dalam bentuk apa pun, termasuk sabung ayam dan judi daring.",
    "narkoba": "Bahaya narkoba; laporkan peredaran sabu kepada Bhabinkamtibmas.",
    "karhutla": "Jangan membuka lahan dengan cara membakar; laporkan titik api ke Polsek.",
    "tawuran": "Hindari tawuran dan provokasi di media sosial.",
    "": "Aktifkan ronda malam dan hubungi Polsek atau 110 bila ada gangguan kamtibmas.",
}
_PG = ("Pemuda berkumpul hingga larut malam di pinggir jalan.", "Lahan gambut kering, potensi karhutla.",
       "Parkiran ramai tanpa juru parkir.", "Pos ronda tidak aktif beberapa malam terakhir.")
_AG = ("Persiapan balap liar di jalan poros desa; massa dibubarkan.",
       "Pemuda minum tuak di pos ronda; dibubarkan dan diberi teguran.",
       "Asap dari lahan yang terbakar kecil; dipadamkan bersama warga.")
_GN = "Perkelahian pemuda dilerai; para pihak dibawa ke Polsek untuk dimediasi."
# GN findings that become an LP model A: (category, where, what was found, evidence)
_CAUGHT = (
    ("judi", "pondok kebun karet di {dusun}",
     "Petugas patroli memergoki {n} orang bermain judi kartu remi dengan taruhan uang. Para "
     "terlapor dan barang bukti dibawa ke Polsek.", "satu set kartu remi dan uang taruhan Rp{uang}.000"),
    ("judi", "kebun kosong di {dusun}",
     "Petugas patroli membubarkan sabung ayam dengan taruhan uang yang ditonton sekitar dua puluh "
     "orang; {n} orang penyelenggara diamankan.", "dua ekor ayam jago dan uang taruhan Rp{uang}.000"),
    ("narkoba", "",
     "Saat patroli, petugas menghentikan terlapor yang gelagatnya mencurigakan; pada "
     "penggeledahan ditemukan paket kecil diduga sabu.",
     "satu paket plastik klip diduga sabu seberat {gram} gram"),
    ("sajam", "lokasi hiburan organ tunggal, {dusun}",
     "Petugas mendapati terlapor menyelipkan pisau di pinggang; terlapor diamankan sebelum "
     "terjadi keributan.", "sebilah pisau bergagang kayu"),
)
_CAUGHT_OUTCOMES = {"judi": ("selesai", "Perkara judi diselesaikan; berkas tipiring dikirim ke pengadilan."),
                    "narkoba": ("dilimpahkan", "Dilimpahkan ke Satresnarkoba Polres Ogan Komering Ilir."),
                    "sajam": ("dilimpahkan", "Dilimpahkan ke Satreskrim Polres Ogan Komering Ilir.")}


def operation_name(day: date, rng: random.Random) -> str:
    if day.month == 11:
        name = "Operasi Zebra Musi"
    elif day.month == 12:
        name = "Operasi Lilin Musi"
    else:
        name = rng.choice(("Operasi Pekat Musi", "Operasi Sikat Musi"))
    return f"{name} {day.year}"


class PatrolPlanner:
    def __init__(self, rng: random.Random, roster: Roster, desa: list[str], tz: tzinfo,
                 incidents: IncidentWriter) -> None:
        self._rng = rng
        self._roster = roster
        self._desa = desa
        self._tz = tz
        self._incidents = incidents
        self._count = 0

    def plan_day(self, timeline: Timeline, day: date, *, operation: str = "",
                 catch: bool = False) -> None:
        """Add the day's patrols to the timeline; `catch`: tonight's patrol catches someone."""
        rng = self._rng
        roster = self._roster
        patrol_unit = roster.unit("samapta") + roster.unit("reskrim")[1:] + roster.unit("intelkam")
        day_type = "dialogis" if rng.random() < 0.35 else "rutin"
        self._plan(timeline, day_type, rng.choice(("r2", "r4", "r4", "jalan_kaki")),
                   self._at(day, rng.choice((8.5, 9, 9.5, 14, 14.5, 15))), rng.uniform(2, 3.5),
                   roster.unit("samapta")[:1] or patrol_unit, patrol_unit, rng.sample(self._desa, 3),
                   ("3c",) if day_type == "rutin" else ("3c", "narkoba"))
        if rng.random() < 0.85 or catch:
            self._plan(timeline, "malam", rng.choice(("r4", "r4", "r2")),
                       self._at(day, rng.choice((21, 21.5, 22, 22.5, 23))), rng.uniform(2, 4),
                       patrol_unit, patrol_unit, rng.sample(self._desa, 4),
                       tuple(rng.sample(("3c", "balap_liar", "miras", "judi"), 2)), catch=catch)
        for bhabin in rng.sample(roster.bhabins, min(len(roster.bhabins), rng.choice((2, 3)))):
            own = [d for d, o in roster.bhabin_of.items() if o is bhabin]
            self._plan(timeline, "sambang", rng.choice(("r2", "r2", "jalan_kaki")),
                       self._at(day, rng.choice((9, 9.5, 10, 13.5, 15))), rng.uniform(1.5, 3),
                       [bhabin], roster.unit("spkt1") + roster.unit("binmas"), own, ("",),
                       members=(1, 2))
        if day.weekday() == 2 or (day.weekday() == 5 and rng.random() < 0.5):
            water = [d for d in self._desa if d in ("Burnai Timur", "Menang Raya", "Serinanti")]
            self._plan(timeline, "perintis" if rng.random() < 0.3 else "rutin", "perairan",
                       self._at(day, 8.5), rng.uniform(3, 5), patrol_unit, patrol_unit,
                       water or self._desa[:2], ("karhutla", "3c"))
        if operation:
            self._plan(timeline, "operasi", "r4", self._at(day, rng.choice((19, 19.5, 20))),
                       rng.uniform(2, 3), roster.unit("pimpinan")[1:2] or patrol_unit, patrol_unit,
                       rng.sample(self._desa, 3), ("3c", "balap_liar", "miras"), operation=operation)

    def _plan(self, timeline: Timeline, patrol_type: str, mode: str, start: datetime,
              hours: float, leaders: list[Officer], pool: list[Officer], desa: list[str],
              targets: tuple[str, ...], *, members: tuple[int, int] = (2, 4),
              operation: str = "", catch: bool = False) -> None:
        rng = self._rng
        leader = rng.choice(leaders)
        others = [o for o in pool if o is not leader]
        team = rng.sample(others, min(len(others), rng.randint(*members)))
        end = start + timedelta(minutes=int(hours * 60))
        places = self._places(start, end, desa, targets, night=patrol_type in ("malam", "operasi"))
        caught = None
        if catch:
            index = rng.randrange(len(places))
            category, where, text, evidence = rng.choice(_CAUGHT)
            spot = places[index]
            where = where.format(dusun=f"Dusun {rng.choice(('I', 'II', 'III'))}") or spot.place
            places[index] = PatrolPlace(spot.desa, where, spot.at, "gn", _HIMBAUAN[""],
                                        spot.people_reached, "Tertangkap tangan; dibuat LP model A.")
            caught = (category, text.format(n=rng.choice(("tiga", "empat", "lima"))),
                      evidence.format(uang=rng.randint(150, 900), gram=rng.choice(("0,25", "0,5", "1,2"))),
                      places[index])
        vehicles = self._roster.vehicles.get(mode, [])
        patrol = Patrol(
            patrol_type=patrol_type, mode=mode, start_at=start, end_at=end, leader_id=leader.id,
            member_ids=tuple(o.id for o in team if o.id is not None),
            vehicle_id=rng.choice(vehicles).id if vehicles else None, operation_name=operation,
            targets=tuple(t for t in targets if t), places=tuple(places),
            findings="; ".join(p.note for p in places if p.situation != "aman"),
            notes=rng.choice(("", "", "Situasi kamtibmas secara umum aman dan kondusif.",
                              "Cuaca hujan, sebagian rute dialihkan.")))
        key = self._key()
        saved_at = end + timedelta(minutes=rng.randint(10, 40))
        timeline.add(saved_at, _save(key, patrol))
        if caught is not None:
            self._model_a(timeline, key, saved_at, leader, caught)

    def _places(self, start: datetime, end: datetime, desa: list[str], targets: tuple[str, ...],
                *, night: bool) -> list[PatrolPlace]:
        rng = self._rng
        count = rng.randint(2, 5)
        step = (end - start) / (count + 1)
        out = []
        for i in range(count):
            situation = rng.choices(("aman", "pg", "ag", "gn"), weights=(84, 11, 4, 1))[0]
            note = {"aman": "", "pg": rng.choice(_PG), "ag": rng.choice(_AG), "gn": _GN}[situation]
            place = rng.choice(_PLACES).format(dusun=f"Dusun {rng.choice(('I', 'II', 'III'))}",
                                               n=rng.randint(1, 24), km=rng.randint(62, 78))
            reached = rng.randint(0, 8) if night else rng.randint(3, 35)
            out.append(PatrolPlace(desa[i % len(desa)], place, start + step * (i + 1), situation,
                                   _HIMBAUAN[rng.choice(targets)], reached, note))
        return out

    def _model_a(self, timeline: Timeline, patrol_key: str, saved_at: datetime, leader: Officer,
                 caught: tuple[str, str, str, PatrolPlace]) -> None:
        rng = self._rng
        category, text, evidence, place = caught
        assert place.at is not None
        visit = self._incidents.officer_report(category, place.at, place.desa, place.place, text,
                                               evidence)
        entered = saved_at + timedelta(minutes=rng.randint(5, 20))
        received = place.at + timedelta(minutes=rng.randint(20, 60))
        visit = replace(visit, received_at=min(received, entered), receiving_officer_id=leader.id)
        status, note = _CAUGHT_OUTCOMES[category]
        final = entered + timedelta(days=rng.uniform(0.5, 2))
        plan = VisitPlan(f"a{patrol_key}", visit, entered, patrol_key=patrol_key, steps=[
            Step(entered + timedelta(minutes=3), "status", leader.id, "ditangani",
                 "Terlapor dan barang bukti diamankan di Mapolsek.", entered + timedelta(minutes=3)),
            Step(final, "status", (self._roster.unit("reskrim") or [leader])[0].id, status, note,
                 final)])
        schedule(timeline, plan)

    def _at(self, day: date, hours: float) -> datetime:
        return datetime.combine(day, time(), self._tz) + timedelta(minutes=int(hours * 60))

    def _key(self) -> str:
        self._count += 1
        return f"p{self._count}"


def _save(key: str, patrol: Patrol) -> Action:
    def act(run: Run) -> None:
        saved = run.store.patrols.save(patrol, patrol.leader_id)
        assert saved.record.meta is not None
        run.ids[key] = saved.record.meta.id
        run.extra[key] = saved.record.meta.uuid
    return act

