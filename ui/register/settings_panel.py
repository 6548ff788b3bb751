"""Pengaturan › SP2HP: when the letters to reporters are due (app.domain.register.Sp2hpRules;
docs/REGISTER.md). Its own save button: the rules are written apart from the page's save bar."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.domain.register import DIFFICULTIES, MAX_INTERVAL, Sp2hpRules
from app.security.permissions import Action
from app.store import StoreError
from ui.common.errors import describe
from ui.common.forms import FieldForm, MessageLabel
from ui.session import Session

SAVED_STYLE = "color: #1b5e20;"
_MNEMONIC = {"mudah": "&mudah", "sedang": "s&edang", "sulit": "su&lit",
             "sangat_sulit": "sangat s&ulit"}


def _days() -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, MAX_INTERVAL)
    box.setSuffix(" hari")
    return box


class Sp2hpRulesPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.first = _days()
        self.intervals = {code: _days() for code in DIFFICULTIES}
        self.form = FieldForm()
        self.form.add_field("first_days", "SP2HP &pertama", self.first,
                            "Sesudah LP diterima (A1); hari kalender, akhir pekan dihitung.")
        for code, label in DIFFICULTIES.items():
            self.form.add_field(f"{code}_days", f"Berikutnya, perkara {_MNEMONIC[code]}",
                                self.intervals[code],
                                f"Sesudah SP2HP terakhir ({label.lower()})."
                                if code != "sangat_sulit" else
                                f"Paling lama {MAX_INTERVAL} hari (Perkap 12/2009 Pasal 39: "
                                "sekurang-kurangnya sebulan sekali).")
        self.save_button = QPushButton("Simpan aturan SP2HP")
        self.status = MessageLabel(SAVED_STYLE)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        layout.addStretch(1)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.save_button.setEnabled(session.store.access.may(Action.SETTINGS))
        self.reload()

    def reload(self) -> None:
        rules = self._session.store.settings.sp2hp_rules()
        self.first.setValue(rules.first_days)
        for code, box in self.intervals.items():
            box.setValue(int(getattr(rules, f"{code}_days")))
        self.form.clear_problems()

    def value(self) -> Sp2hpRules:
        return Sp2hpRules(first_days=self.first.value(),
                          **{f"{code}_days": box.value() for code, box in self.intervals.items()})

    def save(self) -> bool:
        store, by = self._session.store, self._session.officer_id
        value = self.value()
        try:
            self._session.write(lambda: store.settings.save_sp2hp_rules(value, by))
        except ValueError as exc:
            self.status.set_message(str(exc))
            return False
        except StoreError as exc:
            self.status.set_message(describe(exc))
            return False
        self.status.set_message("Aturan SP2HP disimpan.")
        return True

    def _on_save_button_clicked(self) -> None:
        self.save()
