"""Pengaturan: the station profile, its number templates, what its documents carry (emblem,
SKTLK), the display language, and the backup section (ui/settings/backup.py, with its own
buttons)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.domain.models import StationProfile
from app.security.permissions import Action
from app.store import IDLE_LOCK_MINUTES, AppSettings, StoreError
from ui.common.errors import describe
from ui.common.forms import FieldForm, MessageLabel
from ui.common.wheel import guard_wheel
from ui.roles import may, show_if
from ui.session import Session
from ui.settings.backup import BackupPanel
from ui.settings.documents import DocumentSettingsForm
from ui.settings.profile import StationProfileForm
from ui.settings.templates import NumberTemplatesForm

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
SAVED_STYLE = "color: #1b5e20;"


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class SettingsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        store = session.store
        self.tabs = QTabWidget()
        self.profile_form = StationProfileForm()
        self.templates_form = NumberTemplatesForm(store.visits.last_number_seq, session.local_now)
        self.documents_form = DocumentSettingsForm()
        self._general = FieldForm()
        self._language = QComboBox()
        self._idle_lock = QSpinBox()
        self.backup = BackupPanel(session, self)
        self.save_button = QPushButton(self.tr("&Simpan"))
        self.revert_button = QPushButton(self.tr("Batalkan pe&rubahan"))
        self.status = MessageLabel(SAVED_STYLE)
        self._own_buttons: list[QWidget] = [self.backup]  # tabs the save bar does not apply to
        self._build()
        self._connect()
        self.reload()
        guard_wheel(self)
        # the page shows only to a role that may change settings (ui/pages.py); its save bar
        # follows the officer too, so an unlock by another officer offers nothing more
        show_if(session, Action.SETTINGS, self.save_button, self.revert_button)

    def _build(self) -> None:
        for code, label in LANGUAGES.items():
            self._language.addItem(label, code)
        self._general.add_field("language", self.tr("&Bahasa tampilan"), self._language,
                                self.tr("Berlaku setelah Piket dibuka ulang."))
        self._idle_lock.setRange(*IDLE_LOCK_MINUTES)
        self._idle_lock.setSuffix(self.tr(" menit"))
        self._general.add_field("idle_lock", self.tr("&Kunci layar setelah"), self._idle_lock,
                                self.tr("Bila tidak ada ketikan atau gerakan tetikus selama itu, "
                                        "layar Piket terkunci; isian formulir tetap ada."))
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(self._general)
        general_layout.addStretch(1)
        self.tabs.addTab(_scrolled(self.profile_form), self.tr("Profil Polsek"))
        self.tabs.addTab(_scrolled(self.templates_form), self.tr("Pola nomor"))
        self.tabs.addTab(_scrolled(self.documents_form), self.tr("Dokumen"))
        self.tabs.addTab(general, self.tr("Umum"))
        # A separate section with its own buttons: the save bar below does not apply to it.
        self.tabs.addTab(self.backup, self.tr("Cadangan"))
        self.save_button.setToolTip(self.tr("Simpan pengaturan (Ctrl+S)"))
        self._bar = QWidget()
        bar = QHBoxLayout(self._bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.status, 1)
        bar.addStretch(1)  # the status line hides when empty; keep the buttons at the right
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Pengaturan</b>")))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._bar)
        self.setFocusProxy(self.tabs)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        self.profile_form.edited.connect(self._on_profile_form_edited)
        self.templates_form.edited.connect(self._on_templates_form_edited)
        self.documents_form.edited.connect(self._on_templates_form_edited)
        self._language.activated.connect(self._on_templates_form_edited)
        self._idle_lock.valueChanged.connect(self._on_templates_form_edited)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._session.changed.connect(self._on_session_changed)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.activated.connect(self.save)

    # ------------------------------------------------------------------ handlers
    def _on_profile_form_edited(self) -> None:
        self.templates_form.set_names(self.profile_form.profile())
        self.status.set_message("")

    def _on_templates_form_edited(self) -> None:
        self.status.set_message("")

    def _on_tabs_current_changed(self, index: int) -> None:
        self._bar.setVisible(self.tabs.widget(index) not in self._own_buttons)

    def add_section(self, widget: QWidget, title: str) -> None:
        """A tab with its own buttons from another part of the window (the shift times of
        ui/journal; ui/pages.py wires it): the save bar hides while it is shown."""
        self._own_buttons.append(widget)
        self.tabs.addTab(widget, title)

    def _on_session_changed(self, kinds: Changes) -> None:
        if ChangeKind.SETTINGS in kinds and not self.is_dirty():
            self.reload()

    # ------------------------------------------------------------------ state
    def reload(self) -> None:
        settings = self._session.store.settings
        profile = settings.station_profile()
        self.profile_form.set_profile(profile)
        self.templates_form.set_profile(profile)
        self.documents_form.set_profile(profile)
        index = self._language.findData(settings.app_settings().language)
        self._language.setCurrentIndex(max(index, 0))
        self._idle_lock.setValue(settings.app_settings().idle_lock_minutes)
        self.profile_form.show_problems({})
        self.status.set_message("")

    def edited_profile(self) -> StationProfile:
        names = self.profile_form.profile()
        templates = self.templates_form.profile()
        return self.documents_form.apply(replace(
            names, **{k: v for k, v in templates.__dict__.items() if k.startswith("template_")}))

    def edited_app_settings(self) -> AppSettings:
        current = self._session.store.settings.app_settings()
        return replace(current, language=str(self._language.currentData()),
                       idle_lock_minutes=self._idle_lock.value())

    def is_dirty(self) -> bool:
        settings = self._session.store.settings
        return (self.edited_profile() != settings.station_profile()
                or self.edited_app_settings() != settings.app_settings())

    def save(self) -> bool:
        current = self.tabs.currentWidget()
        if current in self._own_buttons:  # Ctrl+S on a section with its own save button
            own_save = getattr(current, "save", None)
            return bool(own_save()) if callable(own_save) else False
        if not may(self._session, Action.SETTINGS):
            return False
        profile_problems = self.profile_form.problems()
        template_problems = self.templates_form.problems()
        self.profile_form.show_problems(profile_problems)
        if profile_problems or template_problems:
            self.tabs.setCurrentIndex(0 if profile_problems else 1)
            self.status.setStyleSheet("color: #b00020;")
            self.status.set_message(self.tr("Belum disimpan: periksa pesan di samping kolom."))
            return False
        store, by = self._session.store, self._session.officer_id
        profile, app_settings = self.edited_profile(), self.edited_app_settings()
        language_changed = app_settings.language != store.settings.app_settings().language
        try:
            if profile != store.settings.station_profile():
                self._session.write(lambda: store.settings.save_station_profile(profile, by))
            if app_settings != store.settings.app_settings():
                self._session.write(lambda: store.settings.save_app_settings(app_settings, by))
        except StoreError as exc:
            self.status.setStyleSheet("color: #b00020;")
            self.status.set_message(describe(exc))
            return False
        self.status.setStyleSheet(SAVED_STYLE)
        note = QCoreApplication.translate("SettingsPage", " Bahasa berganti setelah Piket "
                                          "dibuka ulang.") if language_changed else ""
        self.status.set_message(self.tr("Pengaturan tersimpan.") + note)
        return True
