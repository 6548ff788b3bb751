"""Story templates of crime reports (LP), several per category, filled from `slots`.

A story gives the place, the short narrative (uraian singkat kejadian), the modus operandi,
the losses and who the suspect is. `KINDS` says how often each category comes to a rural
desk, whether an officer goes to the scene, how long people wait before reporting and how
cases usually end; the figures are assumptions for believable demo data, not statistics.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    place_type: str
    place: str
    text: str
    modus: str = ""
    losses: tuple[tuple[str, str], ...] = ()  # (description template, slot with the value)
    evidence: str = ""
    suspect: str = "unknown"  # unknown | known | many | none
    victim: str = ""  # "": the reporter; else the reporter's relative who was hurt


@dataclass(frozen=True)
class Kind:
    code: str
    weight: int  # relative frequency among citizen reports (LP model B)
    stories: tuple[Story, ...]
    visit: float  # share of reports that need an officer at the scene (TKP)
    delay: tuple[int, int]  # minutes from the incident to the report
    outcomes: tuple[tuple[str, int], ...]  # final status, weight ("" = still handled)
    notable: float = 0.0
    unit: str = "Satreskrim Polres Ogan Komering Ilir"  # where a case is handed over


_MOTOR = (("Sepeda motor {motor} {warna} {nopol}", "motor_rp"),)

CURANMOR = (
    Story("rumah", "teras rumah pelapor, {jalan}, {dusun}",
          "pelapor memarkir sepeda motor {motor} warna {warna} nomor polisi {nopol} di teras "
          "rumah dengan stang terkunci. Saat pelapor keluar rumah, sepeda motor itu sudah tidak ada.",
          "merusak lubang kunci kontak dengan kunci T", _MOTOR),
    Story("pasar", "area parkir {belanja}",
          "pelapor memarkir sepeda motor {motor} {warna} {nopol} di area parkir untuk berbelanja. "
          "Sekitar setengah jam kemudian sepeda motor sudah hilang, padahal kunci dibawa pelapor.",
          "membobol kunci kontak saat parkiran ramai", _MOTOR),
    Story("kebun", "pondok kebun karet milik pelapor, {dusun}",
          "sepeda motor {motor} {warna} {nopol} yang diparkir pelapor di pondok kebun saat "
          "menyadap karet dibawa kabur {ciri}.",
          "memanfaatkan kunci kontak yang tertinggal di motor", _MOTOR),
    Story("tempat_ibadah", "halaman masjid, {jalan}",
          "pelapor memarkir sepeda motor {motor} {warna} {nopol} di halaman masjid saat salat "
          "{salat}. Selesai salat, sepeda motor tersebut sudah tidak ada.",
          "merusak kunci kontak", _MOTOR),
    Story("lainnya", "pinggir {keramaian}",
          "sepeda motor {motor} {warna} {nopol} milik pelapor yang diparkir tanpa kunci ganda "
          "hilang. Saksi melihat {ciri} mendorong motor ke arah Jalan Lintas Timur.",
          "mendorong motor lalu menyalakan dengan kunci palsu", _MOTOR),
)

CURAT = (
    Story("rumah", "rumah pelapor, {jalan}, {dusun}",
          "rumah pelapor ditinggal kosong karena pelapor menghadiri hajatan keluarga di {kota}. "
          "Sepulangnya, jendela belakang sudah dicongkel dan {emas} serta uang tunai {rp_uang} "
          "di dalam lemari hilang.",
          "mencongkel jendela belakang dengan linggis",
          (("{emas}", "emas_rp"), ("Uang tunai", "uang_rp")), "bekas congkelan pada kusen jendela"),
    Story("toko", "warung milik pelapor di {jalan}, {dusun}",
          "warung pelapor dibobol dengan merusak gembok pintu depan. {barang} dan uang "
          "tunai {rp_uang} di laci hilang.",
          "memotong gembok dengan gunting besi",
          (("{barang}", "barang_rp"), ("Uang tunai di laci", "uang_rp")), "gembok yang terpotong"),
    Story("sekolah", "ruang tata usaha {sd}",
          "penjaga sekolah mendapati pintu ruang tata usaha {sd} dalam keadaan rusak; "
          "{barang} milik sekolah hilang.",
          "merusak engsel pintu", (("{barang} milik sekolah", "barang_rp"),), "engsel pintu yang rusak"),
    Story("tempat_ibadah", "masjid di {dusun}",
          "pengurus masjid mendapati kotak amal dibongkar dan uang infak sekitar {rp_uang} hilang. "
          "Gembok pintu samping masjid rusak.",
          "merusak gembok pintu samping", (("Uang infak kotak amal", "uang_rp"),)),
    Story("rumah", "gudang di belakang rumah pelapor, {dusun}",
          "gudang pelapor dibobol dengan membongkar dinding papan; {hasil} yang disimpan di "
          "dalamnya hilang.",
          "membongkar dinding papan gudang", (("{hasil}", "hasil_rp"),), "papan dinding yang terlepas"),
)

CURAS = (
    Story("jalan", "Jalan Lintas Timur KM {km}",
          "korban mengendarai sepeda motor ketika dipepet {ciri}. Tas korban berisi HP {hp} dan "
          "uang {rp_uang} dirampas; korban terjatuh dan mengalami {luka}.",
          "memepet lalu menarik tas korban (jambret)",
          (("HP {hp}", "hp_rp"), ("Uang tunai", "uang_rp"))),
    Story("jalan", "jalan poros desa arah Desa {desa_lain}",
          "korban dihadang {ciri} dan diancam dengan senjata tajam. Sepeda motor {motor} {warna} "
          "{nopol} milik korban dirampas pelaku.",
          "menghadang dan mengancam dengan senjata tajam (begal)", _MOTOR),
    Story("rumah", "rumah korban, {jalan}",
          "{ciri} masuk ke rumah korban yang sedang sendirian, mengancam dengan pisau dan "
          "mengambil {emas} serta HP {hp}.",
          "masuk lewat pintu dapur dan mengancam penghuni",
          (("{emas}", "emas_rp"), ("HP {hp}", "hp_rp"))),
)

PENCURIAN = (
    Story("rumah", "ruang depan rumah pelapor, {dusun}",
          "HP {hp} milik pelapor yang sedang diisi daya di ruang depan hilang saat pintu rumah "
          "terbuka.", "masuk saat pintu tidak dikunci", (("HP {hp}", "hp_rp"),)),
    Story("kebun", "kandang di kebun pelapor, {dusun}",
          "{ternak} milik pelapor yang dikandangkan di kebun hilang. Pelapor menemukan bekas "
          "ban motor dan pagar kandang yang dibuka.", "membuka pagar kandang",
          (("{ternak}", "ternak_rp"),)),
    Story("kebun", "kebun pelapor, {dusun}",
          "{hasil} milik pelapor yang disimpan di kebun hilang diambil orang tidak dikenal.",
          "mengambil barang yang ditinggal di kebun", (("{hasil}", "hasil_rp"),)),
    Story("perairan", "{perairan}",
          "{hasil} milik pelapor yang ditinggal di perahu hilang saat pelapor pulang ke rumah.",
          "melepas barang dari perahu yang ditambatkan", (("{hasil}", "hasil_rp"),)),
    Story("toko", "{belanja}",
          "dompet pelapor berisi uang {rp_uang} dan KTP diambil orang saat pelapor berbelanja; "
          "rekaman CCTV memperlihatkan {ciri}.", "mengambil dompet dari tas",
          (("Dompet berisi uang tunai", "uang_rp"),), "rekaman CCTV toko"),
)

PENGANIAYAAN = (
    Story("jalan", "depan {keramaian}, {dusun}",
          "terlapor memukul korban dengan {alat} karena {pemicu}, sehingga korban mengalami "
          "{luka}.", "memukul dengan benda tumpul", suspect="known", evidence="visum et repertum"),
    Story("lainnya", "lokasi hiburan organ tunggal pesta pernikahan warga, {dusun}",
          "saat hiburan organ tunggal terjadi keributan; terlapor memukul korban hingga "
          "mengalami {luka}.", "memukul dengan tangan kosong", suspect="known",
          evidence="visum et repertum"),
    Story("rumah", "halaman rumah korban, {jalan}",
          "terlapor, tetangga korban, mendatangi rumah korban karena {pemicu} lalu menganiaya "
          "korban dengan {alat}. Korban mengalami {luka}.", "menganiaya dengan {alat}",
          suspect="known", victim="anak"),
)

PENGEROYOKAN = (
    Story("lainnya", "sekitar {keramaian}, {dusun}",
          "korban dikeroyok {orang} orang pemuda setelah {pemicu}. Korban mengalami {luka} dan "
          "dibawa ke Puskesmas Pedamaran.", "memukul dan menendang bersama-sama",
          suspect="many", evidence="visum et repertum"),
    Story("lainnya", "lapangan sepak bola, {dusun}",
          "usai pertandingan sepak bola antardesa, korban dikeroyok pendukung tim lawan dan "
          "mengalami {luka}.", "mengeroyok beramai-ramai", suspect="many"),
)

PEMBUNUHAN = (
    Story("kebun", "kebun karet di {dusun}",
          "korban ditemukan meninggal dunia dengan luka bacok di kebun. Diduga dipicu {pemicu}; "
          "terlapor menyerahkan diri ke Polsek.", "membacok dengan parang", suspect="known",
          evidence="sebilah parang", victim="orang tua"),
)

PENIPUAN = (
    Story("rumah", "rumah pelapor (transaksi daring)",
          "pelapor membeli HP {hp} melalui Facebook dan mentransfer {rp_uang} ke rekening "
          "{bank} penjual. Barang tidak dikirim dan nomor penjual tidak aktif lagi.",
          "jual beli daring fiktif", (("Uang transfer pembelian HP", "uang_rp"),),
          "bukti transfer dan tangkapan layar percakapan"),
    Story("rumah", "rumah pelapor (melalui telepon)",
          "pelapor ditelepon orang yang mengaku petugas rumah sakit di {kota}, yang menyatakan "
          "anak pelapor kecelakaan dan meminta transfer biaya tindakan {rp_uang}.",
          "mengaku petugas rumah sakit lewat telepon", (("Uang yang ditransfer", "uang_rp"),),
          "bukti transfer ke rekening {bank}"),
    Story("rumah", "rumah terlapor, {dusun}",
          "terlapor menjanjikan dapat meluluskan anak pelapor menjadi tenaga PPPK dengan "
          "imbalan {rp_uang_besar}. Setelah uang diserahkan, pengumuman tidak memuat nama anak "
          "pelapor dan terlapor sulit dihubungi.", "menjanjikan kelulusan seleksi",
          (("Uang imbalan yang diserahkan", "uang_besar_rp"),), "kuitansi penyerahan uang",
          suspect="known"),
    Story("lainnya", "{keramaian}",
          "terlapor menjual sepeda motor {motor} kepada pelapor seharga {rp_motor}; belakangan "
          "diketahui motor tersebut bukan milik terlapor dan BPKB tidak pernah diserahkan.",
          "menjual barang milik orang lain", (("Uang pembelian motor", "motor_rp"),),
          "kuitansi jual beli", suspect="known"),
    Story("rumah", "rumah pelapor (arisan daring)",
          "pelapor ikut arisan daring yang dikelola terlapor dan telah menyetor {rp_uang}. "
          "Saat giliran pelapor menerima, terlapor beralasan dana belum terkumpul.",
          "arisan daring bodong", (("Setoran arisan", "uang_rp"),),
          "bukti setoran dan grup WhatsApp arisan", suspect="known"),
)

PENGGELAPAN = (
    Story("rumah", "rumah pelapor, {jalan}",
          "terlapor meminjam sepeda motor {motor} {warna} {nopol} milik pelapor untuk ke {kota}, "
          "tetapi motor tidak dikembalikan dan diketahui telah digadaikan.",
          "meminjam lalu menggadaikan kendaraan", _MOTOR, "STNK dan BPKB asli", suspect="known"),
    Story("kebun", "kebun karet milik pelapor",
          "terlapor, pekerja pelapor, menjual {hasil} milik pelapor dan tidak menyetorkan "
          "hasilnya sebesar {rp_hasil}.", "menjual hasil kebun tanpa izin pemilik",
          (("{hasil}", "hasil_rp"),), "nota penjualan di pengepul", suspect="known"),
    Story("toko", "toko milik pelapor di {belanja}",
          "terlapor, karyawan toko, tidak menyetorkan uang penjualan selama dua bulan sebesar "
          "{rp_uang_besar}.", "tidak menyetorkan uang penjualan",
          (("Uang penjualan yang tidak disetor", "uang_besar_rp"),), "buku catatan penjualan",
          suspect="known"),
)

PEMERASAN = (
    Story("rumah", "rumah pelapor (melalui WhatsApp)",
          "terlapor mengancam akan menyebarkan foto pribadi pelapor bila pelapor tidak "
          "mentransfer {rp_uang}.", "mengancam menyebarkan foto pribadi",
          (("Uang yang sudah ditransfer", "uang_rp"),), "tangkapan layar ancaman", suspect="known"),
    Story("kebun", "batas kebun pelapor, {dusun}",
          "terlapor mengancam pelapor dengan parang saat pelapor membersihkan kebun karena "
          "{pemicu}.", "mengancam dengan senjata tajam", suspect="known"),
    Story("kantor", "kantor desa",
          "terlapor yang mengaku wartawan mendatangi pelapor, perangkat desa, dan meminta uang "
          "{rp_uang} dengan ancaman memberitakan dugaan penyimpangan dana desa.", "mengaku wartawan",
          evidence="rekaman percakapan", suspect="known"),
)

ASUSILA = (
    Story("rumah", "rumah terlapor, {dusun}",
          "pelapor melaporkan dugaan tindak pidana kesusilaan terhadap korban oleh terlapor "
          "yang dikenal korban. Korban telah didampingi keluarga.",
          "memanfaatkan kedekatan dengan korban", suspect="known", victim="anak"),
)

KDRT = (
    Story("rumah", "rumah pelapor, {jalan}",
          "terlapor, suami pelapor, memukul pelapor saat cekcok masalah nafkah sehingga pelapor "
          "mengalami {luka}.", "memukul dengan tangan kosong", suspect="known",
          evidence="visum et repertum"),
    Story("rumah", "rumah pelapor, {dusun}",
          "terlapor pulang dalam keadaan mabuk, marah karena {pemicu}, lalu mendorong dan "
          "memukul pelapor dengan {alat}.", "menganiaya istri", suspect="known",
          evidence="visum et repertum"),
)

JUDI = (
    Story("kebun", "pondok di kebun karet, {dusun}",
          "warga melaporkan perjudian sabung ayam yang rutin digelar di pondok kebun dan "
          "mengundang keramaian sampai malam.", "sabung ayam dengan taruhan uang",
          suspect="many"),
)

LAKA = (
    Story("jalan", "Jalan Lintas Timur KM {km}",
          "terjadi tabrakan antara sepeda motor {motor} {nopol} yang dikendarai korban dengan "
          "{lawan}. Korban mengalami {luka} dan dirawat di Puskesmas Pedamaran.",
          "kurang hati-hati saat mendahului", (("Kerusakan sepeda motor {motor}", "hp_rp"),),
          "kedua kendaraan", suspect="known", victim="anak"),
    Story("jalan", "Simpang Pedamaran",
          "sepeda motor {motor} {nopol} yang dikendarai korban bertabrakan dengan {lawan} saat "
          "berbelok. Korban mengalami {luka}.", "tidak memberi isyarat saat berbelok",
          evidence="sepeda motor korban", suspect="known"),
)

KEBAKARAN = (
    Story("lahan", "lahan gambut di {dusun}",
          "terjadi kebakaran lahan gambut seluas kurang lebih {ha} hektare. Api dipadamkan "
          "bersama Manggala Agni, BPBD, Babinsa dan warga; penyebab masih diselidiki.",
          "diduga pembukaan lahan dengan cara dibakar", suspect="none"),
    Story("rumah", "rumah pelapor, {jalan}",
          "rumah pelapor terbakar, diduga akibat korsleting listrik di dapur. Tidak ada korban "
          "jiwa; perabot dan dokumen ikut terbakar.", "",
          (("Rumah dan isinya", "rumah_rp"),), suspect="none"),
)

LAINNYA = (
    Story("perairan", "tepian Sungai Burnai, {dusun}",
          "warga menemukan mayat laki-laki tanpa identitas di tepian sungai. Jenazah dibawa ke "
          "RSUD Kayuagung untuk pemeriksaan.", "", suspect="none"),
    Story("rumah", "rumah pelapor, {dusun}",
          "pelapor melaporkan anaknya (usia {usia} tahun) belum pulang sejak dua hari lalu "
          "setelah pamit ke {kota}.", "", suspect="none", victim="anak"),
)

_SOLVED = (("selesai", 30), ("", 55))

KINDS: tuple[Kind, ...] = (
    Kind("curanmor", 16, CURANMOR, 0.8, (20, 240),
         (("selesai", 12), ("dilimpahkan", 5), ("dicabut", 2), ("", 81))),
    Kind("curat", 12, CURAT, 0.9, (30, 600), (("selesai", 30), ("rj", 5), ("", 65))),
    Kind("curas", 4, CURAS, 1.0, (15, 120), (("selesai", 30), ("dilimpahkan", 30), ("", 40)),
         notable=0.5),
    Kind("pencurian", 14, PENCURIAN, 0.5, (60, 1440),
         (("selesai", 30), ("rj", 25), ("dicabut", 5), ("", 40))),
    Kind("penganiayaan", 10, PENGANIAYAAN, 0.7, (20, 300),
         (("selesai", 15), ("rj", 45), ("dicabut", 10), ("dilimpahkan", 5), ("", 25))),
    Kind("pengeroyokan", 4, PENGEROYOKAN, 0.9, (20, 180),
         (("selesai", 25), ("rj", 25), ("dilimpahkan", 20), ("", 30)), notable=0.3),
    Kind("pembunuhan", 1, PEMBUNUHAN, 1.0, (15, 90), (("dilimpahkan", 90), ("", 10)),
         notable=1.0),
    Kind("penipuan", 10, PENIPUAN, 0.0, (600, 10_000),
         (("selesai", 10), ("dilimpahkan", 15), ("dicabut", 5), ("", 70))),
    Kind("penggelapan", 6, PENGGELAPAN, 0.0, (1440, 20_000),
         (("selesai", 20), ("rj", 35), ("dicabut", 10), ("", 35))),
    Kind("pemerasan", 3, PEMERASAN, 0.2, (60, 4000),
         (("selesai", 30), ("rj", 10), ("dilimpahkan", 10), ("", 50))),
    Kind("asusila", 1, ASUSILA, 0.3, (600, 4000), (("dilimpahkan", 85), ("", 15)),
         notable=0.5, unit="Unit PPA Satreskrim Polres Ogan Komering Ilir"),
    Kind("kdrt", 5, KDRT, 0.6, (30, 720),
         (("rj", 40), ("dicabut", 25), ("selesai", 10), ("dilimpahkan", 5), ("", 20)),
         unit="Unit PPA Satreskrim Polres Ogan Komering Ilir"),
    Kind("judi", 1, JUDI, 1.0, (600, 4000), (("selesai", 40), ("", 60))),
    Kind("laka_lantas", 6, LAKA, 1.0, (10, 60), (("dilimpahkan", 70), ("rj", 15), ("", 15)),
         notable=0.2, unit="Unit Gakkum Satlantas Polres Ogan Komering Ilir"),
    Kind("kebakaran", 3, KEBAKARAN, 1.0, (10, 60), (("selesai", 70), ("dilimpahkan", 10), ("", 20)),
         notable=0.4),
    Kind("lainnya", 2, LAINNYA, 1.0, (30, 1440), _SOLVED, notable=0.5),
)

# Months of the dry season, when land fires (karhutla) make "kebakaran" common in OKI.
DRY_MONTHS = (7, 8, 9, 10)
