"""What a sync round can fail with, apart from the HTTP client so screens catch them cheaply.

The app catches these from its first screen; the client and its wire models load only when a
round runs.
"""

from __future__ import annotations


class SyncError(Exception):
    """The round failed in a way worth retrying later (offline, timeout, hub error)."""


class DeviceRevoked(SyncError):
    """The hub no longer accepts this device: retrying will not help."""


class ResyncNeeded(SyncError):
    """The hub no longer keeps changes this old: pull everything again from the start."""


class AppTooOld(SyncError):
    """The hub needs a newer version of the app (426): its own words say so; the outbox waits."""


class HubRejected(SyncError):
    """The hub refused the request as malformed (a 4xx): a fault to report, not to retry."""


class InsecureHub(HubRejected):
    """Plain http:// to another computer would send patient records unencrypted."""

    def __init__(self, base_url: str):
        super().__init__(
            f"The hub address {base_url} uses plain http:// to another computer, so records "
            "would cross the network unencrypted. Use the hub's https:// address (on a test "
            "network only, enrol with --insecure)."
        )
