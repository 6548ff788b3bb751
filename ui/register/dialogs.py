"""The register's dialogs: a stage change (with its note), who investigates and how hard the
case is, and an SP2HP (its text as drafted, edited by the investigator, and its delivery).
Each takes data in and hands a typed value to `save`, the page's write; a refusal of the
store (InvalidRecord, StageRefused) is shown under the field it names, and nothing typed is
lost."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Officer
from app.domain.register import (
    DELIVERY_METHODS,
    DIFFICULTIES,
    INVESTIGATOR_ROLES,
    SP2HP_CODES,
    STAGES,
    LpCase,
    Sp2hpLetter,
    StageRefused,
    next_stages,
)
from app.store import InvalidRecord, StoreError
from ui.common.dialogs import button_box
from ui.common.errors import describe
from ui.common.forms import FieldForm, MessageLabel

Save = Callable[[Any], None]


class _SavingDialog(QDialog):
    """OK runs `save(self.value())`; a refusal stays in the dialog under its field."""

    def __init__(self, title: str, save: Save, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save
        self.form = FieldForm()
        self.message = MessageLabel()
        self.buttons = button_box(QDialogButtonBox.StandardButton.Ok
                                  | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self, *above: QWidget) -> None:
        layout = QVBoxLayout(self)
        for widget in above:
            layout.addWidget(widget)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def value(self) -> Any:
        raise NotImplementedError

    def local_problems(self) -> dict[str, str]:
        return {}

    def field_of(self, message: str) -> str | None:
        """The field a store message names (by its label), or None."""
        return None

    def _on_buttons_accepted(self) -> None:
        problems = self.local_problems()
        if self.form.show_problems(problems):
            return
        try:
            self._save(self.value())
        except (InvalidRecord, StageRefused) as exc:
            texts = ([str(p) for p in exc.problems] if isinstance(exc, InvalidRecord)
                     else [str(exc)])
            keyed: dict[str, str] = {}
            rest = []
            for text in texts:
                key = self.field_of(text)
                if key is not None and key not in keyed:
                    keyed[key] = text
                else:
                    rest.append(text)
            self.form.show_problems(keyed)
            self.message.set_message(" ".join(rest))
            return
        except StoreError as exc:
            self.message.set_message(describe(exc))
            return
        self.accept()


def _combo(items: Sequence[tuple[str, Any]], current: Any = None) -> QComboBox:
    combo = QComboBox()
    for label, data in items:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _officer_items(roster: Sequence[Officer], none: str) -> list[tuple[str, Any]]:
    return [(none, None)] + [(o.display, o.id) for o in roster if o.active and o.id is not None]


class StageDialog(_SavingDialog):
    """Ubah tahap: the next stages the table allows, the usual next step first; a note."""

    def __init__(self, case: LpCase, save: Save, parent: QWidget | None = None) -> None:
        super().__init__("Ubah tahap penanganan", save, parent)
        self.stage = _combo([(STAGES[s], s) for s in next_stages(case.stage)])
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("mis. saksi-saksi sudah diperiksa, bukti permulaan cukup")
        self.note.setFixedHeight(90)
        self.form.add_field("stage", "Tahap baru", self.stage)
        self.form.add_field("note", "Catatan", self.note,
                            "Wajib: alasan perubahan tahap (tercatat di riwayat).")
        self._lay_out(QLabel(f"LP {case.number}\nTahap sekarang: {STAGES[case.stage]}"))

    def value(self) -> tuple[str, str]:
        return str(self.stage.currentData()), self.note.toPlainText().strip()

    def local_problems(self) -> dict[str, str]:
        if not self.note.toPlainText().strip():
            return {"note": "Catatan wajib diisi."}
        return {}

    def field_of(self, message: str) -> str | None:
        return "stage" if message.startswith("Tahap") else "note"


class AssignDialog(_SavingDialog):
    """Penyidik: the investigator (from the roster) and his role, the supervisor who
    acknowledges the letters, and the case's difficulty (its SP2HP interval)."""

    def __init__(self, case: LpCase, roster: Sequence[Officer], save: Save,
                 parent: QWidget | None = None) -> None:
        super().__init__("Penyidik dan tingkat kesulitan", save, parent)
        self.investigator = _combo(_officer_items(roster, "(belum ditunjuk)"),
                                   case.investigator_id)
        self.role = _combo([(label, code) for code, label in INVESTIGATOR_ROLES.items()],
                           case.investigator_role or "penyidik_pembantu")
        self.supervisor = _combo(_officer_items(roster, "(belum ditunjuk)"), case.supervisor_id)
        self.difficulty = _combo([(label, code) for code, label in DIFFICULTIES.items()],
                                 case.difficulty)
        self.form.add_field("investigator", "Penyidik", self.investigator)
        self.form.add_field("role", "Sebagai", self.role)
        self.form.add_field("supervisor", "Pengawas (Mengetahui)", self.supervisor,
                            "Kanit Reskrim atau Kapolsek: menandatangani \"Mengetahui\".")
        self.form.add_field("difficulty", "Tingkat kesulitan", self.difficulty,
                            "Menentukan jarak SP2HP berikutnya (Pengaturan).")
        self._lay_out(QLabel(f"LP {case.number}"))

    def value(self) -> dict[str, Any]:
        return {"investigator_id": self.investigator.currentData(),
                "investigator_role": str(self.role.currentData()),
                "supervisor_id": self.supervisor.currentData(),
                "difficulty": str(self.difficulty.currentData())}

    def field_of(self, message: str) -> str | None:
        for prefix, key in (("Penyidik", "investigator"), ("Pengawas", "supervisor"),
                            ("Tingkat", "difficulty")):
            if message.startswith(prefix):
                return key
        return None


_TEXTS = (("summary", "Perkara singkat"), ("actions", "Tindakan dan hasil"),
          ("obstacles", "Hambatan"), ("next_steps", "Rencana tindak lanjut"),
          ("advice", "Hak dan kewajiban pelapor"))


class Sp2hpDialog(_SavingDialog):
    """An SP2HP: the draft (or the issued letter) to edit, and its delivery. A new letter
    gets its number when saved; an issued one keeps it (only its text and delivery change)."""

    def __init__(self, letter: Sp2hpLetter, roster: Sequence[Officer], tz: Any, save: Save,
                 parent: QWidget | None = None) -> None:
        issued = letter.number is not None
        super().__init__("SP2HP " + (letter.number or "baru"), save, parent)
        self._letter = letter
        self._tz = tz
        self.recipient = QLineEdit(letter.recipient)
        self.form.add_field("recipient", "Kepada (pelapor)", self.recipient)
        self.texts: dict[str, QPlainTextEdit] = {}
        for key, label in _TEXTS:
            edit = QPlainTextEdit(str(getattr(letter, key)))
            edit.setFixedHeight(64)
            self.texts[key] = edit
            self.form.add_field(key, label, edit)
        self.signer = _combo(_officer_items(roster, "(pilih)"), letter.signer_id)
        self.supervisor = _combo(_officer_items(roster, "(kosong: ditandatangani manual)"),
                                 letter.supervisor_id)
        self.form.add_field("signer", "Ketua tim penyidik", self.signer)
        self.form.add_field("supervisor", "Mengetahui", self.supervisor)
        self.method = _combo([("(belum dikirim)", "")]
                             + [(label, code) for code, label in DELIVERY_METHODS.items()],
                             letter.delivery_method)
        self.delivered_at = QDateTimeEdit()
        self.delivered_at.setCalendarPopup(True)
        self.delivered_at.setDisplayFormat("dd-MM-yyyy HH.mm")
        when = letter.delivered_at or letter.issued_at
        if when is not None:
            local = when.astimezone(tz)
            self.delivered_at.setDateTime(QDateTime(local.year, local.month, local.day,
                                                    local.hour, local.minute, 0))
        self.delivered_to = QLineEdit(letter.delivered_to)
        self.form.add_field("method", "Dikirim dengan", self.method)
        self.form.add_field("delivered_at", "Diterima pada", self.delivered_at)
        self.form.add_field("delivered_to", "Diterima oleh", self.delivered_to)
        head = QLabel(f"Kode {letter.code}: {SP2HP_CODES[letter.code]}. Tahap: "
                      f"{STAGES.get(letter.stage, letter.stage)}."
                      + ("" if issued else " Nomor diberikan saat disimpan."))
        head.setWordWrap(True)
        self._lay_out(head)
        self.setMinimumWidth(680)  # the letter's texts are read here before they are printed

    def value(self) -> Sp2hpLetter:
        method = str(self.method.currentData() or "")
        delivered_at: datetime | None = None
        if method:
            qt = self.delivered_at.dateTime()
            d, t = qt.date(), qt.time()
            delivered_at = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(),
                                    tzinfo=self._tz)
        texts = {key: edit.toPlainText().strip() for key, edit in self.texts.items()}
        return replace(self._letter, recipient=self.recipient.text().strip(),
                       summary=texts["summary"], actions=texts["actions"],
                       obstacles=texts["obstacles"], next_steps=texts["next_steps"],
                       advice=texts["advice"], signer_id=self.signer.currentData(),
                       supervisor_id=self.supervisor.currentData(),
                       delivery_method=method, delivered_at=delivered_at,
                       delivered_to=self.delivered_to.text().strip() if method else "")

    def field_of(self, message: str) -> str | None:
        labels = {label: key for key, label in _TEXTS}
        labels.update({"Penandatangan": "signer", "Kepada": "recipient",
                       "Cara pengiriman": "method", "Tanggal diterima": "delivered_at",
                       "Diterima oleh": "delivered_to"})
        return next((key for label, key in labels.items() if message.startswith(label)), None)
