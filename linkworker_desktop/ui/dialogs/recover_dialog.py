"""Forgotten passphrase: the recovery key and a new passphrase."""

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


class RecoverDialog(QDialog):
    """Hands back (recovery key, new passphrase) through ``values()`` once accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Use your recovery key")
        intro = QLabel(
            "Type the recovery key you wrote down when the caseload was set up, then choose a "
            "new passphrase. The old recovery key stops working and you get a new one.",
            self,
        )
        intro.setWordWrap(True)
        self.key = SecretField(self)
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        # The hint shows the key's shape, so it is shown whole (and a typed key too).
        shape = self.key.fontMetrics().horizontalAdvance(self.key.placeholderText())
        self.key.setMinimumWidth(shape + 24)
        self.key.setAccessibleName("Recovery key")
        self.passphrase = NewPassphraseFields(self)
        self.problem = ValueLabel("Problem", "", self)
        self.problem.setWordWrap(True)
        form = QFormLayout()
        label = QLabel("&Recovery key:", self)
        label.setBuddy(self.key)
        form.addRow(label, self.key)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Reset passphrase")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._values: tuple[str, str] | None = None

    def _check(self) -> None:
        if len("".join(ch for ch in self.key.text() if ch.isalnum())) != 32:
            self.problem.setText("⚠ A recovery key has 32 letters and digits in 8 groups.")
            return
        new = self.passphrase.passphrase()
        if new is None:
            return
        self._values = (self.key.take(), new)
        self.accept()

    def values(self) -> tuple[str, str] | None:
        return self._values
