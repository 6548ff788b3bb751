"""Law articles (pasal): the new KUHP (UU 1/2023, in force 2 Jan 2026), the old KUHP and other
laws side by side; a new article names the old one it replaces."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.domain.models import Category, LawArticle
from ui.common.editor import EditorDialog, SaveFn
from ui.common.forms import required
from ui.master.table import MasterTableModel, active_text

LAWS: dict[str, str] = {"kuhp_baru": "KUHP baru (UU 1/2023)", "kuhp_lama": "KUHP lama",
                        "lainnya": "Undang-undang lain"}
NONE = "\u2014 tidak ada \u2014"


class LawArticleTableModel(MasterTableModel):
    CODE, TITLE, LAW, CATEGORY, REPLACES, ACTIVE = range(6)
    HEADERS = ("Pasal", "Judul", "Undang-undang", "Kategori", "Menggantikan", "Status")

    def text(self, item: Any, column: int) -> str:
        law: LawArticle = item
        return (law.code, law.title, LAWS.get(law.law, law.law), law.category_code or "",
                law.replaces_code or "", active_text(law.active))[column]


class LawArticleEditor(EditorDialog):
    TITLE_NEW = "Tambah pasal"
    TITLE_EDIT = "Ubah pasal"

    def __init__(self, item: LawArticle | None, save: SaveFn, parent: QWidget | None = None, *,
                 categories: tuple[Category, ...] = (),
                 articles: tuple[LawArticle, ...] = ()) -> None:
        self._categories = categories
        self._articles = articles
        super().__init__(item, save, parent)

    def _build_fields(self) -> None:
        self._code = QLineEdit()
        self._code.setPlaceholderText("mis. 476 KUHP, 362 KUHP (lama), Pasal 44 UU 23/2004")
        self._title = QLineEdit()
        self._law = QComboBox()
        for code, label in LAWS.items():
            self._law.addItem(label, code)
        self._category = QComboBox()
        self._category.addItem(NONE, None)
        for category in self._categories:
            self._category.addItem(f"{category.label} ({category.code})", category.code)
        self._replaces = QComboBox()
        self._replaces.addItem(NONE, None)
        for article in self._articles:
            if article.law == "kuhp_lama":
                self._replaces.addItem(f"{article.code} \u2013 {article.title}", article.code)
        hint = ("Kode pasal tidak dapat diubah setelah disimpan." if self.is_new else
                "Kode pasal tetap: dipakai oleh laporan yang sudah ada.")
        self.form.add_field("code", "&Pasal", self._code, hint)
        self.form.add_field("title", "&Judul", self._title)
        self.form.add_field("law", "&Undang-undang", self._law)
        self.form.add_field("category", "&Kategori", self._category)
        self.form.add_field("replaces", "&Menggantikan", self._replaces,
                            "Untuk pasal KUHP baru: pasal KUHP lama yang digantikannya.")

    @staticmethod
    def _select(combo: QComboBox, code: str | None) -> None:
        index = combo.findData(code)
        if index < 0 and code:
            combo.addItem(code, code)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def _load(self, item: Any) -> None:
        self._code.setText(item.code)
        self._code.setReadOnly(True)
        self._title.setText(item.title)
        self._select(self._law, item.law)
        self._select(self._category, item.category_code)
        self._select(self._replaces, item.replaces_code)

    def _problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if self.is_new:
            required(problems, "code", self._code.text(), "Pasal")
        required(problems, "title", self._title.text(), "Judul")
        if self._replaces.currentData() and self._law.currentData() != "kuhp_baru":
            problems["replaces"] = "Hanya pasal KUHP baru yang menggantikan pasal KUHP lama."
        return problems

    def _value(self) -> LawArticle:
        values: dict[str, Any] = dict(
            title=" ".join(self._title.text().split()), law=str(self._law.currentData()),
            category_code=self._category.currentData(), replaces_code=self._replaces.currentData())
        if self.original is None:
            return LawArticle(code=" ".join(self._code.text().split()), **values)
        return replace(self.original, **values)

    def _duplicate_problem(self, column: str) -> tuple[str, str]:
        return "code", f"Pasal \u201c{self._code.text().strip()}\u201d sudah ada dalam daftar."
