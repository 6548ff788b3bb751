"""Row editors of a visit: the lost items of a kehilangan, and the losses of an LP in Rupiah.
Each row is a line of fields with a "Hapus" button; blank rows are left out of the record."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Loss, LostItem
from app.textid import format_rupiah
from app.validation import Problem
from app.validation.problems import error, is_blank
from ui.common.widgets import SPACING, FieldBox, RupiahEdit

DOC_TYPES = ("KTP", "SIM", "STNK", "BPKB", "Kartu Keluarga", "Kartu ATM", "Buku tabungan",
             "Ijazah", "Akta kelahiran", "Paspor", "Telepon genggam (HP)", "Dompet", "Lainnya")


class _RowEditor(QWidget):
    """Rows of line widgets under a header, with an add button below."""

    edited = Signal()
    HEADERS: tuple[str, ...] = ()
    STRETCH: tuple[int, ...] = ()
    ADD_TEXT = "+ Tambah"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[list[QWidget]] = []
        self.boxes: list[list[FieldBox]] = []
        self._removes: list[QPushButton] = []
        self._next_row = 0  # grid rows are never reused: a removed row leaves an empty one
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(SPACING)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(SPACING)
        for col, (text, stretch) in enumerate(zip(self.HEADERS, self.STRETCH, strict=True)):
            self._grid.addWidget(QLabel(text), 0, col)
            self._grid.setColumnStretch(col, stretch)
        outer.addLayout(self._grid)
        self.add_button = QPushButton(self.ADD_TEXT)
        self.add_button.setAutoDefault(False)
        line = QHBoxLayout()
        line.addWidget(self.add_button)
        line.addStretch(1)
        self.total = QLabel()
        line.addWidget(self.total)
        outer.addLayout(line)
        self.add_button.clicked.connect(self._on_add_button_clicked)

    def _make_row(self) -> list[QWidget]:
        raise NotImplementedError

    def add_row(self) -> list[QWidget]:
        widgets = self._make_row()
        boxes = [FieldBox(w) for w in widgets]
        remove = QPushButton("Hapus")
        remove.setAutoDefault(False)
        self._next_row += 1
        row = self._next_row
        for col, box in enumerate(boxes):
            self._grid.addWidget(box, row, col, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(remove, row, len(boxes))
        self.rows.append(widgets)
        self.boxes.append(boxes)
        self._removes.append(remove)
        remove.clicked.connect(lambda: self._remove(widgets))
        return widgets

    def _remove(self, widgets: list[QWidget]) -> None:
        index = self.rows.index(widgets)
        for box in self.boxes[index]:
            box.hide()
            box.deleteLater()
        remove = self._removes.pop(index)
        remove.hide()
        remove.deleteLater()
        self.rows.pop(index)
        self.boxes.pop(index)
        self.edited.emit()
        self._update_total()

    def clear(self) -> None:
        while self.rows:
            self._remove(self.rows[-1])

    def _on_add_button_clicked(self) -> None:
        widgets = self.add_row()
        widgets[0].setFocus()
        self.edited.emit()

    def _on_row_edited(self, *_args: object) -> None:
        self._update_total()
        self.edited.emit()

    def _update_total(self) -> None:
        pass


class LostItemsEditor(_RowEditor):
    HEADERS = ("Jenis surat / barang", "Nomor", "Keterangan", "")
    STRETCH = (2, 2, 3, 0)
    ADD_TEXT = "+ Tambah barang/dokumen"

    def _make_row(self) -> list[QWidget]:
        kind = QComboBox()
        kind.setEditable(True)
        kind.addItems(DOC_TYPES)
        kind.setCurrentIndex(-1)
        line, completer = kind.lineEdit(), kind.completer()
        assert line is not None and completer is not None
        line.setPlaceholderText("mis. KTP")
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        number = QLineEdit()
        number.setPlaceholderText("Nomor dokumen (bila ada)")
        description = QLineEdit()
        description.setPlaceholderText("mis. KTP-el atas nama pelapor")
        kind.editTextChanged.connect(self._on_row_edited)
        number.textEdited.connect(self._on_row_edited)
        description.textEdited.connect(self._on_row_edited)
        return [kind, number, description]

    def dump(self) -> tuple[tuple[LostItem, ...], list[int]]:
        """The items, and for each the row it came from (blank rows left out)."""
        items: list[LostItem] = []
        origin: list[int] = []
        for i, (kind, number, description) in enumerate(self.rows):
            assert isinstance(kind, QComboBox) and isinstance(number, QLineEdit)
            assert isinstance(description, QLineEdit)
            item = LostItem(kind.currentText().strip(), number.text().strip(),
                            description.text().strip())
            if item.doc_type or item.number or item.description:
                items.append(item)
                origin.append(i)
        return tuple(items), origin

    def load(self, items: Sequence[LostItem]) -> None:
        self.clear()
        for item in items:
            kind, number, description = self.add_row()
            assert isinstance(kind, QComboBox) and isinstance(number, QLineEdit)
            assert isinstance(description, QLineEdit)
            kind.setEditText(item.doc_type)
            number.setText(item.number)
            description.setText(item.description)

    def field_box(self, row: int, attr: str) -> FieldBox | None:
        columns = {"doc_type": 0, "number": 1, "description": 2}
        if 0 <= row < len(self.boxes) and attr in columns:
            return self.boxes[row][columns[attr]]
        return None


class LossesEditor(_RowEditor):
    HEADERS = ("Uraian kerugian (barang / uang)", "Nilai (Rp)", "")
    STRETCH = (4, 1, 0)
    ADD_TEXT = "+ Tambah kerugian"

    def _make_row(self) -> list[QWidget]:
        description = QLineEdit()
        description.setPlaceholderText("mis. Sepeda motor Honda Beat BG 1234 XY")
        value = RupiahEdit()
        value.setMinimumWidth(130)
        description.textEdited.connect(self._on_row_edited)
        value.edited.connect(self._on_row_edited)
        return [description, value]

    def dump(self) -> tuple[tuple[Loss, ...], list[int], dict[str, str]]:
        """The losses, their rows, and typed values that are not yet a number (raw text)."""
        losses: list[Loss] = []
        origin: list[int] = []
        raw: dict[str, str] = {}
        for i, (description, value) in enumerate(self.rows):
            assert isinstance(description, QLineEdit) and isinstance(value, RupiahEdit)
            amount = value.value()
            if is_blank(description.text()) and not value.text().strip():
                continue
            if amount is None:
                raw[str(len(losses))] = value.text()
            losses.append(Loss(description.text().strip(), amount or 0))
            origin.append(i)
        return tuple(losses), origin, raw

    def raw_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        _, origin, _ = self.dump()
        for index, row in enumerate(origin):
            value = self.rows[row][1]
            assert isinstance(value, RupiahEdit)
            message = value.error()
            if message:
                problems.append(error(f"losses[{index}].value_rp", "format", message))
        return problems

    def load(self, losses: Sequence[Loss], raw: dict[str, str] | None = None) -> None:
        self.clear()
        for i, loss in enumerate(losses):
            description, value = self.add_row()
            assert isinstance(description, QLineEdit) and isinstance(value, RupiahEdit)
            description.setText(loss.description)
            value.set_value(loss.value_rp)
            if raw and str(i) in raw:
                value.setText(raw[str(i)])
        self._update_total()

    def field_box(self, row: int, attr: str) -> FieldBox | None:
        columns = {"description": 0, "value_rp": 1}
        if 0 <= row < len(self.boxes) and attr in columns:
            return self.boxes[row][columns[attr]]
        return None

    def _update_total(self) -> None:
        losses, _, _ = self.dump()
        total = sum(loss.value_rp for loss in losses)
        self.total.setText(f"Total kerugian: <b>{format_rupiah(total)}</b>" if total else "")
