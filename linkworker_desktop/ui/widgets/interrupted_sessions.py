"""Sessions left running when the app closed or the laptop died, shown first with a way back in.

Said plainly ("left running when the app closed; its notes are kept") so a worker is not
alarmed, with one Resume button per session that says whose session it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from linkworker_desktop.services.caseload import CaseloadService, PatientNotFound
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService
from linkworker_desktop.ui.models.session_words import day_and_time


@dataclass(frozen=True, slots=True)
class Interrupted:
    session_id: str
    patient_name: str
    session_name: str
    started_at: datetime


def load_interrupted(profile: OpenProfile) -> list[Interrupted]:
    """The worker's sessions left running, with the names the banner needs."""
    caseload = CaseloadService(profile)
    found = []
    for state in SessionService(profile).interrupted():
        try:
            name = caseload.patient(state.patient_id).display_name
        except PatientNotFound:
            continue
        found.append(Interrupted(state.session_id, name, state.template.name, state.started_at))
    return found


def interrupted_text(item: Interrupted, today: date | None = None) -> str:
    started = item.started_at.astimezone()
    when = (
        f"today at {started:%H:%M}"
        if started.date() == (today or date.today())
        else day_and_time(started)
    )
    return (
        f"{item.session_name} with {item.patient_name}, started {when}, was left running when "
        "the app closed. Its notes are kept: resume it to carry on or to end it."
    )


class InterruptedSessions(QFrame):
    resume_requested = Signal(str)  # session id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAccessibleName("Interrupted sessions")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self.buttons: list[QPushButton] = []
        self.items: list[Interrupted] = []
        self.hide()

    def set_items(self, items: list[Interrupted]) -> None:
        while self._layout.count():
            child = self._layout.takeAt(0).widget()
            if child is not None:
                child.deleteLater()
        self.buttons = []
        self.items = list(items)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        for item in self.items:
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            picture = QLabel(row)
            picture.setPixmap(icon.pixmap(size, size))
            text = QLabel(interrupted_text(item), row)
            text.setWordWrap(True)
            button = QPushButton("Resume", row)
            button.setAccessibleName(f"Resume the session with {item.patient_name}")
            button.clicked.connect(
                lambda _checked=False, sid=item.session_id: self.resume_requested.emit(sid)
            )
            line.addWidget(picture)
            line.addWidget(text, 1)
            line.addWidget(button)
            self._layout.addWidget(row)
            self.buttons.append(button)
        self.setAccessibleDescription(" ".join(interrupted_text(i) for i in self.items))
        self.setVisible(bool(self.items))
