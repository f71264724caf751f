"""Ask which time is meant when the clocks change: the spring gap, or the autumn hour twice.

The service refuses such a time with the question (``NonexistentTime``, ``AmbiguousTime``);
this box puts it. Each answer names the time it books, and "Change the time" is the default
and Escape, so Enter never books a time the person did not pick. It opens window-modal like
the dialogs it sits over.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from linkworker_desktop.domain.clock_changes import AmbiguousTime, NonexistentTime, choice_label
from linkworker_desktop.domain.typed_dates import format_uk_time


def ask_clock_change(
    parent: QWidget,
    title: str,
    problem: NonexistentTime | AmbiguousTime,
    verb: str,
    on_chosen: Callable[[datetime], None],
) -> QMessageBox:
    """Offer the time(s) ``problem`` names; ``on_chosen`` gets the instant picked, if any."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        problem.problems["starts_at"],
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    if isinstance(problem, NonexistentTime):
        offers = [(f"{verb} {format_uk_time(problem.instead.time())}", problem.instead)]
    else:
        first, second = problem.choices
        offers = [
            (f"{verb} {choice_label(first, 'first')}", first),
            (f"{verb} {choice_label(second, 'second')}", second),
        ]
    buttons = {}
    for text, moment in offers:
        button = box.addButton(text, QMessageBox.ButtonRole.AcceptRole)
        button.setAccessibleName(text)
        buttons[button] = moment
    change = box.addButton("Change the time", QMessageBox.ButtonRole.RejectRole)
    change.setAccessibleName("Change the time")
    box.setDefaultButton(change)
    box.setEscapeButton(change)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished() -> None:
        chosen = buttons.get(box.clickedButton())
        if chosen is not None:
            on_chosen(chosen)

    box.finished.connect(finished)
    box.open()
    return box
