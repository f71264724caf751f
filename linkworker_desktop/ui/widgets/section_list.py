"""The sidebar of sections and open pages: long names end in "…" instead of a side scroll bar.

A running session's entry ("▶ Session: " and a full name) is wider than the sidebar; a plain
list widget then grows a horizontal scroll bar and cuts the name off mid-letter. The full
name stays in the tooltip and in what a screen reader hears.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)


class _FitWidth(QStyledItemDelegate):
    """Items no wider than the list, so the view elides their text."""

    def __init__(self, view: QListWidget):
        super().__init__(view)
        self._view = view

    def sizeHint(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        room = self._view.viewport().width() - 2 * self._view.spacing()
        return QSize(min(hint.width(), max(room, 1)), hint.height())


class SectionList(QListWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # lay out again when the width changes
        self.setItemDelegate(_FitWidth(self))
        self.model().rowsInserted.connect(self._name_in_full)

    def _name_in_full(self, _parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            item = self.item(row)
            if item is not None:
                item.setToolTip(item.text())
