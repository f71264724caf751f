"""The time zone this laptop keeps, as a named zone whose clock changes can be checked.

``datetime.astimezone()`` gives only today's fixed offset, which cannot say that 01:30 on the
last Sunday of March does not exist. The zone is read from ``TZ`` or /etc/localtime; where
neither names one (Windows), the service is in the UK, so Europe/London is used.
"""

from __future__ import annotations

import os
from datetime import tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from linkworker_desktop.domain.clock_changes import LONDON


def _named(key: str) -> tzinfo | None:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_zone() -> tzinfo:
    """This laptop's zone: from TZ, else /etc/localtime's link, else Europe/London."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and (zone := _named(name)) is not None:
        return zone
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return LONDON
    key = target.split("zoneinfo/", 1)[-1]
    return _named(key) or LONDON
