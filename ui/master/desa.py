"""The desa (villages) of the kecamatan."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLineEdit

from app.domain.models import Desa
from ui.common.editor import EditorDialog
from ui.common.forms import required
from ui.master.table import MasterTableModel, active_text


class DesaTableModel(MasterTableModel):
    NAME, ACTIVE = range(2)
    HEADERS = ("Nama desa/kelurahan", "Status")

    def text(self, item: Any, column: int) -> str:
        desa: Desa = item
        return (desa.name, active_text(desa.active))[column]


class DesaEditor(EditorDialog):
    TITLE_NEW = "Tambah desa"
    TITLE_EDIT = "Ubah desa"

    def _build_fields(self) -> None:
        self._name = QLineEdit()
        self._name.setPlaceholderText("mis. Serinanti")
        self.form.add_field("name", "&Nama desa", self._name)

    def _load(self, item: Any) -> None:
        self._name.setText(item.name)

    def _problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        required(problems, "name", self._name.text(), "Nama desa")
        return problems

    def _value(self) -> Desa:
        name = " ".join(self._name.text().split())
        return Desa(name=name) if self.original is None else replace(self.original, name=name)

    def _duplicate_problem(self, column: str) -> tuple[str, str]:
        return "name", f"Desa \u201c{self._name.text().strip()}\u201d sudah ada dalam daftar."
