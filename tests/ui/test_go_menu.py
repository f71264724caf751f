"""The Go menu names each section and its Ctrl+number opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.every_window import SECTIONS, workday


def test_go_menu_names_the_sections_and_their_shortcuts_open_them(qtbot, tmp_path):
    window = workday(qtbot, tmp_path)
    actions = window.go_menu.actions()
    assert [a.text().replace("&", "") for a in actions] == list(SECTIONS)
    assert [a.shortcut().toString() for a in actions] == [f"Ctrl+{n}" for n in range(1, 7)]
    window.activateWindow()
    for number, name in ((3, "Directory"), (6, "Settings"), (1, "Today")):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.nav.currentItem().text() == name
