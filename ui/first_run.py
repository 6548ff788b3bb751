"""First run on an empty store: the station profile (prefilled for Polsek Pedamaran), demo
data if asked for, and the first officer when the roster is empty. The first run of a new
encrypted store (ui/signin/first_run.py) adds the first administrator's password to it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.domain.codes import RANKS
from app.domain.models import Officer, StationProfile
from app.store import DuplicateEntry, StoreError
from ui.common.dialogs import button_box
from ui.common.errors import describe
from ui.common.forms import NRP_LENGTH, FieldForm, MessageLabel, check_nrp, required
from ui.common.jobs import JobRunner
from ui.session import Session
from ui.settings.profile import StationProfileForm

DEMO_KINDS: Changes = frozenset({
    ChangeKind.VISIT, ChangeKind.PATROL, ChangeKind.MEETING, ChangeKind.ISSUE, ChangeKind.MASTER,
    ChangeKind.OFFICER, ChangeKind.VEHICLE, ChangeKind.SETTINGS})
# fills the store file at the path (opened with the key, None for a plain store) with demo
# records
DemoFn = Callable[[Path, bytes | None], object]


def demo_generator() -> DemoFn:
    """The demo generator (app/demo): twelve weeks of records for Polsek Pedamaran ending
    last Sunday, like `piket demo`. Imported when it runs (a first run with the demo)."""

    def generate(path: Path, key: bytes | None) -> object:
        from app.demo.generator import DemoOptions, generate_demo

        return generate_demo(path, DemoOptions(), key=key)

    return generate


def run_demo(demo: DemoFn, path: Path, parent: QWidget | None, key: bytes | None = None
             ) -> str | None:
    """Run the generator off the GUI thread behind a busy indicator (it opens its own
    connection to the file there); why it failed, or None."""
    progress = QProgressDialog(
        QCoreApplication.translate("FirstRunDialog", "Membuat data contoh, mohon tunggu\u2026"),
        "", 0, 0, parent)
    progress.setWindowTitle("Piket")
    progress.setCancelButton(None)  # a half-written demo is worse than a short wait
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    loop = QEventLoop()
    failures: list[str] = []

    def failed(text: str) -> None:
        failures.append(text)
        loop.quit()

    jobs = JobRunner(progress, threads=1)
    job = jobs.start(lambda context: demo(path, key), done=lambda _summary: loop.quit(),
                     failed=failed, describe=str)
    progress.show()
    if not job.finished:
        loop.exec()
    jobs.wait()
    progress.close()
    return failures[0] if failures else None


def station_code(name: str) -> str:
    """A stable station code from the station's name ("SUNGAI MENANG" -> "SUNGAI_MENANG")."""
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_") or StationProfile().code


class FirstRunDialog(QDialog):
    """Saves through the session on Simpan; stays open with messages next to the fields when
    something is missing or refused. Without a session (a new encrypted store), a subclass
    creates the store in `_open_session`."""

    officer_title = "Personel pertama (petugas piket)"
    officer_hint = ("Minimal satu personel agar ada yang tercatat sebagai petugas piket. "
                    "Personel lain ditambah di Data Master.")

    def __init__(self, session: Session | None, parent: QWidget | None = None, *,
                 demo: DemoFn | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._demo_fn = demo
        self.needs_officer = session is None or not session.store.master.list(
            Officer, active_only=True)
        self.profile_form = StationProfileForm(with_week_start=False)
        self.officer_form = FieldForm()
        self._officer_name = QLineEdit()
        self._officer_rank = QComboBox()
        self._officer_nrp = QLineEdit()
        self.demo_check = QCheckBox(self.tr(
            "Isi dengan data contoh untuk latihan (kunjungan, patroli, pertemuan rekaan)"))
        self._general = MessageLabel()
        self._buttons = button_box(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.saved_officer: Officer | None = None
        self._demo_done = False
        self._build()
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self.demo_check.toggled.connect(self._on_demo_check_toggled)

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Selamat datang di Piket"))
        self._buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("Simpan dan mulai"))
        intro = QLabel(self.tr(
            "Basis data ini masih kosong. Periksa profil Polsek di bawah (sudah terisi untuk "
            "Polsek Pedamaran; ubah bila perlu). Semua dapat diubah nanti di Pengaturan."))
        intro.setWordWrap(True)
        self.profile_form.set_profile(StationProfile())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.profile_form)
        if self.needs_officer:
            layout.addWidget(self._officer_group())
        layout.addWidget(self.demo_check)
        self.demo_check.setVisible(self._demo_fn is not None)
        layout.addWidget(self._general)
        layout.addWidget(self._buttons)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setMaximumHeight(screen.availableGeometry().height())

    def _officer_group(self) -> QGroupBox:
        box = QGroupBox(self.officer_title)
        self._officer_rank.addItems(RANKS)
        self._officer_rank.setCurrentText("BRIPKA")
        self._officer_name.setPlaceholderText(self.tr("mis. ANDI SAPUTRA"))
        self._officer_nrp.setPlaceholderText(self.tr("8 angka"))
        self._officer_nrp.setMaxLength(NRP_LENGTH + 4)
        self.officer_form.add_field("name", self.tr("Na&ma"), self._officer_name)
        self.officer_form.add_field("rank", self.tr("Pa&ngkat"), self._officer_rank)
        self.officer_form.add_field("nrp", self.tr("NR&P"), self._officer_nrp)
        column = QVBoxLayout(box)
        self._add_officer_fields()
        hint = QLabel(self.officer_hint)
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addLayout(self.officer_form)
        return box

    def _add_officer_fields(self) -> None:
        """More fields under the officer's (the password of a new encrypted store)."""

    def _on_demo_check_toggled(self, checked: bool) -> None:
        self.officer_form.clear_problems()

    # ------------------------------------------------------------------ values
    def set_officer(self, name: str, rank: str, nrp: str) -> None:
        self._officer_name.setText(name)
        self._officer_rank.setCurrentText(rank)
        self._officer_nrp.setText(nrp)

    def officer(self) -> Officer | None:
        """The first officer typed in (None when the section is not shown or left empty)."""
        if not self.needs_officer or not (self._officer_name.text().strip()
                                          or self._officer_nrp.text().strip()):
            return None
        return Officer(name=" ".join(self._officer_name.text().split()),
                       rank=self._officer_rank.currentText(), nrp=self._officer_nrp.text().strip())

    def profile(self) -> StationProfile:
        profile = self.profile_form.profile()
        return replace(profile, code=station_code(profile.name))

    def _officer_problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if not self.needs_officer or (self.demo_check.isChecked() and self.officer() is None):
            return problems
        required(problems, "name", self._officer_name.text(), "Nama")
        check_nrp(problems, "nrp", self._officer_nrp.text())
        return problems

    # ------------------------------------------------------------------ saving
    def accept(self) -> None:
        self._general.set_message("")
        profile_problems = self.profile_form.problems()
        officer_problems = self._officer_problems()
        self.officer_form.show_problems(officer_problems)
        self.profile_form.show_problems(profile_problems)
        if profile_problems or officer_problems:
            return
        try:
            session = self._open_session()
            if session is None:
                return
            store = session.store
            profile = self.profile()
            session.write(lambda: store.settings.save_station_profile(profile, None))
            officer = self.officer()
            if officer is not None and self.saved_officer is None:
                self.saved_officer = session.write(lambda: store.master.save(officer, None))
        except DuplicateEntry:
            self.officer_form.show_problems(
                {"nrp": self.tr("NRP ini sudah dipakai personel lain (nonaktif). Pakai NRP lain "
                                "atau aktifkan personel itu nanti di Data Master.")})
            return
        except StoreError as exc:
            self._general.set_message(describe(exc))
            return
        if self.demo_check.isChecked() and self._demo_fn is not None and not self._demo_done:
            error = run_demo(self._demo_fn, store.path, self, store.data_key)
            session.announce(DEMO_KINDS)
            if error is not None:
                self._general.set_message(self.tr(
                    "Data contoh gagal dibuat (%1). Profil sudah tersimpan; hilangkan centang "
                    "data contoh untuk melanjutkan.").replace("%1", error))
                return
            self._demo_done = True
        super().accept()

    def _open_session(self) -> Session | None:
        """The session to save into (None after showing why there is none)."""
        assert self._session is not None
        return self._session
