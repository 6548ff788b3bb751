"""The editable combo over master data (desa, categories, officers, ...): type-ahead that
lists every entry containing what was typed, settling on the one entry it names when the
officer leaves the field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget


class _FocusOutWatch(QObject):
    """Calls `on_focus_out` when the focus leaves the watched field, also by Tab while its
    suggestions are open. The suggestions opening is not leaving: under a window manager it
    comes as FocusAboutToChange with OtherFocusReason, and settling then turned "c" (typed
    for "curanmor" in the desa field) into "Cinta Jaya" before the "u"."""

    _LEAVING_WITH_POPUP = frozenset({
        Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
        Qt.FocusReason.MouseFocusReason, Qt.FocusReason.ShortcutFocusReason,
        Qt.FocusReason.ActiveWindowFocusReason})

    def __init__(self, parent: QObject, on_focus_out: Callable[[], None],
                 popup_open: Callable[[], bool]) -> None:
        super().__init__(parent)
        self._on_focus_out = on_focus_out
        self._popup_open = popup_open

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        leaving = (QEvent.Type.FocusAboutToChange, QEvent.Type.FocusOut)
        if (event.type() in leaving and isinstance(event, QFocusEvent)
                and event.reason() != Qt.FocusReason.PopupFocusReason
                and (event.reason() in self._LEAVING_WITH_POPUP or not self._popup_open())):
            self._on_focus_out()
        return False


class MasterCombo(QComboBox):
    """An editable combo over master data with type-ahead: the popup lists every entry that
    contains what was typed, case-insensitively. `current_data()` is the chosen entry's data
    (None when the text matches no entry); `text()` is whatever is typed."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "") -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(placeholder or "Ketik untuk mencari…")
        line.textEdited.connect(self._on_line_text_edited)
        line.editingFinished.connect(self._on_line_editing_finished)
        self.activated.connect(self._on_line_text_edited)
        # Leaving by Tab while the suggestions are open gives no editingFinished and no
        # focusOutEvent call; FocusAboutToChange still reaches an event filter.
        self._focus_watch = _FocusOutWatch(self, self._on_line_editing_finished,
                                           self._suggestions_open)
        self.installEventFilter(self._focus_watch)

    def set_items(self, items: Sequence[tuple[str, Any]]) -> None:
        """Replace the entries, keeping what is typed or chosen."""
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        for label, data in items:
            self.addItem(label, data)
        self.setCurrentIndex(-1)
        self.setEditText(text)
        self.blockSignals(False)

    def _index_of_text(self, text: str) -> int:
        wanted = text.strip().casefold()
        for i in range(self.count()):
            if self.itemText(i).casefold() == wanted:
                return i
        return -1

    def _match(self, text: str) -> int:
        """The entry `text` names: the exact one, else the only one containing it, else -1."""
        index = self._index_of_text(text)
        wanted = text.strip().casefold()
        if index < 0 and wanted:
            matches = [i for i in range(self.count()) if wanted in self.itemText(i).casefold()]
            index = matches[0] if len(matches) == 1 else -1
        return index

    def current_data(self) -> Any:
        """The data of the entry the text names (see `_match`), None when it names none."""
        index = self._match(self.currentText())
        return self.itemData(index) if index >= 0 else None

    def set_current_data(self, data: Any, fallback_text: str = "") -> None:
        """Choose the entry holding `data`; an unknown value shows `fallback_text`."""
        index = self.findData(data) if data is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(fallback_text)

    def text(self) -> str:
        return self.currentText().strip()

    def set_text(self, text: str) -> None:
        index = self._index_of_text(text)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(text)

    def is_unmatched(self) -> bool:
        """Something is typed that is not an entry of the list."""
        return bool(self.text()) and self.current_data() is None

    def _suggestions_open(self) -> bool:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        return popup is not None and popup.isVisible()

    def _on_line_text_edited(self, *_args: object) -> None:
        self.edited.emit()

    def _on_line_editing_finished(self) -> None:
        """Leaving the field settles what was typed on an entry when only one fits: the
        exact entry ("serinanti" -> "Serinanti"), or the only one containing the text
        ("curanmor" -> "Pencurian kendaraan bermotor (Curanmor)")."""
        index = self._match(self.currentText())
        if index >= 0 and (self.currentIndex() != index or self.currentText() != self.itemText(index)):
            self.setCurrentIndex(index)
            self.edited.emit()
