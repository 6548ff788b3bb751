"""The check code itself (app/documents/checkcode.py): its text, lenient reading of what an
officer types, and that anything altered is refused."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace
from datetime import date

import pytest

from app.documents import checkcode
from app.documents.checkcode import MAC_CHARS, authentic, issue, parse


def mac_with(key: bytes) -> checkcode.Mac:
    return lambda message: hmac.new(key, message, hashlib.sha256).digest()


KEY = mac_with(b"k" * 32)
DAY = date(2024, 2, 12)


def test_the_text_holds_kind_number_date_and_mac() -> None:
    code = issue(KEY, "STTLP", "B7.2024", DAY)
    kind, reference, day, *groups = code.text.split("-")
    assert (kind, reference, day) == ("STTLP", "B7.2024", "20240212")
    assert [len(g) for g in groups] == [4, 4, 4] and MAC_CHARS == 12  # 60 bits
    assert set(code.text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-.")  # QR alphanumeric
    assert parse(code.text) == code and authentic(KEY, code)


def test_the_same_inputs_give_the_same_code() -> None:
    assert issue(KEY, "PATROLI", "12", DAY) == issue(KEY, "PATROLI", "12", DAY)


@pytest.mark.parametrize("typed", [
    "sttlp-b7.2024-20240212-{mac}",  # lower case
    "  STTLP - B7.2024 - 20240212 - {mac}  ",  # spaces
    "STTLP B7.2024 20240212 {spaced}",  # spaces for the hyphens
    "STTLP-B7.2024-20240212-{joined}",  # the MAC without its hyphens
    "STTLP–B7.2024–20240212–{mac}",  # en dashes from a word processor
])
def test_typed_codes_are_read_leniently(typed: str) -> None:
    code = issue(KEY, "STTLP", "B7.2024", DAY)
    mac = code.text.split("-", 3)[3]
    assert parse(typed.format(mac=mac.lower(), joined=mac.replace("-", ""),
                              spaced=mac.replace("-", " "))) == code


def test_o_i_l_typed_for_digits() -> None:
    code = checkcode.CheckCode("STTLP", "B7.2024", DAY, "0123456789AB")
    assert parse("STTLP-B7.2024-20240212-O123-4567-89AB") == code
    assert parse("STTLP-B7.2024-20240212-0L23-4567-89AB") == code
    assert parse("STTLP-B7.2024-20240212-0I23-4567-89AB") == code


@pytest.mark.parametrize("text", ["", "hello", "STTLP-B7.2024-20240212",
                                  "STTLP-B7.2024-2024021-ABCD-ABCD-ABCD",
                                  "STTLP-B7.2024-20241312-ABCD-ABCD-ABCD",  # month 13
                                  "STTLP-B7.2024-20240212-ABCD-ABCD-ABC",  # 11 characters
                                  "STTLP-B7.2024-20240212-ABCD-ABCD-ABCU",  # U is not base32
                                  "STT1P-B7.2024-20240212-ABCD-ABCD-ABCD",
                                  "STTLP-B7/2024-20240212-ABCD-ABCD-ABCD"])
def test_what_cannot_be_a_code(text: str) -> None:
    assert parse(text) is None


def test_anything_altered_is_refused() -> None:
    code = issue(KEY, "STTLP", "B7.2024", DAY)
    last = code.mac[-1]
    other = "0" if last != "0" else "1"
    for altered in (replace(code, kind="SKTLK"), replace(code, reference="B8.2024"),
                    replace(code, day=date(2024, 2, 13)), replace(code, mac=code.mac[:-1] + other)):
        assert not authentic(KEY, altered)


def test_another_stations_key_refuses_it() -> None:
    code = issue(KEY, "STTLP", "B7.2024", DAY)
    assert not authentic(mac_with(b"x" * 32), code)


def test_a_kind_or_reference_that_cannot_be_carried() -> None:
    with pytest.raises(ValueError):
        issue(KEY, "STT-LP", "B7.2024", DAY)
    with pytest.raises(ValueError):
        issue(KEY, "STTLP", "B7-2024", DAY)
