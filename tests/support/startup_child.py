"""Start the app as a person does, unlock it and show the caseload; then list what is loaded.

Usage: python -m tests.support.startup_child PROFILE_FOLDER (the passphrase on standard input).
Runs the app's own ``main`` in a process of its own, so the modules listed are the app's, not
those an earlier test imported. Prints one JSON line: the rows shown and ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from linkworker_desktop.ui import app
from linkworker_desktop.ui.main_window import MainWindow


def _window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def _report(window: MainWindow) -> None:
    view = window.caseload_view
    print(
        json.dumps(
            {
                "shown": view.proxy.rowCount() if view.isVisible() else None,
                "modules": sorted(sys.modules),
            }
        ),
        flush=True,
    )
    os._exit(0)  # the list is out; skip tearing Qt down


def _when_unlocked(window: MainWindow) -> None:
    if window.profile is None:
        QTimer.singleShot(20, lambda: _when_unlocked(window))
        return
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # Go → Caseload
    QApplication.processEvents()
    window.repaint()
    _report(window)


def _unlock(passphrase: str) -> None:
    window = _window()
    QTest.keyClicks(window.unlock_view.passphrase, passphrase)
    QTest.mouseClick(window.unlock_view.unlock_button, Qt.MouseButton.LeftButton)
    _when_unlocked(window)


def main(folder: str) -> int:
    passphrase = sys.stdin.readline().rstrip("\n")
    QTimer.singleShot(0, lambda: _unlock(passphrase))
    return app.main(["--data-dir", folder])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
