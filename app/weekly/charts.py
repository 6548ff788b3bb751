"""Charts of the weekly review, drawn with reportlab.graphics (vector, embedded in the PDF).

Made for a cheap black-and-white printer: greys with black outlines, a figure above every bar
(so nobody has to read values off the axis), whole-number axes, DejaVu Sans like the text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from app.pdf.base import FONT, FONT_BOLD, register_fonts
from app.textid import format_weekday
from app.weekly.model import Patrols, TrendPoint

DARK = colors.HexColor("#4d4d4d")
LIGHT = colors.HexColor("#c8c8c8")
AXIS_FONT_SIZE = 7
TITLE_FONT_SIZE = 8.5
_TITLE_ROOM = 16
_LEGEND_ROOM = 12


def _nice_axis(values: Sequence[int]) -> tuple[int, int]:
    """(valueMax, valueStep) for counts: whole steps, at most about six grid lines, room
    above the tallest bar for its label."""
    top = max([0, *values])
    step = max(1, math.ceil(top / 5))
    return max(step * (top // step + 1), 1), step


def _bar_chart(x: float, y: float, width: float, height: float,
               series: Sequence[Sequence[int]], names: Sequence[str],
               fills: Sequence[colors.Color]) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = x, y, width, height
    chart.data = [list(s) for s in series]
    chart.groupSpacing = 6
    chart.barSpacing = 1
    chart.strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = _nice_axis(
        [v for s in series for v in s])
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = AXIS_FONT_SIZE
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e0e0e0")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.categoryAxis.categoryNames = list(names)
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = AXIS_FONT_SIZE
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.labels.leading = AXIS_FONT_SIZE + 1
    chart.barLabelFormat = _bar_label
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = AXIS_FONT_SIZE
    chart.barLabels.nudge = 6
    for i, fill in enumerate(fills):
        chart.bars[i].fillColor = fill
        chart.bars[i].strokeColor = colors.black
        chart.bars[i].strokeWidth = 0.4
    return chart


def _no_data(drawing: Drawing, chart: VerticalBarChart) -> None:
    """Say so in an empty plot, so a blank chart is not taken for a printing fault."""
    if not any(v for s in chart.data for v in s):
        drawing.add(String(chart.x + chart.width / 2, chart.y + chart.height / 2,
                           "Tidak ada data", fontName=FONT, fontSize=AXIS_FONT_SIZE + 1,
                           textAnchor="middle", fillColor=colors.HexColor("#606060")))


def _bar_label(value: float) -> str:
    """The figure above a bar; none above an empty bar, which would only add clutter."""
    return "" if not value else str(int(value))


def _title(drawing: Drawing, x: float, y: float, text: str) -> None:
    drawing.add(String(x, y, text, fontName=FONT_BOLD, fontSize=TITLE_FONT_SIZE))


def _legend(drawing: Drawing, x: float, y: float, items: Sequence[tuple[str, colors.Color]]) -> None:
    for label, fill in items:
        drawing.add(Rect(x, y - 1, 8, 8, fillColor=fill, strokeColor=colors.black,
                         strokeWidth=0.4))
        drawing.add(String(x + 11, y, label, fontName=FONT, fontSize=AXIS_FONT_SIZE))
        x += 11 + len(label) * AXIS_FONT_SIZE * 0.55 + 14


def trend_chart(points: Sequence[TrendPoint], width: float, height: float = 150) -> Drawing:
    """CT and 3C of the last weeks, oldest first, labelled "W07" over the Monday's date."""
    register_fonts()
    drawing = Drawing(width, height)
    _title(drawing, 0, height - 10, f"Tren {len(points)} minggu terakhir: jumlah LP (CT) dan 3C")
    _legend(drawing, 0, height - 10 - _LEGEND_ROOM, (("CT", DARK), ("3C", LIGHT)))
    names = [f"W{p.week.number:02d}\n{p.week.start.day}/{p.week.start.month}" for p in points]
    plot_top = height - _TITLE_ROOM - _LEGEND_ROOM - 6
    chart = _bar_chart(22, 24, width - 28, plot_top - 24,
                       ([p.crimes for p in points], [p.crimes_3c for p in points]), names,
                       (DARK, LIGHT))
    drawing.add(chart)
    _no_data(drawing, chart)
    return drawing


def patrol_chart(patrols: Patrols, width: float, height: float = 140) -> Drawing:
    """Two panels: situations found at the places visited (this week and last), and the
    number of patrols started on each day of the week."""
    register_fonts()
    drawing = Drawing(width, height)
    gap = 24
    half = (width - gap) / 2
    plot_top = height - _TITLE_ROOM - _LEGEND_ROOM - 6
    _title(drawing, 0, height - 10, "Temuan situasi di tempat yang dikunjungi")
    _legend(drawing, 0, height - 10 - _LEGEND_ROOM, (("Minggu ini", DARK), ("Minggu lalu", LIGHT)))
    findings = patrols.findings
    found = _bar_chart(22, 24, half - 28, plot_top - 24,
                       ([r.current for r in findings], [r.previous for r in findings]),
                       [_short_situation(r.key) for r in findings], (DARK, LIGHT))
    drawing.add(found)
    _no_data(drawing, found)
    left = half + gap
    _title(drawing, left, height - 10, "Patroli per hari (minggu ini)")
    days = patrols.per_day
    per_day = _bar_chart(left + 22, 24, half - 28, plot_top - 24, ([d.count for d in days],),
                         [f"{format_weekday(d.day)[:3]}\n{d.day.day}/{d.day.month}"
                          for d in days], (DARK,))
    drawing.add(per_day)
    _no_data(drawing, per_day)
    return drawing


def _short_situation(code: str) -> str:
    return {"aman": "Aman", "pg": "PG", "ag": "AG", "gn": "GN"}.get(code, code.upper())
