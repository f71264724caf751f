"""The box at the top of a form that lists what to fix, each item a link to its field.

It takes keyboard focus when shown so a screen reader announces it, and each link can be
reached with Tab and followed with Enter.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from linkworker_desktop.ui.a11y import ASSERTIVE, announce

TITLE = "There is a problem"
_LIST_STYLE = "margin-top: 4px; margin-bottom: 0px; -qt-list-indent: 1"


def fix_intro(count: int) -> str:
    return "Fix this to save:" if count == 1 else f"Fix these {count} things to save:"


def said_problems(items: list[tuple[str, str]]) -> str:
    """(field label, problem) pairs as one sentence to announce; a blank label is a plain line."""
    plain = " ".join(f"{label}: {problem}" if label else problem for label, problem in items)
    return f"{fix_intro(len(items))} {plain}"


class ErrorSummary(QFrame):
    """Hidden until there is something to say; ``field_requested`` names the field to go to."""

    field_requested = Signal(str)

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Plain)
        self.setLineWidth(2)
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.label.setAccessibleName(TITLE)
        self.label.linkActivated.connect(self.field_requested.emit)
        layout.addWidget(self.label)
        self.hide()

    def show_problems(self, items: list[tuple[str, str, str]]) -> None:
        """Items are (field name, field label, problem); a blank field name is a plain line."""
        lines = []
        for name, label, problem in items:
            text = escape(f"{label}: {problem}" if label else problem)
            lines.append(
                f'<li><a href="{escape(name)}">{text}</a></li>' if name else f"<li>{text}</li>"
            )
        intro = fix_intro(len(items))
        items_html = "".join(lines)
        self.label.setText(f"<b>{TITLE}.</b> {intro}<ul style='{_LIST_STYLE}'>{items_html}</ul>")
        said = said_problems([(label, problem) for _, label, problem in items])
        self.label.setAccessibleDescription(said)
        announce(self.label, f"{TITLE}. {said}", ASSERTIVE)
        self.show()
        self.label.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str) -> None:
        """A problem that belongs to no one field (the caseload locked, say)."""
        self.label.setText(f"<b>{TITLE}.</b> {escape(text)}")
        self.label.setAccessibleDescription(text)
        announce(self.label, f"{TITLE}. {text}", ASSERTIVE)
        self.show()
        self.label.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        self.label.clear()
        self.label.setAccessibleDescription("")
        self.hide()

    def text(self) -> str:
        """What the summary says, as plain text (for tests and logs without markup)."""
        return self.label.accessibleDescription() if not self.isHidden() else ""
