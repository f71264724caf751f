"""Help → About, opened from the keyboard and read as a screen reader reads it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QApplication

from linkworker_desktop.storage import migrations
from linkworker_desktop.ui.dialogs.about_dialog import AboutDialog
from linkworker_desktop.ui.main_window import MainWindow
from tests.support.machine_config import write_machine_config
from tests.ui.focus_helpers import focused_name, press, tab_walk
from tests.ui.typing_helpers import LEFT


def _open_about_by_keyboard(qtbot, window: MainWindow, look) -> list[AboutDialog]:
    """Alt+H opens Help, A chooses About; ``look`` runs while the dialog is up."""
    seen: list[AboutDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AboutDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        try:
            look(dialog)
        finally:
            dialog.reject()  # a failed look must not leave the dialog's loop running

    QTimer.singleShot(0, answer)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert menu is not None, "Alt+H did not open the Help menu"
    qtbot.keyClick(menu, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    return seen


def test_about_shows_the_facts_and_closes_with_escape(qtbot, profile_files):
    path = write_machine_config('[organisation]\nname = "Riverside PCN"\n')
    window = MainWindow(profile_files)
    qtbot.addWidget(window)
    window.show()
    read: dict[str, str] = {}
    latest = migrations.latest_version()

    def look(dialog: AboutDialog) -> None:
        qtbot.waitUntil(dialog.isActiveWindow)
        for name, label in dialog.values.items():
            read[name] = QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)
        read["focus"] = focused_name()
        read["tabs"] = " | ".join(tab_walk(qtbot, 2))
        qtbot.mouseClick(dialog.copy_button, LEFT)
        read["copied"] = QGuiApplication.clipboard().text()
        press(qtbot, Qt.Key.Key_Escape)

    seen = _open_about_by_keyboard(qtbot, window, look)
    assert len(seen) == 1
    assert not seen[0].isVisible()
    assert read["version"] == "Version: 0.1.0"
    assert read["data_folder"] == f"Data folder: {profile_files.folder}"
    assert read["schema"] == f"Database schema: Unlock to read it (this version's newest: {latest})"
    assert read["hub"] == "Hub: Not connected"
    assert read["directory_feed"] == "Directory feed: None"
    assert read["machine_config"] == f"Machine configuration: {path}"
    assert read["focus"] == "Close"
    assert read["tabs"] == f"Version: 0.1.0 | Data folder: {profile_files.folder}"
    assert read["copied"] == (
        "Version: 0.1.0\n"
        f"Data folder: {profile_files.folder}\n"
        f"Database schema: Unlock to read it (this version's newest: {latest})\n"
        "Hub: Not connected\n"
        "Directory feed: None\n"
        f"Machine configuration: {path}"
    )
