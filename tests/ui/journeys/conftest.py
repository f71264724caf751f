"""The journeys run on a desktop that behaves as X11 does when a window closes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.journeys.window_manager import WindowManager


@pytest.fixture(autouse=True)
def window_manager(qapp: QApplication):
    manager = WindowManager()
    qapp.installEventFilter(manager)
    yield manager
    qapp.removeEventFilter(manager)
