"""The errors a screen may catch, named where screens look: the services they call.

The UI sits on services and never reaches into storage or sync; these are the same classes
those layers raise, so ``except`` works on both sides of the line.
"""

from __future__ import annotations

from linkworker_desktop.storage.database import DatabaseError
from linkworker_desktop.storage.errors import (
    KeyringUnavailable,
    StorageError,
    TooManyAttempts,
    WeakPassphrase,
    WrongPassphrase,
)
from linkworker_desktop.sync.errors import AppTooOld, DeviceRevoked, HubRejected, SyncError

__all__ = [
    "AppTooOld",
    "DatabaseError",
    "DeviceRevoked",
    "HubRejected",
    "KeyringUnavailable",
    "StorageError",
    "SyncError",
    "TooManyAttempts",
    "WeakPassphrase",
    "WrongPassphrase",
]
