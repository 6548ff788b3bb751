"""Message boxes and button boxes that speak Indonesian. Qt ships no Indonesian translation
of its standard buttons, so every standard button gets its text here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

D = TypeVar("D", bound=QDialog)

BUTTON_TEXTS: dict[QDialogButtonBox.StandardButton, str] = {
    QDialogButtonBox.StandardButton.Ok: "OK",
    QDialogButtonBox.StandardButton.Save: "Simpan",
    QDialogButtonBox.StandardButton.Cancel: "Batal",
    QDialogButtonBox.StandardButton.Close: "Tutup",
    QDialogButtonBox.StandardButton.Yes: "Ya",
    QDialogButtonBox.StandardButton.No: "Tidak",
    QDialogButtonBox.StandardButton.Discard: "Buang",
    QDialogButtonBox.StandardButton.Apply: "Terapkan",
    QDialogButtonBox.StandardButton.Open: "Buka",
    QDialogButtonBox.StandardButton.Retry: "Coba lagi",
    QDialogButtonBox.StandardButton.Ignore: "Abaikan",
    QDialogButtonBox.StandardButton.Reset: "Atur ulang",
    QDialogButtonBox.StandardButton.Help: "Bantuan",
}

_MB = QMessageBox.StandardButton
MESSAGE_BUTTON_TEXTS: dict[QMessageBox.StandardButton, str] = {
    _MB.Ok: "OK", _MB.Save: "Simpan", _MB.Cancel: "Batal", _MB.Close: "Tutup", _MB.Yes: "Ya",
    _MB.No: "Tidak", _MB.Discard: "Buang", _MB.Retry: "Coba lagi", _MB.Ignore: "Abaikan",
    _MB.Open: "Buka", _MB.Abort: "Batalkan",
}


@contextmanager
def disposing(dialog: D) -> Iterator[D]:
    """Use a modal dialog, then have Qt delete it: a QPrintDialog made with a parent
    otherwise stays, hidden, until the main window closes. (QMessageBox, QFileDialog and
    our own modal dialogs are deleted with their Python object.) Read its fields inside
    the block."""
    try:
        yield dialog
    finally:
        dialog.deleteLater()


def delete_when_finished(dialog: QDialog) -> None:
    """A modeless dialog (opened with show() or open()) deletes itself once closed: a
    patrol or meeting form otherwise stayed under its page, 3 MB each. One that still shows
    a window it opened (the LP form a patrol form opened) waits until that one closes too:
    deleting it would delete that window, and what is being typed in it."""

    def delete_when_alone() -> None:
        shown = [child for child in dialog.findChildren(QDialog) if child.isVisible()]
        if not shown:
            dialog.deleteLater()
        for child in shown:
            child.finished.connect(delete_when_alone)

    dialog.finished.connect(delete_when_alone)


def localize_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    for standard, text in BUTTON_TEXTS.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)
    return box


def button_box(buttons: QDialogButtonBox.StandardButton, parent: QWidget | None = None
               ) -> QDialogButtonBox:
    return localize_buttons(QDialogButtonBox(buttons, parent))


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton,
                default: QMessageBox.StandardButton | None = None) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    for standard, label in MESSAGE_BUTTON_TEXTS.items():
        button = box.button(standard)
        if button is not None:
            button.setText(label)
    if default is not None:
        box.setDefaultButton(default)
    return box


def ask_yes_no(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    box = message_box(parent, QMessageBox.Icon.Question, title, text, _MB.Yes | _MB.No,
                      _MB.Yes if default_yes else _MB.No)
    return box.exec() == _MB.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text, _MB.Ok).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text, _MB.Ok).exec()


BACK_TO_FORM = "Kembali ke formulir"


def ask_save_discard_cancel(parent: QWidget | None, title: str, text: str) -> str:
    """'save' | 'discard' | 'cancel' (closing a form with unsaved changes). Enter and Esc go
    back to the form: a key pressed out of habit neither writes nor throws anything away."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text,
                      _MB.Save | _MB.Discard | _MB.Cancel, _MB.Cancel)
    box.button(_MB.Cancel).setText(BACK_TO_FORM)
    box.setEscapeButton(_MB.Cancel)
    result = box.exec()
    if result == _MB.Save:
        return "save"
    if result == _MB.Discard:
        return "discard"
    return "cancel"
