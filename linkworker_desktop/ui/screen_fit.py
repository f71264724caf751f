"""Windows open at a size that fits the screen they are on, a 1280×720 laptop included.

``availableGeometry`` leaves out the taskbar but not the window's own title bar and borders,
so a little more room is kept back for those.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A title bar and borders: on a 1280×720 screen a window's inside may be up to 1264×680.
FRAME_ALLOWANCE = QSize(16, 40)


def room_on_screen(widget: QWidget) -> QSize:
    """The largest inside size a window can have and still show whole on its screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry().size()
    return QSize(
        max(available.width() - FRAME_ALLOWANCE.width(), 0),
        max(available.height() - FRAME_ALLOWANCE.height(), 0),
    )


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size, or less where the screen is smaller."""
    room = room_on_screen(widget)
    widget.resize(min(width, room.width()), min(height, room.height()))
