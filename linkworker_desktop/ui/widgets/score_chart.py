"""A small painted line chart of scores over time: one line per score, dates along the bottom.

PySide6-Essentials ships no QtCharts, and a handful of points needs little: QPainter draws it.
Lines differ by marker shape and dash as well as colour, the legend names each in words, and
every value is written beside its point, so nothing depends on telling colours apart. Colours
and text come from the palette, so dark mode works. The accessible description says the same
data in words for a screen reader.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionFocusRect, QWidget

from linkworker_desktop.ui.models.session_words import medium_date, number, short_date

# Okabe-Ito: told apart by most people with colour-vision differences, and never alone here.
_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MARKERS = ("circle", "square", "triangle", "diamond", "down-triangle", "cross")
_DASHES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
)
NO_DATA_TEXT = "No results to chart yet."


@dataclass(frozen=True, slots=True)
class ChartSeries:
    label: str
    points: tuple[tuple[date, float], ...]  # oldest first
    higher_is_better: bool = True

    @property
    def legend(self) -> str:
        return self.label if self.higher_is_better else f"{self.label} (lower is better)"


def summary_text(series: Sequence[ChartSeries]) -> str:
    """The chart in words: "Life satisfaction: 4 on 3 Jun, 7 on 2 Sep."."""
    parts = []
    for line in series:
        if not line.points:
            continue
        values = ", ".join(f"{number(v)} on {short_date(d)}" for d, v in line.points)
        parts.append(f"{line.legend}: {values}.")
    return " ".join(parts) if parts else NO_DATA_TEXT


def nice_step(span: float) -> float:
    """A tick step giving at most about six labels: 1, 2, 5, 10, 20, 50…"""
    if span <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(span))
    for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        step = power * factor
        if step >= 1 and span / step <= 6:
            return step
    return power * 10


def series_colour(index: int, dark: bool) -> QColor:
    colour = QColor(_COLOURS[index % len(_COLOURS)])
    return colour.lighter(150) if dark else colour


class ScoreChart(QWidget):
    def __init__(self, title: str = "Scores", parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.series: list[ChartSeries] = []
        self.y_min, self.y_max = 0.0, 10.0
        self.setAccessibleName(f"{title} chart")
        self.setAccessibleDescription(NO_DATA_TEXT)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so keyboard and screen reader users reach it
        self.setMinimumSize(300, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(560, 280)

    def set_data(self, series: Sequence[ChartSeries], y_min: float, y_max: float) -> None:
        self.series = [s for s in series if s.points]
        self.y_min, self.y_max = float(y_min), float(y_max)
        if self.y_max <= self.y_min:
            self.y_max = self.y_min + 1
        text = self.summary()
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.update()

    def clear(self) -> None:
        self.set_data([], self.y_min, self.y_max)

    def summary(self) -> str:
        return summary_text(self.series)

    @property
    def dates(self) -> list[date]:
        return sorted({d for s in self.series for d, _ in s.points})

    # --- painting -----------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text_colour = palette.color(QPalette.ColorRole.Text)
        painter.setPen(text_colour)
        if not self.series:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, NO_DATA_TEXT)
        else:
            legend_bottom = self._paint_legend(painter)
            self._paint_plot(painter, legend_bottom)
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            option.rect = self.rect().adjusted(1, 1, -1, -1)
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter)
        painter.end()

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _paint_legend(self, painter: QPainter) -> float:
        """Legend entries (marker, dash and name) flowing across the top; returns their bottom."""
        metrics = self.fontMetrics()
        line_height = metrics.height() + 4
        x, y = 8.0, 6.0
        for index, line in enumerate(self.series):
            width = 34 + metrics.horizontalAdvance(line.legend) + 16
            if x + width > self.width() - 8 and x > 8:
                x, y = 8.0, y + line_height
            middle = y + line_height / 2
            self._set_series_pen(painter, index)
            painter.drawLine(QPointF(x, middle), QPointF(x + 26, middle))
            self._marker(painter, index, QPointF(x + 13, middle))
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(
                QRectF(x + 32, y, width, line_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                line.legend,
            )
            x += width
        return y + line_height + 6

    def _paint_plot(self, painter: QPainter, top: float) -> None:
        metrics = self.fontMetrics()
        palette = self.palette()
        step = nice_step(self.y_max - self.y_min)
        ticks = []
        value = math.ceil(self.y_min / step) * step
        while value <= self.y_max + 1e-9:
            ticks.append(value)
            value += step
        left = 12 + max(metrics.horizontalAdvance(number(t)) for t in ticks)
        plot = QRectF(left, top + metrics.height() / 2, self.width() - left - 24, 0)
        plot.setBottom(self.height() - metrics.height() - 12)
        if plot.height() < 20 or plot.width() < 40:
            return
        dates = self.dates
        first, last = dates[0].toordinal(), dates[-1].toordinal()
        inner = plot.adjusted(28, 0, -28, 0)

        def x_of(day: date) -> float:
            if first == last:
                return inner.center().x()
            return inner.left() + (day.toordinal() - first) / (last - first) * inner.width()

        def y_of(score: float) -> float:
            share = (score - self.y_min) / (self.y_max - self.y_min)
            return plot.bottom() - share * plot.height()

        grid = QPen(palette.color(QPalette.ColorRole.Mid))
        grid.setStyle(Qt.PenStyle.DotLine)
        text_colour = palette.color(QPalette.ColorRole.Text)
        for tick in ticks:
            y = y_of(tick)
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                number(tick),
            )
        painter.setPen(QPen(text_colour))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        self._paint_dates(painter, dates, x_of, plot)

        count = len(self.series)
        for index, line in enumerate(self.series):
            nudge = (index - (count - 1) / 2) * 4  # equal values side by side, not hidden
            points = [QPointF(x_of(d) + nudge, y_of(v)) for d, v in line.points]
            self._set_series_pen(painter, index)
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            painter.drawPath(path)
            for point in points:
                self._marker(painter, index, point)
        painter.setPen(text_colour)
        self._paint_values(painter, x_of, y_of, plot, (count - 1) / 2 * 4)

    def _paint_values(self, painter: QPainter, x_of, y_of, plot: QRectF, nudge: float) -> None:
        """Each value beside its point, in the first free spot; an equal value at a date once."""
        metrics = self.fontMetrics()
        height = metrics.height()
        taken: list[QRectF] = []
        written: set[tuple[date, float]] = set()
        area = plot.adjusted(0, -height, 24, 0)
        for line in self.series:
            for day, score in line.points:
                if (day, score) in written:
                    continue
                text = number(score)
                width = metrics.horizontalAdvance(text) + 2
                x, y = x_of(day), y_of(score)
                right, left = x + nudge + 6, x - nudge - 6 - width
                for bx, by in ((right, y - height), (right, y), (left, y - height), (left, y)):
                    box = QRectF(bx, by, width, height)
                    if area.contains(box) and not any(box.intersects(t) for t in taken):
                        taken.append(box)
                        written.add((day, score))
                        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
                        break

    def _paint_dates(self, painter: QPainter, dates: list[date], x_of, plot: QRectF) -> None:
        """A tick per date; the year is written on the first date and wherever it changes."""
        metrics = self.fontMetrics()
        last_right = -1e9
        year = None
        for day in dates:
            text = short_date(day) if day.year == year else medium_date(day)
            width = metrics.horizontalAdvance(text)
            x = min(max(x_of(day), plot.left() + width / 2), self.width() - width / 2 - 2)
            painter.drawLine(
                QPointF(x_of(day), plot.bottom()), QPointF(x_of(day), plot.bottom() + 4)
            )
            if x - width / 2 < last_right + 8:
                continue  # too close to the previous date to write both
            painter.drawText(
                QRectF(x - width / 2, plot.bottom() + 5, width, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                text,
            )
            last_right = x + width / 2
            year = day.year

    def _set_series_pen(self, painter: QPainter, index: int) -> None:
        pen = QPen(series_colour(index, self._dark()), 2)
        pen.setStyle(_DASHES[index % len(_DASHES)])
        painter.setPen(pen)

    def _marker(self, painter: QPainter, index: int, at: QPointF) -> None:
        colour = series_colour(index, self._dark())
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(colour)
        r = 4.5
        shape = MARKERS[index % len(MARKERS)]
        if shape == "circle":
            painter.drawEllipse(at, r, r)
        elif shape == "square":
            painter.drawRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r))
        elif shape == "cross":
            painter.drawLine(QPointF(at.x() - r, at.y() - r), QPointF(at.x() + r, at.y() + r))
            painter.drawLine(QPointF(at.x() - r, at.y() + r), QPointF(at.x() + r, at.y() - r))
        else:
            corners = {
                "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
                "down-triangle": [(0, r + 1), (r + 1, -r), (-r - 1, -r)],
                "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
            }[shape]
            painter.drawPolygon(
                QPolygonF([QPointF(at.x() + dx, at.y() + dy) for dx, dy in corners])
            )
        painter.setBrush(Qt.BrushStyle.NoBrush)
