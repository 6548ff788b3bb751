"""Stations and their PostgreSQL roles (row-level security, app/hub/schema.py): each Polsek
connects with a login role of its own, a member of `piket_station`."""

from __future__ import annotations

import re

import psycopg
from psycopg import sql

from app.hub import HubError

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def add_station(conn: psycopg.Connection, code: str, role: str, name: str = "") -> None:
    """Register station `code` (or move it to `role`) and make its login role if missing
    (its password is set by the Polres's database administrator, docs/HUB.md)."""
    if not _ROLE_NAME.fullmatch(role):
        raise HubError("Nama peran PostgreSQL hanya boleh huruf kecil, angka dan garis bawah, "
                       "diawali huruf.")
    if not code.strip():
        raise HubError("Kode satuan wajib diisi.")
    with conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone()
        if exists is None:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        conn.execute(sql.SQL("GRANT piket_station TO {}").format(sql.Identifier(role)))
        conn.execute("INSERT INTO hub_stations (code, name, db_role) VALUES (%s, %s, %s) "
                     "ON CONFLICT (code) DO UPDATE SET db_role = EXCLUDED.db_role, "
                     "name = CASE WHEN EXCLUDED.name = '' THEN hub_stations.name "
                     "ELSE EXCLUDED.name END", [code, name, role])
