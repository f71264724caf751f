"""Move to another computer: make a backup somewhere the new laptop can reach, then say what next.

Copying ``caseload.db`` alone loses everything (its key is in ``caseload.keys``), so the move
is always made through a backup file, and the steps for the new laptop are spelt out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services.backups import BackupInfo
from linkworker_desktop.ui.widgets.backup_section import folder_dialog, made_at_text
from linkworker_desktop.ui.widgets.value_label import ValueLabel

NO_PLACE = "No place chosen yet"


def new_laptop_steps(info: BackupInfo) -> str:
    """What to do on the new laptop, in order, as a numbered list."""
    return (
        "<b>On the new laptop:</b><ol>"
        "<li>Install Linkworker Desktop.</li>"
        f"<li>Open it and press <b>Restore from a backup…</b>, then choose "
        f"<code>{info.path}</code>.</li>"
        f"<li>Type the passphrase you use today ({made_at_text(info)}), or your recovery key."
        "</li>"
        "<li>Unlocking with the computer account is not carried over: turn it on again in "
        "Settings → Security if you want it.</li>"
        "<li>The hub enrolment is not carried over either: enrol the new laptop again in "
        "Sync.</li>"
        "<li>Keep the backup file safe, then delete it once the new laptop works.</li></ol>"
    )


class MoveComputerDialog(QDialog):
    backup_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Move to another computer")
        intro = QLabel(
            "Your caseload moves as one backup file. Save it on a USB stick or a shared "
            "folder the new laptop can reach. Copying the caseload file alone does not work: "
            "its key is kept in a second file.",
            self,
        )
        intro.setWordWrap(True)
        self.place = QLabel(NO_PLACE, self)
        self.place.setWordWrap(True)
        self.place.setAccessibleName(NO_PLACE)
        self.choose_button = QPushButton("&Choose where to save…", self)
        self.choose_button.setAccessibleName("Choose where to save")
        self.choose_button.clicked.connect(lambda: self.choose_place())
        self.problem = ValueLabel("Problem", "", self)
        self.problem.setWordWrap(True)
        self.steps = ValueLabel("Steps on the new laptop", "", self)
        self.steps.setWordWrap(True)
        self.steps.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.make_button = self.buttons.addButton(
            "&Make the backup", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.make_button.setAccessibleName("Make the backup")
        self.make_button.setEnabled(False)
        self.make_button.clicked.connect(lambda: self._make())
        self.buttons.rejected.connect(self.reject)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place, 1)
        place_row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(place_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.steps)
        layout.addWidget(self.buttons)
        self.folder: Path | None = None
        self._dialog = folder_dialog(self, "Choose where to save the backup", None)
        self._dialog.fileSelected.connect(self.set_place)
        self.choose_button.setFocus()

    def choose_place(self) -> None:
        self._dialog.open()

    def set_place(self, path: str) -> None:
        folder = Path(path)
        if not folder.is_dir():
            self.show_problem(f"{folder} is not a folder this laptop can reach.")
            return
        self.folder = folder
        self.place.setText(str(folder))
        self.place.setAccessibleName(str(folder))
        self.problem.clear()
        self.make_button.setEnabled(True)
        self.make_button.setFocus()

    def _make(self) -> None:
        if self.folder is None:
            return
        self.make_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.problem.setText("Making the backup…")
        self.backup_requested.emit(self.folder)

    def show_done(self, info: BackupInfo) -> None:
        self.problem.setText(f"Saved {info.path.name}.")
        self.steps.setText(new_laptop_steps(info))
        self.steps.setVisible(True)
        self.choose_button.setEnabled(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()
        self.adjustSize()

    def show_problem(self, text: str) -> None:
        self.problem.setText(f"⚠ {text}")
        self.choose_button.setEnabled(True)
        self.make_button.setEnabled(self.folder is not None)
