"""People in a visit: one editor per person (reporter, suspect, victim, witness...) and a
list editor that adds and removes them. The NIK is decoded as it is typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import RELIGIONS, SEXES
from app.domain.models import Party
from app.textid import format_date
from app.validation import Problem, decode_nik, normalize_phone
from app.validation.nik import compact_nik
from app.validation.problems import error, is_blank
from ui.common.master_combo import MasterCombo
from ui.common.widgets import SPACING, DateField, FieldBox

# which attributes a compact editor shows (informasi, lainnya, teradu); they sit in the
# left column of the grid so a compact editor reads as one column
COMPACT_FIELDS = ("name", "phone", "note")
# what a person marked "Tidak dikenal" still shows: the name line (with the check, for an
# alias) and the description
UNKNOWN_FIELDS = ("name", "note")


class PersonEditor(QWidget):
    """All fields of one Party in a two-column grid. `compact` shows just name, phone and
    a note; `allow_unknown` adds "Tidak dikenal" (a suspect nobody knows yet)."""

    edited = Signal()

    def __init__(self, today: Callable[[], date], *, allow_unknown: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._autofilled: dict[str, object] = {}
        self._area = ("", "")  # kecamatan and kabupaten of the station's desa list
        self._compact = False
        self.name = QLineEdit()
        self.unknown = QCheckBox("Tidak dikenal")
        self.unknown.setVisible(allow_unknown)
        self.nik = QLineEdit()
        self.nik.setMaxLength(30)
        self.nik.setPlaceholderText("16 angka")
        self.nik_info = QLabel()
        self.nik_info.setStyleSheet("color: #1e5c1e")
        self.sex = QComboBox()
        self.sex.addItem("", "")
        for code, label in SEXES.items():
            self.sex.addItem(label, code)
        self.birth_date = DateField(today)
        self.birth_place = QLineEdit()
        self.occupation = QLineEdit()
        self.religion = QComboBox()
        self.religion.addItem("(tidak diisi)", "")
        for religion in RELIGIONS:
            self.religion.addItem(religion, religion)
        self.nationality = QLineEdit()
        self.nationality.setPlaceholderText("WNI (untuk WNA: tulis negaranya)")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("08… atau +62…")
        self.street = QLineEdit()
        self.street.setPlaceholderText("Jalan, nomor rumah, dusun")
        self.rt_rw = QLineEdit()
        self.rt_rw.setPlaceholderText("001/002")
        self.rt_rw.setMaximumWidth(110)
        self.desa = MasterCombo(placeholder="Desa / kelurahan")
        self.kecamatan = QLineEdit()
        self.kabupaten = QLineEdit()
        self.note = QLineEdit()
        self.boxes: dict[str, FieldBox] = {}
        self._rows: dict[str, list[QWidget]] = {}
        self._build()
        self._connect()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(SPACING * 2)
        grid.setVerticalSpacing(SPACING)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        name_row = QWidget()
        line = QHBoxLayout(name_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.name, 1)
        line.addWidget(self.unknown)
        name_row.setFocusProxy(self.name)
        nik_row = QWidget()
        line = QHBoxLayout(nik_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.nik, 1)
        line.addWidget(self.nik_info)
        nik_row.setFocusProxy(self.nik)
        address = QWidget()
        line = QHBoxLayout(address)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.street, 1)
        line.addWidget(QLabel("RT/RW"))
        line.addWidget(self.rt_rw)
        address.setFocusProxy(self.street)
        cells: Sequence[tuple[str, str, QWidget]] = (
            ("name", "Nama", name_row), ("nik", "NIK", nik_row),
            ("phone", "No. telepon", self.phone), ("sex", "Jenis kelamin", self.sex),
            ("birth_place", "Tempat lahir", self.birth_place),
            ("birth_date", "Tanggal lahir", self.birth_date),
            ("occupation", "Pekerjaan", self.occupation), ("religion", "Agama", self.religion),
            ("nationality", "Kewarganegaraan", self.nationality),
            ("street", "Alamat", address), ("desa", "Desa/kelurahan", self.desa),
            ("kecamatan", "Kecamatan", self.kecamatan), ("kabupaten", "Kabupaten/kota", self.kabupaten),
            ("note", "Keterangan", self.note),
        )
        for i, (attr, label_text, widget) in enumerate(cells):
            row, col = divmod(i, 2)
            label = QLabel(label_text)
            label.setContentsMargins(0, 4, 0, 0)  # level with the field's text
            box = FieldBox(widget)
            label.setBuddy(widget)
            self.boxes[attr] = box
            grid.addWidget(label, row, col * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(box, row, col * 2 + 1, Qt.AlignmentFlag.AlignTop)
            self._rows[attr] = [label, box]
        self.boxes["rt_rw"] = self.boxes["street"]
        note_label = self._rows["note"][0]
        assert isinstance(note_label, QLabel)
        self.note_label: QLabel = note_label

    def _connect(self) -> None:
        for line in (self.name, self.birth_place, self.occupation, self.phone, self.street,
                     self.rt_rw, self.kecamatan, self.kabupaten, self.note, self.nationality):
            line.textEdited.connect(self._on_any_edited)
        self.nik.textEdited.connect(self._on_nik_text_edited)
        self.unknown.toggled.connect(self._on_unknown_toggled)
        self.sex.currentIndexChanged.connect(self._on_any_edited)
        self.religion.currentIndexChanged.connect(self._on_any_edited)
        self.birth_date.edited.connect(self._on_any_edited)
        self.desa.edited.connect(self._on_desa_edited)

    def set_compact(self, compact: bool) -> None:
        self._compact = compact
        self._show_rows()

    def _show_rows(self) -> None:
        """Compact: name, phone, note. Unknown: no identity to fill in, so no NIK, birth,
        address... (what is typed there stays, and is saved)."""
        unknown = self.unknown.isChecked()
        for attr, widgets in self._rows.items():
            shown = ((not self._compact or attr in COMPACT_FIELDS)
                     and (not unknown or attr in UNKNOWN_FIELDS))
            for widget in widgets:
                widget.setVisible(shown)

    def _on_unknown_toggled(self, _checked: bool) -> None:
        self._show_rows()
        self.edited.emit()

    def set_note_label(self, text: str) -> None:
        self.note_label.setText(text)

    def set_desa_names(self, names: Sequence[str], area: tuple[str, str] | None = None) -> None:
        """The desa list, and `area`: the kecamatan and kabupaten those desa lie in (the
        station's, StationProfile), filled in when one of them is chosen."""
        self.desa.set_items([(name, name) for name in names])
        if area is not None:
            self._area = area

    # ------------------------------------------------------------------ kecamatan, kabupaten
    def _on_desa_edited(self) -> None:
        self._fill_area()
        self.edited.emit()

    def _fill_area(self) -> None:
        """A desa of the station's list lies in the station's kecamatan and kabupaten: fill
        them in, unless the officer typed something else there. A desa not on the list
        (another kecamatan) takes back what was filled, and leaves what was typed."""
        known = self.desa.current_data() is not None
        for line, value in zip((self.kecamatan, self.kabupaten), self._area, strict=True):
            filled = line.property("piket_filled")
            untouched = not line.text().strip() or line.text() == filled
            if not untouched:
                continue
            line.setText(value if known else "")
            line.setProperty("piket_filled", value if known else "")

    # ------------------------------------------------------------------ NIK
    def _on_nik_text_edited(self, _text: str) -> None:
        self._show_nik()
        self.edited.emit()

    def _show_nik(self) -> None:
        digits = compact_nik(self.nik.text())
        info = decode_nik(digits, today=self._today()) if digits else None
        if info is None:
            counted = f"{len(digits)}/16 angka" if digits and digits.isdigit() and len(digits) < 16 else ""
            self.nik_info.setText(counted)
            self.nik_info.setStyleSheet("color: #555555")
            return
        born = format_date(info.birth_date) if info.birth_date else "?"
        self.nik_info.setText(f"{SEXES[info.sex]}, lahir {born}")
        self.nik_info.setToolTip(f"Terdaftar pertama di {info.regency}, {info.province}")
        self.nik_info.setStyleSheet("color: #1e5c1e")
        self._autofill("sex", info.sex)
        if info.birth_date is not None:
            self._autofill("birth_date", info.birth_date)

    def _autofill(self, attr: str, value: object) -> None:
        """Fill sex / birth date from the NIK while the officer has not typed them."""
        current = self.sex.currentData() if attr == "sex" else self.birth_date.value()
        empty = not current and (attr == "sex" or not self.birth_date.text().strip())
        if not (empty or self._autofilled.get(attr) == current):
            return
        if attr == "sex":
            self.sex.setCurrentIndex(max(self.sex.findData(value), 0))
        else:
            assert isinstance(value, date)
            self.birth_date.set_value(value)
        self._autofilled[attr] = value

    def _on_any_edited(self, *_args: object) -> None:
        self.edited.emit()

    # ------------------------------------------------------------------ data
    def is_blank(self) -> bool:
        return all(is_blank(line.text()) for line in (
            self.name, self.nik, self.birth_place, self.occupation, self.phone, self.street,
            self.rt_rw, self.kecamatan, self.kabupaten, self.note, self.birth_date,
            self.nationality)
        ) and not self.sex.currentData() and not self.religion.currentData() \
            and not self.desa.text() and not self.unknown.isChecked()

    def dump(self, role: str) -> Party:
        phone = normalize_phone(self.phone.text())
        return Party(
            role=role, name=self.name.text().strip(), unknown=self.unknown.isChecked(),
            nik=compact_nik(self.nik.text()), sex=self.sex.currentData() or "",
            birth_place=self.birth_place.text().strip(), birth_date=self.birth_date.value(),
            occupation=self.occupation.text().strip(), religion=self.religion.currentData() or "",
            phone=self.phone.text().strip() if phone is None else phone,
            street=self.street.text().strip(), rt_rw=self.rt_rw.text().strip(),
            desa=self.desa.current_data() or self.desa.text(), kecamatan=self.kecamatan.text().strip(),
            kabupaten=self.kabupaten.text().strip(), note=self.note.text().strip(),
            nationality=" ".join(self.nationality.text().split()) or "WNI")

    def raw(self) -> dict[str, str]:
        """Typed text that does not parse yet (kept in drafts)."""
        return {"birth_date": self.birth_date.text()} if self.birth_date.error() else {}

    def raw_problems(self, prefix: str) -> list[Problem]:
        message = self.birth_date.error()
        return [error(f"{prefix}.birth_date", "format", message)] if message else []

    def load(self, party: Party, raw: dict[str, str] | None = None) -> None:
        self.name.setText(party.name)
        self.unknown.setChecked(party.unknown)
        self.nik.setText(party.nik)
        self.sex.setCurrentIndex(max(self.sex.findData(party.sex), 0))
        self.birth_date.set_value(party.birth_date)
        if raw and raw.get("birth_date"):
            self.birth_date.setText(raw["birth_date"])
        self.birth_place.setText(party.birth_place)
        self.occupation.setText(party.occupation)
        index = self.religion.findData(party.religion)
        if index < 0 and party.religion:
            self.religion.addItem(party.religion, party.religion)
            index = self.religion.count() - 1
        self.religion.setCurrentIndex(max(index, 0))
        self.phone.setText(_shown_phone(party.phone))
        self.street.setText(party.street)
        self.rt_rw.setText(party.rt_rw)
        self.desa.set_text(party.desa)
        self.kecamatan.setText(party.kecamatan)
        self.kabupaten.setText(party.kabupaten)
        for line in (self.kecamatan, self.kabupaten):
            line.setProperty("piket_filled", "")  # what was loaded counts as typed
        self.note.setText(party.note)
        shown = party.nationality.strip()
        self.nationality.setText("" if shown.upper() == "WNI" else shown)
        self._autofilled = {}
        self._show_nik()
        self._autofilled = {}  # what was loaded counts as typed, not as guessed

    def focus_first(self) -> None:
        self.name.setFocus()


def _shown_phone(phone: str) -> str:
    """+6281234567890 -> 081234567890: how people read their own number."""
    return "0" + phone[3:] if phone.startswith("+62") else phone


class PartyList(QWidget):
    """Zero or more people of one role (suspects, victims, witnesses)."""

    edited = Signal()

    def __init__(self, role: str, title: str, today: Callable[[], date], *,
                 allow_unknown: bool = False, compact: bool = False,
                 note_label: str = "Keterangan", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self._title = title
        self._today = today
        self._allow_unknown = allow_unknown
        self._compact = compact
        self._note_label = note_label
        self._desa: Sequence[str] = ()
        self._area: tuple[str, str] | None = None
        self.editors: list[PersonEditor] = []
        self._frames: list[QFrame] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(SPACING)
        self.add_button = QPushButton(f"+ Tambah {title.lower()}")
        self.add_button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self._layout.addLayout(row)
        self.add_button.clicked.connect(self._on_add_button_clicked)

    def set_desa_names(self, names: Sequence[str], area: tuple[str, str] | None = None) -> None:
        self._desa = tuple(names)
        self._area = area or self._area
        for editor in self.editors:
            editor.set_desa_names(names, self._area)

    def add(self, party: Party | None = None) -> PersonEditor:
        editor = PersonEditor(self._today, allow_unknown=self._allow_unknown)
        editor.set_compact(self._compact)
        editor.set_note_label(self._note_label)
        editor.set_desa_names(self._desa, self._area)
        if party is not None:
            editor.load(party)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        head = QHBoxLayout()
        title = QLabel(f"<b>{self._title} {len(self.editors) + 1}</b>")
        remove = QPushButton("Hapus")
        remove.setAutoDefault(False)
        remove.setToolTip(f"Hapus {self._title.lower()} ini")
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(remove)
        inner.addLayout(head)
        inner.addWidget(editor)
        self._layout.insertWidget(self._layout.count() - 1, frame)
        self.editors.append(editor)
        self._frames.append(frame)
        editor.edited.connect(self.edited)
        remove.clicked.connect(lambda: self._remove(editor))
        return editor

    def _remove(self, editor: PersonEditor) -> None:
        index = self.editors.index(editor)
        frame = self._frames.pop(index)
        self.editors.pop(index)
        frame.hide()
        frame.deleteLater()
        for i, other in enumerate(self._frames):
            label = other.findChild(QLabel)
            if label is not None:
                label.setText(f"<b>{self._title} {i + 1}</b>")
        self.edited.emit()

    def _on_add_button_clicked(self) -> None:
        self.add().focus_first()
        self.edited.emit()

    def clear(self) -> None:
        while self.editors:
            self._remove(self.editors[-1])

    def load(self, parties: Sequence[Party]) -> None:
        self.clear()
        for party in parties:
            self.add(replace(party))

    def filled(self) -> list[PersonEditor]:
        return [e for e in self.editors if not e.is_blank()]
