"""The Reports section: pick a period, see the figures with charts, list the people behind a
figure, and export the report pack (PDF, spreadsheet, CSV) with small numbers suppressed.

The figures are worked out by services/reports.py (the same code as ``linkworker report``);
exports go through services/report_exports.py at the service's suppression setting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.reports.model import Report
from linkworker_desktop.reports.period import PRESET_LABELS, PRESETS, Period, preset
from linkworker_desktop.reports.suppression import marker
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.report_exports import FORMATS, export_report, suppress_below
from linkworker_desktop.services.report_people import people_behind, people_paths
from linkworker_desktop.services.reports import caseload_report
from linkworker_desktop.ui.a11y import ASSERTIVE, announce
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.report_people_dialog import ReportPeopleDialog
from linkworker_desktop.ui.widgets.date_field import DateField
from linkworker_desktop.ui.widgets.report_figures import ReportFigures
from linkworker_desktop.ui.widgets.value_label import ValueLabel

GROUPINGS = (
    ("Whole service", None),
    ("Worker", "worker"),
    ("Team", "team"),
    ("GP practice", "practice"),
    ("Referral source", "source"),
)
EXPORT_WORDS = {"pdf": "Export P&DF…", "xlsx": "E&xport spreadsheet (xlsx)…", "csv": "Export &CSV…"}


class ReportsView(QWidget):
    def __init__(
        self,
        profile: ProfileGetter,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        super().__init__(parent)
        self._profile = profile
        self._today = today
        self._now = now
        self.report: Report | None = None
        self._dialogs: dict[str, QFileDialog] = {}
        self.people_dialog: ReportPeopleDialog | None = None

        heading = QLabel("<h2>Reports</h2>", self)
        self.period = QComboBox(self)
        for key in PRESETS:
            self.period.addItem(PRESET_LABELS[key], key)
        self.period.setAccessibleName("Period")
        self.period.setCurrentIndex(PRESETS.index("financial_year"))
        self.start = DateField(parent=self)
        self.start.setAccessibleName("From (dd/mm/yyyy)")
        self.end = DateField(parent=self)
        self.end.setAccessibleName("To (dd/mm/yyyy)")
        self.by = QComboBox(self)
        for words, key in GROUPINGS:
            self.by.addItem(words, key)
        self.by.setAccessibleName("By")
        self.show_button = QPushButton("Sho&w figures", self)
        self.show_button.setAccessibleName("Show figures")
        self.show_button.setDefault(True)
        choose = QHBoxLayout()
        for caption, field in (
            ("&Period:", self.period),
            ("Fro&m:", self.start),
            ("&To:", self.end),
            ("&By:", self.by),
        ):
            label = QLabel(caption, self)
            label.setBuddy(field)
            choose.addWidget(label)
            choose.addWidget(field)
        choose.addWidget(self.show_button)
        choose.addStretch(1)

        self.export_buttons: dict[str, QPushButton] = {}
        exports = QHBoxLayout()
        for kind, words in EXPORT_WORDS.items():
            button = QPushButton(words, self)
            button.setAccessibleName(words.replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _checked=False, k=kind: self.ask_where(k))
            self.export_buttons[kind] = button
            exports.addWidget(button)
        exports.addStretch(1)

        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.status = ValueLabel("Report status", "", self)
        self.status.setWordWrap(True)
        self.figures = ReportFigures(self)
        self.figures.figure_chosen.connect(self.show_people)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.figures)
        self.scroll.setAccessibleName("Report figures")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(choose)
        layout.addLayout(exports)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll, 1)

        self.period.currentIndexChanged.connect(lambda _i: self._fill_dates())
        self.start.textEdited.connect(lambda _t: self._to_custom())
        self.end.textEdited.connect(lambda _t: self._to_custom())
        self.show_button.clicked.connect(lambda: self.refresh())
        self._fill_dates()
        self._say_note(None)

    # --- profile ---------------------------------------------------------------------------

    def set_profile(self, profile: OpenProfile | None) -> None:
        self.report = None
        self.figures.clear()
        self.status.clear()
        self._say_note(profile)
        if profile is not None and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.report is None and usable(self._profile()) is not None:
            self.refresh()

    def data_changed(self) -> None:
        """Something was saved or synced: figures on show are worked out again; otherwise
        when the section is next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self.report = None

        # --- the period ------------------------------------------------------------------------

    def _fill_dates(self) -> None:
        key = self.period.currentData()
        if key == "custom":
            return  # the dates typed stay as they are
        chosen = preset(key, self._today())
        self.start.set_date(chosen.start)
        self.end.set_date(chosen.end)

    def _to_custom(self) -> None:
        if self.period.currentData() != "custom":
            self.period.blockSignals(True)
            self.period.setCurrentIndex(PRESETS.index("custom"))
            self.period.blockSignals(False)

    def chosen_period(self) -> Period | None:
        """The period typed or picked; on a problem, says it, keeps the text, and gives None."""
        start, start_problem = self.start.read()
        end, end_problem = self.end.read()
        for field, name, day, problem in (
            (self.start, "From", start, start_problem),
            (self.end, "To", end, end_problem),
        ):
            if problem or day is None:
                self._problem(f"{name} date: {problem or 'type a date, for example 01/04/2026.'}")
                field.setFocus()
                return None
        assert start is not None and end is not None
        try:
            return Period(start, end)
        except ValidationError as exc:
            self._problem(" ".join(exc.problems.values()))
            self.start.setFocus()
            return None

    # --- figures ---------------------------------------------------------------------------

    def refresh(self) -> Report | None:
        profile = usable(self._profile())
        if profile is None:
            return None
        period = self.chosen_period()
        if period is None:
            return None
        try:
            report = caseload_report(profile, period, self._now(), by=self.by.currentData())
        except ValidationError as exc:
            self._problem(" ".join(exc.problems.values()))
            return None
        self.report = report
        self.figures.show_figures(report.figures, people_paths(report), report.groups or None)
        received = report.figures["referrals"]["received"]
        self._say(
            f"Figures for {period.label}: {received} "
            f"{'referral' if received == 1 else 'referrals'} received."
        )
        return report

    def show_people(self, path: str, caption: str) -> ReportPeopleDialog | None:
        profile = usable(self._profile())
        if profile is None or self.report is None:
            return None
        dialog = ReportPeopleDialog(caption, people_behind(profile, self.report, path), self)
        self.people_dialog = dialog
        window = self.window()
        if hasattr(window, "open_record"):
            dialog.open_record_requested.connect(window.open_record)
        dialog.open()
        return dialog

    # --- exports ---------------------------------------------------------------------------

    def ask_where(self, kind: str) -> QFileDialog | None:
        """Ask where to save: Qt's own file dialog, as Save as PDF does; Enter saves."""
        if usable(self._profile()) is None:
            return None
        if self.report is None and self.refresh() is None:
            return None
        suffix, file_filter = FORMATS[kind]
        dialog = self._dialogs.get(kind)
        if dialog is None:
            folder = next(
                (d.directory().absolutePath() for d in self._dialogs.values()), _documents()
            )
            title = EXPORT_WORDS[kind].replace("&", "").rstrip("…")
            dialog = QFileDialog(self, title, folder, file_filter)
            dialog.setObjectName(f"export-{kind}-dialog")
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setFileMode(QFileDialog.FileMode.AnyFile)
            dialog.setDefaultSuffix(suffix.lstrip("."))
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            dialog.fileSelected.connect(lambda path, k=kind: self.export_to(k, path))
            dialog.rejected.connect(lambda: self._say("Not exported: no file was chosen."))
            self._dialogs[kind] = dialog
        assert self.report is not None and self.report.period is not None
        period = self.report.period
        dialog.selectFile(f"Report {period.start.isoformat()} to {period.end.isoformat()}{suffix}")
        dialog.open()
        return dialog

    def export_to(self, kind: str, path: str) -> Path | None:
        profile = usable(self._profile())
        if profile is None or self.report is None:
            return None
        try:
            target = export_report(profile, self.report, path, kind)
        except OSError as exc:
            self._problem(f"Could not export to {path}: {exc.strerror or exc}. Nothing was saved.")
            return None
        self._say(
            f'Exported {target}. Small numbers are shown as "{marker(suppress_below(profile))}".'
        )
        return target

    # --- words -----------------------------------------------------------------------------

    def _say_note(self, profile: OpenProfile | None) -> None:
        threshold = suppress_below(profile) if usable(profile) is not None else 8
        self.note.setText(
            "On screen the figures are exact, for the service's own use; press a figure to see "
            f"the people behind it. Exports leave out every name and NHS number and show counts "
            f'from 1 to {threshold - 1} as "{marker(threshold)}".'
        )

    def _say(self, text: str) -> None:
        self.status.setText(text)
        announce(self.status, text)

    def _problem(self, text: str) -> None:
        self.status.setText(text)
        announce(self.status, text, ASSERTIVE)


def _documents() -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and Path(folder).is_dir() else str(Path.home())
