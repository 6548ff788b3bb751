"""Printed reports of patrols and meetings: written to a folder beside the store and opened
in the PC's viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ui.session import Session

PRINT_FOLDER = "cetak"


def print_folder(session: Session) -> Path:
    """Reports (patrol, meeting) go to a "cetak" folder beside the store file: they name
    officers, not citizens, and the station keeps them as its own copies."""
    folder = session.store.path.parent / PRINT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_document(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
