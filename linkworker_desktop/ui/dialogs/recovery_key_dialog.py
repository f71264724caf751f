"""Show the recovery key once, and make sure it was written down before going on."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.ui.widgets.value_label import ValueLabel


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Your recovery key")
        intro = QLabel(
            "<b>Write this key down now and keep it somewhere safe, away from this laptop.</b> "
            "It is the only way back into the caseload if the passphrase is forgotten. "
            "It is shown only this once.",
            self,
        )
        intro.setWordWrap(True)
        self.key = ValueLabel("Recovery key", recovery_key, self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.6)
        font.setWeight(QFont.Weight.Bold)
        self.key.setFont(font)
        self.key.setTextInteractionFlags(self.key.textInteractionFlags().TextSelectableByMouse)
        copy = QPushButton("&Copy", self)
        copy.setAccessibleName("Copy")
        copy.setAccessibleDescription("Copy the recovery key")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(recovery_key))
        self.written = QCheckBox("I have &written it down", self)
        self.written.setAccessibleName("I have written it down (the recovery key)")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.continue_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.continue_button.setText("Continue")
        self.continue_button.setEnabled(False)
        self.written.toggled.connect(self.continue_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.key, 1)
        row.addWidget(copy)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.written)
        layout.addWidget(self.buttons)

    def reject(self) -> None:
        """Escape must not skip the one chance to write the key down."""
        if self.written.isChecked():
            super().reject()
