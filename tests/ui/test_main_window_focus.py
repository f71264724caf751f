"""Moving between sections, opening a record and locking move the focus once, straight to
where it lands: a screen reader says each focus move, so a passing stop on the section list
or on a control still hidden is heard as noise, or as a place the person is not."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.every_window import workday
from tests.ui.focus_helpers import FocusHeard, focused, focused_name, type_here


def _ready(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.nav.currentItem().text() == "Caseload"
    assert focused_name() == "Search name or NHS number"
    return window


def test_ctrl_number_moves_the_focus_once_to_the_sections_first_control(qtbot, tmp_path):
    window = _ready(qtbot, tmp_path)
    heard = FocusHeard()
    qtbot.keyClick(focused(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert heard.stop() == [("Previous day", True), ("Search the directory", True)]
    assert window.nav.currentItem().text() == "Directory"


def test_opening_a_record_moves_the_focus_once_to_its_first_button(qtbot, tmp_path):
    window = _ready(qtbot, tmp_path)
    row = window.caseload_view.model.rows[0]
    type_here(qtbot, row.nhs_number)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert focused_name() == "Caseload"
    heard = FocusHeard()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert heard.stop() == [("Edit details", True)]
    assert window.nav.currentItem().text().startswith("• ")


def test_ctrl_l_moves_the_focus_once_to_the_shown_passphrase_field(qtbot, tmp_path):
    window = _ready(qtbot, tmp_path)
    heard = FocusHeard()
    qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert heard.stop() == [("Passphrase", True)]
    assert window.stack.currentWidget() is window.unlock_view


def test_ctrl_l_from_a_section_that_empties_on_lock_goes_straight_to_the_passphrase(
    qtbot, tmp_path
):
    window = _ready(qtbot, tmp_path)
    qtbot.keyClick(focused(), Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentItem().text() == "Sync"
    assert window.sync_view.isAncestorOf(focused())
    heard = FocusHeard()
    qtbot.keyClick(focused(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert heard.stop() == [("Passphrase", True)]
