"""Table columns that give way in a narrow window: below the width the columns were laid out
for, the fixed columns shrink toward their floors (their text then ends in "…") so that the
stretching ones (names, categories, issues) keep room to be read. When even the floors leave
too little room, the stretching columns keep their minimum and the table scrolls sideways."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView


class ColumnFitter(QObject):
    """Keeps `table`'s fixed columns at their `widths` (column -> (wide, floor)) while the
    `stretching` columns share the rest: the fixed ones shrink (as little as needed, in
    proportion to what each can give) to leave the stretching ones `wish` pixels each; below
    `least` each, the table scrolls sideways."""

    def __init__(self, table: QTableView, widths: dict[int, tuple[int, int]],
                 stretching: tuple[int, ...], wish: int, least: int) -> None:
        super().__init__(table)
        self._table = table
        self._widths = widths
        self._stretching = stretching
        self._least = least
        self._room = len(stretching) * wish
        table.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self._table.horizontalHeader()
        available = self._table.viewport().width()
        widths = fitted(self._widths, available, self._room)
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        scroll = sum(widths.values()) + len(self._stretching) * self._least > available
        mode = QHeaderView.ResizeMode.Interactive if scroll else QHeaderView.ResizeMode.Stretch
        for column in self._stretching:
            if header.sectionResizeMode(column) != mode:
                header.setSectionResizeMode(column, mode)
            if scroll and header.sectionSize(column) != self._least:
                header.resizeSection(column, self._least)


def fitted(widths: dict[int, tuple[int, int]], available: int, room: int) -> dict[int, int]:
    """The width of each fixed column when the table has `available` pixels and the
    stretching columns need `room`."""
    wide = sum(w for w, _floor in widths.values())
    give = sum(w - floor for w, floor in widths.values())
    short = min(max(wide + room - available, 0), give)
    if not short:
        return {column: w for column, (w, _floor) in widths.items()}
    return {column: w - round(short * (w - floor) / give) for column, (w, floor) in widths.items()}
