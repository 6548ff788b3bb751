"""The bar charts of Beranda and Rekap Mingguan: each value stands above its bar with a gap,
not on it (checked on the rendered pixels)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsRectItem

from ui.common.figures import DARK, LIGHT, BarChart

GAP = 8  # pixels


def _dark(lightness: int) -> bool:
    return lightness < 120


@pytest.mark.parametrize("values", [([3, 5, 10], [1, 0, 4]), ([1, 1, 2], [0, 1, 1]),
                                    ([27, 40, 33], [9, 12, 15])])
def test_values_stand_clear_of_their_bars(qtbot, values: tuple[list[int], list[int]]) -> None:
    chart = BarChart("Tren 8 minggu: LP (CT) dan 3C", height=240)
    qtbot.addWidget(chart)
    chart.resize(700, 260)
    chart.set_data(["W01", "W02", "W03"], [("CT", values[0]), ("3C", values[1])])
    chart.show()
    QApplication.processEvents()
    image = chart.grab().toImage()
    bars = [item for item in chart.scene().items() if isinstance(item, QGraphicsRectItem)
            and item.brush().color() in (DARK, LIGHT)
            and item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable  # not the legend
            and item.rect().height() > 1]  # a zero has no bar
    assert len(bars) == sum(1 for v in values[0] + values[1] if v)
    for bar in bars:
        rect = chart.mapFromScene(bar.sceneBoundingRect()).boundingRect()
        columns = range(rect.left() + 3, rect.right() - 2)
        top = rect.top()
        # GAP rows just above the bar's edge are empty (the digits stood 5 pixels above
        # the edge, which the eye reads as touching) ...
        for y in range(top - GAP, top):
            assert not any(_dark(image.pixelColor(x, y).lightness()) for x in columns), (bar, y)
        # ... and the value's digits are above them
        assert any(_dark(image.pixelColor(x, y).lightness())
                   for x in columns for y in range(top - GAP - 20, top - GAP)), bar
