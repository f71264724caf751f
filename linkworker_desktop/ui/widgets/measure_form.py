"""One outcome measure as a questionnaire: instructions, items, answers, copyright, scores.

Each answer is a radio button showing its number (and the scale's words where the measure has
them), so the worker can read the options aloud exactly. A question left unanswered makes the
result incomplete and unscored; the form says so before and after saving, and never scores it
as zero.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.measures import Item, Measure, MeasureScore
from linkworker_desktop.services.measures import MeasureResult, MeasureService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.widgets.value_label import ValueLabel

TIMEPOINT_WORDS = {"baseline": "Baseline", "review": "Review", "discharge": "Discharge"}
# A scale longer than this is a count (GP appointments), typed as a number, not a row of buttons.
MOST_BUTTONS = 11
NOT_KNOWN = "Not known yet"


def option_text(value: int, words: str) -> str:
    return f"{value} – {words}" if words else str(value)


def result_lines(measure: Measure, score: MeasureScore) -> list[str]:
    """The saved result in words: each score with its band, or why there is none."""
    if not score.complete:
        texts = {item.id: item.text for item in measure.items}
        numbers = {item.id: n for n, item in enumerate(measure.items, start=1)}
        missing = "; ".join(f"{numbers[i]}. {texts[i] or i}" for i in score.missing)
        count = len(score.missing)
        return [
            f"Saved as incomplete: {count} question{'s were' if count > 1 else ' was'} "
            f"not answered ({missing}).",
            "No scores are worked out from an incomplete questionnaire.",
        ]
    lines = []
    for value in score.values:
        shown = f"{value.value:g}"
        band = f" – {value.band}" if value.band else ""
        direction = "" if value.higher_is_better else " (lower is better)"
        lines.append(f"{value.label}: {shown}{band}{direction}")
    return lines


def results_html(measure: Measure, score: MeasureScore) -> str:
    """The result as a small table (scores) or a plain statement (incomplete)."""
    if not score.complete:
        return "<br>".join(escape(line) for line in result_lines(measure, score))
    rows = "".join(
        f"<tr><td>{escape(v.label)}</td><td align='right'><b>{v.value:g}</b></td>"
        f"<td>{escape(v.band or '')}</td>"
        f"<td>{'' if v.higher_is_better else 'lower is better'}</td></tr>"
        for v in score.values
    )
    head = (
        "<tr><th align='left'>Measure</th><th align='right'>Score</th>"
        "<th align='left'>Band</th><th></th></tr>"
    )
    return f"<table cellspacing='0' cellpadding='5'>{head}{rows}</table>"


class MeasureForm(QWidget):
    """Ask one measure and record it through MeasureService.record."""

    recorded = Signal(object)  # MeasureResult

    def __init__(
        self,
        measure: Measure,
        timepoint: str,
        profile: Callable[[], OpenProfile | None],
        patient_id: str,
        referral_id: str | None = None,
        session_id: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.measure = measure
        self.timepoint = timepoint
        self._profile = profile
        self.patient_id = patient_id
        self.referral_id = referral_id
        self.session_id = session_id
        self.result: MeasureResult | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.counts: dict[str, QSpinBox] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(f"{measure.name} · {TIMEPOINT_WORDS.get(timepoint, timepoint)}")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        if measure.instructions:
            instructions = QLabel(measure.instructions)
            instructions.setWordWrap(True)
            layout.addWidget(instructions)
        questions = QWidget(self)
        self._grid = QGridLayout(questions)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        for number, item in enumerate(measure.items, start=1):
            self._add_item(number, item)
        span = measure.scale_max - measure.scale_min + 1
        self._grid.setColumnStretch((span if span <= MOST_BUTTONS else 1) + 1, 1)
        layout.addWidget(questions)

        self.save_button = QPushButton(f"Save {measure.short_name} answers", self)
        self.save_button.setAccessibleName(f"Save {measure.short_name} answers")
        self.save_button.clicked.connect(self.save)
        self.status = ValueLabel(f"{measure.short_name} status", self)
        self.status.setWordWrap(True)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.status, 1)
        layout.addLayout(save_row)

        self.results = ValueLabel(f"{measure.short_name} scores", self)
        self.results.setWordWrap(True)
        self.results.setTextFormat(Qt.TextFormat.RichText)
        self.results.setContentsMargins(0, 6, 0, 6)
        self.results.hide()
        layout.addWidget(self.results)

        copyright_line = ValueLabel("Copyright", measure.copyright)
        copyright_line.setWordWrap(True)
        small = copyright_line.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        copyright_line.setFont(small)
        layout.addWidget(copyright_line)
        layout.addStretch(1)
        self._show_progress()

    def _add_item(self, number: int, item: Item) -> None:
        """A question over its row of answers; one grid for all, so the columns line up."""
        row = 2 * (number - 1)
        question = QLabel(f"{number}. {item.text}", self)
        question.setWordWrap(True)
        question.setContentsMargins(0, 8 if number > 1 else 0, 0, 0)
        self._grid.addWidget(question, row, 0, 1, -1)
        if self.measure.scale_max - self.measure.scale_min + 1 > MOST_BUTTONS:
            self._add_count(number, item, row + 1)
            return
        group = QButtonGroup(self)
        labels = self.measure.item_labels(item)
        for column, value in enumerate(range(self.measure.scale_min, self.measure.scale_max + 1)):
            words = labels.get(value, "")
            button = QRadioButton(option_text(value, words), self)
            button.setAccessibleName(
                f"Question {number}: {value}" + (f", {words}" if words else "")
            )
            group.addButton(button, value)
            self._grid.addWidget(button, row + 1, column + 1)
        group.idToggled.connect(self._show_progress)
        self.groups[item.id] = group

    def _add_count(self, number: int, item: Item, row: int) -> None:
        """A typed count; below the scale's lowest it reads "Not known yet" (saved as blank)."""
        box = QSpinBox(self)
        box.setRange(self.measure.scale_min - 1, self.measure.scale_max)
        box.setSpecialValueText(NOT_KNOWN)
        box.setValue(box.minimum())
        box.setAccessibleName(f"Question {number}: {item.text}")
        box.setAccessibleDescription(
            f"A number from {self.measure.scale_min} to {self.measure.scale_max}, or "
            f"{NOT_KNOWN.lower()}"
        )
        box.valueChanged.connect(self._show_progress)
        self._grid.addWidget(box, row, 1)
        self.counts[item.id] = box

    # --- answers ------------------------------------------------------------------------------

    def answers(self) -> dict[str, int | None]:
        found: dict[str, int | None] = {
            item_id: (group.checkedId() if group.checkedButton() else None)
            for item_id, group in self.groups.items()
        }
        for item_id, box in self.counts.items():
            found[item_id] = None if box.value() < self.measure.scale_min else box.value()
        return {item.id: found.get(item.id) for item in self.measure.items}

    def _show_progress(self) -> None:
        if self.result is not None:
            return
        answered = sum(1 for v in self.answers().values() if v is not None)
        total = len(self.groups) + len(self.counts)
        if answered == total:
            self.status.setText(f"All {total} questions answered.")
        else:
            self.status.setText(
                f"{answered} of {total} answered. Unanswered questions are saved as incomplete,"
                " with no score."
            )

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> MeasureResult | None:
        if self.result is not None:
            return self.result
        profile = self._profile()
        if profile is None:
            self.status.setText("The caseload is locked. Unlock it to save; the answers stay here.")
            return None
        try:
            result = MeasureService(profile).record(
                self.patient_id,
                self.measure.id,
                self.answers(),
                self.timepoint,
                referral_id=self.referral_id,
                session_id=self.session_id,
            )
        except ValidationError as exc:
            self.status.setText(str(exc))
            return None
        self.result = result
        for group in self.groups.values():
            for button in group.buttons():
                button.setEnabled(button.isChecked())  # the answers given stay easy to read
        for box in self.counts.values():
            box.setReadOnly(True)
        self.save_button.hide()
        when = f"{result.recorded_at.astimezone():%H:%M}"
        words = TIMEPOINT_WORDS.get(self.timepoint, self.timepoint).lower()
        if result.score.complete:
            self.status.setText(f"Saved at {when} as the {words}.")
        else:
            self.status.setText(f"Saved at {when} as the {words}, incomplete.")
        self.results.setText(results_html(self.measure, result.score))
        self.results.show()
        self.recorded.emit(result)
        return result
