"""Connections to the hub: psycopg 3, one error in Indonesian when the hub cannot be
reached (the DSN itself, which may hold a password, is never repeated)."""

from __future__ import annotations

import psycopg

from app.hub import HubError

CONNECT_TIMEOUT_S = 10


def connect(dsn: str) -> psycopg.Connection:
    try:
        return psycopg.connect(dsn, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
    except psycopg.OperationalError:
        raise HubError("Hub Polres tidak dapat dihubungi (periksa alamat hub, jaringan, "
                       "nama pengguna dan kata sandinya).") from None
    except psycopg.ProgrammingError:
        raise HubError("Alamat hub Polres tidak sah (contoh: host=10.0.0.5 dbname=piket "
                       "user=polsek_pdm).") from None
