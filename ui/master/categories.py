"""Incident categories: a stable code (never edited once saved), a label and a group."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.domain.models import Category
from ui.common.editor import EditorDialog, SaveFn
from ui.common.forms import required
from ui.master.codes import check_code, suggest_code
from ui.master.table import MasterTableModel, active_text

GROUPS = ("3C", "kejahatan konvensional", "kejahatan transnasional", "gangguan kamtibmas lain",
          "lainnya")


class CategoryTableModel(MasterTableModel):
    CODE, LABEL, GROUP, ACTIVE = range(4)
    HEADERS = ("Kode", "Nama kategori", "Kelompok", "Status")

    def text(self, item: Any, column: int) -> str:
        category: Category = item
        return (category.code, category.label, category.group, active_text(category.active))[column]


class CategoryEditor(EditorDialog):
    TITLE_NEW = "Tambah kategori"
    TITLE_EDIT = "Ubah kategori"

    def __init__(self, item: Category | None, save: SaveFn, parent: QWidget | None = None, *,
                 groups: Callable[[], tuple[str, ...]] | None = None) -> None:
        self._groups = groups
        super().__init__(item, save, parent)

    def _build_fields(self) -> None:
        self._label = QLineEdit()
        self._label.setPlaceholderText("mis. Pencurian ternak")
        self._code = QLineEdit()
        self._group = QComboBox()
        self._group.setEditable(True)
        known = self._groups() if self._groups else ()
        self._group.addItems(list(dict.fromkeys((*GROUPS, *known))))
        self._group.setCurrentText("kejahatan konvensional")
        self.form.add_field("label", "&Nama kategori", self._label)
        hint = ("Kode tidak dapat diubah setelah disimpan." if self.is_new else
                "Kode tetap: dipakai oleh laporan, impor dan statistik.")
        self.form.add_field("code", "&Kode", self._code, hint)
        self.form.add_field("group", "&Kelompok", self._group)
        if self.is_new:
            self._label.textEdited.connect(self._on_label_text_edited)

    def _on_label_text_edited(self, text: str) -> None:
        if not self._code.isModified():
            self._code.setText(suggest_code(text))

    def _load(self, item: Any) -> None:
        self._label.setText(item.label)
        self._code.setText(item.code)
        self._code.setReadOnly(True)
        self._group.setCurrentText(item.group)

    def _problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        required(problems, "label", self._label.text(), "Nama kategori")
        if self.is_new:
            check_code(problems, "code", self._code.text())
        required(problems, "group", self._group.currentText(), "Kelompok")
        return problems

    def _value(self) -> Category:
        label = " ".join(self._label.text().split())
        group = self._group.currentText().strip()
        if self.original is None:
            return Category(code=self._code.text().strip(), label=label, group=group)
        return replace(self.original, label=label, group=group)

    def _duplicate_problem(self, column: str) -> tuple[str, str]:
        return "code", f"Kode \u201c{self._code.text().strip()}\u201d sudah dipakai kategori lain."
