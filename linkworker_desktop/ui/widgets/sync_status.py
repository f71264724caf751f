"""The status bar's sync corner: online or not, when it last synced, what is waiting.

It only shows what it is told (``show_state``, ``show_status``); :meth:`bind` connects it to a
:class:`~linkworker_desktop.ui.sync_scheduler.SyncScheduler`. Clicking the conflicts count
asks for the Sync view through ``open_sync_requested``; the main window decides what that means.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from linkworker_desktop.services.sync_service import SyncStatus
from linkworker_desktop.ui.a11y import announce
from linkworker_desktop.ui.models.sync_words import (
    STATE_TEXT,
    changes_waiting,
    conflicts_to_settle,
    last_synced,
)
from linkworker_desktop.ui.sync_scheduler import SyncScheduler
from linkworker_desktop.ui.widgets.sync_icons import state_pixmap
from linkworker_desktop.ui.widgets.value_label import ValueLabel


class SyncStatusWidget(QWidget):
    open_sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Sync status")
        self._state = "offline"
        self._message = ""
        self._said_state = ""  # the last settled state announced; the first is shown, not said
        self._settling = False  # after a lock or unlock, until sync settles somewhere
        self.icon = QLabel()
        self.icon.setAccessibleName("Sync state icon")
        self.state_label = ValueLabel("Sync state")
        self.last_label = ValueLabel("Last synced")
        self.pending_label = ValueLabel("Changes waiting to sync")
        self.conflicts_button = QPushButton()
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setCursor(Qt.CursorShape.PointingHandCursor)
        link_font = self.conflicts_button.font()
        link_font.setUnderline(True)  # reads as a link to the Sync view, in any palette
        self.conflicts_button.setFont(link_font)
        self.conflicts_button.setToolTip("Open the Sync view to settle them")
        self.conflicts_button.clicked.connect(self.open_sync_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addStretch(1)  # a status bar may give more room than asked: keep the words together
        layout.addWidget(self.icon)
        layout.addWidget(self.state_label)
        self._dots: dict[QLabel | QPushButton, QLabel] = {}
        for part in (self.last_label, self.pending_label, self.conflicts_button):
            self._dots[part] = QLabel("·")
            layout.addWidget(self._dots[part])
            layout.addWidget(part)
        self.show_state("offline")
        self.show_status(None)

    def bind(self, scheduler: SyncScheduler) -> None:
        scheduler.state_changed.connect(self.show_state)
        scheduler.status_changed.connect(self.show_status)
        scheduler.round_failed.connect(self.show_message)
        scheduler.round_finished.connect(self._round_finished)
        scheduler.restarted.connect(self._settle)
        self._settle()  # the state on binding is shown, not said
        self.show_state(scheduler.state)

    def show_state(self, state: str) -> None:
        self._state = state
        self._say_state(state)
        self.state_label.setText(STATE_TEXT.get(state, state))
        self._draw_icon()
        self._describe()

    def show_message(self, message: str) -> None:
        """The last failure in plain words, as a tooltip: the bar itself stays short."""
        if message and message != self._message:
            announce(self, f"Sync failed: {message}")  # a repeat of the same failure is not said
        self._message = message
        self._describe()

    def show_status(self, status: SyncStatus | None) -> None:
        enrolled = status is not None and status.enrolled
        self.last_label.setText(last_synced(status.last_good_sync) if status and enrolled else "")
        self.pending_label.setText(changes_waiting(status.pending) if status and enrolled else "")
        conflicts = status.open_conflicts if status else 0
        self.conflicts_button.setText(conflicts_to_settle(conflicts) if conflicts else "")
        self.conflicts_button.setAccessibleName(
            f"{conflicts_to_settle(conflicts)} to settle: open the Sync view"
        )
        for part, dot in self._dots.items():
            part.setVisible(bool(part.text()))
            dot.setVisible(bool(part.text()))
        self._describe()

    def summary(self) -> str:
        """Everything the bar says, in one sentence: the tooltip and the screen reader's text."""
        parts = [self.state_label.text()]
        parts += [w.text() for w in (self.last_label, self.pending_label) if w.isVisibleTo(self)]
        if self.conflicts_button.isVisibleTo(self):
            parts.append(f"{self.conflicts_button.text()} to settle")
        if self._message:
            parts.append(self._message)
        return ". ".join(p.rstrip(".") for p in parts if p) + "."

    # --- inside -------------------------------------------------------------------------------

    def _say_state(self, state: str) -> None:
        """Say online, offline and the like when they change; each round's "Syncing…" is not."""
        if state == "syncing":
            return
        if self._settling:
            # Locking and unlocking pass through "offline" on the way; where sync settles
            # is shown, not said: it is how things were, not news.
            if state != "offline":
                self._settling = False
                self._said_state = state
            return
        if self._said_state and state != self._said_state:
            announce(self, f"Sync: {STATE_TEXT.get(state, state)}")
        self._said_state = state

    def _settle(self) -> None:
        self._settling = True
        self._said_state = ""

    def _round_finished(self, _result: dict) -> None:
        self.show_message("")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._draw_icon()

    def _draw_icon(self) -> None:
        size = max(12, self.fontMetrics().height())
        color = self.palette().color(QPalette.ColorRole.WindowText)
        self.icon.setPixmap(state_pixmap(self._state, size, color, self.devicePixelRatioF()))
        self.icon.setAccessibleDescription(STATE_TEXT.get(self._state, self._state))

    def _describe(self) -> None:
        text = self.summary()
        self.setToolTip(text)
        self.setAccessibleDescription(text)
