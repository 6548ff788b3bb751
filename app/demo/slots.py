"""Values that fill the demo stories: times in words, vehicles, goods with their worth.

Every story template picks from these, so one template gives many different records and
full-text search over demo data finds some rows, not all or none.
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from app.demo import names

_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember")
_PLATE_SERIES = ("KA", "KB", "KC", "KD", "KE", "KF", "KG", "KH", "KJ", "KL", "KM", "KN",
                 "KP", "KR", "KS", "KT", "KU", "KV", "KW", "KY", "KZ", "AF", "AG", "FD")
_INJURIES = ("luka robek di pelipis kiri", "memar di wajah dan lengan kanan",
             "luka lecet di siku dan lutut", "luka tusuk ringan di lengan kiri",
             "bengkak di kepala bagian belakang", "luka sobek di bibir",
             "memar di punggung", "patah tulang jari tangan kanan")
_WEAPONS = ("sepotong kayu", "batu", "tangan kosong", "helm", "botol kaca", "gagang cangkul",
            "sebilah pisau")
_TRIGGERS = ("cekcok soal utang piutang", "salah paham di lokasi organ tunggal",
             "sengketa batas kebun karet", "masalah cemburu", "senggolan sepeda motor",
             "saling ejek di media sosial", "perebutan lapak di pasar",
             "masalah air sawah lebak")
_SUSPECTS = ("dua orang laki-laki berboncengan sepeda motor matic tanpa pelat",
             "seorang laki-laki berjaket hitam dan helm full face",
             "tiga orang tidak dikenal menggunakan dua sepeda motor",
             "seorang laki-laki bertubuh kurus, memakai topi",
             "dua orang, salah satunya bertato di lengan", "orang tidak dikenal")
_OTHER_VEHICLES = ("truk bermuatan batu bara", "mobil pikap pengangkut sawit",
                   "bus antarkota", "mobil minibus", "truk tangki CPO", "sepeda motor lain")
_TOWNS = ("Kayuagung", "Palembang", "Tanjung Lubuk", "Pampangan", "Teluk Gelam", "Baturaja",
          "Lampung")
_SHOPS = ("Pasar Pedamaran", "toko kelontong dekat Simpang Pedamaran",
          "minimarket di Jalan Lintas Timur", "konter HP dekat Pasar Pedamaran",
          "warung manisan di pasar kalangan")
_CROWDS = ("lapangan sepak bola", "balai desa", "Simpang Pedamaran", "lokasi pasar malam",
           "SPBU Pedamaran", "warung kopi di pinggir Jalan Lintas Timur")
_WATERS = ("dermaga perahu ketek", "tepian Sungai Burnai", "pondok di lebak lebung")
_SALAT = ((4, 6, "Subuh"), (12, 13, "Zuhur"), (15, 16, "Asar"), (18, 19, "Magrib"),
          (19, 21, "Isya"))


def rupiah(amount: int) -> str:
    """"Rp12.500.000", the form of app.textid.format_rupiah, without Babel per call (the bulk
    benchmark fills a million stories)."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def round_to(value: int, step: int) -> int:
    return max(step, round(value / step) * step)


def part_of_day(hour: int) -> str:
    if hour < 4:
        return "dini hari"
    if hour < 10:
        return "pagi hari"
    if hour < 15:
        return "siang hari"
    if hour < 18:
        return "sore hari"
    return "malam hari"


def prayer(hour: int) -> str:
    for start, end, name in _SALAT:
        if start <= hour < end:
            return name
    return "berjamaah"


def plate(rng: random.Random) -> str:
    return f"BG {rng.randint(1000, 6999)} {rng.choice(_PLATE_SERIES)}"


def slots(rng: random.Random, when: datetime, desa: str, other_desa: str,
          tz: str) -> dict[str, Any]:
    """Fresh values for one story. `when` is the incident time in station time."""
    motor, low, high = rng.choice(names.MOTORCYCLES)
    hp, hp_low, hp_high = rng.choice(names.PHONES)
    beast, b_low, b_high = rng.choice(names.LIVESTOCK)
    farm, f_low, f_high = rng.choice(names.FARM_GOODS)
    goods, g_low, g_high = rng.choice(names.HOUSEHOLD_GOODS)
    grams = rng.choice((2, 3, 5, 5, 8, 10, 15))
    values = {
        "motor_rp": round_to(rng.randint(low, high), 500_000),
        "hp_rp": round_to(rng.randint(hp_low, hp_high), 50_000),
        "emas_rp": round_to(grams * rng.randint(1_650_000, 1_950_000), 50_000),
        "uang_rp": round_to(int(rng.lognormvariate(14.6, 0.8)), 50_000),
        "uang_besar_rp": round_to(rng.randint(15, 150) * 1_000_000, 5_000_000),
        "ternak_rp": round_to(rng.randint(b_low, b_high), 100_000),
        "hasil_rp": round_to(rng.randint(f_low, f_high), 50_000),
        "barang_rp": round_to(rng.randint(g_low, g_high), 50_000),
        "rumah_rp": round_to(rng.randint(40, 250) * 1_000_000, 5_000_000),
    }
    out: dict[str, Any] = {
        "hari": _DAYS[when.weekday()],
        "tanggal": f"{when.day} {_MONTHS[when.month - 1]} {when.year}",
        "jam": f"{when.hour:02d}.{when.minute:02d} {tz}",
        "waktu": part_of_day(when.hour),
        "salat": prayer(when.hour),
        "desa": desa, "desa_lain": other_desa,
        "dusun": f"Dusun {rng.choice(('I', 'II', 'III', 'IV'))}",
        "jalan": rng.choice(names.STREETS),
        "km": rng.randint(62, 78),
        "belanja": rng.choice(_SHOPS), "keramaian": rng.choice(_CROWDS),
        "perairan": rng.choice(_WATERS),
        "motor": motor, "warna": rng.choice(names.COLOURS), "nopol": plate(rng),
        "hp": hp, "emas": f"{rng.choice(names.GOLD_ITEMS)} {grams} gram",
        "ternak": beast, "hasil": farm, "barang": goods,
        "bank": rng.choice(names.BANKS), "kota": rng.choice(_TOWNS),
        "luka": rng.choice(_INJURIES), "alat": rng.choice(_WEAPONS),
        "pemicu": rng.choice(_TRIGGERS), "ciri": rng.choice(_SUSPECTS),
        "lawan": rng.choice(_OTHER_VEHICLES), "orang": rng.choice(("tiga", "empat", "lima")),
        "ha": rng.choice(("0,5", "1", "2", "3", "5", "8")),
        "sd": f"SD Negeri {rng.randint(1, 24)} Pedamaran",
        "usia": rng.randint(15, 60),
    }
    out.update(values)
    out.update({"rp_" + key[:-3]: rupiah(value) for key, value in values.items()})
    return out
