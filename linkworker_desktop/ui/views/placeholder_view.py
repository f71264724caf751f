"""A section that a later version fills: it says so plainly and offers no dead buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.value_label import ValueLabel


class PlaceholderView(QWidget):
    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        heading = Heading(f"<h2>{title}</h2>", self)
        body = ValueLabel(title, text, self)
        body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
