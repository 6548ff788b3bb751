"""The Kapolsek's "Analisa dan langkah-langkah" of the shown week, on the Rekap Mingguan page:
typed here, kept per week in the store (store.analyses, audited), printed as section VIII of
the weekly review. Only a role allowed Action.WEEKLY (pimpinan) may change it; others read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.outgoing import WeeklyAnalysis
from app.security.permissions import Action
from app.store import InvalidRecord, StaleRecord, StoreError
from app.textid import format_datetime_long, to_local
from app.validation.limits import NARRATIVE, length_message
from app.weekly.pdf import NO_ANALYSIS
from app.weekly.week import Week
from ui.common.errors import describe
from ui.common.figures import heading, note
from ui.roles import may, on_role_change
from ui.session import Session

LABEL = "Analisa dan langkah-langkah"


class AnalysisEditor(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._week: Week | None = None
        self._loaded: WeeklyAnalysis | None = None
        self.editor = QPlainTextEdit()
        self.save_button = QPushButton("Simpan &analisa")
        self.state_label = note()
        self.problem_label = QLabel()
        self._build()
        self._connect()
        on_role_change(session, self, self._apply_role)  # the next officer may not write

    def _build(self) -> None:
        self.editor.setPlaceholderText(
            "Analisa Kapolsek atas angka minggu ini dan langkah-langkah yang akan diambil "
            "(mis. patroli malam di desa rawan, sambang, koordinasi dengan desa). "
            "Dicetak sebagai bagian VIII Anev mingguan.")
        self.editor.setMinimumHeight(140)
        self.editor.setTabChangesFocus(True)
        self.save_button.setToolTip("Simpan analisa minggu ini (Ctrl+S)")
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.state_label, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(f"VIII. {LABEL}"))
        layout.addWidget(self.editor)
        layout.addWidget(self.problem_label)
        layout.addLayout(row)
        save = QShortcut(QKeySequence("Ctrl+S"), self, self._on_save_button_clicked)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # while typing in it

    def _connect(self) -> None:
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.editor.textChanged.connect(self._on_editor_text_changed)

    # ------------------------------------------------------------------ state
    @property
    def may_write(self) -> bool:
        return may(self._session, Action.WEEKLY)

    def is_dirty(self) -> bool:
        saved = self._loaded.text if self._loaded else ""
        return self.editor.toPlainText().rstrip() != saved

    def show_week(self, week: Week) -> None:
        """Load the week's analysis (a small read on the GUI thread, like a form's)."""
        self._week = week
        self._loaded = self._session.store.analyses.get(week)
        self.editor.blockSignals(True)
        self.editor.setPlainText(self._loaded.text if self._loaded else "")
        self.editor.blockSignals(False)
        self.problem_label.hide()
        self._apply_role()

    def _apply_role(self) -> None:
        self.editor.setReadOnly(not self.may_write)
        self.save_button.setVisible(self.may_write)
        self._show_state()

    def _show_state(self) -> None:
        if self.is_dirty():
            self.state_label.setText("Belum disimpan.")
        elif self._loaded is None or self._loaded.meta is None or not self._loaded.text:
            hint = "" if self.may_write else " Hanya pimpinan yang dapat mengisinya."
            self.state_label.setText(NO_ANALYSIS + hint)
        else:
            meta = self._loaded.meta
            when = format_datetime_long(to_local(meta.updated_at, self._session.store.profile().timezone),
                                        self._session.store.profile().tz_abbreviation)
            self.state_label.setText(f"Disimpan {when}.")
        self.save_button.setEnabled(self.is_dirty())

    # ------------------------------------------------------------------ handlers
    def _on_editor_text_changed(self) -> None:
        self.problem_label.hide()
        self._show_state()

    def _on_save_button_clicked(self) -> None:
        if self._week is None or not self.may_write or not self.is_dirty():
            return
        text = self.editor.toPlainText()
        if len(text.strip()) > NARRATIVE:
            self._problem(length_message(LABEL, NARRATIVE, len(text.strip())))
            return
        week = self._week
        # 0: none was there when it was opened (one saved meanwhile is then stale too)
        version = self._loaded.meta.version if self._loaded and self._loaded.meta else 0
        try:
            self._loaded = self._session.write(lambda: self._session.store.analyses.save(
                week, text, self._session.officer_id, expected_version=version))
        except InvalidRecord as exc:
            self._problem(" ".join(str(p) for p in exc.problems))
            return
        except StaleRecord:  # the text typed stays in the editor
            self._problem("Analisa minggu ini sudah diubah orang lain sejak dibuka. Salin teks "
                          "Anda, lalu buka minggu ini lagi untuk melihat yang tersimpan.")
            return
        except StoreError as exc:  # the text stays in the editor: nothing typed is lost
            self._problem(f"Analisa belum tersimpan. {describe(exc)}")
            return
        self._show_state()

    def _problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()
