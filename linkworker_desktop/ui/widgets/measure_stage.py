"""The runner's measure stage: ask the service's measure when it is due, or say it is not.

Whether a measure is due (a baseline first, then a review every N sessions) is the service's
rule, so this page only asks MeasureService.due and words the answer. A worker may still record
one that is not due (the patient asked, or things changed a lot); that is saved as a review.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.measures import Measure
from linkworker_desktop.services.measures import MeasureService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.settings import DEFAULT_MEASURE, MEASURE_REVIEW_EVERY
from linkworker_desktop.ui.widgets.measure_form import MeasureForm
from linkworker_desktop.ui.widgets.value_label import ValueLabel


def due_text(measure: Measure, due: str | None, every: int) -> str:
    name = measure.short_name
    if measure.purpose == "service_use":
        return f"{name}: record each count when the practice gives it; leave the other blank."
    if due == "baseline":
        return f"A baseline {name} is due: there is no complete one yet for this referral."
    if due == "review":
        return f"A review {name} is due (the service repeats it every {every} sessions)."
    return (
        f"No {name} is due at this session: the baseline is done, and the service repeats it"
        f" every {every} sessions."
    )


class MeasureStage(QWidget):
    rebuilt = Signal()  # a questionnaire appeared: the host may re-order Tab

    def __init__(
        self,
        profile: Callable[[], OpenProfile | None],
        patient_id: str,
        referral_id: str | None,
        session_id: str | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._profile = profile
        self.patient_id = patient_id
        self.referral_id = referral_id
        self.session_id = session_id
        self.forms: dict[str, MeasureForm] = {}
        self._pages: dict[str, QWidget] = {}
        self._measures: dict[str, Measure] = {}
        self._due_texts: dict[str, str] = {}

        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName("Measure to ask")
        chooser_label = QLabel("&Measure:", self)
        chooser_label.setBuddy(self.chooser)
        self.due_label = ValueLabel("Whether this measure is due", self)
        self.due_label.setWordWrap(True)
        self.pages = QStackedWidget(self)

        top = QHBoxLayout()
        top.addWidget(chooser_label)
        top.addWidget(self.chooser)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.due_label)
        layout.addWidget(self.pages, 1)

        profile_now = profile()
        if profile_now is not None:
            self._fill(profile_now)
        self.chooser.currentIndexChanged.connect(self._show_chosen)

    def _fill(self, profile: OpenProfile) -> None:
        service = MeasureService(profile)
        # The Friends and Family Test is asked when support ends, in the discharge dialog.
        askable = [m for m in service.askable() if m.purpose != "feedback"]
        self._measures = {m.id: m for m in askable}
        for measure in askable:
            self.chooser.addItem(measure.name, measure.id)
        default = profile.settings.get(DEFAULT_MEASURE)
        index = self.chooser.findData(default)
        self.chooser.setCurrentIndex(max(index, 0))
        self._show_chosen()

    def _show_chosen(self) -> None:
        measure_id = self.chooser.currentData()
        if measure_id is None:
            return
        if measure_id not in self._pages:
            page = self._page_for(self._measures[measure_id])
            if page is None:
                return
            self._pages[measure_id] = page
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(self._pages[measure_id])
        self.due_label.setText(self._due_texts[measure_id])
        self.rebuilt.emit()

    def _page_for(self, measure: Measure) -> QWidget | None:
        profile = self._profile()
        if profile is None:
            self.due_label.setText("The caseload is locked. Unlock it to see which measure is due.")
            return None
        due = MeasureService(profile).due(self.patient_id, self.referral_id, measure.id)
        every = profile.settings.get(MEASURE_REVIEW_EVERY)
        self._due_texts[measure.id] = due_text(measure, due, every)
        if due is not None:
            return self._form(measure, due)
        page = QWidget(self)
        anyway = QPushButton(f"Record {measure.short_name} anyway", page)
        anyway.setAccessibleName(f"Record {measure.short_name} anyway, as a review")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(anyway)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

        def record_anyway() -> None:
            form = self._form(measure, "review")
            layout.insertWidget(0, form)
            anyway.hide()
            self._due_texts[measure.id] = (
                f"Recording {measure.short_name} although it is not due; it is kept as a review."
            )
            self.due_label.setText(self._due_texts[measure.id])
            self.rebuilt.emit()
            form.setFocus()

        anyway.clicked.connect(record_anyway)
        return page

    def _form(self, measure: Measure, timepoint: str) -> MeasureForm:
        form = MeasureForm(
            measure,
            timepoint,
            self._profile,
            self.patient_id,
            referral_id=self.referral_id,
            session_id=self.session_id,
            parent=self,
        )
        self.forms[measure.id] = form
        return form
