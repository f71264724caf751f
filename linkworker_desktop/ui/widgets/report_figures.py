"""A report's figures on screen, section by section: a chart for each breakdown, and every
figure as "caption: value", pressable (mouse or keyboard) when there are people behind it.

On screen the figures are exact: this is the service's own view. Exports suppress small
numbers (reports/suppression.py); the rows here are made by the same code with no threshold,
so the words and the order match the PDF.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from linkworker_desktop.reports.chart_data import charts_for
from linkworker_desktop.reports.figure_names import category_label, figure_title, section_title
from linkworker_desktop.reports.suppression import Row, safe_rows
from linkworker_desktop.ui.widgets.report_chart import ReportChart
from linkworker_desktop.ui.widgets.value_label import ValueLabel

UNSUPPRESSED = 1  # no count is below 1: the service sees its own exact figures


class FigureButton(QPushButton):
    """A figure with people behind it: its words are its name, pressing lists the people."""

    def __init__(self, caption: str, shown: str, path: str, parent: QWidget | None = None):
        words = f"{caption}: {shown}"
        super().__init__(words.replace("&", "&&"), parent)
        self.path = path
        self.caption = caption
        self.setAccessibleName(words)
        self.setAccessibleDescription("Press to list the people behind this figure.")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QPushButton { text-align: left; text-decoration: underline; }")


class ReportFigures(QWidget):
    figure_chosen = Signal(str, str)  # figure path, caption

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, FigureButton] = {}
        self.charts: dict[str, ReportChart] = {}

    def show_figures(
        self, figures: dict, with_people: Iterable[str], groups: dict[str, dict] | None = None
    ) -> None:
        self.clear()
        people = set(with_people)
        rows = safe_rows(figures, UNSUPPRESSED)
        charts = dict(charts_for(rows))
        by_section: dict[str, list[Row]] = {}
        for row in rows:
            by_section.setdefault(row.section, []).append(row)
        for section, cells in by_section.items():
            box = QGroupBox(section_title(section), self)
            inner = QVBoxLayout(box)
            singles = QGridLayout()
            for index, row in enumerate(r for r in cells if not r.breakdown):
                caption = figure_title(row.section, row.figure)
                self._place(singles, index, 1, caption, row, row.path, people, box)
            singles.setColumnStretch(4, 1)  # the figures keep to the left, beside their words
            inner.addLayout(singles)
            breakdowns: dict[str, list[Row]] = {}
            for row in cells:
                if row.breakdown:
                    breakdowns.setdefault(row.path, []).append(row)
            for path, parts in breakdowns.items():
                heading = QLabel(f"<b>{figure_title(parts[0].section, parts[0].figure)}</b>", box)
                inner.addWidget(heading)
                if path in charts:
                    chart = ReportChart(charts[path], box)
                    self.charts[path] = chart
                    inner.addWidget(chart)
                grid = QGridLayout()
                for index, row in enumerate(parts):
                    caption = category_label(row.section, row.figure, row.breakdown)
                    key = f"{path}.{row.breakdown}"
                    self._place(grid, index, 2, caption, row, key, people, box)
                grid.setColumnStretch(4, 1)
                inner.addLayout(grid)
            self._layout.addWidget(box)
        if groups:
            self._layout.addWidget(self._groups(groups))
        self._layout.addStretch(1)
        self._layout.activate()  # laid out now, so a figure can be pressed straight away
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def clear(self) -> None:
        while (item := self._layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.buttons.clear()
        self.charts.clear()

    def _place(
        self,
        grid: QGridLayout,
        index: int,
        per_line: int,
        caption: str,
        row: Row,
        key: str,
        people: set[str],
        parent: QWidget,
    ) -> None:
        """A figure at its place in the grid: a button when people stand behind it, else its
        caption beside its value (read as "caption: value")."""
        line, column = divmod(index, per_line)
        column *= 2
        grid.setColumnMinimumWidth(column, 260)
        if key in people and row.value:
            button = FigureButton(caption, row.shown, key, parent)
            button.clicked.connect(lambda _checked=False, k=key, c=caption: self._choose(k, c))
            self.buttons[key] = button
            grid.addWidget(button, line, column, 1, 2)
            return
        name = QLabel(caption, parent)
        name.setTextFormat(Qt.TextFormat.PlainText)
        value = ValueLabel(caption, row.shown, parent)
        value.setTextFormat(Qt.TextFormat.PlainText)
        name.setBuddy(value)
        grid.addWidget(name, line, column)
        grid.addWidget(value, line, column + 1)

    def _choose(self, key: str, caption: str) -> None:
        self.figure_chosen.emit(key, caption)

    def _groups(self, groups: dict[str, dict]) -> QGroupBox:
        box = QGroupBox("By group", self)
        layout = QVBoxLayout(box)
        for name, figures in groups.items():
            received = figures.get("referrals", {}).get("received", 0)
            attended = figures.get("contacts", {}).get("attended", 0)
            discharged = figures.get("discharges", {}).get("total", 0)
            words = (
                f"{name}: {received} referrals received, {attended} contacts attended, "
                f"{discharged} discharges"
            )
            label = QLabel(words, box)  # read as the words it shows
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        return box
