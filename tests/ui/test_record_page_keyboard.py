"""The record page read by keyboard: Tab follows the screen, the buttons above the tabs first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from linkworker_desktop.domain.choices import ReferralStatus
from linkworker_desktop.services.caseload import CaseloadService
from linkworker_desktop.services.demo import add_demo_caseload
from linkworker_desktop.ui.views.record_page import RecordPage
from tests.ui.focus_helpers import focused, focused_name, press, tab_walk


@pytest.fixture
def page(qtbot, open_profile):
    add_demo_caseload(open_profile, 20)
    row = next(r for r in CaseloadService(open_profile).rows() if r.status == ReferralStatus.ACTIVE)
    widget = RecordPage(lambda: open_profile, row.patient_id)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


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
    assert tab_walk(qtbot, 4) == ["Book session", "Discharge", "Alerts", "Edit details"]


def test_shift_tab_walks_the_same_stops_backwards(qtbot, page):
    names = []
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        names.append(focused_name())
    assert names == ["Alerts", "Discharge", "Book session", ""]
    assert focused() is page.record.tabs.tabBar()
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused_name() == "Close record"
