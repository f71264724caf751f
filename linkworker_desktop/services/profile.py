"""A worker's profile on this laptop: create it, unlock it, change or recover its passphrase.

A profile is a folder holding the encrypted caseload and its key file. Nothing here touches the
caseload file unless its key has been proved first, so a wrong passphrase or a damaged key file
can never harm the data.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from linkworker_desktop import APP_ID
from linkworker_desktop.domain.ids import utc_now, uuid7
from linkworker_desktop.services import machine_config
from linkworker_desktop.services.settings import Settings
from linkworker_desktop.storage import database, os_keyring
from linkworker_desktop.storage.errors import (
    KeyFileDamaged,
    KeyFileMissing,
    NotADatabase,
    StorageError,
    TooManyAttempts,
    WrongPassphrase,
    WrongRecoveryKey,
)
from linkworker_desktop.storage.keyfile import (
    KdfParams,
    KeyFile,
    calibrate,
    check_new_passphrase,
    copy_path,
    new_recovery_key,
)
from linkworker_desktop.storage.throttle import UnlockThrottle
from linkworker_desktop.storage.unit_of_work import Actor, UnitOfWork


class ProfileExists(StorageError):
    def __init__(self, folder: Path):
        super().__init__(f"A caseload already exists in {folder}; unlock it instead.")


class NoProfile(StorageError):
    def __init__(self, folder: Path):
        super().__init__(
            f"There is no caseload in {folder} yet; set one up first (linkworker init)."
        )


def default_data_dir() -> Path:
    """The per-user app-data folder (``--data-dir`` or LINKWORKER_DATA_DIR override it)."""
    override = os.environ.get("LINKWORKER_DATA_DIR")
    if override:
        return Path(override)
    return platformdirs.user_data_path(APP_ID, appauthor=False) / "default"


@dataclass(frozen=True, slots=True)
class ProfileFiles:
    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / "caseload.db"

    @property
    def keys(self) -> Path:
        return self.folder / "caseload.keys"

    @property
    def keys_copy(self) -> Path:
        """The key file's second copy, written with it on every change."""
        return copy_path(self.keys)

    @property
    def throttle(self) -> Path:
        return self.folder / "unlock-attempts.json"

    def exists(self) -> bool:
        return self.database.exists() or self.keys.exists() or self.keys_copy.exists()


@dataclass
class OpenProfile:
    """An unlocked caseload: its connection, who is working, and the key while it is open."""

    files: ProfileFiles
    conn: Any
    actor: Actor
    worker_name: str
    team_name: str
    keyfile: KeyFile
    _data_key: bytearray = field(repr=False, default_factory=bytearray)

    @property
    def settings(self) -> Settings:
        return Settings(self.conn, self.actor, machine_config.current())

    @property
    def data_key(self) -> bytes:
        if not self._data_key:
            raise RuntimeError("the caseload is locked")
        return bytes(self._data_key)

    @property
    def is_open(self) -> bool:
        return bool(self._data_key)

    def close(self) -> None:
        """Lock: close the connection and overwrite the key held in memory."""
        if self.conn is not None:
            with contextlib.suppress(database.DatabaseError):
                self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            self.conn.close()
            self.conn = None
        for i in range(len(self._data_key)):
            self._data_key[i] = 0
        self._data_key = bytearray()


@dataclass(frozen=True)
class ProvenKey:
    """A data key proved against the key file, ready to open the caseload.

    Proving (Argon2id, about half a second) may run on a worker thread; opening the connection
    must then happen on the thread that will own it, through :func:`open_profile`.
    """

    files: ProfileFiles
    keyfile: KeyFile
    data_key: bytes = field(repr=False)


PRIVATE_FOLDER = 0o700


def make_private_folder(folder: Path) -> None:
    """Make the profile folder (and any missing parents) usable by its owner only.

    The caseload is encrypted, but its folder also lists who works here and when; and an
    older version made the folder 0755, so an existing one is tightened too.
    """
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        os.chmod(folder, PRIVATE_FOLDER)


def open_profile(proven: ProvenKey) -> OpenProfile:
    """Open the caseload with a proved key, on the thread that will use the connection."""
    files = proven.files
    with contextlib.suppress(OSError):  # a read-only copy (a backup being looked at) still opens
        make_private_folder(files.folder)
    conn = database.connect(files.database, proven.data_key)
    row = conn.execute(
        "SELECT p.client_id, w.id, w.display_name, COALESCE(t.name, '')"
        " FROM profile p JOIN workers w ON w.id = p.worker_id"
        " LEFT JOIN teams t ON t.id = w.team_id"
    ).fetchone()
    if row is None:
        conn.close()
        raise NotADatabase(str(files.database))
    client_id, worker_id, worker_name, team_name = row
    return OpenProfile(
        files=files,
        conn=conn,
        actor=Actor(worker_id=worker_id, client_id=client_id),
        worker_name=worker_name,
        team_name=team_name,
        keyfile=proven.keyfile,
        _data_key=bytearray(proven.data_key),
    )


def default_worker_name() -> str:
    """The person logged in to this computer, used only when the CLI is not told a name."""
    try:
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if gecos:
            return gecos
    except (ImportError, KeyError):
        pass
    return getpass.getuser()


def create_profile(
    files: ProfileFiles,
    passphrase: str,
    worker_name: str,
    team_name: str = "",
    organisation: str = "",
    kdf: KdfParams | None = None,
) -> tuple[OpenProfile, str]:
    """Set up a new encrypted caseload. Returns it open, and the recovery key to show once."""
    proven, recovery = create_profile_files(
        files, passphrase, worker_name, team_name, organisation, kdf
    )
    return open_profile(proven), recovery


def create_profile_files(
    files: ProfileFiles,
    passphrase: str,
    worker_name: str,
    team_name: str = "",
    organisation: str = "",
    kdf: KdfParams | None = None,
) -> tuple[ProvenKey, str]:
    """Write a new key file and caseload (slow: calibrates Argon2id; safe on a worker thread)."""
    if files.exists():
        raise ProfileExists(files.folder)
    check_new_passphrase(passphrase)
    worker_name = worker_name.strip()
    if not worker_name:
        raise StorageError("Your name is needed: every change in the caseload records who made it.")
    keyfile, data_key, recovery = KeyFile.create(files.keys, passphrase, kdf or calibrate())
    make_private_folder(files.folder)
    try:
        keyfile.save()
        conn = database.connect(files.database, data_key, create=True)
        worker_id, client_id = uuid7(), uuid7()
        actor = Actor(worker_id=worker_id, client_id=client_id)
        with UnitOfWork(conn, actor) as uow:
            team_id = None
            if team_name.strip():
                team_id = uow.insert(
                    "teams", {"name": team_name.strip(), "organisation": organisation.strip()}
                )
            uow.insert(
                "workers", {"id": worker_id, "display_name": worker_name, "team_id": team_id}
            )
            conn.execute(
                "INSERT INTO profile (id, client_id, worker_id, created_at) VALUES (1, ?, ?, ?)",
                (client_id, worker_id, utc_now()),
            )
        conn.close()
    except BaseException:
        for leftover in (files.database, files.keys, files.keys_copy):
            leftover.unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            Path(str(files.database) + suffix).unlink(missing_ok=True)
        raise
    return ProvenKey(files, keyfile, data_key), recovery


log = logging.getLogger(__name__)

KEY_FILE_FROM_COPY = (
    "The key file was missing or damaged, so the caseload was opened with its second copy "
    "and the key file was written again from it."
)


def _load_keyfile(files: ProfileFiles) -> KeyFile:
    if not files.exists():
        raise NoProfile(files.folder)
    return KeyFile.load(files.keys)


def _open_key(
    files: ProfileFiles, opener: Callable[[KeyFile], bytes | None]
) -> tuple[KeyFile, bytes | None]:
    """Run ``opener`` on the key file, or on its second copy when the file is missing or damaged.

    Only damage falls back: a wrong passphrase is the person's, and the copy would say the same.
    When the copy opens, the key file is written again from it (with a warning), so one lost or
    damaged file never loses the caseload.
    """
    try:
        keyfile = _load_keyfile(files)
        return keyfile, opener(keyfile)
    except (KeyFileMissing, KeyFileDamaged) as first:
        if not files.keys_copy.exists():
            raise
        try:
            copy = KeyFile.load(files.keys_copy)
            data_key = opener(copy)
        except (KeyFileMissing, KeyFileDamaged):
            raise first from None
    copy.path = files.keys
    if data_key is not None:
        log.warning(KEY_FILE_FROM_COPY)
        with contextlib.suppress(OSError):  # a read-only copy (a backup being looked at)
            copy.save()
    return copy, data_key


def _keep_copy_current(keyfile: KeyFile) -> None:
    """A caseload from before second copies (or whose copy was lost) gets one once it opens."""
    if not keyfile.copy_is_current():
        with contextlib.suppress(OSError):
            keyfile.save_copy()


def unlock(
    files: ProfileFiles, passphrase: str, clock: Callable[[], float] = time.time
) -> OpenProfile:
    """Open with the passphrase; wrong guesses make each next try wait longer."""
    return open_profile(prove_passphrase(files, passphrase, clock))


def prove_passphrase(
    files: ProfileFiles, passphrase: str, clock: Callable[[], float] = time.time
) -> ProvenKey:
    """Check the passphrase against the key file (slow, no database: safe on a worker thread)."""
    if not files.exists():
        raise NoProfile(files.folder)
    throttle = UnlockThrottle(files.throttle, clock)
    wait = throttle.seconds_to_wait()
    if wait > 0:
        raise TooManyAttempts(wait)
    keyfile, data_key = _open_key(files, lambda kf: kf.open_with_passphrase(passphrase))
    if data_key is None:
        failures, next_wait = throttle.record_failure()
        raise WrongPassphrase(failures, next_wait)
    throttle.reset()
    if keyfile.add_missing_checks():
        # A key file from before slot checks gets them once its passphrase is proved; a
        # read-only copy (a backup being looked at) still opens.
        with contextlib.suppress(OSError):
            keyfile.save()
    _keep_copy_current(keyfile)
    return ProvenKey(files, keyfile, data_key)


def unlock_with_recovery(
    files: ProfileFiles,
    recovery_key: str,
    new_passphrase: str,
    kdf: KdfParams | None = None,
    clock: Callable[[], float] = time.time,
) -> tuple[OpenProfile, str]:
    """Open with the recovery key and set a new passphrase; a new recovery key replaces it."""
    proven, fresh = recover_with_key(files, recovery_key, new_passphrase, kdf, clock)
    return open_profile(proven), fresh


def recover_with_key(
    files: ProfileFiles,
    recovery_key: str,
    new_passphrase: str,
    kdf: KdfParams | None = None,
    clock: Callable[[], float] = time.time,
) -> tuple[ProvenKey, str]:
    """Prove the recovery key, set the new passphrase and a new recovery key (worker-thread safe).

    The caseload is checked to open with the key before the key file is rewritten.
    """
    check_new_passphrase(new_passphrase)
    if not files.exists():
        raise NoProfile(files.folder)
    throttle = UnlockThrottle(files.throttle, clock)
    wait = throttle.seconds_to_wait()
    if wait > 0:
        raise TooManyAttempts(wait)
    keyfile, data_key = _open_key(files, lambda kf: kf.open_with_recovery(recovery_key))
    if data_key is None:
        throttle.record_failure()
        raise WrongRecoveryKey()
    database.connect(files.database, data_key).close()
    keyfile.set_passphrase(data_key, new_passphrase, kdf or calibrate())
    fresh = new_recovery_key()
    keyfile.set_recovery(data_key, fresh)
    keyfile.save()
    throttle.reset()
    return ProvenKey(files, keyfile, data_key), fresh


def unlock_with_keyring(files: ProfileFiles) -> OpenProfile | None:
    """Open with the secret kept in the OS keyring, or None when that slot cannot be used."""

    def with_keyring(keyfile: KeyFile) -> bytes | None:
        if not keyfile.has_slot("keyring"):
            return None
        secret = os_keyring.load_secret(keyfile.key_id)
        return None if secret is None else keyfile.open_with_keyring(secret)

    keyfile, data_key = _open_key(files, with_keyring)
    if data_key is None:
        return None
    return open_profile(ProvenKey(files, keyfile, data_key))


def change_passphrase(
    profile: OpenProfile, current: str, new: str, kdf: KdfParams | None = None
) -> None:
    """Rewrap the data key under a new passphrase; the caseload file itself is not rewritten."""
    check_new_passphrase(new)
    keyfile = KeyFile.load(profile.files.keys)
    if keyfile.open_with_passphrase(current) is None:
        raise WrongPassphrase(0, 0.0)
    keyfile.set_passphrase(profile.data_key, new, kdf or calibrate())
    keyfile.save()
    profile.keyfile = keyfile


def enable_keyring(profile: OpenProfile) -> None:
    """Let this computer account unlock the caseload (KeyringUnavailable says why not)."""
    # The file on disk, not the copy read at unlock: the passphrase may have changed since.
    keyfile = KeyFile.load(profile.files.keys)
    secret = os_keyring.store_new_secret(keyfile.key_id)
    keyfile.set_keyring(profile.data_key, secret)
    keyfile.save()
    profile.keyfile = keyfile


def disable_keyring(profile: OpenProfile) -> None:
    keyfile = KeyFile.load(profile.files.keys)
    keyfile.remove_slot("keyring")
    keyfile.save()
    profile.keyfile = keyfile
    os_keyring.forget_secret(keyfile.key_id)


def remove_profile_files(files: ProfileFiles) -> None:
    """Used by tests and by a worker deleting a profile they set up by mistake."""
    shutil.rmtree(files.folder, ignore_errors=True)
