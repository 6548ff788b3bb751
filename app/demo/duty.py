"""The demo's buku mutasi: the three SPKT regu of the roster (spkt1..3, rotating by the
day's ordinal as the walk-ins' duty team does, Roster.duty_team), a few typed lines each shift, and
the 08.00 handover: mostly on time, now and then late, rarely forgotten; the inventory kept
from shift to shift, a change explained. Its own random stream (the seed + 19), so the other
planners draw what they drew before."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, tzinfo

from app.demo.roster import Roster
from app.demo.timeline import Action, Run, Timeline
from app.journal.shifts import DutySettings
from app.store import DutyTeam, InventoryCount, Store

_ENTRIES: tuple[tuple[str, str], ...] = (
    ("situasi", "Situasi wilayah hukum Polsek aman dan terkendali."),
    ("situasi", "Hujan deras sejak sore, jalan lintas timur licin; arus lalu lintas lancar."),
    ("telepon", "Warga {desa} menelepon melaporkan pohon tumbang menutup sebagian jalan; "
                "diteruskan ke Bhabinkamtibmas dan pemerintah desa."),
    ("telepon", "Panggilan dari Polres: penyampaian jadwal apel siaga pukul 07.00 besok."),
    ("tamu_dinas", "Kunjungan Kasat Samapta Polres untuk supervisi piket SPKT."),
    ("tamu_dinas", "Camat Pedamaran berkoordinasi tentang pengamanan kegiatan di desa {desa}."),
    ("perintah", "Surat perintah Kapolsek: pengamanan pasar kalangan {desa} besok pagi."),
    ("perintah", "Perintah lisan Kapolsek: tingkatkan patroli malam di jalur rawan curanmor."),
    ("kejadian_menonjol", "Kebakaran lahan kurang lebih 1 ha di {desa}, api padam pukul 17.30 "
                          "bersama Manggala Agni; tidak ada korban."),
)
_SUMMARIES = (
    "Situasi kamtibmas aman terkendali; seluruh laporan sudah dicatat dan ditindaklanjuti.",
    "Dinas berjalan lancar; patroli malam dilaksanakan, tidak ada gangguan menonjol.",
    "Situasi aman; satu laporan masih menunggu petugas ke TKP, sudah diteruskan ke piket fungsi.",
)


class DutyPlanner:
    def __init__(self, seed: int, roster: Roster, desa: list[str], tz: tzinfo) -> None:
        self._rng = random.Random(seed + 19)
        self._roster = roster
        self._desa = desa
        self._tz = tz
        self._held = 0
        self._names = ("Tersangka curanmor (inisial RS)", "Tersangka penganiayaan (inisial AN)",
                       "Tersangka pencurian (inisial JK)")

    def setup(self, store: Store, first_day: date) -> None:
        """The regu and the rotation: Regu I on the days whose ordinal is a multiple of 3, as
        the walk-ins' duty team. A store that has regu keeps them (a demo run again with
        --force)."""
        if store.duty.teams():
            return
        for position in range(3):
            members = self._roster.ids(self._roster.unit(f"spkt{position + 1}"))
            store.duty.save_team(DutyTeam(f"Regu {'I' * (position + 1)}", position,
                                          tuple(members)), None)
        store.duty.settings.save_duty_settings(
            DutySettings(rotation_start=(first_day - timedelta(days=first_day.toordinal() % 3))
                         .isoformat()), None)

    def plan_day(self, timeline: Timeline, day: date) -> None:
        rng = self._rng
        index = day.toordinal()
        today = self._roster.unit(f"spkt{index % 3 + 1}")
        tomorrow = self._roster.unit(f"spkt{(index + 1) % 3 + 1}")
        if not today or not tomorrow:
            return
        for _ in range(rng.choice((1, 2, 2, 3))):
            kind, text = rng.choice(_ENTRIES)
            at = self._at(day, rng.uniform(8.5, 31.5))
            writer = rng.choice(today)
            timeline.add(at, self._entry(kind, text.format(desa=rng.choice(self._desa)), at,
                                         writer.id))
        roll = rng.random()
        if roll < 0.03:
            return  # forgotten: the Beranda and the weekly review show it
        hour = rng.uniform(9.1, 9.9) if roll < 0.15 else rng.uniform(7.6, 8.8)
        items = self._inventory()
        timeline.add(self._at(day, 24 + hour),
                     self._handover(day, today[0].id, tomorrow[0].id, rng.choice(_SUMMARIES),
                                    items))

    def _inventory(self) -> tuple[InventoryCount, ...]:
        rng = self._rng
        before = self._held
        if rng.random() < 0.25:
            self._held = rng.choice((0, 1, 1, 2, 3))
        names = "; ".join(self._names[:self._held]) if self._held else ""
        why = ""
        if self._held != before:
            why = ("Tahanan baru hasil penangkapan patroli." if self._held > before
                   else "Tahanan dilimpahkan ke Polres.")
        return (InventoryCount("tahanan", self._held, names, why),
                InventoryCount("barang_titipan", 2, "1 unit HP, 1 dompet (titipan tahanan)"),
                InventoryCount("barang_bukti", 3, "2 unit sepeda motor, 1 bilah parang"),
                InventoryCount("senjata", 4, "Pistol HS-9 (2), Revolver (2)"),
                InventoryCount("amunisi", 60, "9 mm"),
                InventoryCount("ht", 6, "HT 01-06, lengkap dengan baterai"),
                InventoryCount("kendaraan", 3, "R4 patroli baik; R2 (2) baik"))

    def _at(self, day: date, hours: float) -> datetime:
        return datetime.combine(day, time(), self._tz) + timedelta(hours=hours)

    @staticmethod
    def _entry(kind: str, text: str, at: datetime, officer_id: int | None) -> Action:
        def write(run: Run) -> None:
            run.store.duty.add_entry(kind, text, at, officer_id, officer_id)

        return write

    @staticmethod
    def _handover(day: date, outgoing: int | None, incoming: int | None, summary: str,
                  items: tuple[InventoryCount, ...]) -> Action:
        def write(run: Run) -> None:
            if outgoing is None or incoming is None or outgoing == incoming:
                return
            duty = run.store.duty
            if duty.handover(day) is not None:
                return  # a demo run again (--force) over its own handovers
            duty.hand_over(duty.shift_on(day), outgoing_officer_id=outgoing,
                           incoming_officer_id=incoming, summary=summary,
                           incoming_notes="Diterima lengkap sesuai daftar.", items=items,
                           by=outgoing)

        return write
