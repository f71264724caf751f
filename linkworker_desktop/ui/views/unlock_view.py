"""The lock screen: the passphrase, a growing wait after wrong ones, and ways back in."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from linkworker_desktop.ui.a11y import ASSERTIVE, announce
from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.secret_field import SecretField
from linkworker_desktop.ui.widgets.value_label import ValueLabel


class UnlockView(QWidget):
    unlock_requested = Signal(str)
    keyring_requested = Signal()
    recover_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = Heading("<h1>Caseload locked</h1>", self)
        self.who = QLabel("Type your passphrase to open the caseload.", self)
        self.who.setWordWrap(True)
        self.passphrase = SecretField(self)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setPlaceholderText("Passphrase")
        self.passphrase.returnPressed.connect(self._unlock)
        self.unlock_button = QPushButton("&Unlock", self)
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.keyring_button = QPushButton("Unlock with my &computer account", self)
        self.keyring_button.setAccessibleName("Unlock with my computer account")
        self.keyring_button.clicked.connect(self.keyring_requested)
        self.keyring_button.setVisible(False)
        self.recover_button = QPushButton("F&orgotten your passphrase?", self)
        self.recover_button.setFlat(True)
        self.recover_button.setAccessibleName("Forgotten your passphrase? Use the recovery key")
        self.recover_button.clicked.connect(self.recover_requested)
        self.message = ValueLabel("Unlock message", "", self)
        self.message.setWordWrap(True)
        self._wait_until = 0.0
        self._remaining = 0
        # Ticks land when the shown second changes, measured from a deadline: a coarse
        # one-second timer can end a little early, and the key file then refuses the try.
        self._countdown = QTimer(self)
        self._countdown.setSingleShot(True)
        self._countdown.setTimerType(Qt.TimerType.PreciseTimer)
        self._countdown.timeout.connect(self._tick)

        box = QWidget(self)
        box.setFixedWidth(480)
        inner = QVBoxLayout(box)
        for widget in (
            self.title,
            self.who,
            self.passphrase,
            self.unlock_button,
            self.keyring_button,
            self.message,
            self.recover_button,
        ):
            inner.addWidget(widget)
        # Centred by stretches, not an alignment flag, so the box grows with a wrapped message.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def reset(self, worker: str = "", keyring: bool = False) -> None:
        self.passphrase.clear()
        self.who.setText(
            f"{worker}, type your passphrase to open the caseload."
            if worker
            else "Type your passphrase to open the caseload."
        )
        self.keyring_button.setVisible(keyring)
        if self._remaining <= 0:
            self.message.clear()
            self.set_busy(False)
        self.passphrase.setFocus()

    def _unlock(self) -> None:
        if self._remaining > 0:
            self._say(
                f"{self._base_text} Wait {self._remaining} s before trying again;"
                " what you typed is kept."
            )
            return
        if not self.unlock_button.isEnabled():
            return
        if not self.passphrase.text():
            self._say("⚠ Type your passphrase first.")
            return
        self.unlock_requested.emit(self.passphrase.take())

    def set_busy(self, busy: bool) -> None:
        waiting = self._remaining > 0
        self.unlock_button.setEnabled(not busy and not waiting)
        # Read-only, not disabled: a disabled field hands focus to "Forgotten your passphrase?",
        # and the next key pressed would open recovery. Typing ahead during the wait is fine.
        self.passphrase.setReadOnly(busy)
        if busy:
            self.message.setText("Checking…")

    def show_wrong(self, text: str, wait_seconds: float) -> None:
        """A wrong passphrase: say so, and hold the button for the wait the file asks."""
        self.passphrase.clear()
        self._remaining = math.ceil(wait_seconds)
        self._wait_until = time.monotonic() + wait_seconds
        self._base_text = f"⚠ {text}"
        if self._remaining > 0:
            self._tick()
            # Said once with the first wait, not at every second of the countdown.
            announce(self.message, self.message.text(), ASSERTIVE)
            self.passphrase.setFocus()
        else:
            self._say(self._base_text)
            self.set_busy(False)
            self.passphrase.setFocus()

    def _tick(self) -> None:
        left = self._wait_until - time.monotonic()
        self._remaining = max(0, math.ceil(left))
        if self._remaining <= 0:
            self._countdown.stop()
            self._remaining = 0
            self.message.setText(f"{self._base_text} You can try again now.")
            announce(self.message, "You can try again now.")
            self.set_busy(False)
            self.passphrase.setFocus()
            return
        self.message.setText(f"{self._base_text} Wait {self._remaining} s before trying again.")
        self.set_busy(False)
        self._countdown.start(max(1, math.ceil((left - self._remaining + 1) * 1000)))

    def show_error(self, text: str) -> None:
        self._say(f"⚠ {text}")
        self.set_busy(False)

    def _say(self, text: str) -> None:
        """An error under the field, shown and said at once (focus stays in the field)."""
        self.message.setText(text)
        announce(self.message, text, ASSERTIVE)
