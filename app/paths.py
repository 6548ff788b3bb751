"""Where Piket keeps its files. Computed on call, never at import time."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path


def default_data_dir() -> Path:
    return user_data_path("Piket", appauthor=False)


def default_db_path() -> Path:
    """The default store: piket.db in the platformdirs user data folder of "Piket"."""
    return default_data_dir() / "piket.db"
