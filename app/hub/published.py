"""Master data the Polres publishes to its stations (hub_published): the roster, law
articles and categories, each keyed by its natural key (NRP, code). Stations read it with
`piket sync pull` (app/sync/pull.py)."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.types.json import Jsonb

PUBLISHED_KINDS = {"officer": "nrp", "law_article": "code", "category": "code"}
"""kind -> the field that is its key."""


def publish(conn: psycopg.Connection, kind: str, items: list[dict[str, Any]]) -> int:
    """Publish (or replace) `items` of `kind`; returns how many."""
    field = PUBLISHED_KINDS[kind]
    with conn.transaction(), conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO hub_published (kind, key, data) VALUES (%s, %s, %s) "
            "ON CONFLICT (kind, key) DO UPDATE SET data = EXCLUDED.data, published_at = now()",
            [[kind, str(item[field]), Jsonb(item)] for item in items])
    return len(items)


def published(conn: psycopg.Connection) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, key, data) of everything published, in kind and key order."""
    return [(str(k), str(key), dict(data)) for k, key, data in conn.execute(
        "SELECT kind, key, data FROM hub_published ORDER BY kind, key")]
