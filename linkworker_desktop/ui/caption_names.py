"""Field captions reach a screen reader without their Alt-letter ampersand.

Qt tells assistive technology a label's name as soon as its text is set, and strips the "&" of
an Alt letter only once the label has a buddy. A caption made by ``QFormLayout.addRow("&Date:",
field)`` gets its buddy after its text, so AT-SPI listeners (Orca among them) keep "&Date:" and
read "and Date". Naming each caption with its words when the focus moves into its window sends
the right name before the person reads it, for every form in the app, without each form having
to remember to.
"""

from __future__ import annotations

from PySide6.QtGui import Qt  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import QApplication, QLabel, QWidget


def caption_words(text: str) -> str:
    """A caption as the screen shows it: the Alt letter's "&" gone, a doubled "&&" kept as one."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def name_caption(label: QLabel) -> None:
    """Name a field's caption with its words, unless it already has a name of its own."""
    text = label.text()
    rich = Qt.mightBeRichText(text)  # a caption with markup is named by its own code
    if "&" not in text or rich or label.accessibleName() or label.buddy() is None:
        return
    label.setAccessibleName(caption_words(text))


def name_captions(window: QWidget) -> None:
    """Name every caption in ``window`` that is not named yet."""
    for label in window.findChildren(QLabel):
        name_caption(label)


def _focus_moved(_old: QWidget | None, new: QWidget | None) -> None:
    if new is not None:
        name_captions(new.window())


def name_captions_when_focused() -> None:
    """Name a window's captions whenever the focus moves in it, before a screen reader reads
    them: once for the application, so every window and dialog is covered."""
    app = QApplication.instance()
    if app is None or app.property("names_captions"):
        return
    app.setProperty("names_captions", True)
    app.focusChanged.connect(_focus_moved)
