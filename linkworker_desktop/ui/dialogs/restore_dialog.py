"""Restore from a backup: what the backup holds, and the passphrase or recovery key of its time.

A backup opens only with the secret it was made under. With the recovery key, the old
passphrase is forgotten, so a new one is chosen here too. The dialog stays open while the
restore runs, so a wrong passphrase is said in it and can be typed again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services.backups import BackupInfo
from linkworker_desktop.ui.widgets.backup_section import made_at_text
from linkworker_desktop.ui.widgets.new_passphrase import NewPassphraseFields
from linkworker_desktop.ui.widgets.secret_field import SecretField
from linkworker_desktop.ui.widgets.value_label import StatusLabel, ValueLabel

KEY_LETTERS = 32


# What a person recognises their caseload by; the manifest counts every table.
_SHOWN = (("patients", "patient"), ("referrals", "referral"), ("sessions", "session"))


def contents_text(info: BackupInfo) -> str:
    """ "200 patients, 230 referrals and 290 sessions"."""
    parts = [
        f"{info.counts[table]} {one if info.counts[table] == 1 else table}"
        for table, one in _SHOWN
        if table in info.counts
    ]
    if not parts or info.counts.get("patients", 0) == 0:
        return "an empty caseload"
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]


class RestoreDialog(QDialog):
    # secret, True for the recovery key, and the new passphrase chosen with the recovery key
    restore_requested = Signal(str, bool, str)

    def __init__(self, info: BackupInfo, kept_aside: str = "", parent: QWidget | None = None):
        """``kept_aside`` names the folder of a caseload already on this laptop, if there is one."""
        super().__init__(parent)
        self.setWindowTitle("Restore from a backup")
        self.info = info
        about = QLabel(
            f"<b>{info.path.name}</b><br>Made {made_at_text(info)} by {info.worker_name}, "
            f"app version {info.app_version}.<br>It holds {contents_text(info)}.",
            self,
        )
        about.setWordWrap(True)
        self.about = about
        warning = ""
        if kept_aside:
            warning = (
                f"The caseload on this laptop now is kept aside beside {kept_aside}, "
                "not overwritten."
            )
        self.warning = ValueLabel("Warning", warning, self)
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(kept_aside))

        self.passphrase = SecretField(self)
        self.passphrase.setAccessibleName("Passphrase at that time")
        self.passphrase_label = QLabel("Passphrase at that &time:", self)
        self.passphrase_label.setBuddy(self.passphrase)
        self.key = SecretField(self)
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        shape = self.key.fontMetrics().horizontalAdvance(self.key.placeholderText())
        self.key.setMinimumWidth(shape + 24)
        self.key.setAccessibleName("Recovery key")
        self.key_label = QLabel("&Recovery key:", self)
        self.key_label.setBuddy(self.key)
        self.new_passphrase = NewPassphraseFields(self)
        self.switch_button = QPushButton("Use the recovery key &instead", self)
        self.switch_button.setAccessibleName("Use the recovery key instead")
        self.switch_button.clicked.connect(lambda: self.use_recovery_key(not self.recovery))
        self.problem = ValueLabel("Problem", "", self)
        self.problem.setWordWrap(True)
        self.status = StatusLabel("Progress", "", self)

        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.key_label, self.key)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.buttons.addButton(
            "Re&store", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setAccessibleName("Restore")
        self.restore_button.setDefault(True)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(self.new_passphrase)
        layout.addWidget(self.switch_button)
        layout.addWidget(self.problem)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.recovery = True
        self.use_recovery_key(False)

    def use_recovery_key(self, on: bool) -> None:
        """Swap the passphrase for the recovery key and a new passphrase, or back."""
        self.recovery = on
        for widget in (self.key, self.key_label, self.new_passphrase):
            widget.setVisible(on)
        for widget in (self.passphrase, self.passphrase_label):
            widget.setVisible(not on)
        words = "Use the passphrase &instead" if on else "Use the recovery key &instead"
        self.switch_button.setText(words)
        self.switch_button.setAccessibleName(words.replace("&", ""))
        self.problem.clear()
        (self.key if on else self.passphrase).setFocus()
        self.adjustSize()

    def _check(self) -> None:
        if not self.restore_button.isEnabled():
            return  # already restoring
        if self.recovery:
            if len("".join(ch for ch in self.key.text() if ch.isalnum())) != KEY_LETTERS:
                self.show_problem("A recovery key has 32 letters and digits in 8 groups.")
                self.key.setFocus()
                return
            new = self.new_passphrase.passphrase()
            if new is None:
                return
            self.restore_requested.emit(self.key.take(), True, new)
        else:
            if not self.passphrase.text():
                self.show_problem("Type the passphrase the caseload had when it was backed up.")
                self.passphrase.setFocus()
                return
            self.restore_requested.emit(self.passphrase.take(), False, "")

    def set_busy(self, busy: bool) -> None:
        self.restore_button.setEnabled(not busy)
        self.switch_button.setEnabled(not busy)
        if busy:
            self.problem.clear()
        self.status.setText("Checking and restoring the backup… (a few seconds)" if busy else "")

    def show_problem(self, text: str) -> None:
        self.set_busy(False)
        self.problem.setText(f"⚠ {text}")
