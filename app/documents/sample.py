"""The sample sheet (`piket documents --sample`): one PDF of every registered kind of
document, from a store's records (a small demo store of its own when none is given), so a
reviewer or a Kapolsek choosing settings sees them all at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.demo.generator import DemoOptions, generate_demo
from app.documents.printing import print_to_file
from app.documents.registry import KINDS, DocumentKind
from app.store import Store


@dataclass(frozen=True)
class SampleEntry:
    kind: DocumentKind
    path: Path | None  # None: the store has no record to show it with
    number: str = ""
    copy: bool = False


def make_demo_store(folder: Path, today: date | None = None) -> Path:
    """A demo store in `folder` (a private temporary one: it holds made-up personal data),
    with the demo's usual 12 weeks, enough for a record of every kind."""
    path = folder / "contoh.db"
    generate_demo(path, DemoOptions(today=today))
    return path


def render_samples(store: Store, out_dir: Path, by: int | None = None) -> list[SampleEntry]:
    """One file per kind in `out_dir` ("sttlp.pdf", ...), each print logged as any print."""
    entries = []
    for kind in KINDS:
        record = kind.sample(store)
        if record is None:
            entries.append(SampleEntry(kind, None))
            continue
        path = out_dir / f"{kind.name}.pdf"
        prepared = print_to_file(store, kind, record, path, by)
        entries.append(SampleEntry(kind, path, prepared.number, prepared.copy))
    return entries
