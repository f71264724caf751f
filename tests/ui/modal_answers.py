"""Answer modal dialogs (message boxes, custom dialogs) as a person would, from a timer.

``exec()`` runs its own event loop, so a test cannot press a button after the call returns:
each handler is run once the next modal window is up and active, and presses what a person
would press in it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

POLL_MS = 20


def answer_modals(*handlers: Callable[[QWidget], None], tries: int = 250) -> list[QWidget]:
    """Run each handler on the next new modal widget in turn; returns the widgets answered."""
    answered: list[QWidget] = []
    pending = list(handlers)

    def poll(left: int) -> None:
        if not pending or left <= 0:
            return
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible() and modal not in answered:
            answered.append(modal)
            pending.pop(0)(modal)
        QTimer.singleShot(POLL_MS, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))
    return answered
