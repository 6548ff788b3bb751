"""A table editor for the rows of a record (places visited, issues raised, participant groups),
built for keyboard-only entry: Enter or Tab moves to the next cell, and at the end of the last
row opens a new row; Ctrl+Enter opens a new row from anywhere; Ctrl+Delete removes a row.

Cells hold the text exactly as typed (a number column may hold "-3" or "dua"), so nothing typed
is lost; the form parses the text and hands problems back with `set_problems`, which colour the
cell and put the message in its tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.records.rows_model import Column, Index, RowsModel, normalize_choice

KEY_HINT = ("Enter/Tab: kolom berikutnya (di akhir baris terakhir: baris baru) · "
            "Ctrl+Enter: baris baru · Ctrl+Del: hapus baris · Ctrl+Tab: keluar dari tabel")

__all__ = ["KEY_HINT", "Column", "RowsDelegate", "RowsModel", "RowsView", "normalize_choice"]


class RowsDelegate(QStyledItemDelegate):
    """Editors by column kind; Enter acts as Tab (next cell), Ctrl+Enter opens a new row."""

    def __init__(self, view: RowsView) -> None:
        super().__init__(view)
        self._view = view

    def _column(self, index: Index) -> Column:
        model = index.model()
        assert isinstance(model, RowsModel)
        return model.columns()[index.column()]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        col = self._column(index)
        if col.kind == "choice":
            combo = QComboBox(parent)
            for code, label in col.choices:
                combo.addItem(label, code)
            return combo
        edit = QLineEdit(parent)
        edit.setFrame(False)
        edit.setPlaceholderText(col.placeholder)
        if col.kind == "complete" and col.choices:
            completer = QCompleter([label for _, label in col.choices], edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        raw = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            found = editor.findData(raw)
            editor.setCurrentIndex(found if found >= 0 else 0)
        elif isinstance(editor, QLineEdit):
            editor.setText(raw)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: Index) -> None:
        col = self._column(index)
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            text = editor.text()
            if col.kind == "complete":
                text = normalize_choice(text, [label for _, label in col.choices])
            model.setData(index, text)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            key_event = event
            assert isinstance(key_event, QKeyEvent)
            ctrl = bool(key_event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl and key_event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self._view.focusNextPrevChild(key_event.key() == Qt.Key.Key_Tab)
                return True
            if key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(editor)
                if ctrl:
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                    self._view.add_row_and_edit()
                else:
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
        return super().eventFilter(editor, event)


class RowsView(QTableView):
    """The table of a RowsModel, for the keyboard (see the module docstring)."""

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self.setItemDelegate(RowsDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        for i, col in enumerate(model.columns()):
            if col.stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                self.setColumnWidth(i, col.width)

    def rows_model(self) -> RowsModel:
        return self._model

    def add_row_and_edit(self) -> None:
        if self._model.fixed_rows:
            return
        row = self._model.append_row()
        first = self._first_editable_column()
        index = self._model.index(row, first)
        self.setCurrentIndex(index)  # opens the editor (edit trigger CurrentChanged)
        if self.state() != QAbstractItemView.State.EditingState:
            self.edit(index)

    def remove_current_row(self) -> bool:
        index = self.currentIndex()
        if not index.isValid():
            return False
        row = index.row()
        if not self._model.remove_row(row):
            return False
        if self._model.rowCount():
            self.setCurrentIndex(self._model.index(min(row, self._model.rowCount() - 1), 0))
        return True

    def _first_editable_column(self) -> int:
        for i, col in enumerate(self._model.columns()):
            if col.editable:
                return i
        return 0

    def _last_editable_column(self) -> int:
        cols = self._model.columns()
        for i in range(len(cols) - 1, -1, -1):
            if cols[i].editable:
                return i
        return len(cols) - 1

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Tab and Shift+Tab go cell by cell, row after row, skipping columns that cannot be
        typed in (a group's name); they stop at the first and the last cell."""
        current = self.currentIndex()
        forward = action == QAbstractItemView.CursorAction.MoveNext
        if not current.isValid() or action not in (QAbstractItemView.CursorAction.MoveNext,
                                                   QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        cols = self._model.columns()
        width, cells = len(cols), len(cols) * self._model.rowCount()
        position = current.row() * width + current.column()
        step = 1 if forward else -1
        position += step
        while 0 <= position < cells:
            row, col = divmod(position, width)
            if cols[col].editable:
                return self._model.index(row, col)
            position += step
        return current

    def closeEditor(self, editor: QWidget,  # noqa: N802
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        current = self.currentIndex()
        at_end = (current.isValid() and current.row() == self._model.rowCount() - 1
                  and current.column() >= self._last_editable_column())
        if hint == QAbstractItemDelegate.EndEditHint.EditNextItem and at_end:
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            if self._model.fixed_rows:
                self.focusNextPrevChild(True)
            else:
                self.add_row_and_edit()
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if ctrl:
                self.add_row_and_edit()
            elif self.currentIndex().isValid():
                self.edit(self.currentIndex())
            elif self._model.rowCount() == 0:
                self.add_row_and_edit()
            event.accept()
            return
        if ctrl and key == Qt.Key.Key_Delete:
            self.remove_current_row()
            event.accept()
            return
        if ctrl and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.focusNextPrevChild(key == Qt.Key.Key_Tab)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802
        super().focusInEvent(event)
        # arriving by Tab on an empty table starts the first row at once
        if self._model.rowCount() == 0 and not self._model.fixed_rows:
            self.add_row_and_edit()
        elif not self.currentIndex().isValid() and self._model.rowCount():
            self.setCurrentIndex(self._model.index(0, self._first_editable_column()))
