"""Alt letters for form captions, chosen so that nothing shown at the same time shares one.

Forms built from field names (the patient and referral forms) have too many captions, spread
over tabs, to pick letters by hand; a page's captions only need to differ from each other and
from what is shown on every page (the tabs and the dialog's buttons).
"""

from __future__ import annotations

import re

from PySide6.QtGui import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenuBar,
    QStackedWidget,
    QTabBar,
    QWidget,
)

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic_of(text: str) -> str | None:
    """The Alt letter in a caption, lower case ('&&' is a literal ampersand)."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _pages(widget: QWidget, window: QWidget) -> dict[int, int]:
    """For each stacked widget above ``widget``: which of its pages holds it."""
    path: dict[int, int] = {}
    child, parent = widget, widget.parentWidget()
    while parent is not None and child is not window:
        if isinstance(parent, QStackedWidget):
            path[id(parent)] = id(child)
        child, parent = parent, parent.parentWidget()
    return path


def _shown_together(a: dict[int, int], b: dict[int, int]) -> bool:
    return all(b.get(stack, page) == page for stack, page in a.items())


def _letters(widget: QWidget) -> list[str]:
    if isinstance(widget, QMenuBar):
        return [action.text() for action in widget.actions()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QAbstractButton | QLabel):
        return [widget.text()]
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    return []


def _choose(text: str, taken: set[str]) -> int | None:
    """Where to put the '&': a word's first letter if one is free, else any free letter."""
    starts = [m.start() for m in re.finditer(r"\b[^\W\d_]", text)]
    rest = [i for i, ch in enumerate(text) if ch.isalpha() and i not in starts]
    return next((i for i in starts + rest if text[i].lower() not in taken), None)


def give_mnemonics(window: QWidget) -> None:
    """Give each field caption that has none an Alt letter unused by anything shown with it."""
    owners = [(w, _pages(w, window)) for w in window.findChildren(QWidget) if not w.isHidden()]
    for label in window.findChildren(QLabel):
        text = label.text()
        # Rich text is left alone; a plain caption that shows "<8" is not rich text (Qt's own test).
        if label.buddy() is None or not text.strip() or Qt.mightBeRichText(text):
            continue
        if mnemonic_of(text):
            continue
        here = _pages(label, window)
        taken = {
            letter
            for widget, pages in owners
            if _shown_together(here, pages)
            for caption in _letters(widget)
            if (letter := mnemonic_of(caption))
        }
        at = _choose(text, taken)
        if at is not None:
            label.setText(f"{text[:at]}&{text[at:]}")
