"""Stable codes of master data (categories, place types): typed once, never edited after,
because imports, exports and statistics refer to them."""

from __future__ import annotations

import re
import unicodedata

CODE_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def suggest_code(label: str) -> str:
    """A code proposed from a label: "Pencurian ternak (Curnak)" -> "pencurian_ternak_curnak"."""
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    code = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if code and not code[0].isalpha():
        code = f"k_{code}"
    return code[:40]


def check_code(problems: dict[str, str], key: str, value: str) -> None:
    value = value.strip()
    if not value:
        problems[key] = "Kode wajib diisi."
    elif not CODE_RE.match(value):
        problems[key] = ("Kode hanya huruf kecil, angka dan garis bawah, diawali huruf "
                         "(mis. curat, laka_lantas).")
