"""Settings → Backups: where backups go, how many are kept, when they are made, the last one.

The choices are saved as soon as they change, as the keyring switch is. Making, restoring and
moving a caseload are the main window's business, asked for through the signals below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkworker_desktop.services import backups
from linkworker_desktop.services.backups import BackupInfo, BackupSettings
from linkworker_desktop.services.profile import OpenProfile
from linkworker_desktop.ui.widgets.value_label import StatusLabel

ProfileGetter = Callable[[], OpenProfile | None]
NO_FOLDER = "No folder chosen yet"


def patients_text(info: BackupInfo) -> str:
    count = info.counts.get("patients", 0)
    return f"{count} patient" + ("" if count == 1 else "s")


def made_at_text(info: BackupInfo) -> str:
    """When a backup was made, in the laptop's local time: "Mon 30 Nov 2026 17:05"."""
    at = info.made_at.astimezone()
    return f"{at:%a} {at.day} {at:%b %Y %H:%M}"


def last_backup_text(info: BackupInfo | None) -> str:
    if info is None:
        return "No backup yet"
    return f"Last backup: {made_at_text(info)}, {patients_text(info)}"


def backed_up_text(info: BackupInfo) -> str:
    return f"Backed up {patients_text(info)} to {info.path}."


def folder_dialog(parent: QWidget, title: str, start: Path | None) -> QFileDialog:
    """Qt's own folder chooser, the same on every laptop (and answerable in tests)."""
    dialog = QFileDialog(parent, title, str(start or Path.home()))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    return dialog


class BackupSection(QGroupBox):
    back_up_requested = Signal()
    restore_requested = Signal()
    move_requested = Signal()

    def __init__(self, profile: ProfileGetter, parent: QWidget | None = None):
        super().__init__("Backups", parent)
        self._profile = profile
        self._settings = BackupSettings(folder=None)
        self.folder = QLabel(NO_FOLDER, self)
        self.folder.setWordWrap(True)
        self.folder.setAccessibleName(NO_FOLDER)
        self.folder_button = QPushButton("Choose folder…", self)
        self.folder_button.setAccessibleName("Choose folder")
        self.folder_button.setAccessibleDescription("Choose the folder for backups")
        self.folder_button.clicked.connect(lambda: self.choose_folder())
        self.keep = QSpinBox(self)
        self.keep.setRange(1, 60)
        self.keep.setMaximumWidth(120)
        self.keep.setAccessibleName("Backups to keep")
        self.daily = QCheckBox("Back up daily while the caseload is open", self)
        self.daily.setAccessibleName("Back up daily while the caseload is open")
        self.on_quit = QCheckBox("Back up when I quit", self)
        self.on_quit.setAccessibleName("Back up when I quit")
        for box in (self.daily, self.on_quit):
            box.toggled.connect(lambda _on: self._save())
        self.keep.valueChanged.connect(lambda _n: self._save())
        self.back_up_button = QPushButton("&Back up now", self)
        self.back_up_button.setAccessibleName("Back up now")
        self.back_up_button.clicked.connect(lambda: self.back_up_requested.emit())
        self.restore_button = QPushButton("Restore from a backup…", self)
        self.restore_button.setAccessibleName("Restore from a backup")
        self.restore_button.clicked.connect(lambda: self.restore_requested.emit())
        self.move_button = QPushButton("Move to another computer…", self)
        self.move_button.setAccessibleName("Move to another computer")
        self.move_button.clicked.connect(lambda: self.move_requested.emit())
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: a backup's length is not known in advance
        self.progress.setMaximumWidth(160)
        self.progress.setAccessibleName("Backing up")
        self.progress.setVisible(False)
        self.last = QLabel("", self)
        self.last.setAccessibleName("No backup yet")
        self.message = StatusLabel("Backup message", "", self)
        self.message.setWordWrap(True)

        form = QFormLayout()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)
        form.addRow("Folder:", folder_row)
        keep_label = QLabel("Backups to keep:", self)
        keep_label.setBuddy(self.keep)
        form.addRow(keep_label, self.keep)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.daily)
        layout.addWidget(self.on_quit)
        buttons = QHBoxLayout()
        for button in (self.back_up_button, self.restore_button, self.move_button):
            buttons.addWidget(button)
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.last)
        layout.addWidget(self.message)
        self._dialog: QFileDialog | None = None

    # --- showing ------------------------------------------------------------------------------

    def set_profile(self, profile: OpenProfile | None) -> None:
        self.setEnabled(profile is not None)
        self.message.clear()
        self.set_busy(False)
        if profile is None:
            self._show_last(None)
            return
        self._settings = backups.backup_settings(profile)
        for widget in (self.keep, self.daily, self.on_quit):
            widget.blockSignals(True)
        self.keep.setValue(self._settings.keep)
        self.daily.setChecked(self._settings.daily)
        self.on_quit.setChecked(self._settings.on_quit)
        for widget in (self.keep, self.daily, self.on_quit):
            widget.blockSignals(False)
        self._show_folder()
        self._show_last(backups.last_good_backup(profile))

    def _show_folder(self) -> None:
        text = str(self._settings.folder) if self._settings.folder else NO_FOLDER
        self.folder.setText(text)
        self.folder.setAccessibleName(text)

    def _show_last(self, info: BackupInfo | None) -> None:
        text = last_backup_text(info)
        self.last.setText(text)
        self.last.setAccessibleName(text)

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.back_up_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)
        self.move_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        if text:
            self.message.setText(text)

    def show_backed_up(self, info: BackupInfo) -> None:
        self.set_busy(False)
        self.message.setText(backed_up_text(info))
        self._show_last(info)

    def show_problem(self, text: str) -> None:
        self.set_busy(False)
        self.message.setText(f"⚠ {text}")

    # --- choices ------------------------------------------------------------------------------

    def choose_folder(self) -> QFileDialog:
        """Ask where backups go; the choice is saved as soon as it is made."""
        if self._dialog is None:
            self._dialog = folder_dialog(self, "Choose a folder for backups", self._settings.folder)
            self._dialog.fileSelected.connect(self.set_folder)
        self._dialog.open()
        return self._dialog

    def set_folder(self, path: str) -> None:
        folder = Path(path)
        if not folder.is_dir():
            self.show_problem(f"{folder} is not a folder this laptop can reach.")
            return
        self._settings = replace(self._settings, folder=folder)
        self._show_folder()
        self._save()
        self.message.setText(f"Backups will go to {folder}.")

    def _save(self) -> None:
        profile = self._profile()
        if profile is None:
            return
        self._settings = replace(
            self._settings,
            keep=self.keep.value(),
            daily=self.daily.isChecked(),
            on_quit=self.on_quit.isChecked(),
        )
        backups.save_backup_settings(profile, self._settings)
