"""Validators for each record kind: one function per kind, each returning every problem.

They never raise on odd input (any value of the field's declared type gives problems, not
exceptions); only a naive `now`, a caller's bug, raises ValueError. The rules are listed
in the docstrings of `visits`, `patrols` and `meetings`.
"""

from __future__ import annotations

from app.validation._checks import FUTURE_TOLERANCE
from app.validation.meetings import validate_meeting
from app.validation.patrols import validate_patrol
from app.validation.visits import validate_visit

__all__ = ["FUTURE_TOLERANCE", "validate_meeting", "validate_patrol", "validate_visit"]
