"""Walk-ins that are not crime reports: lost documents (SKTLK), complaints (pengaduan),
complaints about the police (dumas), questions (informasi) and other errands (lainnya)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from app.demo import names
from app.demo.people import People, Person
from app.demo.slots import plate, rupiah
from app.domain.models import LostItem, Party, Visit

_LOST_WHERE = (
    "di sekitar Pasar Pedamaran", "dalam perjalanan dari {kota} ke Pedamaran melalui Jalan Lintas Timur",
    "saat bekerja di kebun karet", "di sekitar Simpang Pedamaran", "saat menghadiri hajatan di {desa}",
    "saat menyeberang dengan perahu ketek", "di sekitar SPBU Pedamaran", "di rumah, tidak ditemukan lagi",
)
_TOWNS = ("Kayuagung", "Palembang", "Tanjung Lubuk", "Pampangan", "Lempuing")

_COMPLAINTS = (
    # (subject, narrative, teradu is a known person)
    ("Sengketa batas kebun karet dengan tetangga",
     "Pengadu keberatan karena teradu memasang patok batas kebun melewati tanah pengadu.", True),
    ("Utang piutang yang tidak dibayar",
     "Teradu meminjam uang {uang} sejak awal tahun dan tidak membayar meski sudah ditagih.", True),
    ("Ternak tetangga merusak tanaman",
     "Kambing milik teradu berulang kali masuk dan merusak tanaman di kebun pengadu.", True),
    ("Balap liar dan keributan pemuda pada malam Minggu",
     "Pengadu mengeluhkan pemuda yang balapan dan berteriak di {jalan} hingga larut malam.", False),
    ("Pencemaran nama baik di media sosial",
     "Teradu mengunggah tuduhan tentang pengadu di Facebook yang dibaca warga satu desa.", True),
    ("Sengketa hak lelang lebak lebung",
     "Pengadu pemenang lelang lebak lebung, tetapi teradu tetap memasang alat tangkap di lokasi.", True),
    ("Perselisihan pembagian warisan kebun",
     "Pengadu merasa tidak mendapat bagian kebun peninggalan orang tua yang dikuasai teradu.", True),
    ("Suara musik keras hingga larut malam",
     "Teradu memutar musik dengan pengeras suara hingga lewat tengah malam hampir setiap hari.", True),
    ("Penarikan sepeda motor oleh penagih utang di jalan",
     "Sepeda motor {nopol} milik pengadu ditarik dua orang penagih utang di jalan tanpa surat.", False),
)
_DUMAS = (
    ("Perkembangan penanganan laporan belum diterima",
     "Pengadu belum menerima SP2HP atas laporannya bulan lalu dan meminta kejelasan.", False),
    ("Sikap petugas saat pemeriksaan kendaraan dinilai kurang sopan",
     "Pengadu merasa dibentak petugas saat pemeriksaan kendaraan di Simpang Pedamaran.", False),
    ("Lamanya pelayanan surat keterangan kehilangan",
     "Pengadu menunggu lebih dari satu jam karena petugas piket sedang ke TKP.", False),
    ("Keberatan atas penahanan sepeda motor sebagai barang bukti",
     "Pengadu meminta sepeda motor {nopol} miliknya yang dijadikan barang bukti dipinjam pakaikan.",
     False),
)
_QUESTIONS = (
    "Menanyakan persyaratan pembuatan SKCK", "Konsultasi masalah warisan tanah keluarga",
    "Menanyakan perkembangan laporan yang pernah dibuat", "Konsultasi penipuan daring yang hampir dialami",
    "Menanyakan prosedur izin keramaian hajatan", "Konsultasi utang piutang dengan kerabat",
    "Menanyakan cara melapor kehilangan lewat layanan daring",
    "Konsultasi anak yang sering bolos dan nongkrong malam",
    "Menanyakan jadwal Jumat Curhat di desa", "Konsultasi pengurusan STNK yang hilang",
)
_ERRANDS = (
    "Mengurus izin keramaian organ tunggal untuk pesta pernikahan",
    "Menyerahkan barang temuan berupa dompet berisi KTP",
    "Wajib lapor mingguan",
    "Mengambil sepeda motor barang bukti yang dipinjam pakaikan",
    "Meminta pengawalan penyaluran BLT dana desa",
    "Mengantar surat undangan rapat desa untuk Kapolsek",
    "Menjemput keluarga yang sedang dimintai keterangan",
    "Menyerahkan senapan angin untuk diamankan",
)


class DeskWriter:
    def __init__(self, rng: random.Random, people: People, desa: list[str]) -> None:
        self._rng = rng
        self._people = people
        self._desa = desa

    def kehilangan(self, received_local: datetime) -> Visit:
        rng = self._rng
        reporter = self._people.visitor()
        items = self._lost_items(reporter)
        lost_at = received_local - timedelta(hours=rng.randint(3, 24 * 10))
        desa = rng.choice(self._desa)
        where = rng.choice(_LOST_WHERE).format(kota=rng.choice(_TOWNS), desa=f"Desa {desa}")
        kinds = ", ".join(i.doc_type for i in items)
        narrative = rng.choice((
            f"Pelapor kehilangan {kinds} yang diduga tercecer {where}.",
            f"{kinds} milik pelapor hilang {where}; sudah dicari tetapi tidak ditemukan.",
            f"Pelapor baru menyadari {kinds} tidak ada di dompet setelah pulang; terakhir dibawa {where}.",
        ))
        return Visit(service="kehilangan", received_at=received_local,
                     parties=(reporter.party("pelapor"),), occurred_at=lost_at,
                     incident_desa=desa if rng.random() < 0.8 else "",
                     place_detail=where, narrative=narrative, lost_items=items)

    def complaint(self, received_local: datetime, *, dumas: bool) -> Visit:
        rng = self._rng
        subject, text, known = rng.choice(_DUMAS if dumas else _COMPLAINTS)
        pengadu = self._people.visitor()
        parties = [pengadu.party("pengadu")]
        if dumas:
            parties.append(Party(role="teradu", unknown=True, note="anggota Polsek, nama belum diketahui"))
        elif known:
            parties.append(self._people.new(desa=pengadu.desa if pengadu.desa in self._desa else None)
                           .brief("teradu"))
        else:
            parties.append(Party(role="teradu", unknown=True, note="belum dikenal"))
        amount = rupiah(rng.randint(2, 60) * 500_000)
        return Visit(service="dumas" if dumas else "pengaduan", received_at=received_local,
                     parties=tuple(parties), complaint_subject=subject,
                     narrative=text.format(uang=amount, jalan=rng.choice(names.STREETS),
                                           nopol=plate(rng)),
                     incident_desa=pengadu.desa if pengadu.desa in self._desa else "")

    def informasi(self, received_local: datetime) -> Visit:
        visitor = self._people.visitor()
        return Visit(service="informasi", received_at=received_local,
                     parties=(self._contact(visitor),), narrative=self._rng.choice(_QUESTIONS))

    def lainnya(self, received_local: datetime) -> Visit:
        visitor = self._people.visitor()
        return Visit(service="lainnya", received_at=received_local,
                     parties=(self._contact(visitor),), other_reason=self._rng.choice(_ERRANDS))

    # ------------------------------------------------------------------ pieces
    def _contact(self, person: Person) -> Party:
        """A visitor who only asks: name, phone and desa are enough."""
        return Party(role="pelapor", name=person.name, sex=person.sex, phone=person.phone,
                     desa=person.desa, kecamatan=person.kecamatan, kabupaten=person.kabupaten)

    def _lost_items(self, reporter: Person) -> tuple[LostItem, ...]:
        rng = self._rng
        options = ["KTP", "SIM", "STNK", "ATM", "Buku tabungan", "KK", "BPKB", "Ijazah", "HP",
                   "Kartu BPJS"]
        weights = [30, 18, 16, 18, 6, 8, 4, 3, 5, 6]
        count = rng.choice((1, 1, 2, 2, 3))
        chosen: list[str] = []
        while len(chosen) < count:
            doc = rng.choices(options, weights=weights)[0]
            if doc not in chosen:
                chosen.append(doc)
        return tuple(self._lost_item(doc, reporter) for doc in chosen)

    def _lost_item(self, doc: str, reporter: Person) -> LostItem:
        rng = self._rng
        bank = rng.choice(names.BANKS)
        digits = "".join(str(rng.randint(0, 9)) for _ in range(16))
        if doc == "KTP":
            return LostItem("KTP", reporter.nik, "KTP-el atas nama pelapor")
        if doc == "KK":
            return LostItem("KK", reporter.nik[:6] + digits[:10], "Kartu Keluarga")
        if doc == "SIM":
            kind = rng.choice(("C", "C", "A"))
            return LostItem("SIM", f"{digits[:4]}-{digits[4:8]}-{digits[8:14]}", f"SIM {kind}")
        if doc == "STNK":
            return LostItem("STNK", plate(rng), "STNK sepeda motor atas nama pelapor")
        if doc == "BPKB":
            return LostItem("BPKB", f"{rng.choice('KLMNOP')}-{digits[:8]}", "BPKB sepeda motor")
        if doc == "ATM":
            return LostItem("ATM", "", f"Kartu ATM {bank}, nomor berakhiran {digits[:4]}")
        if doc == "Buku tabungan":
            return LostItem("Buku tabungan", digits[:12], f"Buku tabungan {bank}")
        if doc == "Ijazah":
            return LostItem("Ijazah", f"DN-11 Ma {digits[:7]}",
                            f"Ijazah SMA Negeri 1 Pedamaran tahun {reporter.birth_date.year + 18}")
        if doc == "HP":
            phone = rng.choice(names.PHONES)[0]
            return LostItem("HP", f"IMEI {digits[:15]}", phone)
        return LostItem("Kartu BPJS", "000" + digits[:10], "Kartu BPJS Kesehatan / KIS")
