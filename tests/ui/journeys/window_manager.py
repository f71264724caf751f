"""What a desktop does when a window closes, which Qt's offscreen platform leaves out.

On X11 a window that is unmapped loses the keyboard at once: the X server sends it FocusOut,
and the window manager then activates the window it was over. Offscreen, a hidden dialog keeps
the focus, so anything that reacts only while its field has focus (a file dialog's completion
list, re-opened when the folder finishes loading) can pop up after the dialog has gone, where
no person would ever see it. The journeys run with this stand-in for the desktop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

TRANSIENT = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


class WindowManager(QObject):
    """Takes the focus from a window as it is hidden, as the X server does."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.Hide
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() not in TRANSIENT
            and QApplication.activeWindow() is watched
        ):
            QApplication.setActiveWindow(None)
        return False
