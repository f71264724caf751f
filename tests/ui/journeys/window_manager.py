"""What a desktop does when a window closes, which Qt's offscreen platform leaves out.

On X11 a window that is unmapped loses the keyboard at once: the X server sends it FocusOut,
and the window manager then activates the window it was over. Offscreen, a hidden dialog keeps
the focus, so anything that reacts only while its field has focus (a file dialog's completion
list, re-opened when the folder finishes loading) can pop up after the dialog has gone, where
no person would ever see it. Offscreen also makes a shown pop-up the active window, which no
X11 window manager does. The journeys run with this stand-in for the desktop.
"""

from __future__ import annotations

import warnings

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
            and _has_focus(watched)
        ):
            with warnings.catch_warnings():
                # Deprecated for applications, but the one way to take the activation at once,
                # as the X server does, rather than after the next pass of the event loop.
                warnings.simplefilter("ignore", DeprecationWarning)
                QApplication.setActiveWindow(None)
        return False


def _has_focus(window: QWidget) -> bool:
    """The window, or the field in it that has the keyboard (offscreen, a pop-up the field
    opened can take the activation, which no X11 window manager lets it do)."""
    focus = QApplication.focusWidget()
    return QApplication.activeWindow() is window or (focus is not None and focus.window() is window)
