"""Indonesian phone numbers, stored normalised as `+62…`.

Accepted forms: `0812-3456-789`, `0812 3456 7890`, `+62 812…`, `62812…`, `0062 812…`, and
the common `+62 (0)812…`. After the 0 / 62 prefix come 8 to 13 digits, the first not 0
(mobile numbers 8xx…, landlines with their area code such as 711 for Palembang).
A number without any prefix is refused rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata

from app.validation.problems import Problem, error, is_blank

_SEPARATORS = re.compile(r"[\s.\-()/]+")
_LOCAL_RE = re.compile(r"[1-9][0-9]{7,12}", re.ASCII)
COUNTRY_PREFIX = "+62"


def normalize_phone(text: str) -> str | None:
    """`+62…` for a plausible Indonesian number, "" for empty input, None otherwise."""
    if is_blank(text):
        return ""
    number = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    international = True
    if number.startswith("+62"):
        local = number[3:]
    elif number.startswith("0062"):
        local = number[4:]
    elif number.startswith("62"):
        local = number[2:]
    elif number.startswith("0"):
        local, international = number[1:], False
    else:
        return None
    if international and local.startswith("0"):
        local = local[1:]  # "+62 (0)812…": the trunk 0 written after the country code
    if not _LOCAL_RE.fullmatch(local):
        return None
    return COUNTRY_PREFIX + local


def check_phone(text: str, field: str = "phone") -> tuple[Problem, ...]:
    """An error when a phone number is filled in but cannot be normalised."""
    if normalize_phone(text) is None:
        return (
            error(
                field,
                "phone_invalid",
                "Nomor telepon tidak valid. Tulis 08… atau +62…, dengan 8–13 angka setelah 0 atau 62.",
            ),
        )
    return ()
