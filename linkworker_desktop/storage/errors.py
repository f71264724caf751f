"""Storage failures, each with a sentence a link worker or an IT reviewer can act on.

None of these is raised after anything was written: a failed open leaves every file as it was.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base of every storage failure the app explains to the user."""


class WrongPassphrase(StorageError):
    def __init__(self, failures: int, wait_seconds: float):
        self.failures = failures
        self.wait_seconds = wait_seconds
        super().__init__("That passphrase is not right; check Caps Lock and try again.")


class TooManyAttempts(StorageError):
    def __init__(self, wait_seconds: float):
        self.wait_seconds = wait_seconds
        super().__init__(
            f"Too many wrong passphrases; wait {max(1, round(wait_seconds))} seconds and try again."
        )


class WrongRecoveryKey(StorageError):
    def __init__(self) -> None:
        super().__init__(
            "That recovery key does not open this caseload; check each group of letters."
        )


class KeyFileMissing(StorageError):
    def __init__(self, path: str):
        super().__init__(
            f"The key file {path} is missing, so the caseload cannot be opened: restore it "
            "from your backup (the caseload file has not been touched)."
        )


class KeyFileDamaged(StorageError):
    def __init__(self, path: str, detail: str):
        super().__init__(
            f"The key file {path} is damaged ({detail}): restore it from your backup "
            "(the caseload file has not been touched)."
        )


class NotADatabase(StorageError):
    def __init__(self, path: str):
        super().__init__(
            f"The file {path} is not a Linkworker caseload this key can open (it may be damaged, "
            "tampered with, or from another profile), and nothing has been changed."
        )


class CaseloadMissing(StorageError):
    def __init__(self, path: str, folder: str):
        super().__init__(
            f"The caseload file {path} is missing from {folder}; restore it from a backup "
            "(the key file has not been touched)."
        )


class DamagedDatabase(StorageError):
    """The key opened the file, but a page inside it fails SQLCipher's check."""

    def __init__(self, path: str):
        super().__init__(
            f"The caseload file {path} is damaged, so it was not changed: restore it from a backup."
        )


class DatabaseTrouble(StorageError):
    """Any other failure reading or writing an opened caseload (busy, disk full)."""

    def __init__(self, path: str, detail: str):
        super().__init__(
            f"The caseload file {path} could not be read or written ({detail}); try again, and "
            "restore it from a backup if it keeps happening."
        )


class UnencryptedDatabase(StorageError):
    def __init__(self, path: str):
        super().__init__(
            f"The file {path} is an unencrypted SQLite file, not an encrypted Linkworker caseload, "
            "so it has not been opened or changed."
        )


class NewerDatabase(StorageError):
    def __init__(self, found: int, known: int):
        self.found = found
        self.known = known
        super().__init__(
            f"This caseload was saved by a newer version of Linkworker Desktop (schema {found}; "
            f"this app knows up to {known}): update the app to open it (nothing has been changed)."
        )


class WeakPassphrase(StorageError):
    pass


class KeyringUnavailable(StorageError):
    pass


class MigrationFailed(StorageError):
    def __init__(self, name: str, detail: str):
        super().__init__(
            f"Upgrading the caseload failed at {name} ({detail}), so the caseload was left as "
            "it was before the upgrade."
        )
