"""Answer a modal dialog the way a person does: wait for it to appear, then press its keys.

A modal dialog runs its own event loop, so the test cannot answer it after the click that opens
it; the answer is queued on a timer first and runs inside that loop. If the answer fails, or the
dialog never appears, the dialog is closed so the test fails instead of hanging.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

W = TypeVar("W", bound=QWidget)


def _close_modal() -> None:
    widget = QApplication.activeModalWidget()
    if isinstance(widget, QDialog):
        widget.reject()
    elif widget is not None:
        widget.close()


def when_modal(kind: type[W], answer: Callable[[W], None], timeout: float = 10.0) -> list[W]:
    """Call answer(dialog) once a modal widget of this kind is active; the list gets the dialog."""
    seen: list[W] = []
    deadline = time.monotonic() + timeout

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            seen.append(widget)
            try:
                answer(widget)
            except BaseException:
                _close_modal()
                raise
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)
        else:
            _close_modal()

    QTimer.singleShot(0, poll)
    return seen
