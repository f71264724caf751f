"""The record's Measures tab: per measure, the change in words, a chart, and every result.

The change is said first and in words ("Anxiety fell from 8 to 5 (better)") because that is
what the worker and the GP letter need; the chart shows the path and the table the detail.
An incomplete result is listed as incomplete, never charted as a zero.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.measures import Measure
from linkworker_desktop.ui.models.record_data import MeasureHistory
from linkworker_desktop.ui.models.session_words import change_text, medium_date, number
from linkworker_desktop.ui.widgets.score_chart import ChartSeries, ScoreChart
from linkworker_desktop.ui.widgets.value_label import ValueLabel

NO_MEASURES_TEXT = "No outcome measures recorded yet."
TIMEPOINTS = {"baseline": "Baseline", "review": "Review", "discharge": "Discharge"}


def score_labels(history: MeasureHistory) -> list[tuple[str, str, bool]]:
    """(score id, label, higher is better) in the measure's order, or as the results have them."""
    if history.measure is not None:
        return [(r.id, r.label, r.higher_is_better) for r in history.measure.scores]
    seen: dict[str, str] = {}
    for result in history.results:
        for value in result.score.values:
            seen.setdefault(value.id, value.label)
    return [(key, label, True) for key, label in seen.items()]


def chart_series(history: MeasureHistory) -> list[ChartSeries]:
    series = []
    for score_id, label, higher in score_labels(history):
        points = tuple(
            (result.recorded_at.astimezone().date(), value.value)
            for result in history.results
            if result.score.complete
            for value in result.score.values
            if value.id == score_id
        )
        series.append(ChartSeries(label, points, higher))
    return series


def score_range(measure: Measure) -> tuple[float, float]:
    """The range every score of a measure can take: the chart's y axis runs over all of it."""
    lows, highs = [], []
    for rule in measure.scores:
        count = len(rule.items)
        if rule.method == "sum":
            lows.append(measure.scale_min * count)
            highs.append(measure.scale_max * count)
        elif rule.method == "sum_table" and rule.table:
            lows.append(min(rule.table.values()))
            highs.append(max(rule.table.values()))
        else:
            lows.append(measure.scale_min)
            highs.append(measure.scale_max)
    if not lows:
        return measure.scale_min, measure.scale_max
    return min(lows), max(highs)


def change_lines(history: MeasureHistory) -> list[str]:
    complete = sum(1 for r in history.results if r.score.complete)
    if history.changes:
        dates = [r.recorded_at.astimezone().date() for r in history.results if r.score.complete]
        lead = f"From {medium_date(dates[0])} to {medium_date(dates[-1])}:"
        return [lead] + [f"• {change_text(c)}" for c in history.changes]
    if complete == 1:
        return ["One complete result so far: the change shows once it is asked again."]
    return ["No complete result yet, so no change to show."]


def incomplete_text(missing: int, total: int) -> str:
    return f"Incomplete: {missing} of {total} questions not answered, so not scored"


class MeasureBox(QGroupBox):
    """One measure: change lines, chart, results table and its copyright line."""

    def __init__(self, history: MeasureHistory, parent: QWidget | None = None):
        super().__init__(history.name, parent)
        self.history = history
        self.setAccessibleName(history.name)
        self.change = ValueLabel(
            f"Change in {history.name}", "\n".join(change_lines(history)), self
        )
        self.change.setWordWrap(True)
        self.chart = ScoreChart(history.name, self)
        measure = history.measure
        low, high = score_range(measure) if measure else (0, 10)
        self.chart.set_data(chart_series(history), low, high)
        self.table = self._table()
        layout = QVBoxLayout(self)
        layout.addWidget(self.change)
        layout.addWidget(self.chart)
        layout.addWidget(self.table)
        if measure is not None and measure.copyright:
            small = ValueLabel("Copyright", measure.copyright, self)
            small.setWordWrap(True)
            font = small.font()
            font.setPointSizeF(font.pointSizeF() * 0.9)
            small.setFont(font)
            layout.addWidget(small)

    def _table(self) -> QTableWidget:
        labels = score_labels(self.history)
        table = QTableWidget(len(self.history.results), 2 + len(labels), self)
        table.setAccessibleName(f"{self.history.name} results")
        table.setHorizontalHeaderLabels(
            ["Date", "When asked"]
            + [label if higher else f"{label} (lower is better)" for _, label, higher in labels]
        )
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)
        total = len(self.history.measure.items) if self.history.measure else 0
        for row, result in enumerate(self.history.results):
            cells = [
                medium_date(result.recorded_at.astimezone().date()),
                TIMEPOINTS.get(result.timepoint, result.timepoint),
            ]
            if result.score.complete:
                values = {v.id: v for v in result.score.values}
                for score_id, _label, _higher in labels:
                    value = values.get(score_id)
                    band = f" ({value.band})" if value and value.band else ""
                    cells.append(f"{number(value.value)}{band}" if value else "")
            else:
                cells.append(incomplete_text(len(result.score.missing), total))
                if len(labels) > 1:
                    table.setSpan(row, 2, 1, len(labels))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2 and result.score.complete:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.resizeRowsToContents()
        height = header.sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(height + 2)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table


class MeasuresTab(QScrollArea):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Measures")
        self.boxes: list[MeasureBox] = []
        self.clear()

    def show_record(self, measures: list[MeasureHistory]) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.boxes = [MeasureBox(history, page) for history in measures]
        for box in self.boxes:
            layout.addWidget(box)
        if not self.boxes:
            empty = QLabel(NO_MEASURES_TEXT, page)
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(empty)
        layout.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(page)

    def clear(self) -> None:
        self.show_record([])

    @property
    def text(self) -> str:
        """Everything the tab says in words (for tests and a quick read-out)."""
        return "\n".join(box.change.text() for box in self.boxes)
