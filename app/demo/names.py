"""Word lists for demo people and places of Kecamatan Pedamaran (Ogan Komering Ilir).

Names follow who lives there: Malay / Komering families (some with Palembang titles such as
Kemas, Kiagus, Nyimas), children of Javanese transmigrants, and a few Batak and Minang
newcomers. Regions carry the NIK region code a person was first registered under.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    """A group of residents: their names, where they were born and first registered."""

    key: str
    weight: int
    male: tuple[str, ...]
    male_second: tuple[str, ...]
    female: tuple[str, ...]
    female_second: tuple[str, ...]
    birth_places: tuple[str, ...]
    nik_regions: tuple[tuple[str, int], ...]  # (6-digit district code, weight)
    religions: tuple[tuple[str, int], ...] = (("Islam", 1),)


# Kecamatan Pedamaran is 1602 07 (16 Sumatera Selatan, 02 Ogan Komering Ilir); neighbours:
# Kayuagung 160201, Tanjung Lubuk 160203, Pampangan 160206, Teluk Gelam 160212.
_OKI = (("160207", 70), ("160201", 10), ("160203", 5), ("160206", 5), ("160212", 4))

LOCAL = Origin(
    "lokal", 72,
    male=("Ahmad", "Muhammad", "Abdul", "Rudi", "Hendra", "Syahrial", "Zulkifli", "Firdaus",
          "Herman", "Iskandar", "Junaidi", "Darmawan", "Erwin", "Fadli", "Hasan", "Husin",
          "Ilham", "Jamaludin", "Khairul", "Lukman", "Mansyur", "Nasrul", "Rahmat", "Ridwan",
          "Rizky", "Saipul", "Syamsul", "Taufik", "Usman", "Yusuf", "Zainal", "Amri", "Anwar",
          "Basri", "Dedi", "Fikri", "Hamdan", "Irwan", "Jefri", "Mulyadi", "Novri", "Romli",
          "Sulaiman", "Tarmizi", "Yopi", "Agus", "Arif", "Candra", "Doni", "Feri", "Mahmud",
          "Nurdin", "Rozali", "Sahril", "Tamrin", "Yudi", "Alamsyah", "Rusdi", "Zulham"),
    male_second=("Saputra", "Pratama", "Kurniawan", "Hidayat", "Ramadhan", "Syahputra",
                 "Firmansyah", "Setiawan", "Gunawan", "Fauzi", "Rahman", "Hakim", "Effendi",
                 "Ansori", "Mukhtar", "Yusuf", "Hamzah", "Rasyid", "Sobri", "Kadir", "Aprizal",
                 "Marzuki", "Syarifuddin", "Zakaria", "Harun"),
    female=("Siti", "Nur", "Dewi", "Fitri", "Rina", "Yuli", "Ani", "Aisyah", "Dian", "Eka",
            "Fatimah", "Indah", "Juliana", "Kartini", "Maya", "Nurhayati", "Ratna", "Rosmala",
            "Sari", "Titin", "Umi", "Wulan", "Yanti", "Desi", "Elvi", "Herlina", "Lia",
            "Marlina", "Novi", "Rahma", "Susi", "Yusnita", "Zubaidah", "Halimah", "Maimunah",
            "Rohaya", "Asmawati", "Cik", "Mardiana", "Yusmaini"),
    female_second=("Aminah", "Rahmawati", "Anggraini", "Puspitasari", "Handayani", "Maharani",
                   "Oktaviani", "Safitri", "Yuliana", "Agustina", "Susanti", "Fitriani",
                   "Permata", "Zuraida", "Khodijah", "Hasanah", "Marlena", "Julaiha",
                   "Apriyani", "Novita"),
    birth_places=("Pedamaran", "Pedamaran", "Pedamaran", "Kayuagung", "Tanjung Lubuk",
                  "Pampangan", "Teluk Gelam", "Palembang", "Tulung Selapan", "Sirah Pulau Padang",
                  "Lempuing", "Baturaja", "Prabumulih"),
    nik_regions=(*_OKI, ("167101", 3), ("167106", 2), ("160105", 1)),
)

JAVANESE = Origin(
    "jawa", 18,
    male=("Sutrisno", "Slamet", "Suparman", "Sugeng", "Wagimin", "Joko", "Bambang", "Purwanto",
          "Suyanto", "Tukiman", "Sarno", "Paiman", "Wahyudi", "Heru", "Budi", "Eko", "Sigit",
          "Teguh", "Gatot", "Warsito"),
    male_second=("Santoso", "Riyadi", "Prasetyo", "Widodo", "Susilo", "Nugroho", "Hartanto",
                 "Purnomo", "Wibowo", "Raharjo", "Sutopo", "Wicaksono"),
    female=("Sri", "Tri", "Puji", "Sumiati", "Tukiyem", "Suparmi", "Sulastri", "Endang",
            "Wartini", "Siti", "Sukini", "Rini", "Yatmi", "Ngatini"),
    female_second=("Wahyuni", "Lestari", "Rahayu", "Handayani", "Astuti", "Mulyani", "Utami",
                   "Ningsih", "Purwanti", "Suryani"),
    birth_places=("Pedamaran", "Kayuagung", "Lempuing", "Mesuji", "Kebumen", "Wonogiri",
                  "Kediri", "Purworejo", "Banyumas", "Metro"),
    nik_regions=(*_OKI, ("330501", 3), ("331201", 3), ("350601", 2), ("187201", 2)),
)

BATAK_MINANG = Origin(
    "batak_minang", 6,
    male=("Togar", "Parulian", "Jonter", "Marihot", "Daniel", "Roy", "Hotman", "Benny",
          "Afrizal", "Syafril", "Hendri"),
    male_second=("Siregar", "Simanjuntak", "Nainggolan", "Sitorus", "Hutapea", "Panjaitan",
                 "Pardede", "Chaniago", "Piliang", "Tanjung"),
    female=("Rosmawati", "Lasma", "Tiurma", "Melati", "Rosdiana", "Sondang", "Yusra",
            "Nurhasanah"),
    female_second=("Siregar", "Simanjuntak", "Sitorus", "Hutapea", "Chaniago", "Tanjung"),
    birth_places=("Medan", "Tarutung", "Pematangsiantar", "Bukittinggi", "Padang",
                  "Palembang", "Kayuagung"),
    nik_regions=(("160207", 30), ("160201", 10), ("167101", 20), ("127101", 20), ("137101", 10),
                 ("120201", 10)),
    religions=(("Kristen", 5), ("Islam", 4), ("Katolik", 1)),
)

ORIGINS: tuple[Origin, ...] = (LOCAL, JAVANESE, BATAK_MINANG)

# Palembang titles (gelar): kept by some families, written before the name on the KTP.
MALE_TITLES = ("Kemas", "Kiagus", "Masagus", "Raden")
FEMALE_TITLES = ("Nyimas", "Nyayu", "Raden Ayu")

OCCUPATIONS_MALE: tuple[tuple[str, int], ...] = (
    ("Petani karet", 14), ("Pekebun", 8), ("Petani", 8), ("Nelayan", 5), ("Pedagang", 8),
    ("Wiraswasta", 12), ("Buruh harian lepas", 10), ("Karyawan swasta", 7), ("Sopir", 4),
    ("Tukang ojek", 3), ("Pegawai Negeri Sipil", 3), ("Guru", 2), ("Perangkat desa", 2),
    ("Mahasiswa", 2), ("Pelajar", 2), ("Montir", 2), ("Tukang bangunan", 3),
)
OCCUPATIONS_FEMALE: tuple[tuple[str, int], ...] = (
    ("Mengurus rumah tangga", 22), ("Pedagang", 10), ("Petani karet", 6), ("Wiraswasta", 8),
    ("Pengrajin purun", 6), ("Guru", 4), ("Karyawan swasta", 5), ("Bidan", 1),
    ("Pegawai Negeri Sipil", 3), ("Mahasiswa", 3), ("Pelajar", 2), ("Buruh harian lepas", 3),
)

STREETS = (
    "Jl. Lintas Timur", "Jl. Merdeka", "Jl. Pasar Pedamaran", "Jl. Masjid Agung",
    "Jl. Kebun Karet", "Jl. Lebak Lebung", "Jl. Purun", "Jl. Pendidikan", "Jl. Poros Desa",
    "Lorong Kenanga", "Lorong Masjid", "Lorong Sekolah", "Lorong Damai", "Lorong Pelita",
    "Lorong Talang Jawa", "Jl. Pahlawan", "Jl. Sungai Burnai", "Dusun I", "Dusun II", "Dusun III",
    "Dusun IV",
)

# Visitors from outside the kecamatan (travellers on the Jalan Lintas Timur, relatives).
OUTSIDE_ADDRESSES: tuple[tuple[str, str, str], ...] = (
    # (desa / kelurahan, kecamatan, kabupaten / kota)
    ("Kutaraya", "Kayuagung", "Ogan Komering Ilir"),
    ("Jua-Jua", "Kayuagung", "Ogan Komering Ilir"),
    ("Pampangan", "Pampangan", "Ogan Komering Ilir"),
    ("Tanjung Lubuk", "Tanjung Lubuk", "Ogan Komering Ilir"),
    ("Mulya Guna", "Teluk Gelam", "Ogan Komering Ilir"),
    ("9 Ilir", "Ilir Timur II", "Palembang"),
    ("Sukarami", "Sukarami", "Palembang"),
    ("Kemiling", "Kemiling", "Bandar Lampung"),
)

MOTORCYCLES: tuple[tuple[str, int, int], ...] = (
    # (make and model, value range in Rupiah for a used one)
    ("Honda Beat", 9_000_000, 15_000_000), ("Honda Vario 125", 13_000_000, 19_000_000),
    ("Honda Scoopy", 12_000_000, 18_000_000), ("Honda Supra X 125", 7_000_000, 12_000_000),
    ("Yamaha NMAX", 20_000_000, 28_000_000), ("Yamaha Mio M3", 7_000_000, 11_000_000),
    ("Yamaha Jupiter Z1", 7_000_000, 11_000_000), ("Kawasaki KLX 150", 18_000_000, 26_000_000),
    ("Honda Revo", 6_000_000, 10_000_000), ("Yamaha Vega Force", 7_000_000, 10_000_000),
    ("Honda CRF 150L", 22_000_000, 30_000_000), ("Suzuki Satria F150", 12_000_000, 18_000_000),
)
COLOURS = ("hitam", "merah", "putih", "biru", "abu-abu", "hitam doff", "merah-hitam",
           "putih-biru", "hijau")
PHONES: tuple[tuple[str, int, int], ...] = (
    ("Samsung Galaxy A14", 1_800_000, 2_400_000), ("Oppo A57", 1_600_000, 2_200_000),
    ("Vivo Y21", 1_500_000, 2_000_000), ("Xiaomi Redmi Note 12", 2_000_000, 2_800_000),
    ("Realme C55", 1_700_000, 2_300_000), ("iPhone 11", 4_500_000, 6_500_000),
    ("Infinix Hot 30", 1_300_000, 1_800_000), ("Samsung Galaxy A34", 3_200_000, 4_200_000),
)
GOLD_ITEMS = ("kalung emas", "gelang emas", "cincin emas", "anting emas", "liontin emas")
LIVESTOCK: tuple[tuple[str, int, int], ...] = (
    ("seekor sapi betina", 12_000_000, 18_000_000), ("dua ekor kambing", 3_000_000, 5_000_000),
    ("seekor kerbau", 15_000_000, 22_000_000), ("sepuluh ekor ayam kampung", 800_000, 1_500_000),
    ("sepasang bebek petelur", 300_000, 500_000),
)
FARM_GOODS: tuple[tuple[str, int, int], ...] = (
    ("getah karet (ojol) sekitar 150 kg", 1_500_000, 2_200_000),
    ("buah sawit (TBS) sekitar 1 ton", 2_000_000, 2_800_000),
    ("mesin pompa air Sanyo", 600_000, 1_200_000), ("mesin perahu ketek 13 PK", 2_500_000, 4_500_000),
    ("jaring ikan dan bubu", 700_000, 1_500_000), ("tabung gas LPG 3 kg dua buah", 400_000, 500_000),
    ("aki dan genset kecil", 1_500_000, 3_000_000), ("gulungan tikar purun", 300_000, 800_000),
    ("mesin potong rumput", 1_200_000, 2_500_000), ("pupuk NPK lima karung", 1_000_000, 1_800_000),
)
HOUSEHOLD_GOODS: tuple[tuple[str, int, int], ...] = (
    ("televisi LED 32 inci", 1_500_000, 2_500_000), ("laptop Acer", 4_000_000, 7_000_000),
    ("kotak amal masjid", 500_000, 2_000_000), ("tabung gas dan kompor", 500_000, 900_000),
    ("speaker aktif", 1_000_000, 2_500_000), ("rokok dan uang di laci warung", 1_500_000, 4_000_000),
)
BANKS = ("Bank Sumsel Babel", "BRI", "BNI", "Mandiri", "BSI", "BCA")
