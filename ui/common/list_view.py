"""What a page of records looks like the same everywhere: its title, and its table of whole
rows chosen one at a time, read-only, without row numbers, the columns fitted to their
contents and one stretched to the width left."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView

TITLE_STYLE = "font-size: 16px; font-weight: bold;"


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(TITLE_STYLE)
    return label


def list_table(table: QTableView, stretch_column: int) -> QTableView:
    """Set `table` (its model already set) up as a list of records; returns it."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table
