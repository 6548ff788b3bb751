"""Access to personal data goes into the access log (issue 16 item 6, Riwayat akses):
opening a stored record ("view") and searching a list by name, NIK or phone ("search"). The
search text is the entry's detail: it stays inside the encrypted store, never in a log file.

A search is logged once it is committed (Enter, leaving the box, or a pause in the typing),
not at every keystroke, and the same text twice in a row once."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit

from app.store import DatabaseError, StoreError
from ui.session import Session

COMMIT_MS = 1500  # a pause this long after typing: the officer is reading the results


def log_view(session: Session, kind: str, record_uuid: str) -> None:
    """A stored record was opened."""
    _log(session, "view", kind, record_uuid, None)


def _log(session: Session, action: str, kind: str, record_uuid: str | None,
         detail: str | None) -> None:
    try:
        session.store.record_activity(action, kind, session.officer_id, record_uuid, detail)
    except StoreError:
        pass  # a read-only store is still read (the activity cannot be kept there)
    except DatabaseError:
        pass  # the store was closed under a search box still open (the window closing)


class SearchCommits(QObject):
    """The committed searches of a search box (`committed` carries the text)."""

    committed = Signal(str)

    def __init__(self, edit: QLineEdit, commit_ms: int = COMMIT_MS) -> None:
        super().__init__(edit)
        self._edit = edit
        self._last = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(commit_ms)
        edit.textChanged.connect(self._on_edit_text_changed)
        edit.editingFinished.connect(self.commit)
        self._timer.timeout.connect(self.commit)

    def _on_edit_text_changed(self, _text: str) -> None:
        self._timer.start()

    def commit(self) -> None:
        """The text in the box now is a search (if it is new)."""
        self._timer.stop()
        text = self._edit.text().strip()
        if text and text != self._last:
            self.committed.emit(text)
        self._last = text


def log_searches(session: Session, edit: QLineEdit, kind: str) -> SearchCommits:
    """Log each committed search of `edit` (a list of records of `kind`)."""
    commits = SearchCommits(edit)
    commits.committed.connect(lambda text: _log(session, "search", kind, None, text))
    return commits
