"""Picking the law articles (pasal) an LP cites: several, with the old KUHP and the new one
(UU 1/2023, in force since 2 January 2026) shown side by side for each choice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import LawArticle
from ui.common.master_combo import MasterCombo
from ui.common.widgets import SPACING

LAW_NAMES = {"kuhp_baru": "KUHP baru", "kuhp_lama": "KUHP lama", "lainnya": "UU lain"}


class LawArticlePicker(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._articles: dict[str, LawArticle] = {}
        self._chosen: list[str] = []
        self.combo = MasterCombo(placeholder="Ketik nomor pasal atau judulnya, mis. 476 atau pencurian")
        self.add_button = QPushButton("Tambah pasal")
        self.add_button.setAutoDefault(False)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Pasal", "Judul", "Padanan (KUHP lama ⇄ baru)"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        self.table.hide()
        self.remove_button = QPushButton("Hapus pasal terpilih")
        self.remove_button.setAutoDefault(False)
        self.remove_button.hide()
        hint = QLabel("Kejadian sebelum 2 Januari 2026: KUHP lama. Sejak itu: KUHP baru (UU 1/2023).")
        hint.setStyleSheet("color: #555555")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        line = QHBoxLayout()
        line.addWidget(self.combo, 1)
        line.addWidget(self.add_button)
        layout.addLayout(line)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        line = QHBoxLayout()
        line.addStretch(1)
        line.addWidget(self.remove_button)
        layout.addLayout(line)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        typed = self.combo.lineEdit()
        assert typed is not None
        typed.returnPressed.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)

    def set_articles(self, articles: Sequence[LawArticle]) -> None:
        self._articles = {a.code: a for a in articles}
        self.combo.set_items([(f"{a.code} — {a.title} ({LAW_NAMES.get(a.law, a.law)})", a.code)
                              for a in articles if a.active])
        self._refresh()

    def counterpart(self, code: str) -> str:
        article = self._articles.get(code)
        if article is None:
            return ""
        if article.replaces_code:
            return f"lama: {article.replaces_code}"
        for other in self._articles.values():
            if other.replaces_code == code:
                return f"baru: {other.code}"
        return ""

    def codes(self) -> tuple[str, ...]:
        return tuple(self._chosen)

    def set_codes(self, codes: Sequence[str]) -> None:
        self._chosen = list(dict.fromkeys(codes))
        self._refresh()

    def add(self, code: str) -> None:
        if code and code not in self._chosen:
            self._chosen.append(code)
            self._refresh()
            self.edited.emit()

    def pending_text(self) -> str:
        """Typed in the picker but not added (not a known article)."""
        return self.combo.text() if self.combo.current_data() is None else ""

    def _on_add_button_clicked(self) -> None:
        code = self.combo.current_data()
        if code is None:
            return
        self.add(code)
        self.combo.set_text("")

    def _on_remove_button_clicked(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            if 0 <= row < len(self._chosen):
                self._chosen.pop(row)
        if rows:
            self._refresh()
            self.edited.emit()

    def _refresh(self) -> None:
        self.table.setRowCount(len(self._chosen))
        for row, code in enumerate(self._chosen):
            article = self._articles.get(code)
            title = article.title if article else "(tidak ada di daftar pasal)"
            for col, text in enumerate((code, title, self.counterpart(code))):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        visible = bool(self._chosen)
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(min(200, self.table.horizontalHeader().sizeHint().height() + rows
                                      + 2 * self.table.frameWidth()))
        self.table.setVisible(visible)
        self.remove_button.setVisible(visible)
