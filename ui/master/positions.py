"""Positions (jabatan) of the roster and what each may sign (issue 17 item 4): signing
"a.n. KEPALA KEPOLISIAN SEKTOR ..." for the Kapolsek, and countersigning ("Mengetahui").
An officer holds a position when their Jabatan starts with its name (app/documents/signing.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit

from app.domain.models import Position
from ui.common.editor import EditorDialog
from ui.common.forms import required
from ui.master.table import MasterTableModel, active_text


def yes_no(value: bool) -> str:
    return "Ya" if value else "Tidak"


class PositionTableModel(MasterTableModel):
    NAME, SIGNS_FOR_COMMANDER, COUNTERSIGNS, ACTIVE = range(4)
    HEADERS = ("Jabatan", "Boleh a.n. Kapolsek", "Mengetahui dokumen", "Status")

    def text(self, item: Any, column: int) -> str:
        position: Position = item
        return (position.name, yes_no(position.signs_for_commander),
                yes_no(position.countersigns), active_text(position.active))[column]


class PositionEditor(EditorDialog):
    TITLE_NEW = "Tambah jabatan"
    TITLE_EDIT = "Ubah jabatan"

    def _build_fields(self) -> None:
        self._name = QLineEdit()
        self._name.setPlaceholderText("mis. Ka SPKT, Kanit Reskrim, Wakapolsek")
        self._signs = QCheckBox("Boleh menandatangani \u201ca.n. Kapolsek\u201d")
        self._countersigns = QCheckBox("Menandatangani \u201cMengetahui\u201d pada dokumen")
        self.form.add_field(
            "name", "&Jabatan", self._name,
            "Berlaku untuk personel yang jabatannya diawali nama ini (\u201cKa SPKT\u201d "
            "mencakup Ka SPKT I, II dan III).")
        self.form.add_field("signs_for_commander", "a.n. &Kapolsek", self._signs,
                            "Tanpa ini personel menandatangani sebagai \u201cYang menerima "
                            "laporan\u201d saja.")
        self.form.add_field("countersigns", "&Mengetahui", self._countersigns,
                            "Dapat dipilih sebagai pejabat \u201cMengetahui\u201d (bawaan: Ka SPKT).")

    def _load(self, item: Any) -> None:
        position: Position = item
        self._name.setText(position.name)
        self._signs.setChecked(position.signs_for_commander)
        self._countersigns.setChecked(position.countersigns)

    def _problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        required(problems, "name", self._name.text(), "Nama jabatan")
        return problems

    def _value(self) -> Position:
        name = " ".join(self._name.text().split())
        values = dict(name=name, signs_for_commander=self._signs.isChecked(),
                      countersigns=self._countersigns.isChecked())
        if self.original is None:
            return Position(**values)  # type: ignore[arg-type]
        return replace(self.original, **values)

    def _duplicate_problem(self, column: str) -> tuple[str, str]:
        return "name", f"Jabatan \u201c{self._name.text().strip()}\u201d sudah ada dalam daftar."
