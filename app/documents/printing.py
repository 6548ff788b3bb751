"""Printing a registered document of a record, the one way for the window and the CLI:
`prepare` decides the marks (SALINAN as docs/DOCUMENTS.md says, the check code) and reads what
the document needs; `print_to_file` renders, writes the file whole and logs the print.

The copy rule is the window's: a citizen document is the original until a paper of it was
printed from the window ("Cetak ke printer…"); every output after that is marked SALINAN. A
file written here is a PDF output (like the window's "Simpan sebagai PDF"): it is logged, and
it uses no original up.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.documents import checkcode
from app.documents.errors import DocumentError
from app.documents.registry import DocumentKind, citizen_kind
from app.documents.render import Marks, Render
from app.outputs import write_bytes
from app.store import Action, Store

__all__ = ["Prepared", "check_code", "citizen_kind", "prepare", "print_to_file"]


@dataclass(frozen=True)
class Prepared:
    """A document ready to render (no store needed any more)."""

    kind: DocumentKind
    record: Any
    number: str  # the record's number as a user reads it
    earlier_papers: int  # originals given out before (0: this one is not a copy)
    check_code: str
    render: Render

    @property
    def copy(self) -> bool:
        return self.earlier_papers > 0

    def pdf(self) -> bytes:
        buffer = io.BytesIO()
        self.render(buffer)
        return buffer.getvalue()


def check_code(store: Store, kind: DocumentKind, record: Any) -> str:
    """The code printed on this record's document of `kind` (checkcode.py)."""
    profile = store.profile()
    return checkcode.issue(store.document_mac, kind.short, kind.subject.reference(store, record),
                           kind.subject.day(record, profile)).text


def prepare(store: Store, kind: DocumentKind, record: Any) -> Prepared:
    """Raises DocumentError (Indonesian) when the record has no such document."""
    refusal = kind.refusal(record)
    if refusal is not None:
        raise DocumentError(refusal[:1].upper() + refusal[1:])
    earlier = kind.subject.earlier_papers(store, record, kind.short) if kind.originals else 0
    code = check_code(store, kind, record)
    render = kind.prepare(store, record, Marks(copy=earlier > 0, check_code=code))
    return Prepared(kind, record, kind.subject.number(record), earlier, code, render)


def print_to_file(store: Store, kind: DocumentKind, record: Any, out: Path,
                  by: int | None) -> Prepared:
    """Render the document to `out` (whole or not at all; never over the store) and log the
    print once the file is there, as the window logs it. A role that may not print is
    refused before anything is written."""
    store.require(Action.PRINT)
    prepared = prepare(store, kind, record)
    write_bytes(out, prepared.pdf(), protected=(store.path,))
    kind.subject.log_print(store, record, kind.short, by)
    return prepared
