"""Kunjungan & Laporan: the walk-in list, its form, drafts, handling, printing and history."""
