"""Today: the worker's sessions for one day, in order, with what to prepare and what to do next.

Starting a session is the main window's business (it owns the runner), so the view only asks
for it through ``start_session_requested`` (an appointment) and ``resume_session_requested``
(an interrupted session). Attendance, cancelling and moving are done here through the
services, then the day is read again. ``set_profile(None)`` is the lock: the day is forgotten.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.appointments import DNA_AND_THE_CAP, AppointmentStatus
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.domain.nhs_number import format_nhs_number
from linkworker_desktop.services.appointments import AppointmentService, TodayEntry
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.lone_working import LoneWorkingService
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.safeguarding import SafeguardingService
from linkworker_desktop.ui.current_profile import usable
from linkworker_desktop.ui.dialogs.cancel_dialog import CancelDialog
from linkworker_desktop.ui.dialogs.move_dialog import MoveDialog
from linkworker_desktop.ui.models.session_words import long_date, relative_day, time_range
from linkworker_desktop.ui.models.today_model import Column, TodayModel, status_text
from linkworker_desktop.ui.models.visit_words import overdue_text, still_open_text
from linkworker_desktop.ui.widgets.interrupted_sessions import InterruptedSessions, load_interrupted
from linkworker_desktop.ui.widgets.notice import Notice
from linkworker_desktop.ui.widgets.table_fit import fit_columns
from linkworker_desktop.ui.widgets.value_label import ValueLabel

LOCKED_TEXT = "The caseload is locked. Unlock it to see the day's sessions."
VISIT_CHECK_MS = 60_000  # an overdue visit is noticed within a minute, with nothing changed


def local_now() -> datetime:
    """The wall clock, local and aware, as the sessions' start times are compared with it."""
    return datetime.now().astimezone()


def describe(entry: TodayEntry) -> str:
    """A session named in questions and messages: "Follow-up 3 of 5 with Amy Field at 10:30 …"."""
    at = entry.starts_at
    return f"{entry.label} with {entry.patient_name} at {at:%H:%M} on {at:%a} {at.day} {at:%b}"


def empty_text(day: date, today: date) -> str:
    name = "today" if day == today else f"{day:%A} {day.day} {day:%B}"
    return f"Nothing is booked for {name}. Sessions are booked from a patient's record."


class TodayView(QWidget):
    start_session_requested = Signal(str)  # appointment id
    resume_session_requested = Signal(str)  # session id of an interrupted session
    open_patient_requested = Signal(str)  # patient id
    checked_out = Signal(str)  # check-in id: the team should hear at once (a sync)

    def __init__(
        self, parent: QWidget | None = None, now: Callable[[], datetime] = local_now
    ) -> None:
        """``now`` is the wall clock (local, aware): a test can hold it on a day of its choosing."""
        super().__init__(parent)
        self._profile: OpenProfile | None = None
        self._now = now
        self.day = now().date()
        self.model = TodayModel(self)
        self.dialog: QWidget | None = None  # the cancel, move or confirm dialog open now
        self._open_visits: dict[str, str] = {}  # appointment id -> the worker's open check-in
        self._build()
        self.visit_timer = QTimer(self)
        self.visit_timer.setInterval(VISIT_CHECK_MS)
        self.visit_timer.timeout.connect(self._check_visits)
        self.visit_timer.start()
        self._show_locked()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setAccessibleName("Today")
        self.interrupted = InterruptedSessions(self)
        self.interrupted.resume_requested.connect(self.resume_session_requested)

        self.previous_button = QPushButton("◀ &Previous day", self)
        self.previous_button.setAccessibleName("Previous day")
        self.today_button = QPushButton("&Today", self)
        self.today_button.setAccessibleName("Today")
        self.today_button.setAccessibleDescription("Go to today")
        self.next_button = QPushButton("Ne&xt day ▶", self)
        self.next_button.setAccessibleName("Next day")
        self.previous_button.clicked.connect(lambda: self.set_day(self.day - timedelta(days=1)))
        self.next_button.clicked.connect(lambda: self.set_day(self.day + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.set_day(self._now().date()))
        for keys, step in (("Alt+Left", -1), ("Alt+Right", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(
                lambda step=step: self.set_day(self.day + timedelta(days=step))
            )
        self.date_label = ValueLabel("Day shown", self)
        font = self.date_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.date_label.setFont(font)
        self.count_label = ValueLabel("Number of sessions", self)
        header = QHBoxLayout()
        header.addWidget(self.date_label)
        header.addSpacing(12)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addWidget(self.previous_button)
        header.addWidget(self.today_button)
        header.addWidget(self.next_button)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sessions on the day shown")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the grid for the actions
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(Column.PREPARE, QHeaderView.ResizeMode.Stretch)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._open_selected_patient)

        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty_label)

        self.details = ValueLabel("Selected session", self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_button = QPushButton("&Start session", self)
        self.dna_button = QPushButton("Did &not attend", self)
        self.cancel_button = QPushButton("&Cancel…", self)
        self.move_button = QPushButton("&Move…", self)
        self.open_button = QPushButton("&Open record", self)
        self.check_out_button = QPushButton("Chec&ked out safe", self)
        self.check_out_button.clicked.connect(self.check_out_selected)
        self.start_button.clicked.connect(self.start_selected)
        self.dna_button.clicked.connect(self.ask_did_not_attend)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.move_button.clicked.connect(self.ask_move)
        self.open_button.clicked.connect(self._open_selected_patient)
        self.selected_panel = QFrame(self)
        self.selected_panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel = QVBoxLayout(self.selected_panel)
        panel.addWidget(self.details)
        actions = QHBoxLayout()
        for button in self._action_buttons():
            actions.addWidget(button)
        actions.addStretch(1)
        panel.addLayout(actions)
        self.message = Notice("Today messages", self)
        self.safeguarding = Notice("Safeguarding hand-overs due", self)
        self.visits = Notice("Home visits overdue", self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.visits)
        layout.addWidget(self.safeguarding)
        layout.addWidget(self.interrupted)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.selected_panel)

    def _chase_safeguarding(self, profile: OpenProfile) -> None:
        """A concern with no hand-over a day after it was raised is the first thing on Today."""
        overdue = SafeguardingService(profile).handover_overdue(self._now().astimezone())
        if not overdue:
            self.safeguarding.clear()
            return
        people = CaseloadService(profile)
        names = sorted({people.patient(c.patient_id).display_name for c in overdue})
        self.safeguarding.show_message(
            "Safeguarding concern with no hand-over recorded for over 24 hours: "
            f"{', '.join(names)}. Pass it on now, or record who it was passed to "
            "(the record's Safeguarding button).",
            "warning",
        )

    def _chase_visits(self, profile: OpenProfile) -> None:
        """A colleague not back from a home visit in time is the first thing on Today."""
        now = self._now().astimezone()
        lone = LoneWorkingService(profile)
        mine = lone.my_open()
        self._open_visits = {v.appointment_id: v.id for v in mine if v.appointment_id}
        overdue = lone.team_overdue(now)
        late = [v for v in mine if now > v.expected_end_at]
        if not overdue and not late:
            self.visits.clear()
            return
        words = [overdue_text(overdue, now)] if overdue else []
        words += [still_open_text(late, now)] if late else []
        self.visits.show_message("\n".join(words), "warning")

    def _check_visits(self) -> None:
        profile = self.current_profile()
        if profile is not None:
            self._chase_visits(profile)
            self._selection_changed()

    def _action_buttons(self) -> list[QPushButton]:
        return [
            self.start_button,
            self.dna_button,
            self.cancel_button,
            self.move_button,
            self.open_button,
            self.check_out_button,
        ]

    # --- the profile and the day --------------------------------------------------------------

    def current_profile(self) -> OpenProfile | None:
        return usable(self._profile)

    def set_profile(self, profile: OpenProfile | None) -> None:
        """The opened caseload, or None when the app locks (everything shown is forgotten)."""
        self._profile = profile
        if self.current_profile() is None:
            self._show_locked()
            return
        for button in (self.previous_button, self.today_button, self.next_button):
            button.setEnabled(True)
        self.refresh()

    def set_day(self, day: date) -> None:
        self.day = day
        self.message.clear()
        self.refresh()

    def _show_locked(self) -> None:
        self.model.clear()
        self.safeguarding.clear()  # names of people at risk are not left on a locked screen
        self.visits.clear()
        self._open_visits = {}
        self.interrupted.set_items([])
        self.date_label.setText("Today")
        self.count_label.clear()
        self.empty_label.setText(LOCKED_TEXT)
        self.pages.setCurrentWidget(self.empty_label)
        self.message.clear()
        for button in (self.previous_button, self.today_button, self.next_button):
            button.setEnabled(False)
        self._selection_changed()

    def refresh(self) -> None:
        """Read the day (and any interrupted sessions) again, keeping the selected row."""
        profile = self.current_profile()
        if profile is None:
            self._show_locked()
            return
        kept = self.selected_entry()
        self._chase_visits(profile)
        self._chase_safeguarding(profile)
        self.interrupted.set_items(load_interrupted(profile))
        entries = AppointmentService(profile).day(self.day)
        self.model.set_entries(entries)
        today = self._now().date()
        near = relative_day(self.day, today)
        self.date_label.setText(f"{near}: {long_date(self.day)}" if near else long_date(self.day))
        self.today_button.setEnabled(self.day != today)
        count = len(entries)
        self.count_label.setText(f"{count} session{'s' if count != 1 else ''}" if count else "")
        if not entries:
            self.empty_label.setText(empty_text(self.day, today))
            self.pages.setCurrentWidget(self.empty_label)
        else:
            self.pages.setCurrentWidget(self.table)
            fit_columns(self.table, Column.PREPARE)
            # Alerts are read in full below the table; the column says which rows have them.
            widest = self.table.fontMetrics().horizontalAdvance("M") * 16
            if self.table.columnWidth(Column.ALERTS) > widest:
                self.table.setColumnWidth(Column.ALERTS, widest)
            row = self.model.row_of(kept.appointment_id) if kept else None
            self.select_row(row if row is not None else 0)
        self._selection_changed()

    # --- selection ----------------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def selected_entry(self) -> TodayEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        entry = self.selected_entry()
        booked = entry is not None and entry.status == AppointmentStatus.BOOKED
        untouched = booked and entry is not None and not entry.has_session
        started = entry is not None and entry.starts_at <= self._now()
        self.start_button.setEnabled(booked)
        if entry is not None and not booked:
            self.start_button.setText(status_text(entry))  # what it was, never "Resume"
        elif entry is not None and entry.has_session:
            self.start_button.setText("Re&sume session")
        else:
            self.start_button.setText("&Start session")
        self.dna_button.setEnabled(untouched and started)
        not_yet = (
            "" if started or entry is None else "It can be recorded once the session's time comes."
        )
        self.dna_button.setToolTip(not_yet)
        self.dna_button.setAccessibleDescription(not_yet)
        self.cancel_button.setEnabled(untouched)
        self.move_button.setEnabled(untouched)
        self.open_button.setEnabled(entry is not None)
        self.check_out_button.setVisible(
            entry is not None and entry.appointment_id in self._open_visits
        )
        for button in self._action_buttons():
            name = button.text().replace("&", "").rstrip("…")
            button.setAccessibleName(f"{name}: {describe(entry)}" if entry else name)
        self.details.setText(self._details_html(entry) if entry else "")
        self.selected_panel.setVisible(entry is not None)

    @staticmethod
    def _details_html(entry: TodayEntry) -> str:
        where = f"{entry.mode.label}, {entry.place}" if entry.place else entry.mode.label
        lines = [
            f"<b>{escape(time_range(entry.starts_at, entry.planned_minutes))} · "
            f"{escape(entry.patient_name)}</b> (NHS number "
            f"{escape(format_nhs_number(entry.nhs_number))})",
            f"{escape(entry.label)} · {escape(where)} · {escape(status_text(entry))}",
        ]
        for label, reason in entry.alerts:  # before the door is knocked on
            lines.append(f"<b>⚠ {escape(label)}:</b> {escape(reason)}")
        prepare = entry.prepare_notes.strip()
        lines.append(
            f"<b>Prepare:</b> {escape(prepare)}" if prepare else "Nothing noted to prepare."
        )
        return "<br>".join(lines)

    # --- actions ------------------------------------------------------------------------------

    def start_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.status == AppointmentStatus.BOOKED:
            self.start_session_requested.emit(entry.appointment_id)

    def check_out_selected(self) -> None:
        """The worker is out of a home visit whose session was not ended in the app."""
        profile = self.current_profile()
        entry = self.selected_entry()
        if profile is None or entry is None or entry.appointment_id not in self._open_visits:
            return
        now = self._now().astimezone()
        try:
            LoneWorkingService(profile).check_out(self._open_visits[entry.appointment_id], now)
        except ValidationError as exc:
            self.message.show_message(str(exc), "error")
            return
        self.checked_out.emit(self._open_visits[entry.appointment_id])
        self.refresh()
        self.message.show_message(
            f"Checked out safe from the home visit with {entry.patient_name} at {now:%H:%M}."
            " Your team sees it when this laptop next syncs.",
            "info",
        )

    def _open_selected_patient(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.open_patient_requested.emit(entry.patient_id)

    def ask_did_not_attend(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Did not attend",
            f"Record that {entry.patient_name} did not attend {entry.label.lower()} at "
            f"{entry.starts_at:%H:%M}? This cannot be undone.\n\n{DNA_AND_THE_CAP}",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        confirm = box.addButton("Did not attend", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep as booked", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(confirm)

        def finished() -> None:
            if box.clickedButton() is confirm:
                self.mark_did_not_attend(entry.appointment_id)

        box.finished.connect(finished)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = box
        box.open()

    def mark_did_not_attend(self, appointment_id: str) -> None:
        profile = self.current_profile()
        if profile is None:
            self.message.show_message(LOCKED_TEXT, "info")
            return
        entry = self._entry(appointment_id)
        try:
            AppointmentService(profile).did_not_attend(appointment_id, now=self._now())
        except ValidationError as exc:
            self.message.show_message(str(exc), "error")
            return
        self.refresh()
        if entry is not None:
            self.message.show_message(f"Recorded: {entry.patient_name} did not attend.", "info")

    def ask_cancel(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        dialog = CancelDialog(
            self.current_profile,
            entry.appointment_id,
            describe(entry),
            on_cancelled=lambda _aid: self._after_change(f"Cancelled: {describe(entry)}."),
            parent=self,
        )
        self._open_dialog(dialog)

    def ask_move(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        dialog = MoveDialog(
            self.current_profile,
            entry.appointment_id,
            entry.referral_id,
            entry.starts_at,
            entry.planned_minutes,
            describe(entry),
            on_moved=lambda moment: self._after_change(
                f"Moved {entry.patient_name}'s session to {moment:%H:%M} on "
                f"{moment:%a} {moment.day} {moment:%b}."
            ),
            parent=self,
        )
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _after_change(self, text: str) -> None:
        self.refresh()
        self.message.show_message(text, "info")

    def _entry(self, appointment_id: str) -> TodayEntry | None:
        row = self.model.row_of(appointment_id)
        return self.model.entry(row) if row is not None else None
