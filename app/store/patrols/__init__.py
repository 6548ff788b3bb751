"""Patrols: the repository and the list."""
