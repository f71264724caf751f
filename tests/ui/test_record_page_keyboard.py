"""The record page read by keyboard: Tab follows the screen, the buttons above the tabs first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.focus_helpers import focused, focused_name, press, tab_walk
from tests.ui.record_helpers import shown_record_page


@pytest.fixture
def page(qtbot, open_profile):
    return shown_record_page(qtbot, open_profile, 20)


def test_tab_goes_down_the_page_toolbar_then_tabs_then_the_summary(qtbot, page):
    assert focused_name() == "Edit details"  # the first control on the page
    assert tab_walk(qtbot, 4) == [
        "Find a service",
        "Print plan",
        "Print GP summary",
        "Close record",
    ]
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.record.tabs.tabBar()
    assert tab_walk(qtbot, 5) == [
        "Book session",
        "Discharge",
        "Alerts",
        "Safeguarding",
        "Edit details",
    ]


def test_shift_tab_walks_the_same_stops_backwards(qtbot, page):
    names = []
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        names.append(focused_name())
    assert names == ["Safeguarding", "Alerts", "Discharge", "Book session", ""]
    assert focused() is page.record.tabs.tabBar()
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused_name() == "Close record"
