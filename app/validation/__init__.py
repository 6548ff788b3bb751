"""Pure-Python validation of the records a desk officer enters (no Qt, no SQL).

Validators return `Problem`s (errors and warnings, with Indonesian messages for the form);
`blocking()` says which ones still prevent saving once accepted warnings are taken out.
"""

from __future__ import annotations

from app.validation.nik import NikInfo, check_nik, decode_nik
from app.validation.phone import check_phone, normalize_phone
from app.validation.problems import ERROR, WARNING, Problem, blocking
from app.validation.records import (
    FUTURE_TOLERANCE,
    validate_meeting,
    validate_patrol,
    validate_visit,
)

__all__ = [
    "ERROR",
    "FUTURE_TOLERANCE",
    "WARNING",
    "NikInfo",
    "Problem",
    "blocking",
    "check_nik",
    "check_phone",
    "decode_nik",
    "normalize_phone",
    "validate_meeting",
    "validate_patrol",
    "validate_visit",
]
