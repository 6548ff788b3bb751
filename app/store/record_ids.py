"""Stable record uuids (ARCHITECTURE.md "Data rules").

New uuids are version 7 (RFC 9562): their first 48 bits are the time in milliseconds, so the
uuids of records made one after another sort one after another. The uuid indexes (`uuid
UNIQUE` of every record table, `audit_record` of the audit trail) then grow at their end,
as the id indexes do, instead of at a random place: a random uuid (version 4) dirtied a
random leaf page of each index for every record, which at a million records made an import
of 100,000 walk-ins write its pages again and again (docs/BENCHMARKS.md). They stay as
unique: 74 random bits per millisecond, and `uuid6.uuid7` counts the milliseconds on when
several are made within one."""

from __future__ import annotations


def new_uuid() -> str:
    """A new record uuid, in the canonical 36-character spelling."""
    import uuid6  # at the first save, not at start: it reads its package metadata (20 ms)

    return str(uuid6.uuid7())
