"""NIK (Nomor Induk Kependudukan): decode it and compare it with what the officer typed.

Layout `PP KK CC DDMMYY SSSS`: province, regency, district of first registration, birth date
(women: day + 40), serial. There is no check digit, so "valid" means: 16 digits, a known
province code (python-stdnum's table) and a real calendar date.

A NIK that does not decode is a *warning*, never an error: people come without their KTP, or
with a foreign passport / KITAS, and the officer must be able to go on after giving a reason.
An empty NIK is no problem here; whether a service needs one is decided elsewhere.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.validation.problems import Problem, warning

_SEPARATORS = re.compile(r"[\s.\-]+")
_NIK_RE = re.compile(r"[0-9]{16}", re.ASCII)
_FEMALE_OFFSET = 40

# Provinces formed after python-stdnum's table was made (its data predates them). Name ""
# means we accept the code but do not know a reliable name for it; the code is shown.
_EXTRA_PROVINCES: dict[str, str] = {
    "65": "Kalimantan Utara",
    "92": "",
    "93": "",
    "95": "",
    "96": "",
}

_MONTHS_ID = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()
_SEX_WORDS = {"L": "laki-laki", "P": "perempuan"}


@dataclass(frozen=True)
class NikInfo:
    """What a NIK says about its holder.

    `province` and `regency` are names when python-stdnum knows them, else the codes;
    `district` is the 6-digit region code (no name table for districts is shipped).
    """

    province: str
    regency: str
    district: str
    birth_date: date | None
    sex: str  # "L" | "P"
    serial: str = ""


def compact_nik(text: str) -> str:
    """The NIK without spaces, dots and dashes (full-width digits made plain)."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def format_date_id(value: date) -> str:
    """12 Maret 1990."""
    return f"{value.day} {_MONTHS_ID[value.month - 1]} {value.year}"


def _region_names(code: str) -> tuple[str, str] | None:
    """(province, regency) names for the first 4 digits; None if the province is unknown."""
    return _region_names_of(code[:4])


@functools.lru_cache(maxsize=1024)  # pure: a bulk import checks thousands of NIKs a second
def _region_names_of(code: str) -> tuple[str, str] | None:
    province_code, regency_code = code[:2], code[2:4]
    if province_code in _EXTRA_PROVINCES:
        return (_EXTRA_PROVINCES[province_code] or province_code, code[:4])
    from stdnum import numdb  # at first use: python-stdnum takes 20 ms to import at start

    parts = numdb.get("id/loc").info(code[:4])
    if len(parts) < 2 or parts[0][0] != province_code or not parts[0][1]:
        return None
    province = parts[0][1].get("name_id", province_code)
    regency = code[:4]
    if parts[1][0] == regency_code and parts[1][1].get("name_id"):
        # stdnum keeps regency names in capitals ("OGAN KOMERING ILIR"); show them as
        # people write them. A regency missing from the table (new ones are formed every
        # few years) keeps its code instead of making the NIK invalid.
        regency = parts[1][1]["name_id"].title()
    return province, regency


def _birth_date(day: int, month: int, yy: int, today: date) -> date | None:
    """The birth date for a two-digit year: the most recent century that is not in the future."""
    candidates: list[date] = []
    for century in (2000, 1900):
        try:
            candidates.append(date(century + yy, month, day))
        except ValueError:
            continue  # e.g. 29 Feb exists in 2000 but not in 1900
    if not candidates:
        return None
    for candidate in candidates:
        if candidate <= today:
            return candidate
    return candidates[-1]


def decode_nik(text: str, today: date | None = None) -> NikInfo | None:
    """Decode a NIK; None if it is not one (wrong length, unknown province, no such date)."""
    number = compact_nik(text)
    if not _NIK_RE.fullmatch(number):
        return None
    names = _region_names(number)
    if names is None:
        return None
    raw_day, month, yy = int(number[6:8]), int(number[8:10]), int(number[10:12])
    if 1 <= raw_day <= 31:
        sex, day = "L", raw_day
    elif 1 + _FEMALE_OFFSET <= raw_day <= 31 + _FEMALE_OFFSET:
        sex, day = "P", raw_day - _FEMALE_OFFSET
    else:
        return None
    born = _birth_date(day, month, yy, today or date.today())
    if born is None:
        return None
    serial = number[12:]
    if serial == "0000":  # serials start at 0001
        return None
    return NikInfo(
        province=names[0],
        regency=names[1],
        district=number[:6],
        birth_date=born,
        sex=sex,
        serial=serial,
    )


def _why_invalid(number: str) -> str:
    digits = sum(ch.isdigit() for ch in number)
    if not _NIK_RE.fullmatch(number):
        if number.isascii() and number.isdigit():
            return f"NIK harus 16 angka (terisi {len(number)} angka)."
        if digits == 0:
            return "NIK harus 16 angka."
        return "NIK harus 16 angka, tanpa huruf atau tanda lain."
    if _region_names(number) is None:
        return f"Kode provinsi NIK ({number[:2]}) tidak dikenal."
    if number[12:] == "0000":
        return "Nomor urut NIK (4 angka terakhir) tidak boleh 0000."
    return "Tanggal lahir di dalam NIK tidak valid."


def check_nik(
    nik: str,
    sex: str = "",
    birth_date: date | None = None,
    field: str = "nik",
    today: date | None = None,
) -> tuple[Problem, ...]:
    """Warnings about a NIK, and about sex / birth date that disagree with it."""
    if not compact_nik(nik):
        return ()
    info = decode_nik(nik, today=today)
    if info is None:
        reason = _why_invalid(compact_nik(nik))
        return (
            warning(
                field,
                "nik_invalid",
                f"{reason} Bila tidak ada KTP (mis. paspor atau KITAS), terima peringatan ini dengan alasan.",
            ),
        )
    problems: list[Problem] = []
    if sex in _SEX_WORDS and sex != info.sex:
        problems.append(
            warning(
                field,
                "nik_sex_mismatch",
                f"Menurut NIK, pemiliknya {_SEX_WORDS[info.sex]}, "
                f"tetapi jenis kelamin diisi {_SEX_WORDS[sex]}.",
            )
        )
    nik_born = info.birth_date
    if birth_date is not None and nik_born is not None:
        # The NIK only has a two-digit year: compare day, month and year modulo 100 so a
        # citizen born in 1920 is not flagged because the NIK could also mean 2020.
        same = (birth_date.day, birth_date.month, birth_date.year % 100) == (
            nik_born.day,
            nik_born.month,
            nik_born.year % 100,
        )
        if not same:
            problems.append(
                warning(
                    field,
                    "nik_birth_date_mismatch",
                    f"Menurut NIK, tanggal lahirnya {format_date_id(nik_born)}, "
                    f"tetapi diisi {format_date_id(birth_date)}.",
                )
            )
    return tuple(problems)
