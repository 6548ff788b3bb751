"""Document numbers (LP, SKTLK, ...): per document kind and calendar year in station time,
never reused. One routine for every write: a single save and an import of 100,000 records
both count with `Counters`, inside the record's own write transaction (BEGIN IMMEDIATE:
nobody else counts meanwhile), and store the counters with the records."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import sqlite_utils

from app.domain.codes import doc_kind_for
from app.domain.models import StationProfile
from app.numbering import parse_number, render_number
from app.store import audit

_SENTINEL = 987654321  # stands for {n} in a cached rendering of a number template


class Numbered(Protocol):
    """What numbering looks at in a record."""

    @property
    def service(self) -> str: ...
    @property
    def lp_model(self) -> str | None: ...
    @property
    def number(self) -> str | None: ...
    @property
    def received_at(self) -> datetime: ...


class Counters:
    """The counters of one write, read once from the store, counted in memory and saved
    once at its end (`save`, in the same transaction). A number a record brings (imports:
    `keep_number`) moves its counter past it; two records with one number fail on the
    store's unique index (DuplicateNumber)."""

    def __init__(self, profile: StationProfile, last: dict[tuple[str, int], int]) -> None:
        self._profile = profile
        self._tz = ZoneInfo(profile.timezone)
        self._last = last
        self._touched: set[tuple[str, int]] = set()
        self._patterns: dict[tuple[str, int, int], str] = {}

    @classmethod
    def load(cls, db: sqlite_utils.Database, profile: StationProfile) -> Counters:
        """The stored counters (inside the write transaction that will save them)."""
        return cls(profile, {(doc, int(year)): int(seq) for doc, year, seq in
                             db.execute("SELECT doc_kind, year, last_seq FROM number_counters")})

    def number_values(self, record: Numbered, keep_number: bool) -> dict[str, Any]:
        """The number columns of a record ({} for a kind without a document number). With
        `keep_number` a number the record has is kept (ValueError when it does not fit the
        station's template)."""
        doc = doc_kind_for(record.service, record.lp_model)
        if doc is None:
            return {}
        if keep_number and record.number:
            return self.keep(doc, record.number)
        return self.issue(doc, record.received_at)

    def keep(self, doc: str, number: str) -> dict[str, Any]:
        """The number columns of a number a record brings (an import), its counter moved past
        it; ValueError when it does not fit the station's template of `doc`."""
        parsed = parse_number(self._profile.template_for(doc), number, self._profile)
        if parsed is None:
            raise ValueError(f"nomor tidak sesuai pola: {number}")
        key = (doc, parsed.year)
        self._last[key] = max(self._last.get(key, 0), parsed.seq)
        self._touched.add(key)
        return {"number": number, "number_doc": doc, "number_year": parsed.year,
                "number_seq": parsed.seq}

    def issue(self, doc: str, at: datetime) -> dict[str, Any]:
        """The next number of `doc` for something issued at `at` (counted in the year of
        its station-time date): the number columns of its row."""
        local = at.astimezone(self._tz)
        key = (doc, local.year)
        seq = self._last[key] = self._last.get(key, 0) + 1
        self._touched.add(key)
        return {"number": self._render(doc, seq, local), "number_doc": doc,
                "number_year": local.year, "number_seq": seq}

    def _render(self, doc: str, seq: int, local: datetime) -> str:
        """render_number, with the template rendered once per document kind and month
        (parsing the template for every record costs more than writing the record)."""
        key = (doc, local.year, local.month)
        pattern = self._patterns.get(key)
        if pattern is None:
            template = self._profile.template_for(doc)
            pattern = render_number(template, _SENTINEL, local, self._profile)
            if pattern.count(str(_SENTINEL)) != template.count("{n}"):
                pattern = ""  # the sentinel also occurs elsewhere: render every time
            self._patterns[key] = pattern
        if not pattern:
            return render_number(self._profile.template_for(doc), seq, local, self._profile)
        return pattern.replace(str(_SENTINEL), str(seq))

    def save(self, db: sqlite_utils.Database) -> None:
        """Store the counters this write moved (never backwards)."""
        db.conn.executemany(
            "INSERT INTO number_counters (doc_kind, year, last_seq) VALUES (?, ?, ?) "
            "ON CONFLICT (doc_kind, year) DO UPDATE SET "
            "last_seq = max(last_seq, excluded.last_seq)",
            [[doc, year, self._last[(doc, year)]] for doc, year in sorted(self._touched)])
        if self._touched:
            audit.seal_state(db)  # counters changed by Piket: verify compares with this


def last_seq(db: sqlite_utils.Database, doc_kind: str, year: int) -> int:
    """The counter of `doc_kind` in `year` (0: none issued yet)."""
    row = db.execute("SELECT last_seq FROM number_counters WHERE doc_kind = ? AND year = ?",
                     [doc_kind, year]).fetchone()
    return int(row[0]) if row else 0
