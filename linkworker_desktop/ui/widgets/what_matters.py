""" "What matters to me", written in the patient's own words and kept on the session.

It is saved a few seconds after typing pauses rather than on every keystroke: each save is a
synced change, and a steady trickle of them would only crowd the outbox.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from linkworker_desktop.domain.errors import ValidationError
from linkworker_desktop.services.errors import DatabaseError
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.services.sessions import SessionService

LABEL = "&What matters to me (in the patient's own words)"


class WhatMattersField(QWidget):
    def __init__(
        self,
        profile: Callable[[], OpenProfile | None],
        session_id: str,
        text: str = "",
        delay_ms: int = 3000,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._profile = profile
        self.session_id = session_id
        self.pending = False
        self.edit = QPlainTextEdit(text, self)
        self.edit.setAccessibleName("What matters to me, in the patient's own words")
        self.edit.setTabChangesFocus(True)
        label = QLabel(LABEL, self)
        label.setBuddy(self.edit)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save)
        self.edit.textChanged.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.problem)

    def _changed(self) -> None:
        self.pending = True
        self.timer.start()

    def save(self) -> bool:
        """Save if changed; while the caseload is locked it waits (and stays pending)."""
        self.timer.stop()
        profile = self._profile()
        if not self.pending or profile is None:
            return False
        try:
            SessionService(profile).set_what_matters(self.session_id, self.edit.toPlainText())
        except (ValidationError, DatabaseError) as exc:
            self.problem.setText(f"Not saved yet: {exc}")
            self.problem.show()
            return False
        self.problem.hide()
        self.pending = False
        return True
