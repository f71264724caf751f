"""The announcement helper really sends Qt's announcement event."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel

from linkworker_desktop.ui import a11y


def test_announce_sends_an_announcement_event_with_the_text_and_politeness(qtbot, monkeypatch):
    label = QLabel("Plan saved.")
    qtbot.addWidget(label)
    sent: list[tuple[str, str, str, object]] = []

    def capture(event) -> None:
        assert isinstance(event, QAccessibleAnnouncementEvent)
        sent.append((event.type().name, event.message(), event.politeness().name, event.object()))

    monkeypatch.setattr(QAccessible, "updateAccessibility", capture)
    a11y.announce(label, "Plan saved.")
    a11y.announce(label, "Passphrase not right.", a11y.ASSERTIVE)
    a11y.announce(label, "")
    assert sent == [
        ("Announcement", "Plan saved.", "Polite", label),
        ("Announcement", "Passphrase not right.", "Assertive", label),
    ]
