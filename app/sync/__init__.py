"""Sync to the Polres hub (docs/HUB.md): what travels is the station's audit entries, each
signed with the station's Ed25519 key. This package holds what both sides share and no SQL:
the signed message of an entry, the key pair's sealing, the bundle file. The station's SQL is
in app/store/sync.py, the hub's (PostgreSQL) in app/hub/."""
