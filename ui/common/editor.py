"""Base of the small editor dialogs (master data, accounts). A dialog takes an entry in (or
None for a new one) and hands the edited entry to a `save` callable the caller provides (which writes
through the session); a refused save keeps the dialog open with the message next to the
field, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.store import DuplicateEntry, StoreError
from ui.common.dialogs import button_box
from ui.common.errors import describe
from ui.common.forms import FieldForm, MessageLabel
from ui.common.wheel import guard_wheel

SaveFn = Callable[[Any], Any]


class EditorDialog(QDialog):
    """Subclasses build their fields in `_build_fields`, fill them in `_load`, check them in
    `_problems` ({field: message}) and build the entry in `_value`."""

    TITLE_NEW = "Tambah data"
    TITLE_EDIT = "Ubah data"

    def __init__(self, item: Any | None, save: SaveFn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item = item
        self._save = save
        self.saved: Any | None = None
        self.form = FieldForm()
        self._general = MessageLabel()
        self._general.setObjectName("error_general")
        self._buttons = button_box(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.setWindowTitle(self.TITLE_EDIT if item is not None else self.TITLE_NEW)
        self._layout = layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self._general)
        layout.addWidget(self._buttons)
        self._build_fields()
        if item is not None:
            self._load(item)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self.setMinimumWidth(480)
        guard_wheel(self)

    def set_intro(self, text: str) -> None:
        """A sentence above the form saying why the dialog appears."""
        intro = QLabel(text)
        intro.setWordWrap(True)
        self._layout.insertWidget(0, intro)

    @property
    def is_new(self) -> bool:
        return self._item is None

    @property
    def original(self) -> Any | None:
        return self._item

    # ------------------------------------------------------------------ for subclasses
    def _build_fields(self) -> None:
        raise NotImplementedError

    def _load(self, item: Any) -> None:
        raise NotImplementedError

    def _problems(self) -> dict[str, str]:
        raise NotImplementedError

    def _value(self) -> Any:
        raise NotImplementedError

    def _duplicate_problem(self, column: str) -> tuple[str, str]:
        """(field, message) for a unique value the store refused."""
        return column, "Nilai ini sudah dipakai oleh data lain."

    def _store_problems(self, error: StoreError) -> dict[str, str]:
        """{field: message} for a refusal of the store that belongs next to a field (none:
        it is shown under the form)."""
        return {}

    # ------------------------------------------------------------------ saving
    def accept(self) -> None:
        self._general.set_message("")
        if self.form.show_problems(self._problems()):
            return
        try:
            self.saved = self._save(self._value())
        except DuplicateEntry as exc:
            self.form.show_problems(dict([self._duplicate_problem(exc.column)]))
            return
        except StoreError as exc:
            problems = self._store_problems(exc)
            if not self.form.show_problems(problems):
                self._general.set_message(describe(exc))
            return
        super().accept()

    def problem(self, key: str) -> str:
        """The message shown under a field ('' if none); for tests and callers."""
        return self.form.message(key)
