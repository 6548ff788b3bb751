"""Sync to the Polres in the window: a per-session service that pushes to the hub or writes
a bundle off the GUI thread (a store connection of its own; typing never waits), and the
status-bar label with the last push or bundle, the entries waiting and the last error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.domain.changes import Changes
from app.hub import HubError
from app.store import Store, StoreError, SyncStatus
from ui.backup_status import ERROR_STYLE, moment_text
from ui.common.jobs import JobContext, JobRunner
from ui.session import Session

REFRESH_MS = 60_000


def push_work(opener: Callable[[], Store], dsn: str) -> Callable[[JobContext], str]:
    """The push, run by the service's job runner on a connection of its own: what it did,
    in Indonesian (an error raises: HubError, StoreError, reported by the runner)."""

    def work(context: JobContext) -> str:
        from app.sync.push import push

        store = opener()
        try:
            result = push(store, dsn)
        finally:
            store.close()
        return f"Terkirim ke hub Polres: {result.added} entri baru."

    return work


def bundle_work(opener: Callable[[], Store], folder: Path,
                now: datetime) -> Callable[[JobContext], str]:
    def work(context: JobContext) -> str:
        from app.sync.bundle import write_bundle

        store = opener()
        try:
            code = store.profile().code
            out = folder / f"piket-{code}-{now:%Y%m%d-%H%M%S}.bundle"
            try:
                count = write_bundle(store, out, protected=(store.path,))
            except (OSError, StoreError) as exc:
                store.sync.note_error("bundle", f"Bundel tidak dapat ditulis ke {folder}.")
                raise exc
        finally:
            store.close()
        return f"Bundel ditulis: {out.name} ({count} entri)."

    return work


def _describe(exc: Exception) -> str:
    if isinstance(exc, HubError | StoreError):
        return str(exc)
    from ui.common.errors import describe

    return describe(exc)


class SyncService(QObject):
    """One per session (a child of it): at most one push or bundle at a time."""

    started = Signal()
    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setObjectName("syncService")
        self._session = session
        self._jobs = JobRunner(self, threads=1)

    @property
    def running(self) -> bool:
        return self._jobs.busy

    def push(self) -> bool:
        """Push to the hub of Pengaturan › Polres in the background; False when one is
        running or no hub is set."""
        dsn = self._session.store.settings.app_settings().hub_dsn.strip()
        if self._jobs.busy or not dsn:
            return False
        return self._start(push_work(self._session.store.opener(), dsn))

    def bundle(self) -> bool:
        folder = self._session.store.settings.app_settings().bundle_dir.strip()
        if self._jobs.busy or not folder:
            return False
        return self._start(bundle_work(self._session.store.opener(), Path(folder),
                                       self._session.local_now()))

    def _start(self, work: Callable[[JobContext], str]) -> bool:
        self._jobs.start(work, done=self.finished.emit, failed=self.failed.emit,
                         describe=_describe, expected=(HubError, StoreError, OSError))
        self.started.emit()
        return True

    def wait(self) -> None:
        self._jobs.wait()
        QApplication.processEvents()  # deliver the queued result


def sync_service(session: Session) -> SyncService:
    found = session.findChild(SyncService, "syncService")
    return found if isinstance(found, SyncService) else SyncService(session)


def status_text(session: Session, hub: SyncStatus, bundle: SyncStatus) -> tuple[str, str, bool]:
    """(label, tooltip, alarm) of the newest of the push and the bundle."""
    waiting = min(hub.waiting, bundle.waiting)
    failures = [s for s in (hub, bundle) if s.last_error and s.last_error_at
                and (s.last_at is None or s.last_error_at >= s.last_at)]
    sent = [s for s in (hub, bundle) if s.last_at is not None]
    if failures:
        newest = max(failures, key=lambda s: s.last_error_at or datetime.min)
        way = "dikirim" if newest.target == "hub" else "dibuat bundelnya"
        return (f"Polres: gagal {way} · {waiting} entri menunggu",
                f"{newest.last_error} ({moment_text(newest.last_error_at, session)})"
                if newest.last_error_at else str(newest.last_error), True)
    if not sent:
        return (f"Polres: belum pernah dikirim · {waiting} entri menunggu",
                "Atur alamat hub Polres atau folder bundel di Pengaturan › Polres.", False)
    newest = max(sent, key=lambda s: s.last_at or datetime.min)
    assert newest.last_at is not None
    way = "terkirim" if newest.target == "hub" else "bundel"
    when = moment_text(newest.last_at, session)
    return (f"Polres: {way} {when} · {waiting} entri menunggu",
            f"Kiriman terakhir ke Polres: {when}.", False)


class SyncStatusLabel(QLabel):
    """"Polres: terkirim hari ini 14.05 WIB · 3 entri menunggu"; red after a failure."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._service = sync_service(session)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self.alarm = False
        self._connect()
        self._timer.start()
        self.refresh()

    def _connect(self) -> None:
        self._timer.timeout.connect(self.refresh)
        self._service.started.connect(self.refresh)
        self._service.finished.connect(self._on_service_finished)
        self._service.failed.connect(self._on_service_finished)
        self._session.changed.connect(self._on_session_changed)

    def _on_service_finished(self, _text: str) -> None:
        self.refresh()

    def _on_session_changed(self, _kinds: Changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self._service.running:
            self._show("Polres: sedang mengirim…", "", False)
            return
        sync = self._session.store.sync
        self._show(*status_text(self._session, sync.status("hub"), sync.status("bundle")))

    def _show(self, text: str, tip: str, alarm: bool) -> None:
        self.setText(text)
        self.setToolTip(tip)
        self.alarm = alarm
        self.setStyleSheet(ERROR_STYLE if alarm else "")
