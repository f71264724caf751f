"""Alerts on one record: those in force (each cleared with a reason), a new one set with a
reason, and the history of cleared ones, so a colleague can see what was known and when."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.alerts import Alert
from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.alerts import AlertService
from linkworker_desktop.ui.a11y import announce
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.discard_guard import DiscardGuard, snapshot
from linkworker_desktop.ui.dialogs.inline_error import LOCKED_TEXT, FieldErrors, InlineError
from linkworker_desktop.ui.models.session_words import day_and_time
from linkworker_desktop.ui.widgets.field_state import set_hint
from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.value_label import HintLabel

ID_ROLE = Qt.ItemDataRole.UserRole
NEVER_PRINTED = (
    "Alerts show on the record, the caseload, Today, in sessions and when booking. They are "
    "never printed on the patient's plan."
)


def alert_line(alert: Alert) -> str:
    """Do not visit alone: Threats to staff. (set 30 Nov 2026 16:02 by Asha)"""
    who = f" by {alert.set_by}" if alert.set_by else ""
    return f"{alert.kind.label}: {alert.reason} (set {day_and_time(alert.set_at)}{who})"


def history_html(alerts: list[Alert]) -> str:
    cleared = [a for a in alerts if not a.active]
    if not cleared:
        return "<p>No alert has been cleared on this record.</p>"
    items = []
    for alert in cleared:
        who = f" by {escape(alert.cleared_by)}" if alert.cleared_by else ""
        items.append(
            f"<li><b>{escape(alert.kind.label)}</b>: {escape(alert.reason)}<br>"
            f"Set {escape(day_and_time(alert.set_at))}"
            f"{' by ' + escape(alert.set_by) if alert.set_by else ''}. "
            f"Cleared {escape(day_and_time(alert.cleared_at or alert.set_at))}{who}: "
            f"{escape(alert.clear_reason)}</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


class AlertsDialog(DiscardGuard, QDialog):
    changed = Signal()

    def __init__(
        self,
        profile: ProfileGetter,
        patient_id: str,
        patient_name: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._profile = profile
        self.patient_id = patient_id
        self.setWindowTitle(f"Alerts: {patient_name}")
        heading = Heading(f"Alerts on {patient_name}'s record", self, scale=1.2)
        note = QLabel(NEVER_PRINTED, self)
        note.setWordWrap(True)

        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Alert to set")
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Why this alert is needed (required)")
        self.reason.setPlaceholderText("What a colleague needs to know, in a few words")
        self.kind_hint = HintLabel("", self.kind, self)
        self.set_button = QPushButton("&Set alert", self)
        self.set_button.setAccessibleName("Set alert")

        self.active = QListWidget(self)
        self.active.setAccessibleName("Alerts in force")
        self.active.setTabKeyNavigation(False)
        self.active.setWordWrap(True)  # an alert's reason is read whole, never cut off
        self.active.setResizeMode(QListView.ResizeMode.Adjust)
        self.active.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.clear_reason = QLineEdit(self)
        self.clear_reason.setAccessibleName("Cleared because (required to clear an alert)")
        self.clear_button = QPushButton("C&lear alert", self)
        self.clear_button.setAccessibleName("Clear alert")

        self.history = QTextBrowser(self)
        self.history.setAccessibleName("History of cleared alerts")
        self.history.setMaximumHeight(140)

        reason_error = InlineError("Problem with the reason", self)
        clear_error = InlineError("Problem clearing the alert", self)
        general = InlineError("Problem with the alerts", self)
        self.errors = FieldErrors(
            general,
            {
                "kind": (reason_error, self.kind),
                "reason": (reason_error, self.reason),
                "alert": (clear_error, self.active),
                "clear_reason": (clear_error, self.clear_reason),
            },
        )

        grid = QGridLayout()
        row = 0
        for caption, field in (("&Alert:", self.kind), ("&Why:", self.reason)):
            label = QLabel(caption, self)
            label.setBuddy(field)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
            row += 1
        grid.addWidget(self.kind_hint, row, 1)
        grid.addWidget(reason_error, row + 1, 1)
        grid.addWidget(self.set_button, row + 2, 1)
        row += 3
        in_force = QLabel("Alerts in &force:", self)
        in_force.setBuddy(self.active)
        grid.addWidget(in_force, row, 0)
        grid.addWidget(self.active, row, 1)
        cleared_because = QLabel("Cleared &because:", self)
        cleared_because.setBuddy(self.clear_reason)
        grid.addWidget(cleared_because, row + 1, 0)
        grid.addWidget(self.clear_reason, row + 1, 1)
        grid.addWidget(clear_error, row + 2, 1)
        grid.addWidget(self.clear_button, row + 3, 1)
        history_label = QLabel("&History of cleared alerts:", self)
        history_label.setBuddy(self.history)
        grid.addWidget(history_label, row + 4, 0)
        grid.addWidget(self.history, row + 4, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        # Enter acts where it is typed (set in "Why", clear in "Cleared because"), so no button
        # is the dialog's default: one Enter must not also press another button.
        for button in (self.set_button, self.clear_button, *buttons.buttons()):
            button.setAutoDefault(False)
            button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addWidget(general)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

        self.kind.currentIndexChanged.connect(self._describe_kind)
        self.set_button.clicked.connect(lambda: self.set_alert())
        self.reason.returnPressed.connect(lambda: self.set_alert())
        self.clear_button.clicked.connect(lambda: self.clear_alert())
        self.clear_reason.returnPressed.connect(lambda: self.clear_alert())
        self.refresh()

    # --- what the dialog shows ---------------------------------------------------------------

    def refresh(self) -> None:
        profile = usable(self._profile())
        if profile is None:
            self.errors.show({"profile": LOCKED_TEXT})
            return
        service = AlertService(profile)
        active = service.active(self.patient_id)
        self.active.clear()
        for alert in active:
            item = QListWidgetItem(alert_line(alert))
            item.setData(ID_ROLE, alert.id)
            self.active.addItem(item)
        if not active:
            self.active.addItem(QListWidgetItem("None"))
        self.active.setCurrentRow(0)
        in_force = {a.kind.id for a in active}
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in service.kinds():
            if kind.id not in in_force:
                self.kind.addItem(kind.label, kind.id)
        self.kind.blockSignals(False)
        self._describe_kind()
        self.clear_button.setEnabled(bool(active))
        self.clear_reason.setEnabled(bool(active))
        self.history.setHtml(history_html(service.history(self.patient_id)))

    def _describe_kind(self) -> None:
        profile = usable(self._profile())
        kinds = {k.id: k for k in AlertService(profile).kinds()} if profile else {}
        kind = kinds.get(self.kind.currentData())
        self.kind_hint.setText(kind.description if kind else "")
        set_hint(self.kind, self.kind_hint.text())

    # --- what a person does ------------------------------------------------------------------

    def set_alert(self) -> bool:
        profile = usable(self._profile())
        if profile is None:
            self.errors.show({"profile": LOCKED_TEXT})
            return False
        label = self.kind.currentText()
        try:
            AlertService(profile).set(
                self.patient_id, self.kind.currentData() or "", self.reason.text()
            )
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return False
        self.reason.clear()
        self._saved(f"Alert set: {label}.")
        return True

    def clear_alert(self) -> bool:
        profile = usable(self._profile())
        if profile is None:
            self.errors.show({"profile": LOCKED_TEXT})
            return False
        item = self.active.currentItem()
        alert_id = item.data(ID_ROLE) if item is not None else None
        if not alert_id:
            self.errors.show({"alert": "Choose the alert to clear in the list."})
            return False
        label = item.text().split(":")[0]
        try:
            AlertService(profile).clear(alert_id, self.clear_reason.text())
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return False
        self.clear_reason.clear()
        self._saved(f"Alert cleared: {label}.")
        return True

    def _saved(self, words: str) -> None:
        self.errors.clear()
        self.refresh()
        self._typed_baseline = snapshot(self)  # what is saved is not typing to lose
        announce(self, words)
        self.changed.emit()
