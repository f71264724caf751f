"""A screen reader hears what a label shows, and a field's hint is read with the field."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QWidget

from linkworker_desktop.ui.widgets.value_label import HintLabel
from tests.ui.every_window import every_window
from tests.ui.test_every_window_names import spoken_name, words


def shown_text(label: QLabel) -> str:
    """A label's words as the screen shows them: no markup, no mnemonic '&'."""
    text = label.text()
    if "<" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def label_problems(name: str, widget: QWidget) -> list[str]:
    top = widget.window()
    problems = []
    for label in top.findChildren(QLabel):
        if not label.isVisibleTo(top):
            continue
        seen = words(shown_text(label))
        if seen and seen not in words(spoken_name(label)):
            problems.append(f"{name}: label shows {seen!r} but is read as {spoken_name(label)!r}")
    return problems


def hint_problems(name: str, widget: QWidget, hints: list[str]) -> list[str]:
    top = widget.window()
    problems = []
    for hint in top.findChildren(HintLabel):
        if not hint.isVisibleTo(top):
            continue
        hints.append(hint.text())
        if hint.text() not in hint.field.accessibleDescription():
            problems.append(
                f"{name}: {spoken_name(hint.field)!r} does not describe itself with {hint.text()!r}"
            )
    return problems


def test_every_visible_label_is_read_with_the_words_it_shows(qtbot, tmp_path):
    problems: list[str] = []
    checked: list[str] = []

    def check(name: str, widget: QWidget) -> None:
        checked.append(name)
        problems.extend(label_problems(name, widget))

    every_window(qtbot, tmp_path, check)
    assert len(checked) == 50
    assert problems == [], "\n".join(problems)


def test_every_hint_is_read_as_the_description_of_its_field(qtbot, tmp_path):
    problems: list[str] = []
    hints: list[str] = []
    every_window(qtbot, tmp_path, lambda n, w: problems.extend(hint_problems(n, w, hints)))
    assert any(hint.startswith("10 digits, as on a letter from the GP") for hint in hints)
    assert "Day/month/year, for example 23/04/1956." in hints
    assert problems == [], "\n".join(problems)


def clear_button_names(widget: QWidget) -> list[str]:
    """What a screen reader calls the clear button of each search box in the window."""
    top = widget.window()
    return [
        spoken_name(button)
        for field in top.findChildren(QLineEdit)
        if field.isClearButtonEnabled() and field.isVisibleTo(top)
        for button in field.findChildren(QToolButton)
    ]


def test_every_search_box_clear_button_says_what_it_does(qtbot, tmp_path):
    names: dict[str, list[str]] = {}

    def check(name: str, widget: QWidget) -> None:
        if found := clear_button_names(widget):
            names[name] = found

    every_window(qtbot, tmp_path, check)
    assert names == {
        "workspace: Caseload": ["Clear search"],
        "workspace: Directory": ["Clear search"],
    }
