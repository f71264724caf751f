"""Esc, Cancel and the close button never throw away what a person typed without asking.

A data-entry dialog mixes in :class:`DiscardGuard` (before ``QDialog``). When the dialog is first
shown it notes what every input holds; on reject it compares. Nothing changed: it closes at once.
Something typed: "Discard what you typed?" with Keep editing as the safe default. Comparing
values rather than counting keystrokes means text typed and then deleted again asks nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

QUESTION_TITLE = "Discard what you typed?"
QUESTION_TEXT = "What you typed in this window has not been saved. Close it and discard the typing?"
DISCARD_TEXT = "&Discard"
KEEP_TEXT = "&Keep editing"


def _value(widget: QWidget) -> Any:
    """What a person could have changed in one input, or None for anything that is not one."""
    if isinstance(widget, QLineEdit):
        inside_other = isinstance(widget.parent(), QAbstractSpinBox | QComboBox)
        return None if inside_other or widget.isReadOnly() else widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return None if widget.isReadOnly() else widget.toPlainText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractButton):
        return widget.isChecked() if widget.isCheckable() else None
    if isinstance(widget, QTableWidget):
        if widget.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers:
            return None  # a list showing saved records, not a place to type
        cells = []
        for row in range(widget.rowCount()):
            for column in range(widget.columnCount()):
                item = widget.item(row, column)
                if item is not None:
                    checked = item.data(Qt.ItemDataRole.CheckStateRole)
                    cells.append((row, column, item.text(), checked))
        return (widget.rowCount(), tuple(cells))
    return None


def snapshot(root: QWidget) -> list[tuple[QWidget, Any]]:
    """Every input under ``root`` with its value."""
    values = []
    for widget in root.findChildren(QWidget):
        value = _value(widget)
        if value is not None:
            values.append((widget, value))
    return values


def changed_since(baseline: list[tuple[QWidget, Any]]) -> bool:
    """Whether any input noted in ``baseline`` now holds something else.

    Widgets made later (a calendar popup, say) are not inputs a person filled in; a dialog
    that grows real inputs later says so in its own ``has_typing``.
    """
    return any(isValid(widget) and _value(widget) != value for widget, value in baseline)


def confirm_discard(parent: QWidget) -> bool:
    """Ask; Keep editing is the default and what Esc answers."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QUESTION_TITLE)
    box.setText(QUESTION_TEXT)
    discard = box.addButton(DISCARD_TEXT, QMessageBox.ButtonRole.DestructiveRole)
    discard.setAccessibleName("Discard what you typed")
    keep = box.addButton(KEEP_TEXT, QMessageBox.ButtonRole.RejectRole)
    keep.setAccessibleName("Keep editing")
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


class DiscardGuard:
    """Mix in before QDialog: reject() asks first when something was typed."""

    _typed_baseline: list[tuple[QWidget, Any]] | None = None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # Only the first show: a dialog hidden by a lock and shown again keeps its baseline.
        if self._typed_baseline is None:
            self._typed_baseline = snapshot(self)  # type: ignore[arg-type]
        super().showEvent(event)  # type: ignore[misc]

    def has_typing(self) -> bool:
        """True when an input differs from how the dialog opened; dialogs may add their own."""
        if self._typed_baseline is None:
            return False
        return changed_since(self._typed_baseline)

    def reject(self) -> None:
        if self.has_typing() and not confirm_discard(self):  # type: ignore[arg-type]
            return
        super().reject()  # type: ignore[misc]
