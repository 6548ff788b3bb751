"""Unit tests of app.validation: problems, NIK, phone numbers."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.models import AcceptedWarning
from app.validation import (
    ERROR,
    WARNING,
    NikInfo,
    Problem,
    blocking,
    check_nik,
    check_phone,
    decode_nik,
    normalize_phone,
)

WOMAN_1990 = "1602075203900003"  # OKI, district 07, born 12-03-1990, woman (52 = 12 + 40)
MAN_1985 = "1602071708850001"  # OKI, born 17-08-1985, man
TODAY = date(2024, 2, 14)


def codes_of(problems: tuple[Problem, ...]) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in problems]


# ---------------------------------------------------------------- problems and blocking


def test_problem_severity() -> None:
    assert Problem("nik", "nik_invalid", "x", WARNING).is_warning
    assert not Problem("nik", "required", "x", ERROR).is_warning


def test_accepted_warning_with_reason_unblocks() -> None:
    problems = check_nik("12345", field="parties[0].nik")
    assert problems and all(p.is_warning for p in problems)
    accepted = [AcceptedWarning("parties[0].nik", "nik_invalid", "Pelapor WNA, pakai KITAS")]
    assert blocking(problems, accepted) == ()


@pytest.mark.parametrize("reason", ["", "   ", "\u200b", "\t\n"])
def test_accepted_warning_with_blank_reason_still_blocks(reason: str) -> None:
    problems = check_nik("12345", field="parties[0].nik")
    accepted = [AcceptedWarning("parties[0].nik", "nik_invalid", reason)]
    assert blocking(problems, accepted) == problems


def test_acceptance_must_match_field_and_code() -> None:
    problems = check_nik("12345", field="parties[0].nik")
    other_field = [AcceptedWarning("parties[1].nik", "nik_invalid", "tidak bawa KTP")]
    other_code = [AcceptedWarning("parties[0].nik", "nik_sex_mismatch", "tidak bawa KTP")]
    assert blocking(problems, other_field) == problems
    assert blocking(problems, other_code) == problems


def test_errors_cannot_be_accepted() -> None:
    problems = check_phone("12", field="parties[0].phone")
    accepted = [AcceptedWarning("parties[0].phone", "phone_invalid", "nomor luar negeri")]
    assert blocking(problems, accepted) == problems


def test_blocking_accepts_generators() -> None:
    problems = check_nik("12345")
    accepted = (a for a in [AcceptedWarning("nik", "nik_invalid", "paspor")])
    assert blocking(iter(problems), accepted) == ()


# ---------------------------------------------------------------- NIK


def test_decode_real_looking_oki_nik_of_a_woman() -> None:
    info = decode_nik(WOMAN_1990, today=TODAY)
    assert info == NikInfo(
        province="Sumatera Selatan",
        regency="Ogan Komering Ilir",
        district="160207",
        birth_date=date(1990, 3, 12),
        sex="P",
        serial="0003",
    )


def test_decode_man() -> None:
    info = decode_nik(MAN_1985, today=TODAY)
    assert info is not None
    assert info.sex == "L"
    assert info.birth_date == date(1985, 8, 17)


@pytest.mark.parametrize(
    "text",
    ["1602 0752 0390 0003", "16.02.07.520390.0003", " 1602075203900003 ", "160207-520390-0003"],
)
def test_decode_ignores_separators(text: str) -> None:
    info = decode_nik(text, today=TODAY)
    assert info is not None and info.birth_date == date(1990, 3, 12)


def test_decode_full_width_digits() -> None:
    full_width = "".join(chr(ord("０") + int(d)) for d in WOMAN_1990)
    assert decode_nik(full_width, today=TODAY) == decode_nik(WOMAN_1990, today=TODAY)


def test_two_digit_year_picks_the_past_century() -> None:
    nik_2005 = "1602071708050001"  # yy = 05
    assert decode_nik(nik_2005, today=TODAY) == decode_nik(nik_2005, today=date(2024, 1, 1))
    info = decode_nik(nik_2005, today=TODAY)
    assert info is not None and info.birth_date == date(2005, 8, 17)
    # Seen from 2004, 2005 is still the future: the NIK means 1905.
    old = decode_nik(nik_2005, today=date(2004, 1, 1))
    assert old is not None and old.birth_date == date(1905, 8, 17)


def test_two_digit_year_that_would_be_the_future_is_last_century() -> None:
    info = decode_nik("1602071708300001", today=TODAY)  # yy = 30
    assert info is not None and info.birth_date == date(1930, 8, 17)


def test_leap_day_of_2000() -> None:
    info = decode_nik("1602072902000001", today=TODAY)
    assert info is not None and info.birth_date == date(2000, 2, 29)


def test_regency_missing_from_table_keeps_code() -> None:
    info = decode_nik("1699071708850001", today=TODAY)
    assert info is not None
    assert info.province == "Sumatera Selatan"
    assert info.regency == "1699"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "160207520390000",  # 15 digits
        "16020752039000031",  # 17 digits
        "9902075203900003",  # no province 99
        "1602073203900003",  # day 32
        "1602077203900003",  # day 72
        "1602070003900003",  # day 00
        "1602071213900003",  # month 13
        "1602073102900003",  # 31 February
        "1602075203900000",  # serial 0000
        "160207520390000X",
        "١٦٠٢٠٧٥٢٠٣٩٠٠٠٠٣",  # Arabic-Indic digits are not a NIK
    ],
)
def test_undecodable(text: str) -> None:
    assert decode_nik(text, today=TODAY) is None


def test_empty_nik_is_not_a_problem() -> None:
    assert check_nik("") == ()
    assert check_nik("   ") == ()


def test_valid_nik_matching_person_has_no_problem() -> None:
    assert check_nik(WOMAN_1990, "P", date(1990, 3, 12), today=TODAY) == ()
    assert check_nik(WOMAN_1990, today=TODAY) == ()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("160207520390", "16 angka (terisi 12 angka)"),
        ("A1234567", "tanpa huruf"),
        ("9902075203900003", "Kode provinsi NIK (99)"),
        ("1602071213900003", "Tanggal lahir"),
        ("1602075203900000", "0000"),
    ],
)
def test_malformed_nik_is_a_warning_never_an_error(text: str, fragment: str) -> None:
    problems = check_nik(text, field="parties[0].nik", today=TODAY)
    assert codes_of(problems) == [("parties[0].nik", "nik_invalid")]
    assert problems[0].severity == WARNING
    assert fragment in problems[0].message


def test_sex_mismatch_names_what_the_nik_says() -> None:
    problems = check_nik(WOMAN_1990, sex="L", field="parties[0].nik", today=TODAY)
    assert codes_of(problems) == [("parties[0].nik", "nik_sex_mismatch")]
    assert problems[0].is_warning
    assert "perempuan" in problems[0].message


def test_birth_date_mismatch_names_the_nik_date() -> None:
    problems = check_nik(WOMAN_1990, birth_date=date(1990, 3, 13), today=TODAY)
    assert codes_of(problems) == [("nik", "nik_birth_date_mismatch")]
    assert problems[0].is_warning
    assert "12 Maret 1990" in problems[0].message


def test_birth_date_a_century_off_is_not_a_mismatch() -> None:
    # A citizen born 1920: the NIK says ..20, read as 2020 today.
    assert check_nik("1602071708200001", "L", date(1920, 8, 17), today=TODAY) == ()


def test_unknown_sex_value_is_not_compared() -> None:
    assert check_nik(WOMAN_1990, sex="X", today=TODAY) == ()


# ---------------------------------------------------------------- phone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0812-3456-789", "+628123456789"),
        ("0812 3456 7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62812-3456-7890", "+6281234567890"),
        ("62812345678", "+62812345678"),
        ("0062 812 3456 789", "+628123456789"),
        ("+62 (0)812 3456 789", "+628123456789"),
        ("(0711) 123456", "+62711123456"),
        ("0812.3456.7890", "+6281234567890"),
        ("+628123456789", "+628123456789"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_normalize_phone(text: str, expected: str) -> None:
    assert normalize_phone(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "812345678",  # no prefix
        "08123",  # too short
        "0812345",  # 6 digits after 0
        "08123456789012345",  # 16 digits after 0
        "+1 555 123 4567",
        "00812345678",
        "0812-ABCD-789",
        "nomor tidak ada",
    ],
)
def test_normalize_phone_refuses(text: str) -> None:
    assert normalize_phone(text) is None


def test_phone_length_bounds() -> None:
    assert normalize_phone("0" + "8" * 8) == "+62" + "8" * 8
    assert normalize_phone("0" + "8" * 13) == "+62" + "8" * 13
    assert normalize_phone("0" + "8" * 7) is None
    assert normalize_phone("0" + "8" * 14) is None


def test_check_phone() -> None:
    assert check_phone("") == ()
    assert check_phone("0812-3456-789") == ()
    problems = check_phone("12345", field="parties[2].phone")
    assert codes_of(problems) == [("parties[2].phone", "phone_invalid")]
    assert problems[0].severity == ERROR
    assert "08" in problems[0].message


def test_validation_is_pure_python() -> None:
    """No Qt and no SQL behind the validators (ARCHITECTURE.md "Layers")."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, app.validation; "
        "bad = [m for m in ('PySide6', 'sqlite3', 'sqlite_utils') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip() == ""
