"""Small form helpers shared by the master-data editors, the station profile and the first-run
dialog: a form whose every field has its own message line right below it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from ui.common.screen_size import screen_of

SPACING = 6  # between rows of a form
FIELD_MIN_WIDTH = 260
ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #555555;"
NRP_LENGTH = 8


class MessageLabel(QLabel):
    """A one-line message under a field; hidden while empty so the form stays compact."""

    def __init__(self, style: str = ERROR_STYLE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(style)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def set_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """Ask for the height the wrapped text needs at this width: a layout gives a
        word-wrapped label the height of its first guess, and a two-line rule under a
        password field was cut in half in the first-run dialog."""
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class FieldForm(QFormLayout):
    """A QFormLayout whose rows are keyed: show_problems({"nrp": "..."}) puts each message
    under its own field and focuses the first field with a problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalSpacing(SPACING)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._fields: dict[str, QWidget] = {}
        self._messages: dict[str, MessageLabel] = {}
        self._order: list[str] = []

    def add_field(self, key: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        widget.setMinimumWidth(FIELD_MIN_WIDTH)
        column.addWidget(widget)
        if hint:
            hint_label = MessageLabel(HINT_STYLE)
            hint_label.set_message(hint)
            column.addWidget(hint_label)
        message = MessageLabel()
        message.setObjectName(f"error_{key}")
        column.addWidget(message)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.addRow(caption, box)
        self._fields[key] = widget
        self._messages[key] = message
        self._order.append(key)
        return widget

    def has(self, key: str) -> bool:
        return key in self._fields

    def field(self, key: str) -> QWidget:
        return self._fields[key]

    def message(self, key: str) -> str:
        return self._messages[key].text()

    def clear_problems(self) -> None:
        for label in self._messages.values():
            label.set_message("")

    def set_focus_widget(self, key: str, widget: QWidget) -> None:
        """The widget to focus for a problem of `key` (when the field is a compound box)."""
        self._fields[key] = widget

    def show_problems(self, problems: Mapping[str, str], *, focus: bool = True) -> bool:
        """Show each message under its field; True if there were any."""
        self.clear_problems()
        for key, text in problems.items():
            if key in self._messages:
                self._messages[key].set_message(text)
        first = next((key for key in self._order if key in problems), None)
        if first is not None and focus:
            self._fields[first].setFocus()
        self._fit_dialog()
        return first is not None

    def _fit_dialog(self) -> None:
        """Grow the dialog so the messages just shown fit. Qt underestimates the minimum
        height of a window holding word-wrapped labels, and would squeeze the fields."""
        owner = self.parentWidget()
        window = owner.window() if owner is not None else None
        if not isinstance(window, QDialog) or not window.isVisible():
            return
        wanted = window.sizeHint().height()
        screen = screen_of(window)  # never window.screen(): ui/common/screen_size.py
        if screen is not None:
            wanted = min(wanted, screen.availableGeometry().height())
        if wanted > window.height():
            window.resize(window.width(), wanted)


def required(problems: dict[str, str], key: str, value: str, what: str) -> None:
    if not value.strip():
        problems[key] = f"{what} wajib diisi."


def check_nrp(problems: dict[str, str], key: str, value: str) -> None:
    value = value.strip()
    if not value:
        problems[key] = "NRP wajib diisi."
    elif not (value.isascii() and value.isdigit() and len(value) == NRP_LENGTH):
        problems[key] = f"NRP harus {NRP_LENGTH} angka (tertulis {len(value)} karakter)."
