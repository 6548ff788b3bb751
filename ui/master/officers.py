"""The roster (personel): name, rank, 8-digit NRP (unique), position, active."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from app.domain.codes import RANKS
from app.domain.models import Officer, Position
from ui.common.editor import EditorDialog, SaveFn
from ui.common.forms import NRP_LENGTH, check_nrp, required
from ui.master.table import MasterTableModel, active_text


class OfficerTableModel(MasterTableModel):
    NAME, RANK, NRP, POSITION, ACTIVE = range(5)
    HEADERS = ("Nama", "Pangkat", "NRP", "Jabatan", "Status")

    def text(self, item: Any, column: int) -> str:
        officer: Officer = item
        return (officer.name, officer.rank, officer.nrp, officer.position,
                active_text(officer.active))[column]


class OfficerEditor(EditorDialog):
    TITLE_NEW = "Tambah personel"
    TITLE_EDIT = "Ubah personel"

    def __init__(self, item: Officer | None, save: SaveFn, parent: QWidget | None = None, *,
                 roster: Callable[[], tuple[Officer, ...]] | None = None,
                 positions: Sequence[Position] = ()) -> None:
        self._roster = roster  # to name who already holds a refused NRP
        self._positions = positions  # offered as the position is typed (Data Master → Jabatan)
        super().__init__(item, save, parent)

    def _build_fields(self) -> None:
        self._name = QLineEdit()
        self._name.setPlaceholderText("mis. ANDI SAPUTRA")
        self._rank = QComboBox()
        self._rank.addItems(RANKS)
        self._rank.setCurrentText("BRIPKA")
        self._nrp = QLineEdit()
        self._nrp.setMaxLength(NRP_LENGTH + 4)  # room to see a wrong paste, checked on save
        self._nrp.setPlaceholderText("8 angka")
        self._position = QLineEdit()
        self._position.setPlaceholderText("mis. Ka SPKT I, Bhabinkamtibmas Desa Serinanti")
        if self._positions:
            completer = QCompleter([p.name for p in self._positions], self._position)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self._position.setCompleter(completer)
        self.form.add_field("name", "&Nama", self._name)
        self.form.add_field("rank", "&Pangkat", self._rank)
        self.form.add_field("nrp", "N&RP", self._nrp)
        self.form.add_field("position", "&Jabatan", self._position,
                            "Yang boleh ditandatangani jabatan ini (a.n. Kapolsek, Mengetahui) "
                            "diatur di tab Jabatan.")

    def _load(self, item: Any) -> None:
        officer: Officer = item
        self._name.setText(officer.name)
        if officer.rank not in RANKS:  # a rank outside the list stays as it was
            self._rank.addItem(officer.rank)
        self._rank.setCurrentText(officer.rank)
        self._nrp.setText(officer.nrp)
        self._position.setText(officer.position)

    def _problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        required(problems, "name", self._name.text(), "Nama")
        check_nrp(problems, "nrp", self._nrp.text())
        return problems

    def _value(self) -> Officer:
        name, rank = " ".join(self._name.text().split()), self._rank.currentText()
        nrp, position = self._nrp.text().strip(), self._position.text().strip()
        original: Officer | None = self.original
        if original is None:
            return Officer(name=name, rank=rank, nrp=nrp, position=position)
        return replace(original, name=name, rank=rank, nrp=nrp, position=position)

    def _duplicate_problem(self, column: str) -> tuple[str, str]:
        nrp = self._nrp.text().strip()
        roster = self._roster() if self._roster else ()
        holder = next((o for o in roster if o.nrp == nrp), None)
        who = f" oleh {holder.display}" if holder else " oleh personel lain"
        return "nrp", f"NRP {nrp} sudah dipakai{who}. Periksa kembali NRP-nya."
