"""The PyInstaller build carries what opens an encrypted store (issue 16 item 10)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_spec_names_sqlcipher_and_argon2() -> None:
    spec = (ROOT / "packaging" / "piket.spec").read_text(encoding="utf-8")
    for module in ("sqlcipher3.dbapi2", "sqlcipher3._sqlite3", "_argon2_cffi_bindings"):
        assert f'"{module}"' in spec


def test_the_store_runs_on_the_sqlcipher_that_packaging_ships() -> None:
    from app.store.driver import sqlite3

    conn = sqlite3.connect(":memory:")
    version = conn.execute("PRAGMA cipher_version").fetchone()
    assert version is not None and version[0].startswith("4.")
    assert conn.execute("PRAGMA compile_options").fetchall()  # FTS5 is among them
    assert ("ENABLE_FTS5",) in conn.execute("PRAGMA compile_options").fetchall()
