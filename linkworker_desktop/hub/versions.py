"""Refuse laptops whose protocol is older than this hub supports, in words a link worker reads.

The organisation raises ``LINKWORKER_HUB_MIN_PROTOCOL`` once every laptop has been updated to a
version speaking the newer protocol; a laptop still behind is answered 426 with a sentence it
shows as it is. Nothing on the laptop is lost: its changes stay in its outbox until it is updated.
Health, readiness and the API document stay open, so monitoring never depends on a version.
"""

from __future__ import annotations

import os
import re

from linkworker_desktop.hub.limits import App, Receive, Scope, Send, refuse
from linkworker_desktop.sync.protocol import (
    OLDEST_PROTOCOL,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    VERSION_HEADER,
)

MIN_PROTOCOL_VARIABLE = "LINKWORKER_HUB_MIN_PROTOCOL"
OPEN_PATHS = frozenset({"/v1/health", "/v1/ready", "/openapi.json"})
# A version is shown back to the person, so only a plain one is repeated.
_PLAIN_VERSION = re.compile(r"^[0-9A-Za-z.+-]{1,40}$")


class BadMinimumProtocol(ValueError):
    pass


def minimum_protocol() -> int:
    """The oldest protocol this hub accepts, from the environment (default: the oldest, 1)."""
    raw = os.environ.get(MIN_PROTOCOL_VARIABLE, "").strip()
    if not raw:
        return OLDEST_PROTOCOL
    if not raw.isdigit() or not OLDEST_PROTOCOL <= int(raw) <= PROTOCOL_VERSION:
        raise BadMinimumProtocol(
            f"{MIN_PROTOCOL_VARIABLE}={raw!r} is not a protocol this hub speaks; give a number "
            f"from {OLDEST_PROTOCOL} to {PROTOCOL_VERSION}."
        )
    return int(raw)


def too_old_message(version: str) -> str:
    shown = f" ({version})" if version else ""
    return (
        f"This version of Linkworker Desktop{shown} is too old for your organisation's hub. "
        "Ask your IT team to update it. Nothing has been lost: your changes wait on this laptop."
    )


def _sent_protocol(headers: dict[bytes, bytes]) -> int:
    raw = headers.get(PROTOCOL_HEADER.lower().encode(), b"").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 6 else OLDEST_PROTOCOL


def _sent_version(headers: dict[bytes, bytes]) -> str:
    raw = headers.get(VERSION_HEADER.lower().encode(), b"").decode("ascii", "replace").strip()
    return raw if _PLAIN_VERSION.match(raw) else ""


class VersionGate:
    """Answer 426 to a laptop whose protocol is older than the minimum, before any work."""

    def __init__(self, app: App, minimum: int = OLDEST_PROTOCOL):
        self.app = app
        self.minimum = minimum

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in OPEN_PATHS:
            headers = dict(scope["headers"])
            if _sent_protocol(headers) < self.minimum:
                detail = too_old_message(_sent_version(headers))
                await refuse(send, 426, "upgrade_required", detail)
                return
        await self.app(scope, receive, send)
