"""Change the passphrase: the current one, and the new one twice (the file is not rewritten)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from linkworker_desktop.ui.dialogs.form_dialog import FormDialog
from linkworker_desktop.ui.widgets.new_passphrase import NewPassphraseFields
from linkworker_desktop.ui.widgets.secret_field import SecretField


class ChangePassphraseDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("Change passphrase", "Change passphrase", parent, heading=False)
        self.current = self.add_row(
            "&Current passphrase:",
            SecretField(self),
            name="current",
            problem="Problem with the current passphrase",
        )
        self.new = NewPassphraseFields(self)
        self.add_below(self.new)
        self._values: tuple[str, str] | None = None

    def save(self) -> None:
        if not self.current.text():
            self.show_problems({"current": "Type your current passphrase first."})
            return
        self.clear_problems()
        new = self.new.passphrase()
        if new is None:
            return
        self._values = (self.current.take(), new)
        self.accept()

    def values(self) -> tuple[str, str] | None:
        return self._values

    def show_problem(self, text: str) -> None:
        self.show_problems({"": text})
