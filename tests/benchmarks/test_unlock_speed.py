"""From the passphrase typed to the caseload shown in the main window, every screen set up.

The benchmark caseloads use a fast key derivation, so this measures the app's own work after
unlocking (opening the database, every screen's first load, the sync status); the deliberate
Argon2id cost is measured apart in test_caseload_speed.test_passphrase_kdf_as_calibrated.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from linkworker_desktop.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE


def test_unlock_to_caseload_shown_in_the_main_window(benchmark, caseload, qapp):
    windows: list[MainWindow] = []

    def locked_window():
        window = MainWindow(caseload.files)
        window.resize(1280, 800)
        window.show()
        qapp.processEvents()
        window.unlock_view.passphrase.setText(PASSPHRASE)
        windows.append(window)
        return (window,), {}

    def unlock(window: MainWindow) -> None:
        QTest.mouseClick(window.unlock_view.unlock_button, Qt.MouseButton.LeftButton)
        while window.profile is None:  # the key is proved on a worker thread
            qapp.processEvents()
        window.repaint()

    benchmark.pedantic(unlock, setup=locked_window, rounds=5, iterations=1, warmup_rounds=1)
    shown = windows[-1]
    assert shown.stack.currentWidget() is shown.workspace
    assert shown.caseload_view.proxy.rowCount() == caseload.size
    for window in windows:
        window.lock()
        window.close()
        window.deleteLater()
    qapp.processEvents()
