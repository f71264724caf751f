"""First run: who is working, a passphrase twice, and the offer of a demo caseload.

Someone moving from another laptop, or whose disk failed, restores a backup from here instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services import machine_config
from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.new_passphrase import NewPassphraseFields
from linkworker_desktop.ui.widgets.secret_field import SecretField
from linkworker_desktop.ui.widgets.value_label import StatusLabel, ValueLabel

DEMO_PATIENTS = 200


class SetupView(QWidget):
    submitted = Signal(str, str, str, bool)  # worker name, team, passphrase, demo caseload
    restore_requested = Signal()

    def __init__(self, folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        title = Heading("<h1>Set up your caseload</h1>", self)
        intro = QLabel(
            "Your caseload is kept encrypted on this laptop. Choose a passphrase you will "
            f"remember; you will also get a recovery key to write down.<br>It will be kept in "
            f"<code>{folder}</code>.",
            self,
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("e.g. Sam Patel")
        self.team = QLineEdit(self)
        self.team.setAccessibleName("Your team or PCN")
        self.team.setPlaceholderText("e.g. Riverside PCN (optional)")
        self.passphrase = NewPassphraseFields(self)
        self.demo = QCheckBox(
            f"Add a &demo caseload of {DEMO_PATIENTS} synthetic patients (made-up people, "
            "for trying the app)",
            self,
        )
        self.demo.setAccessibleName(self.demo.text().replace("&", ""))
        machine = machine_config.current()
        # Where the organisation said no, made-up patients are neither offered nor added.
        self.demo_offered = machine.demo_data_offered
        self.demo.setChecked(self.demo_offered)
        self.demo.setVisible(self.demo_offered)
        self.organisation = QLabel(_organisation_words(machine), self)
        self.organisation.setWordWrap(True)
        self.organisation.setTextFormat(Qt.TextFormat.PlainText)
        self.organisation.setVisible(bool(self.organisation.text()))
        # With the hub set by the organisation, its one-time code can be typed here at once.
        self.code = SecretField(self)
        self.code.setAccessibleName("One-time code (optional)")
        self.code.setPlaceholderText("ABCD-EFGH-JKLM")
        self.code_row = QWidget(self)
        code_form = QFormLayout(self.code_row)
        code_form.setContentsMargins(0, 0, 0, 0)
        code_label = QLabel("One-time &code (optional):", self.code_row)
        code_label.setBuddy(self.code)
        code_form.addRow(code_label, self.code)
        self.code_row.setVisible(bool(machine.hub_url))
        self.problem = ValueLabel("Set-up problem", "", self)
        self.problem.setWordWrap(True)
        self.create_button = QPushButton("&Create encrypted caseload", self)
        self.create_button.setAccessibleName("Create encrypted caseload")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self._submit)
        self.status = StatusLabel("Progress", "", self)
        self.restore_button = QPushButton("&Restore from a backup…", self)
        self.restore_button.setAccessibleName("Restore from a backup")
        self.restore_button.clicked.connect(lambda: self.restore_requested.emit())
        restore_note = QLabel(
            "Moving from another laptop, or starting again after losing one? Restore your "
            "caseload from a backup file instead.",
            self,
        )
        restore_note.setWordWrap(True)

        form = QFormLayout()
        name_label = QLabel("Your &name:", self)
        name_label.setBuddy(self.name)
        team_label = QLabel("Your &team or PCN:", self)
        team_label.setBuddy(self.team)
        form.addRow(name_label, self.name)
        form.addRow(team_label, self.team)
        box = QWidget(self)
        box.setFixedWidth(640)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addWidget(self.organisation)
        inner.addLayout(form)
        inner.addWidget(self.passphrase)
        inner.addWidget(self.code_row)
        inner.addWidget(self.demo)
        inner.addWidget(self.problem)
        inner.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.status)
        inner.addSpacing(12)
        inner.addWidget(restore_note)
        inner.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Centred by stretches, not an alignment flag, so the box grows with a wrapped problem.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        for field in (
            self.name,
            self.team,
            self.passphrase.first,
            self.passphrase.second,
            self.code,
        ):
            field.returnPressed.connect(self._submit)  # Enter anywhere in the form creates it
        self.name.setFocus()

    def _submit(self) -> None:
        if not self.create_button.isEnabled():
            return  # already creating: a second Enter must not start a second caseload
        name = self.name.text().strip()
        if not name:
            self.problem.setText("⚠ Your name is needed: every change records who made it.")
            self.name.setFocus()
            return
        passphrase = self.passphrase.passphrase()
        if passphrase is None:
            return
        self.problem.clear()
        with_demo = self.demo_offered and self.demo.isChecked()
        self.submitted.emit(name, self.team.text().strip(), passphrase, with_demo)

    def take_code(self) -> str:
        """The one-time code typed here, if any, handed over once (the field is cleared)."""
        return self.code.take().strip() if self.code_row.isVisibleTo(self) else ""

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.create_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)
        self.status.setText(message)

    def show_problem(self, text: str) -> None:
        self.set_busy(False)
        self.problem.setText(f"⚠ {text}")


def _organisation_words(machine: machine_config.MachineConfig) -> str:
    """What IT set up for this laptop, so the link worker knows only a code is left to type."""
    if not machine.hub_url:
        return f"This laptop is set up for {machine.organisation}." if machine.organisation else ""
    who = machine.organisation or "your organisation"
    return (
        f"This laptop is set up for {who}, and its hub's address is already set. Type the "
        "one-time code your administrator gave you to connect to it (or later, in Sync)."
    )
