"""The community directory: search as you type, see when groups meet, connect a patient."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from html import escape

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.directory import (
    ConnectionKind,
    ConnectionOutcome,
    DirectoryService,
)
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.directory import Directory, SearchHit
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.dialogs.connect_dialog import ConnectDialog
from linkworker_desktop.ui.dialogs.local_service_dialog import LocalServiceDialog
from linkworker_desktop.ui.models.directory_model import Column, DirectoryModel
from linkworker_desktop.ui.widgets.clear_button import name_clear_button
from linkworker_desktop.ui.widgets.value_label import StatusLabel, ValueLabel
from linkworker_desktop.ui.widgets.when_fields import ClockTimeField

ProfileGetter = Callable[[], OpenProfile | None]
_KEYBOARD_FOCUS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
_DAYS = ["Any day", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


_FITTED_COLUMNS = (Column.CATEGORY, Column.NEXT, Column.DISTANCE, Column.COST, Column.STATUS)


class DirectoryView(QWidget):
    changed = Signal()

    def __init__(self, profile: ProfileGetter, parent: QWidget | None = None):
        super().__init__(parent)
        self._profile = profile
        self._dialogs: list[QWidget] = []
        self.for_patient = ""  # set when a record asked to find a service for its patient

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search groups and services (e.g. walking, money, choir)")
        self.search.setAccessibleName("Search the directory")
        name_clear_button(self.search)
        self.category = QComboBox(self)
        self.category.setAccessibleName("Category")
        self.day = QComboBox(self)
        self.day.setAccessibleName("Day")
        self.day.addItems(_DAYS)
        self.use_time = QCheckBox("Meets at", self)
        self.use_time.setAccessibleName("Meets at (only groups meeting at a time)")
        self.time = ClockTimeField(time(10, 0), "Time", self)  # one Tab stop, typed as 10:30
        self.free = QCheckBox("Free only", self)
        self.free.setAccessibleName("Free only")
        self.near = QLineEdit(self)
        self.near.setPlaceholderText("Near postcode")
        self.near.setAccessibleName("Near postcode")
        self.near.setMaximumWidth(120)
        self.within = QDoubleSpinBox(self)
        self.within.setRange(0.5, 50)
        self.within.setValue(5)
        self.within.setSuffix(" km")
        self.within.setAccessibleName("Within distance")
        self.access = QLineEdit(self)
        self.access.setPlaceholderText("Access needs (e.g. step-free, hearing loop)")
        self.access.setAccessibleName("Accessibility notes")

        self.model = DirectoryModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Directory results")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # one Tab stop; arrows move within the results
        self.table.verticalHeader().setVisible(False)
        # Fitting a column reads only the rows on show, never all of them.
        self.table.verticalHeader().setResizeContentsPrecision(0)
        self.table.installEventFilter(self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        # Sized to the first results, then kept (and left to the person to drag): refitting on
        # every keystroke asks for every cell, and columns that jump as you type are hard to read.
        self._columns_fitted = False
        self.details = QTextBrowser(self)
        self.details.setAccessibleName("Details of the selected service")
        self.details.setOpenExternalLinks(False)
        self.count = ValueLabel("Number of results", "", self)
        self.message = StatusLabel("Directory messages", "", self)
        self.message.setWordWrap(True)

        self.connect_button = self._button("&Connect a patient…", self.connect_patient)
        self.confirm_button = self._button("Still &running", lambda: self.report("confirmed"))
        self.closed_button = self._button("Report c&losed…", lambda: self.report("closed"))
        self.changed_button = self._button("Report c&hanged…", lambda: self.report("changed"))
        self.local_button = self._button("&Add local group…", self.add_local)

        filters = QHBoxLayout()
        for widget in (
            self.category,
            self.day,
            self.use_time,
            self.time,
            self.free,
            self.near,
            self.within,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        actions = QHBoxLayout()
        for button in (
            self.connect_button,
            self.confirm_button,
            self.closed_button,
            self.changed_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.local_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details)
        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([740, 300])  # the results first: names are the longest column
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.access)
        layout.addWidget(self.count)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(actions)

        self.search.textChanged.connect(self.refresh)
        self.access.textChanged.connect(self.refresh)
        self.near.textChanged.connect(self.refresh)
        for combo in (self.category, self.day):
            combo.currentIndexChanged.connect(self.refresh)
        for box in (self.use_time, self.free):
            box.toggled.connect(self.refresh)
        self.time.value_changed.connect(self.refresh)
        self.time.problem_changed.connect(lambda _problem: self.refresh())
        self.within.valueChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self._set_actions_enabled(False)

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda: slot())
        return button

    # --- profile and search -------------------------------------------------------------------

    def set_profile(self, profile: OpenProfile | None) -> None:
        if profile is None:
            self.category.blockSignals(True)
            self.category.clear()
            self.category.blockSignals(False)
            self.model.clear()
            self.details.clear()
            self.count.clear()
            return
        current = self.category.currentText()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("Any category", "")
        for name in Directory(profile).categories():
            self.category.addItem(name, name)
        self.category.setCurrentIndex(max(0, self.category.findText(current)))
        self.category.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        profile = self._profile()
        if profile is None:
            return
        near = self.near.text().strip()
        try:
            hits = Directory(profile).search(
                self.search.text(),
                category=self.category.currentData() or "",
                weekday=self.day.currentIndex() - 1 if self.day.currentIndex() > 0 else None,
                at=self._meets_at(),
                free_only=self.free.isChecked(),
                near_postcode=near if len(near) >= 2 else "",
                within_km=self.within.value() if len(near) >= 2 else None,
                accessibility=self.access.text(),
            )
            self.message.clear()
        except ValidationError as exc:
            hits = []
            self.message.set_quietly(" ".join(exc.problems.values()))  # while typing
        self.model.set_hits(hits)
        if hits and not self._columns_fitted:
            self._columns_fitted = True
            for column in _FITTED_COLUMNS:
                self.table.resizeColumnToContents(column)
        self.count.setText(f"{len(hits)} result{'s' if len(hits) != 1 else ''}")
        self.details.clear()
        self._set_actions_enabled(False)

    def _meets_at(self) -> time | None:
        """The "Meets at" time, or None when not asked for; a time that cannot be read says so."""
        if not self.use_time.isChecked():
            return None
        if self.time.problem():
            raise ValidationError({"at": f"Meets at: {self.time.problem()}"})
        return self.time.time()

    def selected(self) -> SearchHit | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.hit(rows[0].row()) if rows else None

    def _set_actions_enabled(self, enabled: bool) -> None:
        for button in (
            self.connect_button,
            self.confirm_button,
            self.closed_button,
            self.changed_button,
        ):
            button.setEnabled(enabled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Tab into the results selects the row the cursor is on, so Connect… has a service.

        Qt puts the cursor on the first row without selecting it, which leaves a keyboard user
        looking at a row while every action on it stays greyed out.
        """
        if (
            watched is self.table
            and event.type() == QEvent.Type.FocusIn
            and event.reason() in _KEYBOARD_FOCUS
            and self.model.rowCount()
            and not self.table.selectionModel().hasSelection()
        ):
            self.table.selectRow(max(0, self.table.currentIndex().row()))
        return super().eventFilter(watched, event)

    def _show_selected(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        hit = self.selected()
        self._set_actions_enabled(hit is not None)
        profile = self._profile()
        if hit is not None and profile is not None:
            self.details.setHtml(_describe(hit, Directory(profile).outcomes_for(hit.service.id)))

    # --- actions ------------------------------------------------------------------------------

    def _require(self) -> OpenProfile:
        profile = self._profile()
        if profile is None:
            raise RuntimeError("the caseload is locked")
        return profile

    def _keep(self, dialog: QWidget) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _r: self._dialogs.remove(dialog))  # type: ignore[attr-defined]

    def connect_patient(self, patient_id: str = "") -> ConnectDialog | None:
        patient_id = patient_id or self.for_patient
        hit = self.selected()
        if hit is None:
            return None
        profile = self._require()
        patients = [
            (row.patient_id, f"{row.name} ({format_nhs_number(row.nhs_number)})")
            for row in CaseloadService(profile).rows()
            if row.status is not None and row.status.is_open
        ]

        def save(chosen: str, kind: ConnectionKind, notes: str) -> None:
            Directory(self._require()).connect(chosen, hit.service.id, kind, notes=notes)
            self.message.setText(f"Connected to {hit.service.name}.")
            self.changed.emit()

        dialog = ConnectDialog(hit.service.name, patients, save, patient_id, self)
        self._keep(dialog)
        dialog.open()
        return dialog

    def report(self, kind: str, notes: str | None = None) -> bool:
        hit = self.selected()
        if hit is None:
            return False
        if notes is None and kind != "confirmed":
            notes, accepted = QInputDialog.getText(
                self, "Report", f"What has {'&closed' if kind == 'closed' else '&changed'}?"
            )
            if not accepted:
                return False
        Directory(self._require()).report(hit.service.id, kind, notes or "")
        self.message.setText(
            {
                "confirmed": f"{hit.service.name} marked as still running today.",
                "closed": f"Reported {hit.service.name} as closed.",
                "changed": f"Reported a change to {hit.service.name}.",
            }[kind]
        )
        self.changed.emit()
        self.refresh()
        return True

    def add_local(self) -> LocalServiceDialog:
        profile = self._require()

        def save(service: DirectoryService) -> None:
            Directory(self._require()).add_local(service)
            self.message.setText(f"Added {service.name} as a local entry.")
            self.changed.emit()
            self.refresh()

        dialog = LocalServiceDialog(Directory(profile).categories(), save, self)
        self._keep(dialog)
        dialog.open()
        return dialog


def _describe(hit: SearchHit, outcomes: dict[str, int] | None = None) -> str:
    s = hit.service
    parts = [f"<h3>{escape(s.name)}</h3>"]
    if s.organisation:
        parts.append(f"<p>{escape(s.organisation)}</p>")
    if s.description:
        parts.append(f"<p>{escape(s.description)}</p>")
    rows = [
        ("Meets", "; ".join(sched.describe() for sched in s.schedules) or "Not given"),
        ("Next", f"{hit.next_meeting:%A %d %B, %H:%M}" if hit.next_meeting else "Not known"),
        (
            "Where",
            "; ".join(
                ", ".join(v for v in (loc.name, loc.address, loc.postcode) if v)
                for loc in s.locations
            )
            or "Not given",
        ),
        ("Phone", ", ".join(s.phones) or "—"),
        ("Email", s.email or "—"),
        (
            "Cost",
            s.cost_text or {True: "Free", False: "There is a charge"}.get(s.free, "Not known"),
        ),  # type: ignore[arg-type]
        ("Who it is for", s.eligibility or "Not given"),
        ("Access", s.accessibility or "Not given"),
        ("Last confirmed", f"{s.last_confirmed:%d %B %Y}" if s.last_confirmed else "Never"),
    ]
    table = "".join(
        f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows
    )
    parts.append(f"<table cellspacing='4'>{table}</table>")
    if hit.needs_review:
        parts.append("<p><b>Check before referring:</b> not confirmed in the last year.</p>")
    if s.source == "local":
        parts.append("<p>Local entry, added by the team.</p>")
    if outcomes:
        total = sum(outcomes.values())
        words = ", ".join(
            f"{count} {ConnectionOutcome(key).label.lower() if key != 'waiting' else 'waiting'}"
            for key, count in sorted(outcomes.items(), key=lambda kv: -kv[1])
        )
        parts.append(
            f"<p><b>Connected {total} patient{'s' if total != 1 else ''}:</b> {escape(words)}.</p>"
        )
    return "".join(parts)
