"""Screens ask for the open caseload when they need it, because the app can lock at any moment.

A dialog opened before a lock must not save through the connection it saw then: it calls a
getter at save time, and a locked (closed) profile counts as none.
"""

from __future__ import annotations

from collections.abc import Callable

from linkworker_desktop.services.profile import OpenProfile

ProfileGetter = Callable[[], OpenProfile | None]


def usable(profile: OpenProfile | None) -> OpenProfile | None:
    """The profile if it can be used now (a locked one has no connection)."""
    return profile if profile is not None and profile.is_open and profile.conn else None
