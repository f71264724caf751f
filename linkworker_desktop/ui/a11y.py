"""Announcements to screen readers: status and errors said aloud without moving focus.

Every announcement goes through :func:`announce`, so one place decides how it reaches assistive
technology (Qt's announcement event, read by AT-SPI, UI Automation and VoiceOver) and tests can
hear what was said by replacing :data:`sink`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

POLITE = QAccessible.AnnouncementPoliteness.Polite
ASSERTIVE = QAccessible.AnnouncementPoliteness.Assertive


def _emit(source: QObject, text: str, politeness: QAccessible.AnnouncementPoliteness) -> None:
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(politeness)
    QAccessible.updateAccessibility(event)


# Where announcements go: Qt's accessibility events in the app, a list in tests.
sink: Callable[[QObject, str, QAccessible.AnnouncementPoliteness], None] = _emit


def announce(
    source: QObject, text: str, politeness: QAccessible.AnnouncementPoliteness = POLITE
) -> None:
    """Say ``text`` once; polite waits for the screen reader to finish, assertive interrupts."""
    if text:
        sink(source, text, politeness)
