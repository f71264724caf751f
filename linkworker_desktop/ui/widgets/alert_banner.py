"""The alerts in force on a record, in a band at the top of every screen about that person.

A worker must see "Do not visit alone" before they book or walk up to a door: the banner is
words beside a warning icon (never colour alone) and is read as "Alerts: …" by a screen reader.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QStyle, QWidget

from linkworker_desktop.domain.alerts import Alert


def alert_icon() -> QIcon:
    """The one mark of an alert in every list (a shape, with words beside it or read aloud)."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)


def banner_text(alerts: list[Alert]) -> str:
    """Each alert with its reason: "Do not visit alone (Threats to staff.) · Aggressive dog (…)"."""
    return " · ".join(f"{a.kind.label} ({a.reason})" for a in alerts if a.active)


class AlertBanner(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(size, size))
        self.words = QLabel(self)
        self.words.setWordWrap(True)
        font = self.words.font()
        font.setBold(True)
        self.words.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(icon)
        layout.addWidget(self.words, 1)
        self.hide()

    def show_alerts(self, alerts: list[Alert]) -> None:
        text = banner_text(alerts)
        shown = f"Alerts: {text}" if text else ""
        self.words.setText(shown)
        self.words.setAccessibleName(shown)  # read as it is shown
        self.setVisible(bool(text))
