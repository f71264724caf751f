"""A report chart on screen: the PDF's own reportlab drawing, shown as SVG through QtSvg.

Why this and not QtCharts or matplotlib is written in reports/charts.py. A chart is a picture,
so a screen reader hears its title as its name and every bar in words as its description;
the figures under it are also there as buttons and labels.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QSizePolicy, QWidget

from linkworker_desktop.reports.chart_data import ChartData

WIDTH = 520  # points, drawn one to one in pixels: the chart keeps its printed proportions


class ReportChart(QSvgWidget):
    def __init__(self, data: ChartData, parent: QWidget | None = None):
        from linkworker_desktop.reports.charts import to_svg  # reportlab: once a chart shows

        super().__init__(parent)
        self.data = data
        self.load(to_svg(data, WIDTH))
        self.setAccessibleName(data.title)
        self.setAccessibleDescription(data.in_words())
        self.setToolTip(data.in_words())
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.renderer().defaultSize()
