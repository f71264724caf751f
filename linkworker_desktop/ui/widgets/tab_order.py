"""Keep Tab moving down the page in reading order when parts of it are built later.

Qt appends a widget to the window's focus chain when it is created, so a capture built when
its stage is first shown (or a goal row added mid-session) would otherwise be reached only
after the buttons at the bottom.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


def focusable_in(root: QWidget) -> list[QWidget]:
    """Tab stops under ``root`` in creation order (each widget builds itself top to bottom)."""
    window = root.window()
    found = []
    for widget in root.findChildren(QWidget):
        if widget.window() is not window:  # a popup, such as a date picker's calendar
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # the inner editor of a spin box: the box itself is the stop
        found.append(widget)
    return found


def chain(widgets: Iterable[QWidget]) -> None:
    ordered = list(widgets)
    for first, second in zip(ordered, ordered[1:], strict=False):
        QWidget.setTabOrder(first, second)


def focus_first(root: QWidget) -> QWidget | None:
    """Put the cursor in the first control under ``root`` a person would fill in.

    Without this a dialog opens with its default button focused, so typing goes nowhere and
    a space presses Save.
    """
    for widget in focusable_in(root):
        if widget.isEnabled() and widget.isVisibleTo(root):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return widget
    return None
