"""Quitting while a session runs: end it, or keep it running for later, or stay.

The notes are saved whichever is chosen; the question is only whether the session's clock
and record say it finished now.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

TITLE = "A session is running"
END_TEXT = "&End the session and quit"
KEEP_TEXT = "&Keep it running and quit"
CANCEL_TEXT = "&Cancel"


class QuitAnswer(Enum):
    END = "end"
    KEEP = "keep"
    CANCEL = "cancel"


def ask_quit_with_sessions(
    parent: QWidget, names: list[str], unsaved: list[str] | None = None
) -> QuitAnswer:
    """Esc answers Cancel: a quit pressed by mistake changes nothing.

    ``unsaved`` names typing that cannot be saved for later (half-answered questions), so
    quitting never drops it without the person having been told.
    """
    who = ", ".join(names)
    lost = (
        f" Not saved and lost on quitting: {'; '.join(unsaved)}. Cancel to go back to it."
        if unsaved
        else ""
    )
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(TITLE)
    box.setText(f"A session is still running ({who}).")
    box.setInformativeText(
        "Everything typed so far is saved either way. End the session now, or keep it running "
        "and carry on from where it stopped next time." + lost
    )
    end = box.addButton(END_TEXT, QMessageBox.ButtonRole.DestructiveRole)
    end.setAccessibleName("End the session and quit")
    keep = box.addButton(KEEP_TEXT, QMessageBox.ButtonRole.AcceptRole)
    keep.setAccessibleName("Keep it running and quit")
    cancel = box.addButton(CANCEL_TEXT, QMessageBox.ButtonRole.RejectRole)
    cancel.setAccessibleName("Cancel: do not quit")
    box.setDefaultButton(keep)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is end:
        return QuitAnswer.END
    if clicked is keep:
        return QuitAnswer.KEEP
    return QuitAnswer.CANCEL
