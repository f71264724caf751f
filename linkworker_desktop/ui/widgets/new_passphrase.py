"""Choosing a new passphrase: typed twice, with the rule and any mismatch said plainly."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from linkworker_desktop.services.errors import WeakPassphrase
from linkworker_desktop.services.keys import MIN_PASSPHRASE_LENGTH, check_new_passphrase
from linkworker_desktop.ui.widgets.field_state import clear_error, mark_error
from linkworker_desktop.ui.widgets.secret_field import SecretField
from linkworker_desktop.ui.widgets.value_label import HintLabel, ValueLabel


class NewPassphraseFields(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.first = SecretField(self)
        self.first.setAccessibleName("Passphrase (the new one)")
        self.second = SecretField(self)
        self.second.setAccessibleName("Type it again (the new passphrase)")
        self.hint = HintLabel(
            f"At least {MIN_PASSPHRASE_LENGTH} characters. A few words you can remember "
            '("kettle river purple lamp") are stronger than symbols.',
            self.first,
            self,
        )
        self.problem = ValueLabel("Passphrase problem", "", self)
        self.problem.setWordWrap(True)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("&Passphrase:", self)
        label.setBuddy(self.first)
        again = QLabel("T&ype it again:", self)
        again.setBuddy(self.second)
        layout.addRow(label, self.first)
        layout.addRow(again, self.second)
        layout.addRow("", self.hint)
        layout.addRow("", self.problem)

    def passphrase(self) -> str | None:
        """The new passphrase, taken from both fields, or None after showing why it cannot be used.

        A passphrase that cannot be used stays in the fields so it can be put right.
        """
        first, second = self.first.text(), self.second.text()
        self._clear_errors()
        try:
            check_new_passphrase(first)
        except WeakPassphrase as exc:
            self._say(self.first, str(exc))
            return None
        if first != second:
            self.second.clear()
            self._say(self.second, "The two passphrases are different. Type them again.")
            return None
        self.second.take()
        return self.first.take()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self._clear_errors()

    def _say(self, field: SecretField, problem: str) -> None:
        """Shown under the fields, said as the field's error, and the cursor put there."""
        self.problem.setText(f"⚠ {problem}")
        mark_error(field, problem)
        field.setFocus()

    def _clear_errors(self) -> None:
        self.problem.clear()
        clear_error(self.first)
        clear_error(self.second)
