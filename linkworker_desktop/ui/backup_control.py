"""Backups in the running app: daily and on quit, on request, restoring, and moving laptops.

A backup runs on a worker thread with its own connection to the caseload (a connection belongs
to the thread that opened it), so the screens stay usable. The quit backup runs on the GUI
thread because the app is closing anyway; it says so in the status bar while it works.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from linkworker_desktop.services import backups
from linkworker_desktop.services import profile as profile_service
from linkworker_desktop.services.backups import BackupError, BackupInfo
from linkworker_desktop.services.profile import OpenProfile, ProvenKey
from linkworker_desktop.ui.background import BackgroundTask
from linkworker_desktop.ui.dialogs import backup_question
from linkworker_desktop.ui.dialogs.move_computer_dialog import MoveComputerDialog
from linkworker_desktop.ui.dialogs.restore_dialog import RestoreDialog
from linkworker_desktop.ui.widgets.backup_reminder import utc_clock
from linkworker_desktop.ui.widgets.backup_section import backed_up_text

if TYPE_CHECKING:
    from linkworker_desktop.ui.main_window import MainWindow

CHECK_EVERY_MS = 60 * 60 * 1000
NO_FOLDER = "Choose a folder for backups first (Settings → Backups), then back up."


def _proven(profile: OpenProfile) -> ProvenKey:
    return ProvenKey(profile.files, profile.keyfile, profile.data_key)


def _backup_job(proven: ProvenKey, folder: Path, keep: int | None, now: datetime) -> BackupInfo:
    """On a worker thread: its own connection, the backup, then old generations removed."""
    opened = profile_service.open_profile(proven)
    try:
        info = backups.make_backup(opened, folder, now)
    finally:
        opened.close()
    if keep is not None:
        backups.prune(folder, keep)
    return info


def _message(error: BaseException) -> str:
    if isinstance(error, OSError):
        return f"The backup could not be written: {error.strerror or error}."
    return str(error) or error.__class__.__name__


class BackupControl(QObject):
    backed_up = Signal(object)  # BackupInfo
    failed = Signal(str)

    def __init__(self, window: MainWindow, now: Callable[[], datetime] = utc_clock):
        super().__init__(window)
        self.window = window
        self.now = now
        self.running: BackgroundTask | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.back_up_if_due)
        self.restore_dialog: RestoreDialog | None = None
        self.move_dialog: MoveComputerDialog | None = None

    # --- scheduled and asked-for backups --------------------------------------------------

    def unlocked(self) -> None:
        self.timer.start()
        self.back_up_if_due()

    def locked(self) -> None:
        self.timer.stop()

    def back_up_if_due(self) -> None:
        profile = self.window.profile
        if profile is not None and backups.backup_due(profile, self.now()):
            self.back_up()

    def back_up(self, folder: Path | None = None) -> BackgroundTask | None:
        """Back up in the background to ``folder`` (or the chosen one); one at a time.

        Old generations are removed only from the chosen folder, never from a place picked
        for one backup (a USB stick for a move may hold other things).
        """
        profile = self.window.profile
        if profile is None or self.running is not None:
            return None
        settings = backups.backup_settings(profile)
        target = folder or settings.folder
        if target is None:
            self.failed.emit(NO_FOLDER)
            return None
        keep = settings.keep if folder is None else None
        proven, now = _proven(profile), self.now()
        self.window.backup_section.set_busy(True, "Backing up…")
        task = BackgroundTask(self.window, lambda: _backup_job(proven, target, keep, now))
        task.success(self._succeeded).failure(lambda exc: self._failed(_message(exc)))
        task.finished.connect(self._task_done)
        self.running = task
        return task.run()

    def _task_done(self) -> None:
        self.running = None

    def _succeeded(self, info: BackupInfo) -> None:
        self.window.statusBar().showMessage(backed_up_text(info), 15_000)
        self.backed_up.emit(info)

    def _failed(self, text: str) -> None:
        self.window.statusBar().showMessage(f"⚠ {text}", 30_000)
        self.failed.emit(text)

    def before_quit(self) -> bool:
        """The on-quit backup; False when it failed and the person chose to stay."""
        profile = self.window.profile
        if profile is None:
            return True
        settings = backups.backup_settings(profile)
        if not settings.on_quit or settings.folder is None:
            return True
        self.window.statusBar().showMessage("Backing up before closing…")
        QApplication.processEvents()
        try:
            backups.make_backup(profile, settings.folder, self.now())
            backups.prune(settings.folder, settings.keep)
        except (BackupError, OSError) as exc:
            self.window.statusBar().clearMessage()
            return backup_question.ask_quit_without_backup(self.window, _message(exc))
        return True

    # --- restore --------------------------------------------------------------------------

    def choose_backup_file(self) -> QFileDialog:
        """Ask which backup to restore (Qt's own dialog, the same on every laptop)."""
        dialog = QFileDialog(
            self.window, "Choose a backup to restore", str(Path.home()), "Backups (*.lwbackup)"
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(lambda path: self.open_backup(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_backup(self, path: Path) -> RestoreDialog | None:
        """Show what the chosen backup holds and ask the secret of its time."""
        try:
            info = backups.read_backup_info(path)
        except BackupError as exc:
            self._say_problem(str(exc))
            return None
        files = self.window.files
        kept_aside = str(files.folder) if files.exists() else ""
        dialog = RestoreDialog(info, kept_aside, self.window)
        dialog.restore_requested.connect(
            lambda secret, recovery, new: self._restore(dialog, secret, recovery, new)
        )
        dialog.finished.connect(dialog.deleteLater)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def _say_problem(self, text: str) -> None:
        if self.window.profile is None:
            self.window.setup_view.show_problem(text)
        else:
            self.window.backup_section.show_problem(text)

    def _restore(self, dialog: RestoreDialog, secret: str, recovery: bool, new: str) -> None:
        window, files, path = self.window, self.window.files, dialog.info.path
        current: ProvenKey | None = None
        if window.profile is not None:
            current, refusal = window.release_for_restore()
            if current is None:
                dialog.show_problem(refusal)
                return
        dialog.set_busy(True)

        def work() -> tuple[ProvenKey, str]:
            opened = backups.restore_backup(path, files, secret, recovery=recovery)
            proven = _proven(opened)
            opened.close()
            if recovery:  # the old passphrase is forgotten: the new one, and a new recovery key
                return profile_service.recover_with_key(files, secret, new)
            return proven, ""

        def done(result: tuple[ProvenKey, str]) -> None:
            proven, fresh = result
            dialog.accept()
            if not window.open_restored(proven):
                return
            window.statusBar().showMessage("Restored from the backup.", 15_000)
            if fresh:
                window.show_recovery_key(fresh)
            else:
                self.offer_new_passphrase()

        def failed(error: BaseException) -> None:
            if current is not None:
                window.open_restored(current)  # the caseload that was open comes back
            dialog.show_problem(str(error))

        BackgroundTask(window, work).success(done).failure(failed).run()

    def offer_new_passphrase(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restored",
            "Your caseload is restored. It opens with the passphrase it had when it was backed "
            "up. Set a new passphrase now?",
            parent=self.window,
        )
        change = box.addButton("&Set a new passphrase…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Keep this passphrase", QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self.window.change_passphrase() if button is change else None
        )
        box.open()
        return box

    # --- moving to another computer -------------------------------------------------------

    def move_to_another_computer(self) -> MoveComputerDialog | None:
        if self.window.profile is None:
            return None
        dialog = MoveComputerDialog(self.window)
        dialog.backup_requested.connect(lambda folder: self._move_backup(dialog, folder))
        dialog.finished.connect(dialog.deleteLater)
        self.move_dialog = dialog
        dialog.open()
        return dialog

    def _move_backup(self, dialog: MoveComputerDialog, folder: Path) -> None:
        task = self.back_up(folder)
        if task is None:
            dialog.show_problem("A backup is already being made; try again in a moment.")
            return

        def done(info: BackupInfo) -> None:
            self._succeeded(info)
            dialog.show_done(info)

        def failed(error: BaseException) -> None:
            self._failed(_message(error))
            dialog.show_problem(_message(error))

        task.success(done).failure(failed)
