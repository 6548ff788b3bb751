"""Pure-Python validation of the records a desk officer enters (no Qt, no SQL).

Validators return `Problem`s (errors and warnings, with Indonesian messages for the form);
`blocking()` says which ones still prevent saving once accepted warnings are taken out.
`clean_record()` removes invisible control characters before a record is stored; the
limits of lengths and dates are in `limits`.
"""

from __future__ import annotations

from app.validation.limits import LIMITS, MIN_YEAR, Limit, clean_record, clean_text
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
    "LIMITS",
    "MIN_YEAR",
    "WARNING",
    "Limit",
    "NikInfo",
    "Problem",
    "blocking",
    "check_nik",
    "check_phone",
    "clean_record",
    "clean_text",
    "decode_nik",
    "normalize_phone",
    "validate_meeting",
    "validate_patrol",
    "validate_visit",
]
