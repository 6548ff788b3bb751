"""What validation reports: one `Problem` per field that needs the officer's attention.

An *error* always blocks saving. A *warning* blocks saving until the officer accepts it with
a reason (an `AcceptedWarning` stored on the record), e.g. a NIK that does not decode because
the citizen came with a foreign passport. `blocking()` tells the form what still stands in
the way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.models import AcceptedWarning

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding about one field of a record."""

    field: str  # path of the field, e.g. "received_at", "parties[0].nik", "places[2].desa"
    code: str  # stable machine code, e.g. "required", "nik_invalid", "future", "order"
    message: str  # an Indonesian sentence shown next to the field
    severity: str  # ERROR | WARNING

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    @property
    def is_error(self) -> bool:
        return not self.is_warning


def error(field: str, code: str, message: str) -> Problem:
    return Problem(field=field, code=code, message=message, severity=ERROR)


def warning(field: str, code: str, message: str) -> Problem:
    return Problem(field=field, code=code, message=message, severity=WARNING)


def is_blank(text: str) -> bool:
    """True for text with nothing visible in it.

    `str.strip()` keeps zero-width and other format characters, which a paste from a chat
    app easily brings along; a name or a reason made only of those is still empty.
    """
    for ch in text:
        if ch.isspace():
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            continue
        return False
    return True


def blocking(problems: Iterable[Problem], accepted: Iterable[AcceptedWarning]) -> tuple[Problem, ...]:
    """The problems that still prevent saving: every error, and every warning not accepted.

    An accepted warning matches a problem on field and code, and only counts when the
    officer wrote a reason (a blank reason is no acceptance). Errors cannot be accepted.
    """
    overridden = {(a.field, a.code) for a in accepted if not is_blank(a.reason)}
    return tuple(p for p in problems if not (p.is_warning and (p.field, p.code) in overridden))
