"""Connections to the hub: psycopg 3, one error in Indonesian when the hub cannot be
reached (the DSN itself, which may hold a password, is never repeated)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

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


@contextlib.contextmanager
def hub_errors() -> Iterator[None]:
    """PostgreSQL's errors as HubError in Indonesian (its own texts are English and may
    quote data)."""
    try:
        yield
    except psycopg.errors.UndefinedTable:
        raise HubError("Hub Polres belum disiapkan (jalankan `piket hub init` di Polres).") \
            from None
    except psycopg.errors.InsufficientPrivilege:
        raise HubError("Peran PostgreSQL ini tidak berwenang melakukannya di hub Polres "
                       "(hanya data satuannya sendiri).") from None
    except psycopg.OperationalError:
        raise HubError("Hubungan ke hub Polres terputus; kirim lagi nanti (yang belum "
                       "diterima hub akan dikirim ulang).") from None
    except psycopg.Error:
        raise HubError("Hub Polres gagal memproses permintaan ini; coba lagi nanti atau "
                       "hubungi admin basis data Polres.") from None
