"""The backup made when Piket closes, with a small window saying so.

The main window is gone by then. A store of a few years copies in a moment, but a large one
(a Polres that merged its stations, 5 GB at a million records) takes a minute: without a
window the officer would think Piket had closed, and switch the computer off halfway. The
backup runs in the backup service's thread; the window shows after a moment (no flash for a
quick one) and closes by itself when the backup is done.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from app.backup import BackupFailed
from app.backup.messages import backup_failure_text
from app.backup.service import BackupOutcome
from ui.backup_status import BackupService, backup_service
from ui.common.dialogs import warn
from ui.session import Session

SHOW_AFTER_MS = 400


class ExitBackupWindow(QDialog):
    """"Membuat cadangan…" with a busy bar; it cannot be closed by hand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint
                         | Qt.WindowType.WindowTitleHint)
        self.setObjectName("exitBackupWindow")
        self.setWindowTitle(self.tr("Piket ditutup"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        title = QLabel(self.tr("Membuat cadangan data sebelum Piket ditutup…"))
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        bar = QProgressBar()
        bar.setRange(0, 0)  # busy: the copy does not tell how far it is
        bar.setTextVisible(False)
        layout.addWidget(bar)
        hint = QLabel(self.tr("Jangan matikan komputer. Jendela ini tertutup sendiri bila "
                              "cadangan selesai."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.setMinimumWidth(420)

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        event.ignore()  # type: ignore[attr-defined]  # closed by backup_at_exit only

    def reject(self) -> None:  # Escape
        pass


def backup_at_exit(session: Session, parent: QWidget | None = None, *,
                   show_after_ms: int = SHOW_AFTER_MS) -> bool:
    """Back up at normal exit, waiting for it behind ExitBackupWindow; with `parent`, a
    failure is shown. A backup still running from the start of the day is waited for
    first, then a fresh one is made (what changed since must be in it)."""
    service = backup_service(session)
    window = ExitBackupWindow()
    timer = QTimer(singleShot=True, interval=show_after_ms)
    timer.timeout.connect(window.show)
    timer.start()
    try:
        _wait_for(service)  # the start-of-day backup
        result = _wait_for(service, start=True)
    finally:
        timer.stop()
        window.hide()
        window.deleteLater()
    if isinstance(result, BackupFailed):
        if parent is not None:
            warn(parent, "Cadangan gagal",
                 f"Cadangan saat keluar tidak dapat dibuat: {backup_failure_text(result)}.\n\n"
                 "Data tetap tersimpan di komputer ini.")
        return False
    return True


def _wait_for(service: BackupService, *, start: bool = False
              ) -> BackupOutcome | BackupFailed | None:
    """Run the event loop until the service's backup (started here with `start`) ends;
    its BackupOutcome or BackupFailed (None when none was running)."""
    outcome: list[BackupOutcome | BackupFailed] = []
    loop = QEventLoop()

    def done(result: BackupOutcome | BackupFailed) -> None:
        outcome.append(result)
        loop.quit()

    service.finished.connect(done)
    service.failed.connect(done)
    try:
        if start and not service.start():
            raise AssertionError("a backup is still running")
        if service.running:
            loop.exec()
    finally:
        service.finished.disconnect(done)
        service.failed.disconnect(done)
    return outcome[0] if outcome else None
