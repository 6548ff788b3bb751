"""Document numbers: render and parse the station's templates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.codes import DOC_DUMAS, DOC_LP_A, DOC_LP_B, DOC_PENGADUAN, DOC_SKTLK
from app.domain.models import StationProfile
from app.numbering import (
    ParsedNumber,
    TemplateError,
    check_template,
    parse_number,
    preview_next,
    render_number,
    roman_month,
)

PROFILE = StationProfile()

NUMBERED_DOCS = (DOC_LP_B, DOC_LP_A, DOC_SKTLK, DOC_PENGADUAN, DOC_DUMAS)


def test_roman_months() -> None:
    assert [roman_month(m) for m in range(1, 13)] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "VIII",
        "IX",
        "X",
        "XI",
        "XII",
    ]
    for bad in (0, 13, -1):
        with pytest.raises(ValueError):
            roman_month(bad)


def test_render_lp_b_as_in_domain() -> None:
    number = render_number(PROFILE.template_lp_b, 7, date(2024, 2, 12), PROFILE)
    assert number == ("LP/B/7/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN")


def test_render_sktlk_with_datetime() -> None:
    when = datetime(2024, 12, 31, 23, 59)
    number = render_number(PROFILE.template_sktlk, 123, when, PROFILE)
    assert number == "SKTLK/123/XII/2024/SPKT/POLSEK PEDAMARAN"


@pytest.mark.parametrize("kind", NUMBERED_DOCS)
@pytest.mark.parametrize(
    ("when", "seq"),
    [
        (date(2024, 1, 1), 1),
        (date(2024, 12, 31), 9),
        (date(2025, 1, 2), 10),
        (date(2026, 12, 1), 123456),
        (date(2024, 4, 30), 44),
        (date(2024, 9, 9), 19),
    ],
)
def test_round_trip_every_default_template(kind: str, when: date, seq: int) -> None:
    template = PROFILE.template_for(kind)
    number = render_number(template, seq, when, PROFILE)
    assert parse_number(template, number, PROFILE) == ParsedNumber(seq, when.month, when.year)


@pytest.mark.parametrize("kind", NUMBERED_DOCS)
def test_every_default_template_is_valid(kind: str) -> None:
    check_template(PROFILE.template_for(kind))


def test_parse_is_lenient_about_case_and_spaces() -> None:
    template = PROFILE.template_lp_b
    typed = "  lp/b / 15 / iv/2024/SPKT/Polsek  Pedamaran/POLRES Ogan   Komering Ilir/POLDA sumatera selatan "
    assert parse_number(template, typed, PROFILE) == ParsedNumber(15, 4, 2024)


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "LP/B/7/II/2024",
        "LP/B/0/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "LP/B/007/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "LP/B/-7/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "LP/B/7/XIII/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "LP/B/7/2/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "LP/B/7/II/24/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "LP/A/7/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "LP/B/7/II/2024/SPKT/POLSEK KAYUAGUNG/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "LP/B/7a/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "LP/B/7/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN/X",
        "LP/B/7/II/2024/SPKT/POLSEKPEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN",
        "SKTLK/7/II/2024/SPKT/POLSEK PEDAMARAN",
        "\x00LP/B/7/II/2024",
    ],
)
def test_parse_rejects_garbage(garbage: str) -> None:
    assert parse_number(PROFILE.template_lp_b, garbage, PROFILE) is None


def test_parse_with_broken_template_is_none() -> None:
    assert parse_number("LP/{n}/{bogus}", "LP/1/x", PROFILE) is None


def test_station_names_with_regex_characters_are_literal() -> None:
    profile = StationProfile(name="KOTA (I)+", polres="A.B", polda="X*Y")
    template = profile.template_lp_b
    number = render_number(template, 3, date(2024, 5, 1), profile)
    assert parse_number(template, number, profile) == ParsedNumber(3, 5, 2024)
    assert parse_number(template, number.replace("A.B", "AxB"), profile) is None


def test_placeholder_used_twice_must_agree() -> None:
    template = "{year}/{n}/{year}"
    assert parse_number(template, "2024/5/2024", PROFILE) == ParsedNumber(5, 0, 2024)
    assert parse_number(template, "2024/5/2025", PROFILE) is None


def test_preview_next() -> None:
    assert preview_next(PROFILE.template_sktlk, 41, date(2025, 1, 1), PROFILE) == (
        "SKTLK/42/I/2025/SPKT/POLSEK PEDAMARAN"
    )
    assert preview_next(PROFILE.template_sktlk, 0, date(2025, 1, 1), PROFILE).startswith("SKTLK/1/I/")


def test_render_rejects_bad_sequence() -> None:
    with pytest.raises(ValueError):
        render_number(PROFILE.template_sktlk, 0, date(2024, 1, 1), PROFILE)


def test_template_is_not_str_format() -> None:
    with pytest.raises(TemplateError) as info:
        render_number("{station.__class__}/{n}", 1, date(2024, 1, 1), PROFILE)
    assert info.value.code == "unknown_placeholder"


@pytest.mark.parametrize(
    ("template", "code"),
    [
        ("SKTLK/{n}/{month}", "missing_placeholder"),
        ("SKTLK/{month}/{year}", "missing_placeholder"),
        ("SKTLK/{n}/{year}/{kota}", "unknown_placeholder"),
        ("SKTLK/{n}/{year}}", "stray_brace"),
        ("SKTLK/{n/{year}", "stray_brace"),
    ],
)
def test_check_template_problems(template: str, code: str) -> None:
    with pytest.raises(TemplateError) as info:
        check_template(template)
    assert info.value.code == code
