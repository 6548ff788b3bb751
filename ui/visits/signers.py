"""Who signs a walk-in's papers (issue 17 item 4): the official who received the report and
the one who countersigns ("Mengetahui"), chosen per document, with the defaults of
app/documents/signing.py (the receiving officer; a Ka SPKT on duty). The dialog takes the
visit in and hands a Signers value out; what each may sign is shown beside the choice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.documents.render import visit_signers
from app.documents.signing import (
    Signers,
    countersigners,
    may_countersign,
    may_sign_for_commander,
)
from app.domain.models import Officer, Position, Visit
from ui.common.forms import HINT_STYLE, FieldForm
from ui.session import Session

BLANK = "(kosong: ditandatangani manual)"


def _combo(officers: Sequence[Officer], chosen: Officer | None) -> QComboBox:
    combo = QComboBox()
    combo.addItem(BLANK, None)
    for officer in officers:
        position = f" — {officer.position}" if officer.position.strip() else ""
        combo.addItem(f"{officer.display}{position}", officer.id)
    index = combo.findData(chosen.id) if chosen is not None and chosen.id is not None else 0
    combo.setCurrentIndex(max(index, 0))
    return combo


class SignersDialog(QDialog):
    def __init__(self, session: Session, visit: Visit, current: Signers | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Penandatangan dokumen")
        store = session.store
        self._officers = {o.id: o for o in store.master.list(Officer) if o.id is not None}
        self._positions = store.master.list(Position)
        active = [o for o in self._officers.values() if o.active]
        chosen = current or visit_signers(store, visit)
        able = countersigners(active, self._positions)
        if chosen.countersigner is not None and chosen.countersigner not in able:
            able.append(chosen.countersigner)
        self.receiver = _combo(sorted(active, key=lambda o: o.name.casefold()), chosen.receiver)
        self.countersigner = _combo(able, chosen.countersigner)
        self.receiver_note = QLabel()
        self.receiver_note.setStyleSheet(HINT_STYLE)
        self.receiver_note.setWordWrap(True)
        form = FieldForm()
        form.add_field("receiver", "Yang &menerima laporan", self.receiver)
        form.add_field("countersigner", "M&engetahui", self.countersigner,
                       "Hanya jabatan yang diberi hak \u201cMengetahui\u201d di Data Master → "
                       "Jabatan.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Pakai")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Batal")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.receiver_note)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.receiver.currentIndexChanged.connect(self._on_receiver_current_index_changed)
        self._on_receiver_current_index_changed(self.receiver.currentIndex())
        self.setMinimumWidth(640)  # the hints on one line each: wrapped ones overlapped
        self.adjustSize()

    def _officer(self, combo: QComboBox) -> Officer | None:
        data = combo.currentData()
        return self._officers.get(data) if isinstance(data, int) else None

    def _on_receiver_current_index_changed(self, _index: int) -> None:
        officer = self._officer(self.receiver)
        if officer is None:
            text = "Nama dan NRP dikosongkan untuk diisi dengan tangan."
        elif may_sign_for_commander(officer, self._positions):
            text = "Menandatangani \u201ca.n. Kapolsek\u201d sesuai jabatannya."
        else:
            text = ("Jabatannya tidak berhak \u201ca.n. Kapolsek\u201d: menandatangani sebagai "
                    "yang menerima laporan saja.")
        if officer is not None and may_countersign(officer, self._positions):
            text += " Jabatannya juga dapat \u201cMengetahui\u201d."
        self.receiver_note.setText(text)

    def signers(self) -> Signers:
        return Signers(receiver=self._officer(self.receiver),
                       countersigner=self._officer(self.countersigner))
