"""One conflict, its two values side by side, and the buttons that settle it.

The panel only asks (``keep_requested(value)``, ``merge_requested()``); the Sync view settles
through the service. Values are shown as plain text: patient data is never read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services.conflicts import ConflictDetail, Side
from linkworker_desktop.ui.models.sync_words import short_time
from linkworker_desktop.ui.widgets.sync_icons import state_pixmap


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class SideBox(QGroupBox):
    """One value: what it says, whether the record holds it now, and "Keep this one"."""

    def __init__(self, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.role = role
        self.value = _plain_label()
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setFrameShape(QFrame.Shape.StyledPanel)
        self.value.setFrameShadow(QFrame.Shadow.Sunken)
        self.value.setBackgroundRole(QPalette.ColorRole.Base)
        self.value.setAutoFillBackground(True)
        self.value.setMargin(8)
        self.value.setMinimumHeight(self.value.fontMetrics().height() * 2 + 16)
        self.value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.mark_icon = QLabel()
        self.mark = _plain_label()
        self.keep_button = QPushButton("Keep this one")
        mark_row = QHBoxLayout()
        mark_row.addWidget(self.mark_icon)
        mark_row.addWidget(self.mark, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addLayout(mark_row)
        layout.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_side(self, side: Side) -> None:
        self.setTitle(side.heading)
        self.value.setText(side.text)
        self.value.setAccessibleName(f"{side.heading}: value")
        self.mark.setText("Kept now" if side.kept else "Not kept")
        font = self.mark.font()
        font.setBold(side.kept)
        self.mark.setFont(font)
        if side.kept:
            size = self.fontMetrics().height()
            color = self.palette().color(QPalette.ColorRole.WindowText)
            self.mark_icon.setPixmap(state_pixmap("online", size, color, self.devicePixelRatioF()))
        else:
            self.mark_icon.clear()
        self.mark_icon.setVisible(side.kept)
        self.keep_button.setAccessibleName(f"Keep {self.role}: {side.text}")
        self.keep_button.setToolTip(f"Keep {self.role} value and settle this conflict")


class ConflictPanel(QWidget):
    keep_requested = Signal(object)
    merge_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Conflict")
        self.detail: ConflictDetail | None = None
        self.title = _plain_label()
        self.title.setAccessibleName("What the conflict is about")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.when = _plain_label()
        self.mine = SideBox("mine")
        self.theirs = SideBox("theirs")
        self.merge_button = QPushButton("Merge…")
        self.merge_button.setAccessibleName("Merge the two values")
        self.merge_button.setToolTip("Edit both values into one and keep that")
        self.mine.keep_button.clicked.connect(lambda: self._keep(self.mine))
        self.theirs.keep_button.clicked.connect(lambda: self._keep(self.theirs))
        self.merge_button.clicked.connect(self.merge_requested)
        sides = QHBoxLayout()
        sides.addWidget(self.mine, 1)
        sides.addWidget(self.theirs, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.when)
        layout.addLayout(sides)
        layout.addWidget(self.merge_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.show_conflict(None)

    def show_conflict(self, detail: ConflictDetail | None) -> None:
        self.detail = detail
        for widget in (self.mine, self.theirs, self.merge_button, self.when):
            widget.setVisible(detail is not None)
        if detail is None:
            self.title.setText("")
            return
        self.title.setText(detail.title)
        when = short_time(detail.raised_at)
        found = f"Found {when}. Choose the value to keep." if when else ""
        self.when.setText(f"{detail.note} {found}".strip())
        self.mine.show_side(detail.mine)
        self.theirs.show_side(detail.theirs)
        self.merge_button.setVisible(detail.mergeable)

    def _keep(self, box: SideBox) -> None:
        if self.detail is None:
            return
        side = self.detail.mine if box is self.mine else self.detail.theirs
        self.keep_requested.emit(side.value)
