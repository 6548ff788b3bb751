"""The flash-disk road to the hub: a bundle carries the same signed entries a push sends,
encrypted (AES-GCM with the station's bundle key) and signed as a whole (Ed25519), written to
a temporary name beside the target and renamed (app.outputs). The hub learns the bundle key
and the public key from the station's card (`piket sync card`), handed over once.

    bundle: MAGIC_BUNDLE, 4-byte header length, header JSON, 64-byte signature, ciphertext
    card:   MAGIC_CARD, JSON {station, name, public_key, bundle_key}

Importing applies the entries through the same checks as a push (app/hub/ingest.py):
a bundle imported twice adds nothing, a rewritten history is refused and flagged."""

from __future__ import annotations

import base64
import json
import secrets
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import psycopg
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.hub import HubError
from app.hub.ingest import accept, register, station
from app.outputs import safe_output_path, write_bytes
from app.store import Store
from app.sync.signing import sign_entries, verify_bytes

MAGIC_BUNDLE = b"PIKET-BUNDLE/1\n"
MAGIC_CARD = b"PIKET-CARD/1\n"
READ_BATCH = 2000
IMPORT_BATCH = 500


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def write_bundle(store: Store, out: Path, *, everything: bool = False,
                 protected: Iterable[Path] = ()) -> int:
    """Write the entries after the last bundle (`everything`: from the first) to `out`;
    returns how many. The station records the newest one bundled."""
    safe_output_path(out, protected=protected)
    keys = store.sync.keys()
    code = store.profile().code
    start = 0 if everything else store.sync.status("bundle").acked_id
    entries: list[dict[str, Any]] = []
    while True:
        batch = store.sync.entries_after(start, READ_BATCH)
        if not batch:
            break
        sign_entries(keys, code, batch)
        entries.extend(batch)
        start = int(batch[-1]["id"])
    payload = json.dumps([{**e, "signature": _b64(e["signature"])} for e in entries],
                         separators=(",", ":")).encode()
    nonce = secrets.token_bytes(12)
    header = json.dumps({"station": code, "count": len(entries),
                         "first": int(entries[0]["id"]) if entries else None,
                         "last": start if entries else None, "nonce": _b64(nonce)},
                        sort_keys=True).encode()
    cipher = AESGCM(keys.bundle_key).encrypt(nonce, payload, header)
    signature = keys.sign(header + cipher)
    write_bytes(out, MAGIC_BUNDLE + struct.pack(">I", len(header)) + header + signature + cipher,
                protected=protected)
    if entries:
        store.sync.ack("bundle", start, str(entries[-1]["hash"]))
    return len(entries)


def write_card(store: Store, out: Path, *, protected: Iterable[Path] = ()) -> None:
    keys = store.sync.keys()
    profile = store.profile()
    card = {"station": profile.code, "name": profile.name, "public_key": _b64(keys.public),
            "bundle_key": _b64(keys.bundle_key)}
    write_bytes(out, MAGIC_CARD + json.dumps(card, sort_keys=True).encode(), protected=protected)


def import_file(conn: psycopg.Connection, data: bytes) -> str:
    """Apply a bundle or register a card; returns what was done (Indonesian)."""
    if data.startswith(MAGIC_CARD):
        card = _json(data[len(MAGIC_CARD):])
        try:
            code, name = str(card["station"]), str(card.get("name", ""))
            public, bundle = base64.b64decode(card["public_key"]), base64.b64decode(
                card["bundle_key"])
        except (KeyError, ValueError, TypeError):
            raise HubError("Kartu satuan rusak atau bukan kartu Piket.") from None
        register(conn, code, name, public, bundle)
        return f"Kartu satuan {code} terdaftar di hub."
    if not data.startswith(MAGIC_BUNDLE):
        raise HubError("Berkas ini bukan bundel atau kartu satuan Piket.")
    body = data[len(MAGIC_BUNDLE):]
    try:
        (length,) = struct.unpack(">I", body[:4])
        header_bytes = body[4:4 + length]
        signature = body[4 + length:4 + length + 64]
        cipher = body[4 + length + 64:]
        header = _json(header_bytes)
        code = str(header["station"])
        nonce = base64.b64decode(header["nonce"])
    except (struct.error, KeyError, ValueError, TypeError):
        raise HubError("Bundel rusak (kepala berkas tidak terbaca).") from None
    known = station(conn, code)
    if known is None or known.public_key is None or known.bundle_key is None:
        raise HubError(f"Satuan {code} belum terdaftar di hub: impor dulu kartu satuannya "
                       "(piket sync card).")
    if not verify_bytes(known.public_key, signature, header_bytes + cipher):
        raise HubError(f"Tanda tangan bundel satuan {code} tidak sah: bundel ditolak.")
    try:
        payload = AESGCM(known.bundle_key).decrypt(nonce, cipher, header_bytes)
    except InvalidTag:
        raise HubError(f"Bundel satuan {code} tidak dapat dibuka dengan kunci satuan itu.") \
            from None
    entries = _json(payload)
    for entry in entries:
        entry["signature"] = base64.b64decode(entry["signature"])
    added = held = 0
    for at in range(0, len(entries), IMPORT_BATCH):
        accepted = accept(conn, code, entries[at:at + IMPORT_BATCH])
        added, held = added + accepted.added, held + accepted.known
    return f"Bundel satuan {code}: {added} entri baru, {held} sudah ada di hub."


def _json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise HubError("Berkas rusak (isi tidak terbaca).") from None
