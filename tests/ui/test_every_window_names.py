"""A screen reader hears each control's name, starting with the words the screen shows for it."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from tests.ui.every_window import every_window


def spoken_name(widget: QWidget) -> str:
    """The name an assistive technology reads, through Qt's accessibility interface."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface else ""


def visible_words(text: str) -> str:
    """A caption as the screen shows it: no '&', no trailing ':' or '…'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":…").strip()


def words(text: str) -> str:
    """Only the words, so '10 – Completely' and '10, Completely' read the same."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _captions(top: QWidget) -> dict[int, str]:
    return {
        id(label.buddy()): visible_words(label.text())
        for label in top.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(top)
    }


def says_the_button(spoken: str, shown: str) -> bool:
    """A voice control user says a button's words, so its name starts with them as a whole
    phrase; more is set apart ("Cancel (close without moving)"), never run on ("Book the
    session"), which is better kept for the description."""
    shown = shown.strip("◀▶ ")
    gaps = (" ",) if shown.endswith(("?", ".")) else _APART  # a question then its answer
    return spoken == shown or any(spoken.startswith(shown + gap) for gap in gaps)


_APART = (" (", ": ", ", ", " – ")


def name_problems(name: str, widget: QWidget) -> list[str]:
    top = widget.window()
    captions = _captions(top)
    problems = []
    for child in top.findChildren(QWidget):
        if child.focusPolicy() == Qt.FocusPolicy.NoFocus or not child.isVisibleTo(top):
            continue
        if isinstance(child, QLineEdit) and isinstance(
            child.parentWidget(), QAbstractSpinBox | QComboBox
        ):
            continue  # read out as part of its spin box or combo box
        if (
            child.parentWidget() is not None
            and child is getattr(child.parentWidget(), "viewport", lambda: None)()
        ):
            continue  # a scroll area's viewport is read as the scroll area
        spoken = spoken_name(child)
        if isinstance(child, QComboBox):
            # On Linux Qt reads a combo box's value as its name (the label is a relation);
            # its own name is what other platforms read.
            spoken = child.accessibleName() or spoken
        what = f"{name}: {type(child).__name__}"
        if not spoken:
            problems.append(f"{what} {getattr(child, 'text', lambda: '')()!r} has no name")
            continue
        shown = ""
        if isinstance(child, QAbstractButton):
            shown = visible_words(child.text())
        elif id(child) in captions:
            shown = captions[id(child)]
        if not shown:
            continue
        heard, seen = words(spoken), words(shown)
        # A choice among several (0 to 10, reasons for referral) is read with its question first.
        if isinstance(child, QRadioButton | QCheckBox) and heard.endswith(seen):
            continue
        run_on = isinstance(child, QAbstractButton) and not says_the_button(spoken, shown)
        if not heard.startswith(seen) or run_on:
            problems.append(f"{what} shows {shown!r} but is read as {spoken!r}")
    return problems


def test_visible_words_drop_the_mnemonic_and_the_colon():
    assert visible_words("Print &plan…") == "Print plan"
    assert visible_words("&Given name:") == "Given name"
    assert visible_words("Tom && Jerry") == "Tom & Jerry"
    assert says_the_button("Book", "Book")
    assert says_the_button("Next day", "Next day ▶")
    assert says_the_button("Forgotten? Use the key", "Forgotten?")
    assert says_the_button("Cancel (close without moving)", "Cancel")
    assert not says_the_button("Book the session", "Book")
    assert not says_the_button("Book a session", "Book session")
    assert words("10 – Completely") == words("Question 1: 10, Completely")[len("question 1 ") :]


def test_every_focusable_control_is_named_with_its_visible_words(qtbot, tmp_path):
    problems: list[str] = []
    names = every_window(qtbot, tmp_path, lambda n, w: problems.extend(name_problems(n, w)))
    assert len(names) == 50
    assert problems == [], "\n".join(problems)
