"""Serah terima dinas: the outgoing officer (signed in) closes the shift with a summary, the
inventory is counted against the previous handover, and the incoming officer acknowledges
with notes and signs with their own NRP and password (checked by the store without
changing who is signed in). A count that differs from the previous shift's needs an
explanation: the store refuses it otherwise, and the message stands under that line."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Vehicle
from app.journal.codes import INVENTORY, INVENTORY_DETAIL_HINTS
from app.journal.shifts import Shift
from app.store import DutyInputError, Handover, InventoryCount, SignInFailed, StoreError, confirm_password
from app.textid import format_date_long, format_time
from ui.common.dialogs import button_box
from ui.common.errors import describe
from ui.common.figures import heading, note
from ui.common.forms import FieldForm, MessageLabel
from ui.common.widgets import Banner
from ui.session import Session

MAX_COUNT = 9999


class InventoryRow:
    """The widgets of one inventory line."""

    def __init__(self, category: str, previous: InventoryCount | None) -> None:
        self.category = category
        self.previous = previous.count if previous is not None else None
        self.count = QSpinBox()
        self.count.setRange(0, MAX_COUNT)
        self.count.setValue(self.previous or 0)
        self.previous_label = QLabel("-" if self.previous is None else str(self.previous))
        self.details = QLineEdit(previous.details if previous is not None else "")
        self.details.setPlaceholderText(INVENTORY_DETAIL_HINTS.get(category, ""))
        self.explanation = QLineEdit()
        self.explanation.setPlaceholderText("wajib bila jumlah berbeda")
        self.message = MessageLabel()
        self.message.setObjectName(f"error_inventory_{category}")

    def value(self) -> InventoryCount:
        return InventoryCount(self.category, self.count.value(), self.details.text(),
                              self.explanation.text())


class HandoverDialog(QDialog):
    def __init__(self, session: Session, shift: Shift, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.shift = shift
        self.saved: Handover | None = None
        store = session.store
        self.setWindowTitle("Serah terima dinas")
        zone = session.tz()
        start, end = shift.start.astimezone(zone), shift.end.astimezone(zone)
        tz = store.profile().tz_abbreviation
        self.title = QLabel(f"<b>Dinas {format_date_long(start)} {format_time(start)} s.d. "
                            f"{format_date_long(end)} {format_time(end)} {tz}</b>")
        self.title.setWordWrap(True)
        matters = store.duty.open_matters(session.now()).lines()
        self.matters = QLabel("\n".join(matters))
        self.matters.setWordWrap(True)
        previous = store.duty.previous_inventory(shift.day)
        # the previous shift's lines carried over: the desk changes what changed
        self.rows = {code: InventoryRow(code, previous.get(code)) for code in INVENTORY}
        if "kendaraan" not in previous:  # the first handover: the vehicles of Data Master
            vehicles = store.master.list(Vehicle, active_only=True)
            self.rows["kendaraan"].count.setValue(len(vehicles))
            self.rows["kendaraan"].details.setText(
                "; ".join(f"{v.name} ({v.plate}): baik" for v in vehicles))
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(80)
        self.form = FieldForm()
        self.form.add_field("summary", "&Ringkasan dinas", self.summary,
                            "Ditulis petugas yang menyerahkan.")
        self.incoming_nrp = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.incoming = FieldForm()
        self.incoming.add_field("incoming", "&NRP penerima", self.incoming_nrp)
        self.incoming.add_field("password", "&Kata sandi penerima", self.password,
                                "Petugas yang menerima mengetik sendiri kata sandinya.")
        self.incoming.add_field("notes", "&Catatan penerima", self.notes)
        self.banner = Banner()
        self.buttons = button_box(QDialogButtonBox.StandardButton.Save
                                  | QDialogButtonBox.StandardButton.Cancel, self)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText("&Tanda tangani serah terima")
        self._build()
        self._connect()

    def _build(self) -> None:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title)
        layout.addWidget(heading("Masalah yang masih terbuka"))
        layout.addWidget(self.matters)
        layout.addWidget(heading("Inventaris"))
        layout.addWidget(note("Hitung saat serah terima. Jumlah yang berbeda dari serah terima "
                              "sebelumnya wajib diberi penjelasan."))
        grid = QGridLayout()
        for column, text in enumerate(("Jenis", "Jumlah", "Dinas lalu", "Rincian / kondisi",
                                       "Penjelasan")):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        for i, row in enumerate(self.rows.values()):
            line = 1 + 2 * i
            grid.addWidget(QLabel(INVENTORY[row.category]), line, 0)
            grid.addWidget(row.count, line, 1)
            grid.addWidget(row.previous_label, line, 2)
            grid.addWidget(row.details, line, 3)
            grid.addWidget(row.explanation, line, 4)
            grid.addWidget(row.message, line + 1, 0, 1, 5)
        grid.setColumnStretch(3, 3)
        grid.setColumnStretch(4, 2)
        layout.addLayout(grid)
        layout.addWidget(heading("Petugas yang menyerahkan"))
        layout.addLayout(self.form)
        layout.addWidget(heading("Petugas yang menerima"))
        layout.addLayout(self.incoming)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.addWidget(self.banner)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.buttons)
        self.resize(860, 700)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def items(self) -> tuple[InventoryCount, ...]:
        return tuple(row.value() for row in self.rows.values())

    def _show(self, field: str, message: str) -> None:
        for row in self.rows.values():
            row.message.set_message("")
        self.form.clear_problems()
        self.incoming.clear_problems()
        if field.startswith("inventory:") and field[len("inventory:"):] in self.rows:
            row = self.rows[field[len("inventory:"):]]
            row.message.set_message(message)
            row.explanation.setFocus()
        elif self.form.has(field):
            self.form.show_problems({field: message})
        elif self.incoming.has(field):
            self.incoming.show_problems({field: message})
        else:
            self.banner.show_message(message)

    def save(self) -> bool:
        store = self._session.store
        outgoing = self._session.officer_id
        if outgoing is None:
            self.banner.show_message("Petugas piket yang menyerahkan belum dipilih.")
            return False
        items = self.items()
        try:
            store.duty.check_inventory(self.shift.day, items)  # before the password is asked
            if not self.summary.toPlainText().strip():
                raise DutyInputError("summary", "Ringkasan dinas wajib diisi.")
            account = confirm_password(store, self.incoming_nrp.text(), self.password.text())
            if account.officer_id == outgoing:
                raise DutyInputError("incoming", "Petugas penerima harus orang lain.")
            self.saved = self._session.write(lambda: store.duty.hand_over(
                self.shift, outgoing_officer_id=outgoing,
                incoming_officer_id=account.officer_id, summary=self.summary.toPlainText(),
                incoming_notes=self.notes.toPlainText(), items=items, by=outgoing))
        except DutyInputError as exc:
            self._show(exc.field, exc.message)
            return False
        except SignInFailed as exc:
            self.password.clear()
            self._show("password", str(exc))
            return False
        except StoreError as exc:
            self._show("", describe(exc))
            return False
        return True

    def _on_buttons_accepted(self) -> None:
        if self.save():
            self.accept()
