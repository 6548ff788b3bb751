"""Riwayat akses: who opened, searched, printed, exported and signed in (issue 16 item 6)."""
