"""Small widgets every form shares: a field with its inline message, a type-ahead combo for
master data, date/time fields that accept typing (with a "Sekarang" button), a Rupiah field,
a banner, and a dialog asking for a reason. Nothing here knows a record kind.

Typed text that does not parse is never thrown away: the widgets keep it, report an
Indonesian message through `error()` and hand out `None` as their value.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import button_box
from ui.common.entry_text import (
    DATE_HINT,
    DATETIME_HINT,
    format_date_text,
    format_datetime_text,
    format_rupiah_text,
    parse_date_text,
    parse_datetime_text,
    parse_rupiah_text,
)

SPACING = 6
ERROR_COLOR = "#b00020"
WARNING_COLOR = "#8a5300"
MUTED_COLOR = "#555555"

@dataclass(frozen=True)
class Message:
    """One line under a field. `key` names the message when it offers an action."""

    text: str
    level: str  # "error" | "warning" | "note"
    key: str = ""
    action: str = ""  # link text, e.g. "Terima dengan alasan…"


class FieldBox(QWidget):
    """A field widget with its messages underneath (errors red, warnings amber)."""

    action_requested = Signal(str)  # the key of the message whose link was clicked

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.RichText)
        self._label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self._label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(content)
        layout.addWidget(self._label)
        # the field's label mnemonic (Alt+T for "&Tanggal") focuses its buddy, this box,
        # only when the box takes focus; ClickFocus adds no Tab stop of its own. Set before
        # the proxy: Qt passes a policy set later on to the proxy (the field itself)
        if content.focusPolicy() != Qt.FocusPolicy.NoFocus or content.focusProxy() is not None:
            self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setFocusProxy(content)
        self._messages: tuple[Message, ...] = ()
        self._label.linkActivated.connect(self._on_label_link_activated)

    def set_messages(self, messages: Sequence[Message]) -> None:
        messages = tuple(messages)
        if messages == self._messages:
            return
        self._messages = messages
        if not messages:
            self._label.clear()
            self._label.hide()
            return
        lines = []
        for m in messages:
            color = {"error": ERROR_COLOR, "warning": WARNING_COLOR}.get(m.level, MUTED_COLOR)
            line = f'<span style="color:{color}">{html.escape(m.text)}</span>'
            if m.action:
                line += f' <a href="{html.escape(m.key)}">{html.escape(m.action)}</a>'
            lines.append(line)
        self._label.setText("<br>".join(lines))
        self._label.show()

    def messages(self) -> tuple[Message, ...]:
        return self._messages

    def message_text(self) -> str:
        return "\n".join(m.text for m in self._messages)

    def _on_label_link_activated(self, key: str) -> None:
        self.action_requested.emit(key)


class Banner(QLabel):
    """A strip at the top of a form for messages that belong to no single field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setMargin(8)
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        colors = {"error": ("#fde7ea", ERROR_COLOR), "warning": ("#fff4d6", WARNING_COLOR),
                  "info": ("#e6f2e6", "#1e5c1e")}
        background, border = colors.get(level, colors["info"])
        self.setStyleSheet(f"QLabel {{ background: {background}; border: 1px solid {border};"
                           f" border-radius: 3px; color: #1a1a1a; }}")
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


# ------------------------------------------------------------------ input widgets
class DateTimeField(QWidget):
    """A moment in station time typed as "12-02-2024 14.05", with a "Sekarang" button.
    Empty means no value (for optional times such as arrival at the scene)."""

    edited = Signal()

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None, *,
                 now_button: bool = True) -> None:
        super().__init__(parent)
        self._now = now
        self.line = QLineEdit()
        self.line.setPlaceholderText("hh-bb-tttt jj.mm")
        self.line.setToolTip(DATETIME_HINT)
        self.line.setMinimumWidth(150)
        self.now_button = QPushButton("Sekarang")
        self.now_button.setToolTip("Isi dengan tanggal dan jam saat ini")
        self.now_button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.now_button)
        self.now_button.setVisible(now_button)
        self.setFocusProxy(self.line)
        self.line.textEdited.connect(self._on_line_text_edited)
        self.line.editingFinished.connect(self._on_line_editing_finished)
        self.now_button.clicked.connect(self._on_now_button_clicked)

    def value(self) -> datetime | None:
        """The moment typed, or None when empty or unreadable (see `error()`)."""
        try:
            return parse_datetime_text(self.line.text(), self._now())
        except ValueError:
            return None

    def error(self) -> str | None:
        try:
            parse_datetime_text(self.line.text(), self._now())
        except ValueError as exc:
            return str(exc)
        return None

    def set_value(self, value: datetime | None) -> None:
        tz = self._now().tzinfo
        assert tz is not None
        self.line.setText("" if value is None else format_datetime_text(value, tz))

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        self.line.setText(text)

    def _on_line_text_edited(self, _text: str) -> None:
        self.edited.emit()

    def _on_line_editing_finished(self) -> None:
        value = self.value()  # tidy a readable entry ("1405" stays as typed when unreadable)
        if value is not None and self.line.text() != self._formatted(value):
            self.line.setText(self._formatted(value))
            self.edited.emit()

    def _formatted(self, value: datetime) -> str:
        tz = self._now().tzinfo
        assert tz is not None
        return format_datetime_text(value, tz)

    def _on_now_button_clicked(self) -> None:
        self.set_value(self._now())
        self.edited.emit()


class DateField(QLineEdit):
    """A calendar date typed as "05-07-1985" (birth dates). Empty means no value."""

    edited = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.setPlaceholderText("hh-bb-tttt")
        self.setToolTip(DATE_HINT)
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> date | None:
        try:
            return parse_date_text(self.text(), self._today())
        except ValueError:
            return None

    def error(self) -> str | None:
        try:
            parse_date_text(self.text(), self._today())
        except ValueError as exc:
            return str(exc)
        return None

    def set_value(self, value: date | None) -> None:
        self.setText("" if value is None else format_date_text(value))

    def _on_text_edited(self, _text: str) -> None:
        self.edited.emit()

    def _on_editing_finished(self) -> None:
        value = self.value()
        if value is not None and self.text() != format_date_text(value):
            self.set_value(value)
            self.edited.emit()


class RupiahEdit(QLineEdit):
    """Whole Rupiah, shown with thousand dots ("12.500.000")."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0")
        self.setToolTip("Nilai dalam rupiah, mis. 12.500.000")
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)

    def value(self) -> int | None:
        try:
            return parse_rupiah_text(self.text())
        except ValueError:
            return None

    def error(self) -> str | None:
        try:
            parse_rupiah_text(self.text())
        except ValueError as exc:
            return str(exc)
        return None

    def set_value(self, value: int) -> None:
        self.setText(format_rupiah_text(value) if value else "")

    def _on_text_edited(self, _text: str) -> None:
        self.edited.emit()

    def _on_editing_finished(self) -> None:
        value = self.value()
        if value:
            self.set_value(value)


# ------------------------------------------------------------------ asking for a reason


class ReasonDialog(QDialog):
    """Asks for a reason (accepting a warning, voiding a record); OK needs visible text.
    It opens with the focus in the reason: what the officer types right away lands there
    (opened on Batal, the first space pressed it and the rest fell into the form behind)."""

    def __init__(self, parent: QWidget | None, title: str, text: str, label: str = "Alasan",
                 ok_text: str = "OK") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Wajib diisi")
        # no parent yet: made with one, the buttons came first in the focus chain
        self.buttons = button_box(QDialogButtonBox.StandardButton.Ok
                                  | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(QLabel(f"{label}:"))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._on_reason_text_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self.reason.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _on_reason_text_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def value(self) -> str:
        return self.reason.text().strip()


def ask_reason(parent: QWidget | None, title: str, text: str, label: str = "Alasan",
               ok_text: str = "OK") -> str | None:
    """The reason typed, or None when the officer cancelled."""
    dialog = ReasonDialog(parent, title, text, label, ok_text)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value():
        return dialog.value()
    return None
