"""Akun Petugas: accounts of the officers of the roster, and the own password (issue 16)."""
