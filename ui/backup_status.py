"""Backups in the window: a per-session service that runs backups off the GUI thread (with a
connection of their own), the status-bar label with the time of the last good backup, the
hook for the start (the exit's is in backup_exit), and the offer to restore when the store is
damaged at start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.backup import (
    BackupFailed,
    RestoreRefused,
    inspect_backup,
    restore_candidates,
    restore_store,
)
from app.backup.messages import backup_failure_text, restore_refusal_text, size_text
from app.backup.service import (
    STALE_AFTER,
    BackupJob,
    BackupOutcome,
    backup_due,
    job_for,
    last_backup_at,
    record_backup,
    record_restore,
    run_job,
)
from app.domain.changes import ChangeKind, Changes
from app.textid import format_date, format_datetime_long, format_time, to_local
from ui.common.dialogs import ask_yes_no, inform, warn
from ui.common.jobs import JobContext, JobRunner
from ui.session import Session

ERROR_STYLE = "color: #b00020; font-weight: bold;"
RESTORED_KINDS: Changes = frozenset({  # what a restore announces: the views reload
    ChangeKind.VISIT, ChangeKind.PATROL, ChangeKind.MEETING, ChangeKind.ISSUE, ChangeKind.MASTER,
    ChangeKind.SETTINGS, ChangeKind.OFFICER, ChangeKind.BACKUP})
REFRESH_MS = 60_000


class _IndonesianFiles(QSortFilterProxyModel):
    """Column titles of Qt's file dialog in Indonesian (Qt has no Indonesian catalogue); the
    "Type" column (English MIME descriptions) is left out."""

    TITLES = ("Nama", "Ukuran", "Jenis", "Diubah")

    def filterAcceptsColumn(self, column: int, parent: object) -> bool:  # noqa: N802 (Qt)
        return column != 2

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        source = self.mapToSource(self.index(0, section)).column() if self.rowCount() else section
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= source < len(self.TITLES)):
            return self.TITLES[source]
        return super().headerData(section, orientation, role)


def backup_work(job: BackupJob, now: datetime
                ) -> Callable[[JobContext], BackupOutcome | BackupFailed]:
    """The backup, run by the service's job runner: its outcome, or why it failed."""

    def work(context: JobContext) -> BackupOutcome | BackupFailed:
        try:
            return run_job(job, now)
        except BackupFailed as exc:
            return exc

    return work


class BackupService(QObject):
    """One per session (a child of it): at most one backup at a time."""

    started = Signal()
    finished = Signal(BackupOutcome)
    failed = Signal(BackupFailed)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setObjectName("backupService")
        self._session = session
        self._jobs = JobRunner(self, threads=1)
        self.last_error: BackupFailed | None = None
        self._automatic = True

    @property
    def running(self) -> bool:
        return self._jobs.busy

    def start(self, to: Path | None = None, *, automatic: bool = True) -> bool:
        """Start a backup in the background; False if one is already running. `automatic`
        (at start and exit, whoever is signed in) or asked for by an officer whose role
        may back up (PermissionDenied otherwise)."""
        if self._jobs.busy:
            return False
        job = job_for(self._session.store, to, automatic=automatic)
        self._automatic = automatic
        # an unexpected error (logged by the runner) is reported as an I/O failure
        self._jobs.start(backup_work(job, self._session.now()), done=self._on_jobs_done,
                         failed=lambda text: self._on_jobs_done(BackupFailed("io", text)),
                         describe=str)
        self.started.emit()
        return True

    def wait(self) -> None:
        """Block until a running backup is done and reported."""
        self._jobs.wait()
        QApplication.processEvents()  # deliver the queued result

    def _on_jobs_done(self, result: BackupOutcome | BackupFailed) -> None:
        if isinstance(result, BackupFailed):
            self.last_error = result
            self.failed.emit(result)
            return
        self.last_error = None
        record_backup(self._session.store, result, self._session.officer_id,
                      automatic=self._automatic)
        self.finished.emit(result)
        self._session.announce(frozenset({ChangeKind.BACKUP}))


def backup_service(session: Session) -> BackupService:
    found = session.findChild(BackupService, "backupService")
    return found if isinstance(found, BackupService) else BackupService(session)


def backup_at_start_if_due(session: Session) -> bool:
    """Start a background backup when the newest is older than 24 hours (or none exists)."""
    if not backup_due(session.store, session.now()):
        return False
    return backup_service(session).start()


def moment_text(moment: datetime, session: Session) -> str:
    """"hari ini 14.05", "kemarin 08.10" or "12 Februari 2024 14.05" in station time."""
    profile = session.store.profile()
    local = to_local(moment, profile.timezone)
    days = (session.today() - local.date()).days
    day = {0: "hari ini", 1: "kemarin"}.get(days, format_date(local))
    return f"{day} {format_time(local)} {profile.tz_abbreviation}"


class BackupStatusLabel(QLabel):
    """"Cadangan: hari ini 14.05 WIB" (the last good backup); red when older than 2 days,
    missing or failed."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._service = backup_service(session)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self.alarm = False  # red: failed, none yet, or older than 2 days
        self._connect()
        self._timer.start()
        self.refresh()

    def _connect(self) -> None:
        self._timer.timeout.connect(self.refresh)
        self._service.started.connect(self.refresh)
        self._service.failed.connect(self.refresh)
        self._session.changed.connect(self._on_session_changed)

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & {ChangeKind.BACKUP, ChangeKind.SETTINGS}:
            self.refresh()

    def refresh(self) -> None:
        if self._service.running:
            self._show("Cadangan: sedang dibuat…", "", False)
            return
        last = last_backup_at(self._session.store)
        error = self._service.last_error
        if error is not None:
            since = f"Cadangan terakhir yang baik: {moment_text(last, self._session)}." if last else ""
            text = backup_failure_text(error)
            self._show(f"Cadangan gagal: {text.split(' (')[0]}", f"{text}. {since}".strip(), True)
        elif last is None:
            self._show("Belum ada cadangan", "Buat cadangan di Pengaturan › Cadangan.", True)
        else:
            old = self._session.now() - last > STALE_AFTER
            days = (self._session.now() - last).days
            note = f" ({days} hari lalu)" if old else ""
            when = moment_text(last, self._session)
            self._show(f"Cadangan: {when}{note}",
                       f"Cadangan terakhir yang baik: {when}."
                       + (" Lebih dari 2 hari tanpa cadangan: pasang flashdisk lalu buat "
                          "cadangan di Pengaturan › Cadangan." if old else ""), old)

    def _show(self, text: str, tip: str, alarm: bool) -> None:
        self.setText(text)
        self.setToolTip(tip)
        self.alarm = alarm
        self.setStyleSheet(ERROR_STYLE if alarm else "")


# ---------------------------------------------------------------------- damaged at start
def choose_path(parent: QWidget | None, title: str, start: Path | None, *,
                folder: bool = False) -> Path | None:
    dialog = path_dialog(parent, title, start, folder=folder)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def path_dialog(parent: QWidget | None, title: str, start: Path | None, *,
                folder: bool = False) -> QFileDialog:
    """A file or folder dialog with Indonesian labels (Qt's own dialog: Qt ships no
    Indonesian texts for it, and the native one speaks the system's language)."""
    dialog = QFileDialog(parent, title, str(start or ""),
                         "" if folder else "Cadangan Piket (*.db);;Semua berkas (*)")
    dialog.setFileMode(QFileDialog.FileMode.Directory if folder
                       else QFileDialog.FileMode.ExistingFile)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, folder)
    if folder:
        dialog.setNameFilter("Folder (*)")  # instead of Qt's "Directories"
    dialog.setProxyModel(_IndonesianFiles(dialog))
    # no "Computer" entry (an English label); the home folder and where we start instead
    places = [Path.home(), *([start] if start else [])]
    dialog.setSidebarUrls([QUrl.fromLocalFile(str(p)) for p in places])
    tree = dialog.findChild(QTreeView, "treeView")
    if isinstance(tree, QTreeView):
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    for label, text in ((QFileDialog.DialogLabel.LookIn, "Lihat di:"),
                        (QFileDialog.DialogLabel.FileName, "Nama berkas:"),
                        (QFileDialog.DialogLabel.FileType, "Jenis berkas:"),
                        (QFileDialog.DialogLabel.Accept, "Pilih"),
                        (QFileDialog.DialogLabel.Reject, "Batal")):
        dialog.setLabelText(label, text)
    return dialog


class RestoreOfferDialog(QDialog):
    """The store failed its check at start: restore a backup (newest first) or quit."""

    def __init__(self, path: Path, parent: QWidget | None = None, *,
                 key: bytes | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.key = key  # an encrypted store's: its backups are checked and restored with it
        self.restored_from: Path | None = None
        self.candidates = restore_candidates(path)
        self.backups = QListWidget()
        self.restore_button = QPushButton("&Pulihkan cadangan terpilih")
        self.other_button = QPushButton("Pilih berkas &lain…")
        self.quit_button = QPushButton("&Keluar")
        self._build()
        self._connect()

    def _build(self) -> None:
        self.setWindowTitle("Basis data Piket rusak")
        text = QLabel(
            f"<b>Basis data Piket rusak</b> dan tidak dibuka:<br>{self.path}<br><br>"
            "Piket tidak menulis apa pun ke berkas ini dan tidak menggantinya dengan basis data "
            "kosong. Pulihkan dari cadangan yang baik (berkas yang rusak disimpan di sampingnya "
            "dengan nama bercap waktu), atau keluar dan hubungi admin.")
        text.setWordWrap(True)
        tz = self.candidates.timezone
        good_row = -1
        for row, backup in enumerate(self.candidates.backups):
            when = format_datetime_long(to_local(backup.taken_at, tz))
            item = QListWidgetItem(f"{when}  —  {backup.path.name}  ({size_text(backup.size)})")
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            if good_row < 0:  # check from the newest down to the first good one
                check = inspect_backup(backup.path, self.key)
                if check.ok:
                    good_row = row
                    item.setText(item.text() + ("  — utuh, tetapi jejak audit tidak utuh"
                                                if check.audit_problems else "  — baik"))
                else:
                    item.setText(f"{item.text()}  — TIDAK DAPAT DIPAKAI")
                    item.setToolTip(restore_refusal_text(check.problem or ""))
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.backups.addItem(item)
        if self.candidates.backups:
            self.backups.setCurrentRow(max(good_row, 0))
            heading = "Cadangan yang ditemukan (terbaru di atas):"
        else:
            folders = ", ".join(str(f) for f in self.candidates.folders)
            heading = (f"Tidak ada cadangan di {folders}. Pasang flashdisk cadangan lalu pilih "
                       "berkasnya.")
        found = QLabel(heading)
        found.setWordWrap(True)
        self.restore_button.setEnabled(good_row >= 0)
        self.restore_button.setDefault(good_row >= 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(found)
        layout.addWidget(self.backups, 1)
        layout.addLayout(buttons)
        self.resize(820, 400)

    def _connect(self) -> None:
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.other_button.clicked.connect(self._on_other_button_clicked)
        self.quit_button.clicked.connect(self.reject)
        self.backups.itemDoubleClicked.connect(self._on_restore_button_clicked)

    def _on_restore_button_clicked(self) -> None:
        item = self.backups.currentItem()
        if item is not None:
            self.restore(Path(item.data(Qt.ItemDataRole.UserRole)))

    def _on_other_button_clicked(self) -> None:
        folder = self.candidates.folders[0] if self.candidates.folders else None
        chosen = choose_path(self, "Pilih berkas cadangan Piket", folder)
        if chosen is not None:
            self.restore(chosen)

    def restore(self, backup: Path) -> bool:
        force = False
        while True:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                result = restore_store(self.path, backup, force=force, key=self.key)
            except RestoreRefused as exc:
                QApplication.restoreOverrideCursor()
                if exc.problem == "audit" and not force:
                    force = confirm_audit_problems(self, backup, exc)
                    if force:
                        continue
                    return False
                warn(self, "Cadangan tidak dapat dipakai",
                     f"{backup.name}: {restore_refusal_text(exc)}.\n\nPilih cadangan lain.")
                return False
            break
        QApplication.restoreOverrideCursor()
        self.restored_from = backup
        record_restore(self.path, backup, None, key=self.key)
        kept = "\n".join(str(p) for p in result.kept_aside)
        inform(self, "Basis data dipulihkan",
               f"Basis data dipulihkan dari {backup.name}."
               + (f"\n\nBerkas yang rusak disimpan sebagai:\n{kept}" if kept else ""))
        self.accept()
        return True


AUDIT_SHOWN = 8  # problems listed in the question; the rest are counted


def confirm_audit_problems(parent: QWidget | None, backup: Path, refused: RestoreRefused) -> bool:
    """The backup is intact but its audit chain fails (data changed behind Piket's back):
    restore it anyway? Names the problems; the default answer is No."""
    problems = refused.audit_problems
    listed = "\n".join(f"• {p}" for p in problems[:AUDIT_SHOWN])
    more = len(problems) - AUDIT_SHOWN
    if more > 0:
        listed += f"\n• … dan {more} masalah lain"
    return ask_yes_no(
        parent, "Jejak audit cadangan tidak utuh",
        f"Cadangan {backup.name} utuh sebagai berkas, tetapi {restore_refusal_text(refused)} "
        f"({len(problems)} masalah):\n\n{listed}\n\nBila dipulihkan, masalah ini ikut "
        "terbawa ke basis data. Sebaiknya pilih cadangan lain atau tanyakan kepada admin.\n\n"
        "Tetap pulihkan dari cadangan ini?")


def offer_restore(path: Path, parent: QWidget | None = None, *,
                  key: bytes | None = None) -> bool:
    """At start-up, when opening the store raised DamagedStore: True once a backup has been
    restored (open the store again), False when the user chose to quit. An encrypted store
    needs its key (`key`, or asked for here: a password or the recovery key)."""
    path = Path(path)
    keys_file = path.with_name(path.name + ".keys")
    if key is None and keys_file.exists():
        from ui.key_prompt import ask_data_key

        key = ask_data_key(keys_file, "Basis data Piket rusak. Cadangannya terenkripsi: masukkan "
                                      "NRP dan kata sandi admin, atau kunci pemulihan, untuk "
                                      "memulihkannya.", parent)
        if key is None:
            return False
    dialog = RestoreOfferDialog(path, parent, key=key)
    return bool(dialog.exec()) and dialog.restored_from is not None
