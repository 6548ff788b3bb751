"""Warnings a record is saved with: the officer gives a reason (kept with the record), and
the form's own findings go before the store's check of the same field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from app.domain.models import AcceptedWarning
from app.validation import Problem
from ui.common.widgets import ask_reason


def ask_warning_reason(parent: QWidget | None, warnings: Sequence[Problem]) -> str | None:
    """The officer saves despite warnings only with a reason (kept with the record)."""
    listed = "\n".join(f"• {w.message}" for w in warnings)
    return ask_reason(parent, "Simpan dengan peringatan",
                      f"Masih ada peringatan:\n{listed}\n\nTetap simpan? Tulis alasannya.",
                      ok_text="Simpan")


def merge_problems(local: Sequence[Problem], checked: Sequence[Problem]) -> list[Problem]:
    """The form's own findings first; the store's finding on the same field and code is the
    same problem said less precisely, so it is dropped."""
    seen = {(p.field, p.code) for p in local}
    return [*local, *(p for p in checked if (p.field, p.code) not in seen)]


def with_accepted(record_warnings: tuple[AcceptedWarning, ...], warnings: Sequence[Problem],
                  reason: str) -> tuple[AcceptedWarning, ...]:
    keep = {(w.field, w.code): w for w in record_warnings}
    for w in warnings:
        keep[(w.field, w.code)] = AcceptedWarning(w.field, w.code, reason)
    return tuple(keep.values())
