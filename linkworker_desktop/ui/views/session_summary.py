"""What the runner shows once a session has ended: time used, what was written, addenda.

An ended session is append-only, so the only change offered here is an addendum, which keeps
its own author and time; the notes themselves are shown read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services import printouts
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService, SessionState
from linkworker_desktop.ui.dialogs.print_preview_dialog import PrintPreviewDialog
from linkworker_desktop.ui.widgets.clock_text import mm_ss, over_by, spoken_duration
from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.value_label import StatusLabel


def _heading(text: str, scale: float = 1.0) -> QLabel:
    return Heading(text, scale=scale)


def _text(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def addendum_text(addendum: dict) -> str:
    when = datetime.fromisoformat(addendum["created_at"]).astimezone()
    author = addendum.get("author") or "Unknown author"
    return f"Addendum by {author}, {when.day} {when:%b %Y at %H:%M}:\n{addendum['text']}"


class SessionSummaryView(QWidget):
    done = Signal(str)  # the session id, so the host can close the runner

    def __init__(
        self,
        state: SessionState,
        profile: Callable[[], OpenProfile | None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.state = state
        self._profile = profile
        body = QWidget()
        self._body = QVBoxLayout(body)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setAccessibleName("Session summary")  # the first Tab stop: read as what it holds
        self.scroll = scroll

        self.addendum_edit = QPlainTextEdit(self)
        self.addendum_edit.setAccessibleName("Addendum text")
        self.addendum_edit.setTabChangesFocus(True)
        self.addendum_edit.setPlaceholderText(
            "A correction or something to add. It is kept with your name and the time."
        )
        self.addendum_edit.setMaximumHeight(120)
        self.addendum_edit.hide()
        self.save_addendum_button = QPushButton("Save addendum", self)
        self.save_addendum_button.setAccessibleName("Save addendum")
        self.save_addendum_button.clicked.connect(self.save_addendum)
        self.save_addendum_button.hide()
        self.add_button = QPushButton("Add addendum…", self)
        self.add_button.setAccessibleName("Add addendum")
        self.add_button.clicked.connect(self.start_addendum)
        self.print_plan_button = QPushButton("Print &plan…", self)
        self.print_plan_button.setAccessibleName("Print the wellbeing plan")
        self.print_plan_button.clicked.connect(lambda: self.print_document("plan"))
        self.print_session_button = QPushButton("Print session &summary…", self)
        self.print_session_button.setAccessibleName("Print the session summary")
        self.print_session_button.clicked.connect(lambda: self.print_document("session"))
        self._previews: list[QWidget] = []
        self.done_button = QPushButton("Done", self)
        self.done_button.setAccessibleName("Done: close this session")
        self.done_button.clicked.connect(lambda: self.done.emit(self.state.session_id))
        self.message = StatusLabel("Addendum status", self)
        self.message.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.save_addendum_button)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.print_plan_button)
        buttons.addWidget(self.print_session_button)
        buttons.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.addendum_edit)
        layout.addLayout(buttons)
        self._render()

    def print_document(self, which: str) -> PrintPreviewDialog | None:
        """The plan for the patient to take home, or this session's summary: one click."""
        profile = self._profile()
        if profile is None:
            return None
        if which == "plan":
            pdf, warnings = printouts.plan_pdf(profile, self.state.patient_id)
            title, name = "Wellbeing plan", "wellbeing-plan.pdf"
        else:
            pdf, warnings = printouts.session_pdf(profile, self.state.session_id)
            title, name = "Session summary", "session-summary.pdf"
        dialog = PrintPreviewDialog(pdf, title, name, warnings, self)
        self._previews.append(dialog)
        dialog.finished.connect(lambda _r: self._previews.remove(dialog))
        dialog.open()
        return dialog

    def _render(self) -> None:
        while self._body.count():
            widget = self._body.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # at once: deletion waits for the event loop
                widget.deleteLater()
        state = self.state
        template = state.template
        self._body.addWidget(_heading(f"{template.name} ended", 1.3))
        duration = state.duration_seconds or 0
        self.duration_label = _text(
            f"Actual duration {spoken_duration(duration)} (planned {template.planned_minutes} min)."
        )
        self._body.addWidget(self.duration_label)
        times = QWidget()
        grid = QGridLayout(times)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, stage in enumerate(template.stages):
            used = state.stage_seconds.get(stage.id, 0.0)
            grid.addWidget(QLabel(f"{row + 1}. {stage.title}"), row, 0)
            over = over_by(used, stage.minutes * 60)
            words = f"{mm_ss(used)} used of {stage.minutes} min"
            grid.addWidget(QLabel(f"{words} · {over}" if over else words), row, 1)
        grid.setColumnStretch(2, 1)
        self._body.addWidget(times)
        if state.what_matters:
            self._body.addSpacing(8)
            self._body.addWidget(_heading("What matters to me"))
            self._body.addWidget(_text(state.what_matters))
        notes = [(s.title, state.notes.get(s.id, "").strip()) for s in template.stages]
        if any(text for _, text in notes):
            self._body.addSpacing(8)
            self._body.addWidget(_heading("Notes"))
            for title, text in notes:
                if text:
                    self._body.addWidget(_heading(title, 0.95))
                    self._body.addWidget(_text(text))
        for addendum in state.addenda:
            self._body.addWidget(_text(addendum_text(addendum)))
        self._body.addStretch(1)

    def start_addendum(self) -> None:
        self.addendum_edit.show()
        self.save_addendum_button.show()
        self.add_button.hide()
        self.addendum_edit.setFocus()

    def save_addendum(self) -> str | None:
        profile = self._profile()
        if profile is None:
            self.message.setText("The caseload is locked. Unlock it to save the addendum.")
            return None
        service = SessionService(profile)
        try:
            addendum_id = service.add_addendum(
                self.state.session_id, self.addendum_edit.toPlainText()
            )
        except ValidationError as exc:
            self.message.show_problem(str(exc))
            return None
        self.state = service.load(self.state.session_id)
        self.addendum_edit.clear()
        self.addendum_edit.hide()
        self.save_addendum_button.hide()
        self.add_button.show()
        self.message.setText("Addendum saved.")
        self._render()
        return addendum_id
