"""Forgotten passphrase: the recovery key and a new passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from linkworker_desktop.ui.dialogs.form_dialog import FormDialog
from linkworker_desktop.ui.widgets.new_passphrase import NewPassphraseFields
from linkworker_desktop.ui.widgets.secret_field import SecretField


class RecoverDialog(FormDialog):
    """Hands back (recovery key, new passphrase) through ``values()`` once accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Use your recovery key", "Reset passphrase", parent, heading=False)
        intro = QLabel(
            "Type the recovery key you wrote down when the caseload was set up, then choose a "
            "new passphrase. The old recovery key stops working and you get a new one.",
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.key = self.add_row(
            "&Recovery key:",
            SecretField(self),
            name="key",
            problem="Problem with the recovery key",
        )
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        # The hint shows the key's shape, so it is shown whole (and a typed key too).
        shape = self.key.fontMetrics().horizontalAdvance(self.key.placeholderText())
        self.key.setMinimumWidth(shape + 24)
        self.passphrase = NewPassphraseFields(self)
        self.add_below(self.passphrase)
        self._values: tuple[str, str] | None = None

    def save(self) -> None:
        if len("".join(ch for ch in self.key.text() if ch.isalnum())) != 32:
            self.show_problems({"key": "A recovery key has 32 letters and digits in 8 groups."})
            return
        self.clear_problems()
        new = self.passphrase.passphrase()
        if new is None:
            return
        self._values = (self.key.take(), new)
        self.accept()

    def values(self) -> tuple[str, str] | None:
        return self._values
