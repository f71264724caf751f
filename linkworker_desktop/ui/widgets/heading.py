"""Headings a screen reader knows as headings, so a person can jump from one to the next.

A bold label looks like a heading but is read as plain text. Qt gives labels the "static text"
role and offers no setter, so an accessibility factory gives :class:`Heading` widgets the
heading role, named with the words they show.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

from linkworker_desktop.ui.widgets.value_label import plain_text


class Heading(QLabel):
    """A heading: bold and ``scale`` times the body size, or as its own markup (``<h1>``) says."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, scale: float = 1.0):
        super().__init__(text, parent)
        self.setWordWrap(True)
        if "<h" not in text:
            font = self.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * scale)
            self.setFont(font)


class _HeadingAccessible(QAccessibleWidget):
    def __init__(self, heading: Heading):
        super().__init__(heading, QAccessible.Role.Heading)

    def text(self, kind: QAccessible.Text) -> str:
        heading = self.widget()
        if kind == QAccessible.Text.Name:
            return heading.accessibleName() or plain_text(heading.text()).strip()
        return super().text(kind)


def _factory(_class_name: str, thing: QObject) -> QAccessibleInterface | None:
    return _HeadingAccessible(thing) if isinstance(thing, Heading) else None


QAccessible.installFactory(_factory)
