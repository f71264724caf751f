"""The question asked when the backup before closing fails: quit anyway, or stay open."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_quit_without_backup(parent: QWidget | None, reason: str) -> bool:
    """True to quit without the backup. The caseload itself is safe either way."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Backup before closing",
        f"{reason} The caseload itself is safe on this laptop.",
        parent=parent,
    )
    quit_button = box.addButton("&Quit without a backup", QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton("&Stay open", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.exec()
    return box.clickedButton() is quit_button
