"""Document numbers from the station's templates (StationProfile.template_*).

A template is plain text with placeholders: {n} (the yearly counter), {month} (Roman numeral
I..XII), {year} (four digits), {station}, {polres}, {polda} (from the station profile). Templates
are station settings, typed by an admin, so they are never passed to ``str.format`` (which would
let "{station.__class__}" reach into Python objects); placeholders are substituted by hand.

Decisions, so they can be changed in one place:
- The counter is rendered without padding ("LP/B/7/II/2024/...") and parsing is strict about it:
  no leading zeros and no zero. "007" is then not silently the same number as "7"; an imported
  register with padded numbers is flagged for a person to look at instead of merged.
- Parsing is lenient about what people retype differently: letter case (everywhere, including
  the Roman month and the station names) and spaces (runs of spaces count as one, spaces around
  "/", "-" and other punctuation are optional, leading/trailing spaces are ignored).
- A template must contain {n} and {year}: the counter restarts every calendar year, so a
  template without the year would issue the same number twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.codes import ROMAN_MONTHS
from app.domain.models import StationProfile

PLACEHOLDERS = ("n", "month", "year", "station", "polres", "polda")
REQUIRED_PLACEHOLDERS = ("n", "year")

_FIELD_RE = re.compile(r"\{([^{}]*)\}")
_SPACE_OPT = "\0opt"  # markers while building a pattern, merged before joining
_SPACE_REQ = "\0req"


class TemplateError(ValueError):
    """A number template an admin typed cannot be used. ``code`` says why (for the UI):
    ``unknown_placeholder``, ``missing_placeholder``, ``stray_brace``."""

    def __init__(self, code: str, detail: str, template: str) -> None:
        super().__init__(f"{code}: {detail} in template {template!r}")
        self.code = code
        self.detail = detail
        self.template = template


@dataclass(frozen=True)
class ParsedNumber:
    """What a number says. ``month``/``year`` are 0 when the template does not carry them."""

    seq: int
    month: int
    year: int


def roman_month(month: int) -> str:
    """1 -> "I" ... 12 -> "XII"."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return ROMAN_MONTHS[month - 1]


def _split(template: str) -> list[tuple[bool, str]]:
    """The template as (is_placeholder, text) pieces; raises TemplateError if malformed."""
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for match in _FIELD_RE.finditer(template):
        literal = template[pos : match.start()]
        if "{" in literal or "}" in literal:
            raise TemplateError("stray_brace", "unmatched brace", template)
        if literal:
            pieces.append((False, literal))
        name = match.group(1).strip().lower()
        if name not in PLACEHOLDERS:
            raise TemplateError("unknown_placeholder", "{" + match.group(1) + "}", template)
        pieces.append((True, name))
        pos = match.end()
    tail = template[pos:]
    if "{" in tail or "}" in tail:
        raise TemplateError("stray_brace", "unmatched brace", template)
    if tail:
        pieces.append((False, tail))
    return pieces


def check_template(template: str) -> None:
    """Raise TemplateError if ``template`` cannot issue unique numbers (settings validation)."""
    names = {text for is_field, text in _split(template) if is_field}
    for required in REQUIRED_PLACEHOLDERS:
        if required not in names:
            raise TemplateError("missing_placeholder", "{" + required + "}", template)


def _profile_value(name: str, profile: StationProfile) -> str:
    return {"station": profile.name, "polres": profile.polres, "polda": profile.polda}[name]


def render_number(template: str, seq: int, local_when: date | datetime, profile: StationProfile) -> str:
    """The number for counter value ``seq`` issued at ``local_when`` (station time)."""
    if seq < 1:
        raise ValueError(f"sequence must be positive: {seq}")
    out: list[str] = []
    for is_field, text in _split(template):
        if not is_field:
            out.append(text)
        elif text == "n":
            out.append(str(seq))
        elif text == "month":
            out.append(roman_month(local_when.month))
        elif text == "year":
            out.append(f"{local_when.year:04d}")
        else:
            out.append(_profile_value(text, profile))
    return "".join(out)


def preview_next(template: str, last_seq: int, local_when: date | datetime, profile: StationProfile) -> str:
    """The number the next record would get, for the settings preview."""
    return render_number(template, max(last_seq, 0) + 1, local_when, profile)


def _literal_pattern(text: str) -> list[str]:
    parts: list[str] = []
    for char in text:
        if char.isspace():
            parts.append(_SPACE_REQ)
        elif char.isalnum():
            parts.append(re.escape(char))
        else:
            parts.extend((_SPACE_OPT, re.escape(char), _SPACE_OPT))
    return parts


def _join(parts: list[str]) -> str:
    """Merge runs of space markers into one ``\\s*`` or ``\\s+`` (no nested quantifiers)."""
    out: list[str] = []
    run: list[str] = []
    for part in [*parts, ""]:
        if part in (_SPACE_OPT, _SPACE_REQ):
            run.append(part)
            continue
        if run:
            out.append(r"\s*" if _SPACE_OPT in run else r"\s+")
            run = []
        out.append(part)
    return "".join(out)


_ROMAN_ALTERNATION = "|".join(sorted(ROMAN_MONTHS, key=len, reverse=True))


def _number_pattern(template: str, profile: StationProfile) -> re.Pattern[str]:
    parts: list[str] = []
    seen: set[str] = set()
    for is_field, text in _split(template):
        if not is_field:
            parts.extend(_literal_pattern(text))
        elif text in seen:
            parts.append(f"(?P={text})")  # a placeholder used twice must say the same twice
        else:
            seen.add(text)
            if text == "n":
                parts.append(r"(?P<n>[1-9][0-9]{0,8})")
            elif text == "month":
                parts.append(f"(?P<month>{_ROMAN_ALTERNATION})")
            elif text == "year":
                parts.append(r"(?P<year>[0-9]{4})")
            else:
                value = _profile_value(text, profile).strip()
                parts.append(f"(?P<{text}>")
                parts.extend(_literal_pattern(value))
                parts.append(")")
    return re.compile(_join(parts), re.IGNORECASE)


def parse_number(template: str, number: str, profile: StationProfile) -> ParsedNumber | None:
    """What ``number`` says under ``template``, or None if it does not fit the template."""
    try:
        pattern = _number_pattern(template, profile)
    except TemplateError:
        return None
    match = pattern.fullmatch(number.strip())
    if match is None:
        return None
    groups = match.groupdict()
    if groups.get("n") is None:
        return None
    month = 0
    if groups.get("month") is not None:
        month = ROMAN_MONTHS.index(groups["month"].upper()) + 1
    year = int(groups["year"]) if groups.get("year") is not None else 0
    return ParsedNumber(seq=int(groups["n"]), month=month, year=year)
