"""A quiet in-page banner (icon and words) used instead of pop-ups during a conversation.

A modal box would take the worker's eyes off the person in front of them; a banner says the
same thing and waits. The icon and the words carry the meaning, never a colour;
a screen reader hears the words as they appear (a warning or an error interrupts).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QWidget

from linkworker_desktop.ui.a11y import ASSERTIVE, POLITE, announce

_ICONS = {
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class Notice(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAccessibleName(name)
        self._icon = QLabel(self)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self.kind = ""
        self.hide()

    @property
    def text(self) -> str:
        return self._text.text() if self.kind else ""

    def show_message(self, text: str, kind: str = "info", *, say: bool = True) -> None:
        """Show the words; say them unless they are already shown (a banner kept up to date)
        or ``say`` is off (the caller decides when they are news)."""
        news = say and (text, kind) != (self._text.text(), self.kind)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(self.style().standardIcon(_ICONS[kind]).pixmap(size, size))
        self._text.setText(text)
        self.setAccessibleDescription(text)
        self.kind = kind
        self.show()
        if news:
            announce(self, text, POLITE if kind == "info" else ASSERTIVE)

    def clear(self) -> None:
        self._text.clear()
        self.setAccessibleDescription("")
        self.kind = ""
        self.hide()
