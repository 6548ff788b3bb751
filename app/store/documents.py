"""The station's document key (migration 0007_document_check_key): the codes printed on
documents are MACs made with it, here, so the key itself never leaves the store."""

from __future__ import annotations

import hashlib
import hmac

import sqlite_utils

from app.store.errors import DamagedStore


def mac(db: sqlite_utils.Database, message: bytes) -> bytes:
    """HMAC-SHA256 of `message` with the station's key."""
    row = db.execute("SELECT secret FROM document_key WHERE id = 1").fetchone()
    if row is None:  # the migration made it: without it the file was changed behind Piket
        raise DamagedStore("kunci dokumen tidak ada")
    return hmac.new(bytes(row[0]), message, hashlib.sha256).digest()
