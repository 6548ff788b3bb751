"""Number templates of the station (LP model B/A, SKTLK, STPP, STPD, surat pengantar, SP2HP and
the STTLP's own number) with a live preview of the next number each would issue, from the
store's counter of the current year (the STTLP takes its LP's counter: one STTLP per LP
model B)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.codes import (
    DOC_DUMAS,
    DOC_LP_A,
    DOC_LP_B,
    DOC_PENGADUAN,
    DOC_PENGANTAR,
    DOC_SKTLK,
    DOC_SP2HP,
)
from app.domain.models import StationProfile
from app.numbering import TemplateError, check_template, preview_next
from ui.common.forms import HINT_STYLE, FieldForm, MessageLabel

STTLP = "sttlp"  # StationProfile.template_sttlp
DOC_LABELS: dict[str, str] = {
    DOC_LP_B: "LP model &B",
    DOC_LP_A: "LP model &A",
    DOC_SKTLK: "S&KTLK (kehilangan)",
    DOC_PENGADUAN: "STPP (&pengaduan)",
    DOC_DUMAS: "STPD (&dumas)",
    DOC_PENGANTAR: "Surat pen&gantar",
    DOC_SP2HP: "SP2&HP (kepada pelapor)",
    STTLP: "S&TTLP (tanda terima LP)",
}
COUNTER_OF = {STTLP: DOC_LP_B}  # a number without a counter of its own: whose it shows
PLACEHOLDER_HELP = ("Isian yang dapat dipakai: {n} nomor urut (mulai lagi dari 1 tiap tahun), "
                    "{month} bulan dalam angka Romawi, {year} tahun, {station} nama Polsek, "
                    "{polres}, {polda}. Perubahan pola hanya berlaku untuk nomor berikutnya; "
                    "nomor yang sudah terbit tidak berubah dan tidak dipakai ulang. STTLP memakai "
                    "nomor urut, bulan dan tahun LP model B yang diterimanya.")

LastSeq = Callable[[str, int], int]


def template_problem(template: str) -> str:
    """Why a template cannot be used, in Indonesian ('' if it can)."""
    try:
        check_template(template)
    except TemplateError as exc:
        if exc.code == "unknown_placeholder":
            return (f"Isian {exc.detail} tidak dikenal. Pakai {{n}}, {{month}}, {{year}}, "
                    "{station}, {polres} atau {polda}.")
        if exc.code == "missing_placeholder" and exc.detail == "{n}":
            return "Pola wajib memuat {n} (nomor urut)."
        if exc.code == "missing_placeholder":
            return (f"Pola wajib memuat {exc.detail}: nomor urut mulai lagi dari 1 setiap tahun, "
                    "tanpa tahun nomor bisa kembar.")
        return "Kurung kurawal { } tidak berpasangan."
    if not template.strip():
        return "Pola nomor wajib diisi."
    return ""


class NumberTemplatesForm(QWidget):
    edited = Signal()

    def __init__(self, last_seq: LastSeq, local_now: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last_seq = last_seq
        self._local_now = local_now
        self._base = StationProfile()
        self._names = self._base  # where {station}, {polres}, {polda} come from
        self.form = FieldForm()
        self._edits: dict[str, QLineEdit] = {}
        self._previews: dict[str, MessageLabel] = {}
        help_label = QLabel(PLACEHOLDER_HELP)
        help_label.setWordWrap(True)
        help_label.setStyleSheet(HINT_STYLE)
        for kind, label in DOC_LABELS.items():
            edit = QLineEdit()
            preview = MessageLabel(HINT_STYLE)
            preview.setObjectName(f"preview_{kind}")
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(preview)
            self.form.add_field(kind, label, box)
            self.form.set_focus_widget(kind, edit)
            self._edits[kind] = edit
            self._previews[kind] = preview
            edit.textEdited.connect(self._on_template_text_edited)
        layout = QVBoxLayout(self)
        layout.addWidget(help_label)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def _on_template_text_edited(self, text: str) -> None:
        self.refresh()
        self.edited.emit()

    def set_profile(self, profile: StationProfile) -> None:
        self._base = profile
        self._names = profile
        for kind, edit in self._edits.items():
            edit.setText(profile.template_for(kind))
        self.refresh()

    def set_names(self, names: StationProfile) -> None:
        """The station names typed (not yet saved) in the profile form, for the preview."""
        self._names = names
        self.refresh()

    def profile(self) -> StationProfile:
        def typed(kind: str) -> str:
            return self._edits[kind].text().strip()

        typed_templates: dict[str, Any] = {f"template_{kind}": typed(kind) for kind in self._edits}
        return replace(self._base, **typed_templates)

    def problems(self) -> dict[str, str]:
        found = {kind: template_problem(edit.text()) for kind, edit in self._edits.items()}
        return {kind: text for kind, text in found.items() if text}

    def preview(self, kind: str) -> str:
        return self._previews[kind].text()

    def refresh(self) -> None:
        """Recompute every preview and show template problems as they are typed."""
        now = self._local_now()
        problems = self.problems()
        for kind, edit in self._edits.items():
            if kind in problems:
                self._previews[kind].set_message("")
                continue
            counter = COUNTER_OF.get(kind, kind)
            number = preview_next(edit.text().strip(), self._last_seq(counter, now.year), now,
                                  self._names)
            self._previews[kind].set_message(f"Nomor berikutnya: {number}")
        self.form.show_problems(problems, focus=False)
