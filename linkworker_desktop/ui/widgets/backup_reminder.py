"""Today: a reminder when a laptop with no hub has gone a week without a backup.

Such a laptop holds the only copy of its caseload, so a dead disk would lose it all. The
reminder says how long it has been and offers the backup in one press.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from linkworker_desktop.services import backups
from linkworker_desktop.services.profile import OpenProfile

ProfileGetter = Callable[[], OpenProfile | None]


def utc_clock() -> datetime:
    return datetime.now(UTC)


def reminder_text(last: datetime | None, now: datetime) -> str:
    if last is None:
        return "No backup yet: this laptop holds the only copy of your caseload."
    days = (now - last).days
    return f"No backup for {days} days."


class BackupReminder(QFrame):
    back_up_requested = Signal()

    def __init__(
        self,
        profile: ProfileGetter,
        parent: QWidget | None = None,
        now: Callable[[], datetime] = utc_clock,
    ):
        """``now`` is the clock (aware): a test holds it at a day of its choosing."""
        super().__init__(parent)
        self._profile = profile
        self.now = now
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel("", self)
        self.text.setAccessibleName("Backup reminder")
        self.button = QPushButton("Back &up now", self)
        self.button.setAccessibleName("Back up now")
        self.button.clicked.connect(lambda: self.back_up_requested.emit())
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.setVisible(False)

    def set_profile(self, profile: OpenProfile | None) -> None:
        self.refresh()

    def refresh(self) -> None:
        profile = self._profile()
        now = self.now()
        if profile is None or not backups.reminder_due(profile, now):
            self.setVisible(False)
            return
        last = backups.last_good_backup(profile)
        text = reminder_text(last.made_at if last else None, now)
        self.text.setText(text)
        self.text.setAccessibleName(text)
        self.setVisible(True)
