"""Shared steps for the backup screens: a fixed clock in London, and the file dialogs answered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from time import tzset

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox, QFileDialog, QLineEdit

from linkworker_desktop.services import backups
from linkworker_desktop.services.profile import OpenProfile
from tests.ui.modal_helpers import when_modal

# Monday 30 November 2026, 17:05 in London (GMT, so the same in UTC).
MADE_AT = datetime(2026, 11, 30, 17, 5, tzinfo=UTC)


@pytest.fixture
def london(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")
    tzset()
    yield
    monkeypatch.undo()
    tzset()


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """The file dialogs start in the home folder: here, the test's own folder."""
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def pick(qtbot, path: Path) -> Callable[[QFileDialog], None]:
    """In Qt's own file dialog, open at ``path``'s folder: type its name, press Choose/Open."""

    def answer(dialog: QFileDialog) -> None:
        assert Path(dialog.directory().absolutePath()) == path.parent
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        qtbot.keyClicks(field, path.name)
        qtbot.wait(200)  # the list of matching names opens; Escape closes it, as a person does
        popup = QApplication.activePopupWidget()
        if popup is not None:
            qtbot.keyClick(popup, Qt.Key.Key_Escape)
        choose = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Open)
        qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)

    return answer


def answer_file_dialog(qtbot, path: Path) -> list[QFileDialog]:
    return when_modal(QFileDialog, pick(qtbot, path))


def click_box(qtbot, box: QCheckBox) -> None:
    """Click a check box on its words (its middle can be empty space past them)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def backup_of(profile: OpenProfile, folder: Path, at: datetime = MADE_AT) -> backups.BackupInfo:
    folder.mkdir(parents=True, exist_ok=True)
    return backups.make_backup(profile, folder, at)
