"""Signing in to the window: the sign-in at start (first run, the upgrade of a plain store,
the sign-in dialog, the recovery key), "Ganti petugas" and the idle lock (docs/SECURITY.md).
The store side is app/store/signin.py."""
