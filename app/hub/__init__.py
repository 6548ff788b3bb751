"""The Polres hub on PostgreSQL (docs/HUB.md): one set of tables for every Polsek, keyed by
station code and record uuid, filled from the stations' signed audit entries. All of the
hub's SQL is in this package (PostgreSQL only); the station's side is app/store/sync.py."""

from __future__ import annotations


class HubError(Exception):
    """A hub operation that cannot be done (Indonesian message, no personal data)."""


class HubRefused(HubError):
    """The hub refused a station's entries (`reason`: signature, rewritten, gap, key,
    unknown_station); the refusal is also recorded at the hub (hub_refusals)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
