"""Every window and dialog fits a 1280×720 laptop screen, with its buttons and words in view."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from tests.ui.every_window import (
    BUDGET_HEIGHT,
    BUDGET_WIDTH,
    DIALOGS_OPENED,
    dialog_classes,
    every_window,
)

CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area's viewport: reachable by scrolling, so not judged by position."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and (
            parent is parent.parentWidget().viewport()  # type: ignore[union-attr]
        ):
            return True
        parent = parent.parentWidget()
    return False


def _shown_rect(widget: QWidget, top: QWidget) -> QRect:
    """The part of the widget that its parents leave on screen, in the window's coordinates."""
    rect = QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        rect = rect.intersected(QRect(parent.mapTo(top, parent.rect().topLeft()), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(top.rect())


def _label_problem(label: QLabel) -> str | None:
    if not label.text().strip():
        return None
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return f"needs {needed} px high, has {label.height()}"
        return None
    hint = label.sizeHint()
    if hint.height() > label.height():
        return f"needs {hint.height()} px high, has {label.height()}"
    return None


def _hint_cut(field: QLineEdit) -> bool:
    """A placeholder that shows an example (a key's shape) is no use cut short."""
    hint = field.placeholderText()
    room = field.width() - 12  # the frame and text margins of a line edit
    return bool(hint) and field.fontMetrics().horizontalAdvance(hint) > room


def fit_problems(name: str, widget: QWidget) -> list[str]:
    top = widget.window()
    problems = []
    for what, size in (
        ("minimum size", top.minimumSize()),
        ("minimum size hint", top.minimumSizeHint()),
        ("size", top.size()),
    ):
        if size.width() > BUDGET_WIDTH or size.height() > BUDGET_HEIGHT:
            problems.append(f"{name}: {what} {size.width()}×{size.height()}")
    for child in top.findChildren(QWidget):
        if not child.isVisibleTo(top) or _scrolled(child, top):
            continue
        if isinstance(child, QLineEdit) and isinstance(
            child.parentWidget(), QAbstractSpinBox | QComboBox
        ):
            continue
        if isinstance(child, QLineEdit) and _hint_cut(child):
            problems.append(f"{name}: the hint {child.placeholderText()!r} is cut off")
        if isinstance(child, CONTROLS):
            shown = _shown_rect(child, top)
            if shown.size() != child.size():
                label = getattr(child, "text", lambda: "")() or child.accessibleName()
                problems.append(
                    f"{name}: {type(child).__name__} {label!r} shows {shown.width()}×"
                    f"{shown.height()} of {child.width()}×{child.height()}"
                )
        elif isinstance(child, QLabel):
            problem = _label_problem(child)
            if problem:
                problems.append(f"{name}: label {child.text()[:40]!r} {problem}")
    return problems


def test_every_dialog_class_is_in_the_catalogue():
    classes = dialog_classes()
    assert len(classes) >= 14
    missing = sorted(c.__name__ for c in classes - DIALOGS_OPENED)
    assert missing == []


def test_every_window_and_dialog_fits_a_laptop_screen(qtbot, tmp_path):
    problems: list[str] = []
    names = every_window(qtbot, tmp_path, lambda n, w: problems.extend(fit_problems(n, w)))
    assert len(names) == 50
    assert problems == [], "\n".join(problems)
