"""Place types of an incident scene (rumah, jalan, pasar, kebun, sawah...)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLineEdit

from app.domain.models import PlaceType
from ui.common.editor import EditorDialog
from ui.common.forms import required
from ui.master.codes import check_code, suggest_code
from ui.master.table import MasterTableModel, active_text


class PlaceTypeTableModel(MasterTableModel):
    CODE, LABEL, ACTIVE = range(3)
    HEADERS = ("Kode", "Jenis tempat", "Status")

    def text(self, item: Any, column: int) -> str:
        place: PlaceType = item
        return (place.code, place.label, active_text(place.active))[column]


class PlaceTypeEditor(EditorDialog):
    TITLE_NEW = "Tambah jenis tempat"
    TITLE_EDIT = "Ubah jenis tempat"

    def _build_fields(self) -> None:
        self._label = QLineEdit()
        self._label.setPlaceholderText("mis. Dermaga")
        self._code = QLineEdit()
        self.form.add_field("label", "&Jenis tempat", self._label)
        hint = ("Kode tidak dapat diubah setelah disimpan." if self.is_new else
                "Kode tetap: dipakai oleh laporan yang sudah ada.")
        self.form.add_field("code", "&Kode", self._code, hint)
        if self.is_new:
            self._label.textEdited.connect(self._on_label_text_edited)

    def _on_label_text_edited(self, text: str) -> None:
        if not self._code.isModified():
            self._code.setText(suggest_code(text))

    def _load(self, item: Any) -> None:
        self._label.setText(item.label)
        self._code.setText(item.code)
        self._code.setReadOnly(True)

    def _problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        required(problems, "label", self._label.text(), "Jenis tempat")
        if self.is_new:
            check_code(problems, "code", self._code.text())
        return problems

    def _value(self) -> PlaceType:
        label = " ".join(self._label.text().split())
        if self.original is None:
            return PlaceType(code=self._code.text().strip(), label=label)
        return replace(self.original, label=label)

    def _duplicate_problem(self, column: str) -> tuple[str, str]:
        return "code", f"Kode \u201c{self._code.text().strip()}\u201d sudah dipakai jenis tempat lain."
