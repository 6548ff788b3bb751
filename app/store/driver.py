"""The SQLite the store runs on: SQLCipher 4 (the `sqlcipher3` package, SQLite with page
encryption). Every connection of the store, encrypted or plain, is made here, so one set of
exception classes covers both (stdlib sqlite3's are different classes). A plain store (key
None) is an ordinary SQLite file: the tests' and the benchmark's, and a store of the previous
version before its first sign-in encrypts it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlite3

Connection = sqlite3.Connection
DatabaseError = sqlite3.DatabaseError
IntegrityError = sqlite3.IntegrityError
OperationalError = sqlite3.OperationalError

__all__ = ["Connection", "DatabaseError", "IntegrityError", "OperationalError", "connect",
           "key_pragma", "sqlite3"]


def key_pragma(key: bytes) -> str:
    """PRAGMA key with a raw 256-bit key (no passphrase derivation: the key is random)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(target: str | Path, *, key: bytes | None, uri: bool = False, timeout: float = 5.0,
            **kwargs: Any) -> sqlite3.Connection:
    """A connection to `target` (a path, or a file: URI with uri=True), keyed when `key` is
    given. The key is set before anything is read; a wrong key shows at the first read as
    "file is not a database"."""
    conn = sqlite3.connect(str(target), uri=uri, timeout=timeout, **kwargs)
    if key is not None:
        conn.execute(key_pragma(key))
    return conn
