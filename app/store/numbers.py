"""Document numbers: per document kind and calendar year (station time), taken inside the
record's own write transaction (BEGIN IMMEDIATE), never reused."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import sqlite_utils

from app.domain.models import StationProfile
from app.numbering import parse_number, render_number
from app.store.errors import DuplicateNumber


def take_number(db: sqlite_utils.Database, doc_kind: str, received_at: datetime,
                profile: StationProfile) -> tuple[str, int, int]:
    """Next number for `doc_kind` in the year of `received_at` (station time).
    Returns (number, year, seq). Must run inside a write transaction."""
    local = received_at.astimezone(ZoneInfo(profile.timezone))
    row = db.execute(
        "INSERT INTO number_counters (doc_kind, year, last_seq) VALUES (?, ?, 1) "
        "ON CONFLICT (doc_kind, year) DO UPDATE SET last_seq = last_seq + 1 "
        "RETURNING last_seq", [doc_kind, local.year]).fetchone()
    seq = int(row[0])
    return render_number(profile.template_for(doc_kind), seq, local, profile), local.year, seq


def keep_number(db: sqlite_utils.Database, doc_kind: str, number: str,
                profile: StationProfile) -> tuple[int, int]:
    """Accept an existing number (imports): parse it, move the counter past it.
    Returns (year, seq); raises DuplicateNumber or ValueError (malformed)."""
    parsed = parse_number(profile.template_for(doc_kind), number, profile)
    if parsed is None:
        raise ValueError(f"nomor tidak sesuai pola: {number}")
    taken = db.execute(
        "SELECT 1 FROM visits WHERE number = ? OR (number_doc = ? AND number_year = ? "
        "AND number_seq = ?)", [number, doc_kind, parsed.year, parsed.seq]).fetchone()
    if taken:
        raise DuplicateNumber(number)
    db.execute(
        "INSERT INTO number_counters (doc_kind, year, last_seq) VALUES (?, ?, ?) "
        "ON CONFLICT (doc_kind, year) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
        [doc_kind, parsed.year, parsed.seq])
    return parsed.year, parsed.seq


def last_seq(db: sqlite_utils.Database, doc_kind: str, year: int) -> int:
    row = db.execute("SELECT last_seq FROM number_counters WHERE doc_kind = ? AND year = ?",
                     [doc_kind, year]).fetchone()
    return int(row[0]) if row else 0
