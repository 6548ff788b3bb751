"""Pengaturan: station profile, number templates, language, and the backup section."""
