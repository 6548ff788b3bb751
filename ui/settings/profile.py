"""The station profile form (Polsek, Polres, Polda, area, time zone, Kapolsek, paper), used by
Pengaturan and by the first-run dialog. Takes a StationProfile in, hands one out."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from app.domain.codes import RANKS
from app.domain.models import StationProfile
from ui.common.forms import FieldForm, check_nrp, required

TIMEZONES: dict[str, str] = {
    "Asia/Jakarta": "WIB (Asia/Jakarta, UTC+7)",
    "Asia/Makassar": "WITA (Asia/Makassar, UTC+8)",
    "Asia/Jayapura": "WIT (Asia/Jayapura, UTC+9)",
}
PAPERS: dict[str, str] = {"a4": "A4 (21 \u00d7 29,7 cm)", "f4": "F4 / Folio (21,5 \u00d7 33 cm)"}
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

# (field, label, placeholder); names printed in capitals on the letterhead are upper-cased.
TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Nama &Polsek", "mis. PEDAMARAN (tanpa kata \u201cPOLSEK\u201d)"),
    ("polres", "Pol&res", "mis. OGAN KOMERING ILIR (tanpa singkatan: kop surat)"),
    ("polda", "Pol&da", "mis. SUMATERA SELATAN (tanpa singkatan: kop surat)"),
    ("kecamatan", "&Kecamatan", "mis. Pedamaran"),
    ("kabupaten", "Ka&bupaten", "mis. Ogan Komering Ilir"),
    ("address", "&Alamat kantor", "mis. Jl. Lintas Timur, Pedamaran"),
)
UPPER_FIELDS = frozenset({"name", "polres", "polda", "commander_name"})
REQUIRED_LABELS = {"name": "Nama Polsek", "polres": "Polres", "polda": "Polda",
                   "kecamatan": "Kecamatan", "kabupaten": "Kabupaten",
                   "commander_name": "Nama Kapolsek"}


def _combo(items: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for code, label in items.items():
        combo.addItem(label, code)
    return combo


def _select(combo: QComboBox, code: object) -> None:
    index = combo.findData(code)
    if index < 0:  # a value set elsewhere (e.g. Asia/Pontianak) stays selectable
        combo.addItem(str(code), code)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class StationProfileForm(QWidget):
    """Two columns: the station and its area; the Kapolsek and printing."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, with_week_start: bool = True) -> None:
        super().__init__(parent)
        self._base = StationProfile()
        self.station_form = FieldForm()
        self.commander_form = FieldForm()
        self._texts: dict[str, QLineEdit] = {}
        for key, label, placeholder in TEXT_FIELDS:
            self._texts[key] = self._line(self.station_form, key, label, placeholder)
        self._timezone = _combo(TIMEZONES)
        self.station_form.add_field("timezone", "&Zona waktu", self._timezone)
        self._texts["commander_name"] = self._line(
            self.commander_form, "commander_name", "Nama Kapo&lsek", "mis. INDRA GUNAWAN")
        self._rank = QComboBox()
        self._rank.addItems(RANKS)
        self.commander_form.add_field("commander_rank", "Pangka&t Kapolsek", self._rank)
        self._texts["commander_nrp"] = self._line(
            self.commander_form, "commander_nrp", "NRP Kapolse&k", "8 angka")
        self._paper = _combo(PAPERS)
        self.commander_form.add_field("paper", "Ukuran ke&rtas", self._paper)
        self._week_start = QComboBox()
        self._week_start.addItems(WEEKDAYS)
        if with_week_start:
            self.commander_form.add_field("week_start", "Minggu &dimulai hari", self._week_start,
                                          "Rekap mingguan: bawaan Senin 00.00 s.d. Minggu 24.00.")
        self._build()
        self._connect()
        self.set_profile(self._base)

    def _line(self, form: FieldForm, key: str, label: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        form.add_field(key, label, edit)
        return edit

    def _build(self) -> None:
        station = QGroupBox("Polsek")
        station.setLayout(self.station_form)
        commander = QGroupBox("Kapolsek dan dokumen")
        right = QVBoxLayout()
        right.addLayout(self.commander_form)
        right.addStretch(1)
        commander.setLayout(right)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(station, 1)
        layout.addWidget(commander, 1)

    def _connect(self) -> None:
        for edit in self._texts.values():
            edit.textEdited.connect(self.edited)
        for combo in (self._timezone, self._rank, self._paper, self._week_start):
            combo.activated.connect(self.edited)

    def set_profile(self, profile: StationProfile) -> None:
        self._base = profile
        for key, edit in self._texts.items():
            edit.setText(str(getattr(profile, key)))
        _select(self._timezone, profile.timezone)
        if self._rank.findText(profile.commander_rank) < 0:
            self._rank.addItem(profile.commander_rank)
        self._rank.setCurrentText(profile.commander_rank)
        _select(self._paper, profile.paper)
        self._week_start.setCurrentIndex(profile.week_start if 0 <= profile.week_start < 7 else 0)

    def profile(self) -> StationProfile:
        """The edited profile (fields this form does not show kept from the one set)."""
        values: dict[str, object] = {}
        for key, edit in self._texts.items():
            text = " ".join(edit.text().split())
            values[key] = text.upper() if key in UPPER_FIELDS else text
        values.update(timezone=self._timezone.currentData(), paper=self._paper.currentData(),
                      commander_rank=self._rank.currentText(),
                      week_start=self._week_start.currentIndex())
        return replace(self._base, **values)  # type: ignore[arg-type]

    def problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        for key, what in REQUIRED_LABELS.items():
            required(problems, key, self._texts[key].text(), what)
        name = self._texts["name"].text().strip().upper()
        if name.startswith("POLSEK "):
            problems["name"] = "Tulis nama saja tanpa kata \u201cPOLSEK\u201d (mis. PEDAMARAN)."
        check_nrp(problems, "commander_nrp", self._texts["commander_nrp"].text())
        return problems

    def show_problems(self, problems: dict[str, str]) -> bool:
        """Messages under their fields; the first problem from the top-left gets the focus."""
        shown = [form.show_problems({k: v for k, v in problems.items() if form.has(k)})
                 for form in (self.commander_form, self.station_form)]
        return any(shown)

    def message(self, key: str) -> str:
        form = self.station_form if self.station_form.has(key) else self.commander_form
        return form.message(key)
