"""Records of issue 17 that are not walk-ins, patrols or meetings: the Kapolsek's analysis of
a week (printed in the weekly review), the surat pengantar of a case handed to the Polres,
and the buku ekspedisi (the log of documents sent out). Frozen, as every record the store
returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.models import RecordMeta

HANDED_OVER = "dilimpahkan"  # the status of a case handed to the Polres: it gets a letter


@dataclass(frozen=True)
class WeeklyAnalysis:
    """"Analisa dan langkah-langkah" of one week, written by the Kapolsek."""

    week_start: date  # the week's first day, station time
    week_label: str  # "2026-W47", for people reading the audit trail
    text: str
    meta: RecordMeta | None = None


@dataclass(frozen=True)
class CoverLetter:
    """Surat pengantar: what is sent with a case handed to the Polres (status dilimpahkan)."""

    visit_uuid: str
    recipient: str  # "Kapolres Ogan Komering Ilir u.p. Kasat Reskrim"
    items: tuple[str, ...]  # what is sent, one line each (LP, BAP, barang bukti, ...)
    signer_id: int | None = None  # the official who signs a.n. Kapolsek (roster)
    note: str = ""
    number: str | None = None  # issued by the store from the station's template
    issued_at: datetime | None = None
    meta: RecordMeta | None = None


@dataclass(frozen=True)
class Dispatch:
    """One line of the buku ekspedisi: a document sent out and who received it."""

    sent_at: datetime
    document: str  # what was sent ("Surat pengantar", "SP2HP", ...)
    number: str  # its number ("" when it has none)
    recipient: str  # to whom
    received_by: str = ""  # the name of whoever signed for it
    received_at: datetime | None = None
    note: str = ""
    cover_letter_uuid: str | None = None  # made by a surat pengantar
    meta: RecordMeta | None = None

    @property
    def received(self) -> bool:
        return self.received_at is not None or bool(self.received_by.strip())


@dataclass(frozen=True)
class DateRange:
    """Days from ``first`` to ``last`` (inclusive, station time): what a page of the buku
    ekspedisi covers."""

    first: date
    last: date

    @property
    def label(self) -> str:
        """"2026-11-01..2026-11-30", as `piket print --record` takes it."""
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

