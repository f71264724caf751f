"""A record's safeguarding concerns: each one's words, hand-overs and outcome, and the actions
a worker takes (raise, hand over, close, print the referral form for the lead)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.safeguarding import PERSON_AT_RISK, Concern
from linkworker_desktop.services.safeguarding import SafeguardingService
from linkworker_desktop.services.safeguarding_form import safeguarding_pdf
from linkworker_desktop.ui.a11y import announce
from linkworker_desktop.ui.current_profile import ProfileGetter, usable
from linkworker_desktop.ui.dialogs.concern_forms import (
    CloseConcernDialog,
    HandoverDialog,
    RaiseConcernDialog,
)
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.models.session_words import day_and_time
from linkworker_desktop.ui.widgets.heading import Heading

ID_ROLE = Qt.ItemDataRole.UserRole
F = TypeVar("F", bound=QDialog)
NOT_ON_PLAN = (
    "Concerns are shared with your team and the safeguarding lead. They never print on the "
    "patient's plan."
)


def concern_line(concern: Concern) -> str:
    state = "Open" if concern.open else "Closed"
    passed = (
        f"passed to {concern.handovers[-1].passed_to.label}"
        if concern.handovers
        else "not yet passed on"
    )
    raised = day_and_time(concern.raised_at)
    return f"{state}: {concern.category.full_label}, raised {raised}; {passed}"


def concern_html(concern: Concern) -> str:
    who = PERSON_AT_RISK.get(concern.person_at_risk, concern.person_at_risk)
    if concern.at_risk_details:
        who = f"{who}: {concern.at_risk_details}"
    parts = [
        f"<h3>{escape(concern.category.full_label)}</h3>",
        f"<p>Raised {escape(day_and_time(concern.raised_at))}"
        f"{' by ' + escape(concern.raised_by) if concern.raised_by else ''}."
        f" Who is at risk: {escape(who)}.</p>",
        "<h4>What was seen or said</h4>",
        f"<p>{escape(concern.what_was_seen)}</p>",
        "<h4>What was done at once</h4>",
        f"<p>{escape(concern.immediate_action or 'Nothing recorded.')}</p>",
        "<h4>Passed to</h4>",
    ]
    if concern.handovers:
        items = "".join(
            f"<li>{escape(h.passed_to.label)}, {escape(day_and_time(h.passed_at))}"
            f"{' (' + escape(h.contact) + ')' if h.contact else ''}"
            f"{': ' + escape(h.notes) if h.notes else ''}</li>"
            for h in concern.handovers
        )
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append("<p>Not yet passed on.</p>")
    if concern.closed_at is not None:
        parts.append(
            f"<h4>Closed {escape(day_and_time(concern.closed_at))}</h4>"
            f"<p>{escape(concern.outcome)}</p>"
        )
    return "".join(parts)


class SafeguardingDialog(QDialog):
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
        self.patient_name = patient_name
        self.form: QDialog | None = None
        self.preview: PrintPreviewDialog | None = None
        self.setWindowTitle(f"Safeguarding: {patient_name}")
        heading = Heading(f"Safeguarding concerns: {patient_name}", self, scale=1.2)
        note = QLabel(NOT_ON_PLAN, self)
        note.setWordWrap(True)
        label = QLabel("C&oncerns:", self)
        self.concerns = QListWidget(self)
        self.concerns.setAccessibleName("Concerns")
        self.concerns.setTabKeyNavigation(False)
        self.concerns.setMaximumHeight(self.concerns.fontMetrics().lineSpacing() * 7)
        label.setBuddy(self.concerns)
        self.details = QTextBrowser(self)
        self.details.setAccessibleName("Concern details")
        self.raise_button = QPushButton("&Raise a concern…", self)
        self.handover_button = QPushButton("Record &hand-over…", self)
        self.close_button = QPushButton("Clos&e with outcome…", self)
        self.print_button = QPushButton("&Print referral form…", self)
        actions = QHBoxLayout()
        for button in (
            self.raise_button,
            self.handover_button,
            self.close_button,
            self.print_button,
        ):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addLayout(actions)
        layout.addWidget(label)
        layout.addWidget(self.concerns)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.setMinimumSize(760, 520)
        self.concerns.currentRowChanged.connect(lambda _row: self._show_selected())
        self.raise_button.clicked.connect(lambda: self.raise_concern())
        self.handover_button.clicked.connect(lambda: self.record_handover())
        self.close_button.clicked.connect(lambda: self.close_concern())
        self.print_button.clicked.connect(lambda: self.print_form())
        self.refresh()

    # --- showing ------------------------------------------------------------------------------

    def refresh(self, select: str = "") -> None:
        profile = usable(self._profile())
        found = SafeguardingService(profile).concerns(self.patient_id) if profile else []
        self._concerns = {c.id: c for c in found}
        self.concerns.clear()
        for concern in found:
            item = QListWidgetItem(concern_line(concern))
            item.setData(ID_ROLE, concern.id)
            self.concerns.addItem(item)
        if not found:
            self.concerns.addItem(QListWidgetItem("No concern has been raised for this person."))
        ids = [c.id for c in found]
        self.concerns.setCurrentRow(ids.index(select) if select in ids else 0)
        self._show_selected()

    def selected(self) -> Concern | None:
        item = self.concerns.currentItem()
        return self._concerns.get(item.data(ID_ROLE)) if item is not None else None

    def _show_selected(self) -> None:
        concern = self.selected()
        self.details.setHtml(concern_html(concern) if concern else "")
        is_open = concern is not None and concern.open
        self.handover_button.setEnabled(is_open)
        self.close_button.setEnabled(is_open)
        self.print_button.setEnabled(concern is not None)

    # --- actions ------------------------------------------------------------------------------

    def raise_concern(self) -> RaiseConcernDialog:
        dialog = RaiseConcernDialog(
            self._profile, self.patient_id, self.patient_name, self._saved("Concern raised."), self
        )
        return self._open(dialog)

    def record_handover(self) -> HandoverDialog | None:
        concern = self.selected()
        if concern is None:
            return None
        dialog = HandoverDialog(
            self._profile, concern.id, self._saved("Hand-over recorded.", concern.id), parent=self
        )
        return self._open(dialog)

    def close_concern(self) -> CloseConcernDialog | None:
        concern = self.selected()
        if concern is None:
            return None
        dialog = CloseConcernDialog(
            self._profile, concern.id, self._saved("Concern closed.", concern.id), self
        )
        return self._open(dialog)

    def print_form(self) -> PrintPreviewDialog | None:
        profile = usable(self._profile())
        concern = self.selected()
        if profile is None or concern is None:
            return None
        pdf, warnings = safeguarding_pdf(profile, concern.id)
        self.preview = PrintPreviewDialog(
            pdf, "Safeguarding referral form", "safeguarding-referral.pdf", warnings, self
        )
        self.preview.open()
        return self.preview

    def _saved(self, words: str, select: str = "") -> Callable[[str], None]:
        def done(saved_id: str) -> None:
            self.refresh(select or saved_id)
            announce(self, words)
            self.changed.emit()

        return done

    def _open(self, dialog: F) -> F:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form = dialog
        dialog.open()
        return dialog
