"""Widgets that show weekly figures on screen: figure tiles, small read-only tables and bar
charts (QtCharts). They render what app/weekly/figures.py computed, in the words and number
formats of the PDF (app/weekly/fmt.py), and compute nothing themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.weekly.fmt import change_text, count_text
from app.weekly.model import Row
from ui.common.table_model import RowTableModel

Index = QModelIndex | QPersistentModelIndex
DARK = QColor("#4d4d4d")
LIGHT = QColor("#b8b8b8")
CHANGE_HEADERS = ("Minggu ini", "Minggu lalu", "Perubahan")
MIN_TEXT_COLUMN = 190  # px
LABEL_FORMAT = "@value<br><span style='font-size:2pt'>&nbsp;</span>"


class FigureTableModel(RowTableModel[tuple[str, ...]]):
    """A small fixed table of figures (a few dozen rows at most): text cells, figures
    right-aligned, an optional bold total row at the end."""

    def __init__(self, headers: Sequence[str], right_columns: Sequence[int] = (),
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.HEADERS = tuple(headers)
        self._right = frozenset(right_columns)
        self._rows: list[tuple[str, ...]] = []
        self._bold_last = False

    def set_rows(self, rows: Sequence[Sequence[str]], *, total: bool = False) -> None:
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self._bold_last = total and bool(rows)
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self.HEADERS)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[row][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and self._bold_last and row == len(self._rows) - 1:
            font = QFont()
            font.setBold(True)
            return font
        return None


def change_rows(rows: Sequence[Row], *, total: bool = True) -> list[list[str]]:
    """Rows "label | this week | last week | change", plus "Jumlah" when ``total``."""
    out = [[r.label, count_text(r.current), count_text(r.previous), change_text(r)] for r in rows]
    if total and rows:
        sums = Row("total", "Jumlah", sum(r.current for r in rows), sum(r.previous for r in rows))
        out.append(["Jumlah", count_text(sums.current), count_text(sums.previous),
                    change_text(sums)])
    return out


class FigureTable(QTableView):
    """A read-only table that is as tall as its rows (the page scrolls, not the table)."""

    def __init__(self, headers: Sequence[str], right_columns: Sequence[int] = (),
                 parent: QWidget | None = None, *, stretch: int = 0) -> None:
        super().__init__(parent)
        self._stretch = stretch
        self.table_model = FigureTableModel(headers, right_columns, self)
        self.setModel(self.table_model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.horizontalHeader()
        for column in range(len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: Sequence[Sequence[str]], *, total: bool = False) -> None:
        self.table_model.set_rows(rows, total=total)
        self._fit_height()
        # never crush the text column to "Pen…": below this the page scrolls sideways
        header = self.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c in range(header.count()) if c != self._stretch)
        self.setMinimumWidth(fixed + MIN_TEXT_COLUMN + 2 * self.frameWidth())

    def _fit_height(self) -> None:
        """Rows as tall as their wrapped text, the table as tall as its rows."""
        self.resizeRowsToContents()
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.table_model.rowCount()))
        self.setFixedHeight(height + 2)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._fit_height()  # a wider column needs fewer wrapped lines


class Tile(QFrame):
    """One figure in large type, with a caption and a comparison line; clickable when it
    leads to the list it counts."""

    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None, *,
                 clickable: bool = False) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("tile")
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.value = QLabel("-")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.setMinimumWidth(120)
        self._clickable = clickable
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_figure(self, value: str, detail: str = "", tooltip: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setToolTip(tooltip)
        self.setMinimumWidth(max(120, self.value.sizeHint().width() + 24))

    def mouseReleaseEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        if self._clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        if self._clickable and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                               Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class BarChart(QChartView):
    """Grouped bars with their values on top, whole-number axis, a legend when there is
    more than one series."""

    def __init__(self, title: str, parent: QWidget | None = None, height: int = 230) -> None:
        super().__init__(parent)
        self.chart_title = title
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(height)
        self.setMaximumHeight(height + 40)
        self.series_values: list[tuple[str, list[int]]] = []

    def set_data(self, categories: Sequence[str],
                 series: Sequence[tuple[str, Sequence[int]]]) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)  # gives it back without deleting it (the series are deleted)
            axis.deleteLater()
        bars = QBarSeries()
        colors = (DARK, LIGHT)
        for i, (name, values) in enumerate(series):
            bar_set = QBarSet(name)
            bar_set.append([float(v) for v in values])
            bar_set.setColor(colors[i % len(colors)])
            bar_set.setBorderColor(QColor("black"))
            bar_set.setLabelColor(QColor("black"))
            bars.append(bar_set)
        bars.setLabelsVisible(True)
        # a thin second line under the value lifts it off the bar: QtCharts sets the label's
        # bottom on the bar's top edge, where the digits read as sitting on the bar
        bars.setLabelsFormat(LABEL_FORMAT)
        bars.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(bars)
        x_axis = QBarCategoryAxis()
        x_axis.append(list(categories))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(x_axis)
        top = max([0, *(v for _, values in series for v in values)])
        step = max(1, -(-top // 5))
        steps = top // step + 1
        if (steps * step - top) * 7 < steps * step:  # a tall bar's label needs room above it,
            steps += 1  # else QtCharts draws it over the bar (14 on an axis of 15)
        y_axis = QValueAxis()
        y_axis.setLabelFormat("%d")
        y_axis.setRange(0, step * steps)
        y_axis.setTickCount(steps + 1)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(y_axis)
        legend = chart.legend()
        legend.setVisible(len(series) > 1)
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        # the chart owns its legend, but PySide ties the wrapper legend() returns to the
        # chart's: when the collector frees the page, shiboken may clear the legend's wrapper
        # first and hand it the legend to delete under the chart (ui/common/screen_size.py)
        shiboken6.invalidate(legend)
        self.series_values = [(name, list(values)) for name, values in series]


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setContentsMargins(0, 10, 0, 2)
    return label


def note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label
