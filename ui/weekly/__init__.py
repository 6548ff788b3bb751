"""Rekap Mingguan: the weekly review on screen, its PDF export and printing."""
