"""Pictures of each step, for regenerating docs/screenshots/ at 1280×720 from the journeys.

Off unless LINKWORKER_SCREENSHOTS names a folder, so an ordinary test run writes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

ENV = "LINKWORKER_SCREENSHOTS"


def snap(widget: QWidget, name: str) -> Path | None:
    """Save the widget's window (and any dialog over it) as NAME.png in the chosen folder."""
    folder = os.environ.get(ENV, "").strip()
    if not folder:
        return None
    QApplication.processEvents()
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{name}.png"
    modal = QApplication.activeModalWidget()
    shown = modal if modal is not None and modal.isVisible() else widget.window()
    if not shown.grab().save(str(path)):
        raise OSError(f"Could not save the screenshot {path}")
    return path
