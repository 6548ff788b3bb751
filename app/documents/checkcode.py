"""The check code printed on every document (in a QR code and as text under it):

    STTLP-B7.2024-20240212-K7M2-QX9P-DA3F
    kind  number  date     MAC (12 characters, in three groups)

- kind: the document kind's short name (app/documents/registry.py: STTLP, SKTLK, PATROLI...);
- number: the record's reference (app/documents/subjects.py: the parts of an LP's number,
  a patrol's record number, a week), never text a citizen typed;
- date: the record's day in station time (YYYYMMDD);
- MAC: HMAC-SHA256 over the three, with the station's random 32-byte key that only the store
  holds (`Store.document_mac`; migration 0007_document_check_key), cut to its first 60 bits
  and written as 12 characters of Crockford's base32.

Why 60 bits: the code is checked against the store (`piket check-doc`, the window's "Cek
keaslian dokumen"), never offline, so a forger without the key can only guess; a guess is
right once in 2**60 (about 10**18) tries, and every try costs a check at the station. That
is far beyond practical, and the whole code stays short enough to type (36-40 characters)
and fits a version 2 or 3 QR code (25 or 29 modules wide) that a 200-dpi scan reads.

Every character is in the QR alphanumeric set (digits, capitals, "-", "."), which keeps the QR
small. Typed codes are read leniently: letter case, spaces (also for the hyphens) and the
letters O, I, L typed for the digits 0 and 1 in the MAC do not matter.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

MAC_CHARS = 12  # x 5 bits = 60 bits (see above)
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O, U
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_VERSION = b"piket-dokumen/1"
_KIND = re.compile(r"[A-Z]{2,12}")
_REFERENCE = re.compile(r"[A-Z0-9.]{1,20}")

Mac = Callable[[bytes], bytes]
"""HMAC-SHA256 with the station's key (Store.document_mac)."""


@dataclass(frozen=True)
class CheckCode:
    kind: str  # e.g. "STTLP"
    reference: str  # e.g. "B7.2024"
    day: date
    mac: str  # MAC_CHARS characters of _ALPHABET

    @property
    def text(self) -> str:
        """The code as printed and put in the QR code."""
        groups = "-".join(self.mac[i:i + 4] for i in range(0, len(self.mac), 4))
        return f"{self.kind}-{self.reference}-{self.day:%Y%m%d}-{groups}"


def issue(mac: Mac, kind: str, reference: str, day: date) -> CheckCode:
    """The code of a document (raises ValueError for a kind or reference it cannot carry)."""
    if not _KIND.fullmatch(kind) or not _REFERENCE.fullmatch(reference):
        raise ValueError(f"kind {kind!r} or reference {reference!r} cannot be in a check code")
    return CheckCode(kind, reference, day, _mac_text(mac, kind, reference, day))


def authentic(mac: Mac, code: CheckCode) -> bool:
    """Whether the code's MAC was made with this station's key for its kind, number, date."""
    expected = _mac_text(mac, code.kind, code.reference, code.day)
    return hmac.compare_digest(expected, code.mac)


def parse(text: str) -> CheckCode | None:
    """A typed or scanned code, or None when it cannot be one (not even its shape)."""
    parts = [p for p in re.split(r"[\s\-\u2013\u2014]+", text.upper()) if p]
    if len(parts) < 4:
        return None
    kind, reference, day_text = parts[0], parts[1], parts[2]
    mac = "".join(parts[3:]).translate(_LOOKALIKES)
    if (not _KIND.fullmatch(kind) or not _REFERENCE.fullmatch(reference)
            or not re.fullmatch(r"\d{8}", day_text) or len(mac) != MAC_CHARS
            or any(c not in _ALPHABET for c in mac)):
        return None
    try:
        day = date(int(day_text[:4]), int(day_text[4:6]), int(day_text[6:]))
    except ValueError:
        return None
    return CheckCode(kind, reference, day, mac)


def _mac_text(mac: Mac, kind: str, reference: str, day: date) -> str:
    message = b"\n".join([_VERSION, kind.encode(), reference.encode(), day.isoformat().encode()])
    bits = int.from_bytes(mac(message)[:8], "big") >> (64 - 5 * MAC_CHARS)
    return "".join(_ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(MAC_CHARS)))
