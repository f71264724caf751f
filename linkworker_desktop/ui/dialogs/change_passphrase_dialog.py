"""Change the passphrase: the current one, and the new one twice (the file is not rewritten)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.ui.widgets.new_passphrase import NewPassphraseFields
from linkworker_desktop.ui.widgets.secret_field import SecretField
from linkworker_desktop.ui.widgets.value_label import ValueLabel


class ChangePassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self.current = SecretField(self)
        self.current.setAccessibleName("Current passphrase")
        self.new = NewPassphraseFields(self)
        self.problem = ValueLabel("Problem", "", self)
        self.problem.setWordWrap(True)
        form = QFormLayout()
        label = QLabel("&Current passphrase:", self)
        label.setBuddy(self.current)
        form.addRow(label, self.current)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Change passphrase")
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.new)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._values: tuple[str, str] | None = None

    def _check(self) -> None:
        if not self.current.text():
            self.problem.setText("⚠ Type your current passphrase first.")
            return
        new = self.new.passphrase()
        if new is None:
            return
        self._values = (self.current.take(), new)
        self.accept()

    def values(self) -> tuple[str, str] | None:
        return self._values

    def show_problem(self, text: str) -> None:
        self.problem.setText(f"⚠ {text}")
