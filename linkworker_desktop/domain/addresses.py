"""Web addresses of hubs and feeds, checked without loading an HTTP library."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    """The host of ``url`` in lower case ("" when there is none or the address is malformed)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def is_loopback(url: str) -> bool:
    """Whether the address is this computer (localhost, 127.0.0.0/8, ::1)."""
    host = host_of(url)
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
