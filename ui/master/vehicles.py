"""Vehicles of the station (patrol cars, motorcycles, boats)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit

from app.domain.codes import PATROL_MODES
from app.domain.models import Vehicle
from ui.common.editor import EditorDialog
from ui.common.forms import required
from ui.master.table import MasterTableModel, active_text


class VehicleTableModel(MasterTableModel):
    NAME, PLATE, MODE, ACTIVE = range(4)
    HEADERS = ("Nama kendaraan", "Nomor polisi", "Moda", "Status")

    def text(self, item: Any, column: int) -> str:
        vehicle: Vehicle = item
        return (vehicle.name, vehicle.plate, PATROL_MODES.get(vehicle.mode, vehicle.mode),
                active_text(vehicle.active))[column]


class VehicleEditor(EditorDialog):
    TITLE_NEW = "Tambah kendaraan"
    TITLE_EDIT = "Ubah kendaraan"

    def _build_fields(self) -> None:
        self._name = QLineEdit()
        self._name.setPlaceholderText("mis. Mobil patroli Strada")
        self._plate = QLineEdit()
        self._plate.setPlaceholderText("mis. 1234-VII atau BG 1234 XY")
        self._mode = QComboBox()
        for code, label in PATROL_MODES.items():
            if code != "jalan_kaki":  # walking needs no vehicle
                self._mode.addItem(label, code)
        self.form.add_field("name", "&Nama", self._name)
        self.form.add_field("plate", "Nomor &polisi", self._plate)
        self.form.add_field("mode", "&Moda", self._mode)

    def _load(self, item: Any) -> None:
        self._name.setText(item.name)
        self._plate.setText(item.plate)
        index = self._mode.findData(item.mode)
        if index < 0:
            self._mode.addItem(PATROL_MODES.get(item.mode, item.mode), item.mode)
            index = self._mode.count() - 1
        self._mode.setCurrentIndex(index)

    def _problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        required(problems, "name", self._name.text(), "Nama kendaraan")
        required(problems, "plate", self._plate.text(), "Nomor polisi")
        return problems

    def _value(self) -> Vehicle:
        name = " ".join(self._name.text().split())
        plate = " ".join(self._plate.text().upper().split())
        mode = str(self._mode.currentData())
        if self.original is None:
            return Vehicle(name, plate, mode)
        return replace(self.original, name=name, plate=plate, mode=mode)
