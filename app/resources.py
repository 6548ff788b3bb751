"""Find the plain files under the top-level ``resources/`` folder (fonts, icons, i18n, seeds).

One helper for every caller, so the same code works from a checkout, an editable install and a
PyInstaller build (which unpacks data files under ``sys._MEIPASS``; the spec must add
``resources`` as ``resources``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The ``resources/`` folder of this installation."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """``resource_path("fonts", "DejaVuSans.ttf")``. The file is not checked to exist."""
    return resources_root().joinpath(*parts)
