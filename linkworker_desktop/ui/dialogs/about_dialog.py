"""Help → About: the version and where things are, for the link worker and the service desk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop import APP_NAME
from linkworker_desktop.services.about import AboutFacts
from linkworker_desktop.ui.a11y import announce
from linkworker_desktop.ui.widgets.value_label import ValueLabel

ROWS = (
    ("Version", "version"),
    ("Data folder", "data_folder"),
    ("Database schema", "schema"),
    ("Hub", "hub"),
    ("Directory feed", "directory_feed"),
    ("Machine configuration", "machine_config"),
)


class AboutDialog(QDialog):
    def __init__(self, facts: AboutFacts, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        heading = QLabel(f"<h2>{APP_NAME}</h2>", self)
        intro = QLabel(
            "An encrypted, offline-first caseload for social prescribing link workers.", self
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.values: dict[str, ValueLabel] = {}
        for caption, name in ROWS:
            value = ValueLabel(caption, str(getattr(facts, name)), self)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            # Tab reaches each value, so a keyboard user can select and copy it.
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            value.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            value.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
            self.values[name] = value
            form.addRow(f"{caption}:", value)
        self.text = "\n".join(f"{caption}: {getattr(facts, name)}" for caption, name in ROWS)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.copy_button = self.buttons.addButton(
            "&Copy details", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setAccessibleName("Copy details")
        self.copy_button.setAccessibleDescription("Copy these details for the IT service desk")
        self.copy_button.clicked.connect(self._copy)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        """Close takes the focus, so Enter or Escape leaves and Tab walks the values."""
        super().showEvent(event)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        announce(self.copy_button, "Copied the details.")
