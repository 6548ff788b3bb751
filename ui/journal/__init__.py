"""Buku Mutasi: the shift's journal, its typed entries and corrections, and the handover."""
