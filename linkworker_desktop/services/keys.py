"""What the screens need to know about keys before and around unlocking.

The start page offers "Unlock with this computer account" only when the key file has a keyring
slot and the OS keyring answers; Settings shows why it cannot when it cannot. A new passphrase
is checked by the same rule the key file enforces.
"""

from __future__ import annotations

from linkworker_desktop.services.profile import ProfileFiles
from linkworker_desktop.storage import os_keyring
from linkworker_desktop.storage.keyfile import (
    MIN_PASSPHRASE_LENGTH,
    KeyFile,
    check_new_passphrase,
)

__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "check_new_passphrase",
    "keyring_available",
    "keyring_unlock_offered",
]


def keyring_available() -> tuple[bool, str]:
    """Whether the OS keyring can be used here, and if not, a sentence saying why."""
    return os_keyring.availability()


def keyring_unlock_offered(files: ProfileFiles) -> bool:
    """Whether the OS keyring can unlock this caseload (StorageError: key file unreadable)."""
    return KeyFile.load(files.keys).has_slot("keyring") and keyring_available()[0]
