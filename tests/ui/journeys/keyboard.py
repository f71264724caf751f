"""A person's keys: every press goes to the widget that has focus, as on a real keyboard.

Nothing here calls a slot or sets a value: the journeys see what the wiring, focus and
mnemonics do with the keys, and a modal dialog is answered by keys from a timer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

LAPTOP = QRect(0, 0, 1280, 720)  # 1366×768 less the task bar, or 1920×1080 at 150 %
ANIMATED_CLICK_MS = 150  # Qt shows a mnemonic's button pressed for 100 ms, then clicks it
MAX_TABS = 80  # more Tab presses than any screen has stops: a field that is never reached fails


class Keyboard:
    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    def target(self) -> QWidget:
        """The focused widget; with none, the active window gets the key, as on a real screen."""
        # An open pop-up (a completer's list, a menu) takes the keys first, as on a real screen.
        widget = (
            QApplication.activePopupWidget()
            or QApplication.focusWidget()
            or QApplication.activeWindow()
        )
        assert widget is not None, "no window is active: the keys would go nowhere"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(self.target(), key, modifiers)
        QApplication.processEvents()

    def type(self, text: str) -> None:
        for char in text:
            QTest.keyClicks(self.target(), char)
        QApplication.processEvents()

    def enter(self) -> None:
        self.press(Qt.Key.Key_Return)

    def escape(self) -> None:
        self.press(Qt.Key.Key_Escape)

    def space(self) -> None:
        self.press(Qt.Key.Key_Space)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.press(Qt.Key.Key_Tab)

    def backtab(self, times: int = 1) -> None:
        for _ in range(times):
            self.press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)

    def alt(self, letter: str) -> None:
        """A mnemonic: Alt and the underlined letter."""
        self.press(Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)
        QTest.qWait(ANIMATED_CLICK_MS)  # a mnemonic presses its button with a short animation

    def shortcut(self, keys: str) -> None:
        """A shortcut written as on a menu, for example "Ctrl+L"."""
        combo = QKeySequence(keys)[0]
        self.press(combo.key(), combo.keyboardModifiers())

    def replace(self, text: str) -> None:
        """Select what the focused field holds and type over it."""
        self.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.type(text)

    def tab_to(self, name: str, backwards: bool = False) -> QWidget:
        """Tab until focus is on the control whose accessible name starts with ``name``.

        A keyboard user moves by Tab until the screen reader says the field they want; this
        finds a field by what it is called rather than by how many stops lie before it.
        """
        return self.tab_until(lambda w: w.accessibleName().startswith(name), name, backwards)

    def tab_until(
        self, wanted: Callable[[QWidget], bool], what: str = "", backwards: bool = False
    ) -> QWidget:
        seen = []
        for _ in range(MAX_TABS):
            widget = self.target()
            if wanted(widget):
                return widget
            seen.append(widget.accessibleName() or type(widget).__name__)
            self.backtab() if backwards else self.tab()
        raise AssertionError(f"Tab never reached {what or 'the field'}; it visited {seen[:40]}")

    def focused_name(self) -> str:
        return self.target().accessibleName()


def when_modal(
    act: Callable[[QWidget], None],
    accept: Callable[[QWidget], bool] = lambda _w: True,
    timeout_ms: int = 5000,
) -> list[QWidget]:
    """Act on the next modal dialog, from a timer, as a person answers it once it appears.

    Returns a list that holds the dialog once it was answered, so a test can check it was.
    """
    answered: list[QWidget] = []
    waited = [0]

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible() and accept(modal):
            answered.append(modal)
            act(modal)
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return answered


def assert_fits_laptop(widget: QWidget) -> None:
    """The window, frame included, fits a 1280×720 laptop screen with every part on it."""
    window = widget.window()
    frame = window.frameGeometry()
    assert frame.width() <= LAPTOP.width() and frame.height() <= LAPTOP.height(), (
        f"{window.windowTitle() or type(window).__name__} is {frame.width()}×{frame.height()},"
        " larger than a 1280×720 laptop screen"
    )
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= LAPTOP.width() and minimum.height() <= LAPTOP.height(), (
        f"{window.windowTitle() or type(window).__name__} needs at least "
        f"{minimum.width()}×{minimum.height()}, more than a 1280×720 laptop screen"
    )
