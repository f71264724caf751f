"""A person's mouse: clicks on real buttons, tabs and table rows, where they are drawn."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QListWidget,
    QTabWidget,
    QWidget,
)

LEFT = Qt.MouseButton.LeftButton


def click(widget: QWidget, at: QPoint | None = None) -> None:
    """One left click, refused when the person could not click it (hidden or greyed out)."""
    assert widget.isVisible(), f"{widget.accessibleName() or widget} is not on screen"
    assert widget.isEnabled(), f"{widget.accessibleName() or widget} is greyed out"
    QTest.mouseClick(widget, LEFT, Qt.KeyboardModifier.NoModifier, at or widget.rect().center())
    QApplication.processEvents()


def click_button(parent: QWidget, name: str) -> QAbstractButton:
    """The visible button whose accessible name (or text, without &) is ``name``, clicked."""
    for button in parent.findChildren(QAbstractButton):
        text = button.text().replace("&", "")
        if button.isVisible() and name in (button.accessibleName(), text):
            click(button)
            return button
    raise AssertionError(f"No button {name!r} on screen")


def click_tab(tabs: QTabWidget, title: str) -> None:
    bar = tabs.tabBar()
    titles = [bar.tabText(i).replace("&", "") for i in range(bar.count())]
    assert title in titles, f"No tab {title!r}; the tabs are {titles}"
    click(bar, bar.tabRect(titles.index(title)).center())


def click_row(view: QAbstractItemView, row: int, column: int = 0, double: bool = False) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    point = view.visualRect(index).center()
    viewport = view.viewport()
    if double:  # a double-click is a click and then a second one: the view sees both
        QTest.mouseClick(viewport, LEFT, Qt.KeyboardModifier.NoModifier, point)
        QTest.mouseDClick(viewport, LEFT, Qt.KeyboardModifier.NoModifier, point)
    else:
        QTest.mouseClick(viewport, LEFT, Qt.KeyboardModifier.NoModifier, point)
    QApplication.processEvents()


def click_item(view: QListWidget, text: str, double: bool = False) -> None:
    """The first item whose text holds ``text``."""
    items = view.findItems(text, Qt.MatchFlag.MatchContains)
    assert items, f"No {text!r} in {view.accessibleName()}"
    click_row(view, view.row(items[0]), double=double)


def click_nav(nav: QListWidget, name: str) -> None:
    """The sidebar entry that starts with ``name``."""
    click_item(nav, name)
