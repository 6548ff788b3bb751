"""Beranda: the week at a glance."""
