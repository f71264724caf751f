"""Report charts, drawn once with reportlab.graphics for paper and screen alike.

The PDF embeds these drawings as vectors; the Reports screen shows the very same drawing
rendered to SVG (reportlab.graphics.renderSVG) through QtSvg. We chose this over QtCharts or
matplotlib because:

* bundle size: QtCharts/QtGraphs come only with PySide6-Addons (hundreds of MB more in the
  desktop bundle, which stays on PySide6-Essentials) and matplotlib brings numpy and its own
  fonts; reportlab is already shipped for printing, and QtSvg is in Essentials;
* print quality: one drawing, so the chart on paper and on screen are identical and vector;
* accessibility: a chart is an image, so every chart is paired with its data in words: a table
  under each chart in the PDF, and on screen the chart's accessible name is its title and its
  accessible description reads every bar ("GP: 30; Self-referral: fewer than 8").

Suppressed cells ("<8") are drawn with no bar and their label, never with a guessed length.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.renderSVG import drawToString
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors

from linkworker_desktop.printing import fonts
from linkworker_desktop.reports.chart_data import ChartData, charts_for

BAR_HEIGHT = 16  # points per bar, gaps included
LABEL_WIDTH = 150  # points for the category names left of the bars
BAR_COLOUR = colors.HexColor("#005EB8")  # NHS blue: 7:1 on white

__all__ = ["ChartData", "bar_chart", "charts_for", "to_svg"]


def bar_chart(data: ChartData, width: float = 440) -> Drawing:
    """A horizontal bar chart: category names on the left, each bar labelled with its value."""
    family = fonts.register()
    count = max(1, len(data.labels))
    height = count * BAR_HEIGHT + 24
    drawing = Drawing(width, height)
    # White behind the chart: an SVG has no page, and a dark desktop theme would show through.
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    chart = HorizontalBarChart()
    chart.x = LABEL_WIDTH
    chart.y = 18
    chart.width = width - LABEL_WIDTH - 40
    chart.height = count * BAR_HEIGHT
    # Top to bottom in the order given: reportlab draws the first category at the bottom.
    chart.data = [list(reversed(data.values)) or [0]]
    chart.categoryAxis.categoryNames = [
        fonts.printable(_short(label)) for label in reversed(data.labels)
    ] or [""]
    chart.categoryAxis.labels.fontName = family
    chart.categoryAxis.labels.fontSize = 9
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([*data.values, 1]) * 1.15
    chart.valueAxis.labels.fontName = family
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = False
    chart.valueAxis.labelTextFormat = _whole
    chart.bars[0].fillColor = BAR_COLOUR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "values"  # the labels in barLabelArray: "30", "<8"
    chart.barLabelArray = [list(reversed(data.shown)) or [""]]
    chart.barLabels.fontName = family
    chart.barLabels.fontSize = 9
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def to_svg(data: ChartData, width: float = 440) -> bytes:
    """The same chart as SVG, for the screen."""
    return drawToString(bar_chart(data, width)).encode("utf-8")


def _short(label: str, most: int = 26) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"


def _whole(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else ""
