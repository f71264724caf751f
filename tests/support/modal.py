"""Answer a modal window the way a person does: wait for it to appear, then click its button.

The answer is armed before the key press or click that opens the window, because a modal
``exec()`` does not return to the test until someone answers it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

POLL_MS = 20
GIVE_UP_MS = 10_000


@dataclass
class ModalAnswer:
    """What the answered window said, once it has been answered."""

    button: str
    titles: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    buttons: list[list[str]] = field(default_factory=list)
    stopped: bool = False

    def stop(self) -> None:
        """No more looking: for a test that checks no window was asked."""
        self.stopped = True

    @property
    def asked(self) -> bool:
        return bool(self.titles)


def _plain(text: str) -> str:
    return text.replace("&", "")


def answer_modal(qtbot: QtBot, button: str) -> ModalAnswer:
    """Click the button whose words are ``button`` on the next modal window that appears."""
    answer = ModalAnswer(button)
    waited = 0

    def look() -> None:
        nonlocal waited
        if answer.stopped:
            return
        modal: QWidget | None = QApplication.activeModalWidget()
        choices = modal.findChildren(QAbstractButton) if modal is not None else []
        wanted = [b for b in choices if _plain(b.text()) == button and b.isVisible()]
        if not wanted:
            waited += POLL_MS
            if waited < GIVE_UP_MS:
                QTimer.singleShot(POLL_MS, look)
            return
        assert modal is not None
        answer.titles.append(modal.windowTitle())
        if isinstance(modal, QMessageBox):
            answer.texts.append(f"{modal.text()}\n{modal.informativeText()}".strip())
        else:
            answer.texts.append("")
        answer.buttons.append([_plain(b.text()) for b in choices if b.isVisible()])
        qtbot.mouseClick(wanted[0], Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, look)
    return answer
