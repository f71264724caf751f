"""Headings are read as headings, named with the words they show, in every window.

A screen reader user moves through a screen by its headings ("H" in most readers); a bold label
is plain text to them.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QWidget

from linkworker_desktop.ui.widgets.heading import Heading
from linkworker_desktop.ui.widgets.value_label import plain_text
from tests.ui.every_window import WINDOWS, every_window


def test_a_heading_has_the_heading_role_and_its_words_as_its_name(qtbot):
    heading = Heading("<h1>Caseload locked</h1>")
    plain = QLabel("<h1>Caseload locked</h1>")
    for widget in (heading, plain):
        qtbot.addWidget(widget)
    assert QAccessible.queryAccessibleInterface(heading).role() == QAccessible.Role.Heading
    assert QAccessible.queryAccessibleInterface(heading).text(QAccessible.Text.Name) == (
        "Caseload locked"
    )
    assert QAccessible.queryAccessibleInterface(plain).role() == QAccessible.Role.StaticText
    heading.setText("Stage 2 of 6: What matters to you")
    assert QAccessible.queryAccessibleInterface(heading).text(QAccessible.Text.Name) == (
        "Stage 2 of 6: What matters to you"
    )


def test_every_window_reads_its_headings_as_headings(qtbot, tmp_path):
    seen: set[str] = set()
    wrong: list[str] = []

    def look(name: str, widget: QWidget) -> None:
        for heading in widget.window().findChildren(Heading):
            if not heading.isVisible():
                continue
            iface = QAccessible.queryAccessibleInterface(heading)
            said = iface.text(QAccessible.Text.Name)
            seen.add(said)
            if iface.role() != QAccessible.Role.Heading:
                wrong.append(f"{name}: {said!r} is read as {iface.role()}")
            if said != plain_text(heading.text()).strip():
                wrong.append(f"{name}: {said!r} shows {heading.text()!r}")

    names = every_window(qtbot, tmp_path, look)
    assert len(names) == WINDOWS
    assert {
        "Set up your caseload",
        "Caseload locked",
        "Stage 1 of 6: Welcome and consent",
        "Connect to your organisation's hub",
    } <= seen, seen
    assert wrong == [], "\n".join(wrong)
